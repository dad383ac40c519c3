-- wrk script of bench/portal.sh: GET one path on every request, with a portal session
-- cookie picked at random from a file (one cookie value a line) when one is given.
--
--   wrk ... -s bench/portal.lua URL -- PATH [COOKIE_FILE]
--
-- Counts answers that are not 2xx over all threads and prints one parseable line:
--   result path=/p/ requests=N duration_s=S rps=R p50_ms=A p99_ms=B non2xx=N socket_errors=N

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

-- Globals, so that done() can read them from the threads.
target = "/"
non2xx = 0
local cookies = {}

function init(args)
  target = args[1] or "/"
  if args[2] then
    for line in io.lines(args[2]) do
      if line ~= "" then table.insert(cookies, line) end
    end
    assert(#cookies > 0, "no cookies in " .. args[2])
  end
  math.randomseed(os.time() + id * 7919)
end

function request()
  if #cookies == 0 then return wrk.format("GET", target) end
  return wrk.format("GET", target, { ["Cookie"] = "kulanz_portal=" .. cookies[math.random(#cookies)] })
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "result path=%s requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    threads[1]:get("target"), summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, bad, e.connect + e.read + e.write + e.timeout))
end
