-- wrk script: durable config PUTs. Arguments: the targets file (lines of
-- "id<TAB>version<TAB>body without its version"), the first line to use (0
-- based), how many lines, the number of wrk threads, the admin's session
-- secret and CSRF token. Each thread owns every nthreads-th target of the
-- slice, and an integration is never written by two requests at once: a
-- request takes a free target, its 200 answer (which names the integration
-- and its new version) frees it again. So no PUT is stale, and each one is a
-- real, committed write.
local ids, versions, bodies, index_of = {}, {}, {}, {}
local free, n_free = {}, 0
local headers
local next_thread, threads = 0, {}

function setup(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  local first, count, nthreads = tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
  headers = {
    ["Cookie"] = "portico_session=" .. args[5],
    ["X-CSRF-Token"] = args[6],
    ["Content-Type"] = "application/json",
  }
  local line_no = 0
  for line in io.lines(args[1]) do
    local slot = line_no - first
    if slot >= 0 and slot < count and slot % nthreads == thread_index then
      local id, version, body = line:match("^([^\t]+)\t(%d+)\t(.+)$")
      table.insert(ids, id)
      versions[#ids], bodies[#ids], index_of[id] = tonumber(version), body, #ids
      n_free = n_free + 1
      free[n_free] = #ids
    end
    line_no = line_no + 1
  end
  ok, failed, starved = 0, 0, 0
end

function request()
  if n_free == 0 then -- every target busy or lost: should not happen, counted
    starved = starved + 1
    return wrk.format("GET", "/healthz")
  end
  local t = free[n_free]
  n_free = n_free - 1
  local body = '{"version":' .. versions[t] .. "," .. bodies[t]:sub(2)
  return wrk.format("PUT", "/api/v2/integrations/" .. ids[t] .. "/config/current", headers, body)
end

function response(status, headers, body)
  if status == 200 and body:sub(1, 6) == '{"id":' then
    local t = index_of[body:match('^{"id":"([^"]+)"')]
    if t then
      versions[t] = tonumber(body:match('"version":(%d+)'))
      n_free = n_free + 1
      free[n_free] = t
      ok = ok + 1
      return
    end
  end
  if status ~= 200 then failed = failed + 1 end
end

function done(summary, latency, requests)
  local o, f, s = 0, 0, 0
  for _, thread in ipairs(threads) do
    o, f, s = o + thread:get("ok"), f + thread:get("failed"), s + thread:get("starved")
  end
  io.write(string.format("put: ok %d failed %d starved %d\n", o, f, s))
end
