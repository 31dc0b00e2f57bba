-- wrk script for the carriers bench: each request is the next signed Kuaidi100 push from the file
-- BODIES names (one form-encoded body per line, written by carriers.bench.ts), round and round.
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
local i = 0
function request()
  i = i % #bodies + 1
  return wrk.format("POST", "/api/tracking/kuaidi100/push", { ["Content-Type"] = "application/x-www-form-urlencoded" }, bodies[i])
end
done = function(summary, latency, requests)
  io.write(string.format('{"requests":%d,"seconds":%.3f,"non2xx":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
