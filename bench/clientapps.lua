-- wrk script: GET the path of the URL as many users, one session secret per
-- line of the file named by the first argument, each thread starting at a
-- different place in the list and rotating through it.
local requests, n, at = {}, 0, 0
local next_thread = 0

function setup(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  for secret in io.lines(args[1]) do
    n = n + 1
    requests[n] = wrk.format("GET", wrk.path, { ["Cookie"] = "portico_session=" .. secret })
  end
  assert(n > 0, "no sessions in " .. args[1])
  at = (thread_index * 7919) % n
end

function request()
  at = at % n + 1
  return requests[at]
end
