-- wrk script for the ingest bench: every request is a new order (its own external id and
-- Idempotency-Key from a counter), the same body shape as the autocannon load in ingest.bench.ts.
-- KEYS=random: both are 32 random hex digits instead, as real channels and clients send them (a
-- counter's keys land at the end of their indexes, random ones anywhere).
local counter = 0
local prefix = os.getenv("PREFIX") or "w"
local token = os.getenv("TOKEN")
local random = os.getenv("KEYS") == "random"
math.randomseed(os.time() + #prefix * 7919)
local function nextKey(n)
  if not random then return string.format("%s-%d", prefix, n) end
  return string.format("%08x%08x%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff), math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
end
function request()
  counter = counter + 1
  local n = counter
  local key = nextKey(n)
  local lines = string.format('{"sku":"B-%d","qty":%d}', n % 200, 1 + n % 3)
  if n % 2 == 1 then lines = lines .. string.format(',{"sku":"B-%d","qty":1}', (n * 7) % 200) end
  local body = string.format('{"channel":"bench","externalId":"%s","shipTo":{"name":"张三","phone":"13800138000","country":"CN","province":"广东省","city":"深圳市","district":"南山区","address1":"科技园路1号2栋301室","postcode":"518000"},"lines":[%s],"carrier":"sf","total":{"amount":4990,"currency":"CNY"}}', key, lines)
  return wrk.format("POST", "/api/orders", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token, ["Idempotency-Key"] = key }, body)
end
done = function(summary, latency, requests)
  io.write(string.format('{"requests":%d,"seconds":%.3f,"non2xx":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
