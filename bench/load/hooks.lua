-- wrk script for the channels bench: each request is the next signed Shopify webhook from the file
-- BODIES names (one per line: path, signature, webhook id, body; tab-separated; written by
-- channels-wrk.bench.ts), round and round (a lap past the end only repeats deliveries: deduplicated).
local lines = {}
for line in io.lines(os.getenv("BODIES")) do lines[#lines + 1] = line end
-- formatted on first use: wrk knows the Host header only once the requests start
local posts = {}
local i = 0
function request()
  i = i % #lines + 1
  if not posts[i] then
    local path, sig, id, body = lines[i]:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    posts[i] = wrk.format("POST", path, { ["Content-Type"] = "application/json", ["X-Shopify-Topic"] = "orders/create", ["X-Shopify-Hmac-Sha256"] = sig, ["X-Shopify-Webhook-Id"] = id }, body)
  end
  return posts[i]
end
done = function(summary, latency, requests)
  io.write(string.format('{"requests":%d,"seconds":%.3f,"non2xx":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
local shown = 0
function response(status, headers, body)
  if status >= 300 and status ~= 401 and shown < 3 then shown = shown + 1; io.stderr:write(status .. " " .. body .. "\n") end
end
