-- Drives one request kind for scripts/bench. Read from the environment:
--   WRK_METHOD, WRK_KEY (Bearer key), WRK_HEADERS (JSON object of extra headers, flat strings),
--   WRK_BODY_KIND: "" (no body), "static" (WRK_BODY as is), "user" (a new user per request),
--   "cognito" (a new Cognito user per request; WRK_BODY is the pool ID).
-- Prints one line "WRKJSON {…}" with the counts and latency percentiles in microseconds.
local method = os.getenv("WRK_METHOD") or "GET"
local key = os.getenv("WRK_KEY") or ""
local kind = os.getenv("WRK_BODY_KIND") or ""
local body = os.getenv("WRK_BODY") or ""

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = method
  wrk.headers["Content-Type"] = "application/json"
  if key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
  for name, value in string.gmatch(os.getenv("WRK_HEADERS") or "{}", '"([^"]+)"%s*:%s*"([^"]*)"') do
    wrk.headers[name] = value
  end
  counter = 0
  math.randomseed(os.time() * 1000 + id)
  prefix = string.format("%d-%d", id, math.random(1, 1000000000))
end

function request()
  counter = counter + 1
  if kind == "user" then
    return wrk.format(nil, nil, nil, string.format('{"email":"bench-%s-%d@example.com"}', prefix, counter))
  elseif kind == "cognito" then
    return wrk.format(nil, nil, nil, string.format('{"UserPoolId":"%s","Username":"bench-%s-%d"}', body, prefix, counter))
  elseif kind == "static" then
    return wrk.format(nil, nil, nil, body)
  end
  return wrk.format()
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, errors, summary.errors.status,
    latency:percentile(50), latency:percentile(99)))
end
