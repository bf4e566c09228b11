-- wrk script: GET /api/v2/integrations/{id} as an admin, rotating through the
-- ids in the file named by the first argument; the second is the admin's
-- session secret.
local requests, n, at = {}, 0, 0
local next_thread = 0

function setup(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  local headers = { ["Cookie"] = "portico_session=" .. args[2] }
  for id in io.lines(args[1]) do
    n = n + 1
    requests[n] = wrk.format("GET", "/api/v2/integrations/" .. id, headers)
  end
  assert(n > 0, "no ids in " .. args[1])
  at = (thread_index * 101) % n
end

function request()
  at = at % n + 1
  return requests[at]
end
