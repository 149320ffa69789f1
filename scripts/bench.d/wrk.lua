-- Drives one request kind for scripts/bench. Read from the environment:
--   WRK_METHOD, WRK_KEY (Bearer key), WRK_HEADERS (JSON object of extra headers, flat strings),
--   WRK_BODY_KIND: "" (no body), "static" (WRK_BODY as is), "user" (a new user per request),
--   "cognito" (a new Cognito user per request; WRK_BODY is the pool ID),
--   "refresh" (the refresh-token grant; WRK_BODY is the client ID, WRK_TOKENS a file of unspent refresh
--   tokens, one a line, dealt round-robin to the WRK_THREADS threads).
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

-- Refresh tokens are single use and each answer carries the next one, so every thread keeps a queue:
-- request() takes a token off it and response() puts the rotated one back. A connection sends its next
-- request only after its previous answer, so a queue that starts deeper than the thread's connections
-- never runs dry while every answer succeeds, and no token is ever sent twice. Tokens taken and never
-- answered are lost, never reused: a failed answer's, and the one wrk's first thread takes when wrk calls
-- request() once before the run to check the script. An empty queue sends a token that cannot exist,
-- which the emulator rejects (a counted failure).
local queue = { first = 1, last = 0 }

local function push(token)
  queue.last = queue.last + 1
  queue[queue.last] = token
end

local function pop()
  if queue.first > queue.last then return nil end
  local token = queue[queue.first]
  queue[queue.first] = nil
  queue.first = queue.first + 1
  return token
end

function init(args)
  wrk.method = method
  wrk.headers["Content-Type"] = "application/json"
  if key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
  for name, value in string.gmatch(os.getenv("WRK_HEADERS") or "{}", '"([^"]+)"%s*:%s*"([^"]*)"') do
    wrk.headers[name] = value
  end
  counter = 0
  unusable = 0
  math.randomseed(os.time() * 1000 + id)
  prefix = string.format("%d-%d", id, math.random(1, 1000000000))
  if kind == "refresh" then
    local count = tonumber(os.getenv("WRK_THREADS"))
    local line = 0
    for token in io.lines(os.getenv("WRK_TOKENS")) do
      if line % count == id - 1 then push(token) end
      line = line + 1
    end
  end
end

function request()
  counter = counter + 1
  if kind == "user" then
    return wrk.format(nil, nil, nil, string.format('{"email":"bench-%s-%d@example.com"}', prefix, counter))
  elseif kind == "cognito" then
    return wrk.format(nil, nil, nil, string.format('{"UserPoolId":"%s","Username":"bench-%s-%d"}', body, prefix, counter))
  elseif kind == "refresh" then
    return wrk.format(nil, nil, nil, string.format(
      '{"grant_type":"refresh_token","client_id":"%s","client_secret":"%s","refresh_token":"%s"}',
      body, key, pop() or "bench-queue-ran-dry"))
  elseif kind == "static" then
    return wrk.format(nil, nil, nil, body)
  end
  return wrk.format()
end

-- Defined only for the refresh grant: with a response() wrk keeps every body, which other kinds do not need.
if kind == "refresh" then
  function response(status, headers, answer)
    -- wrk counts 4xx and 5xx itself; an answer below 400 is usable only as a 2xx carrying the next token.
    if status >= 400 then return end
    local token = status < 300 and string.match(answer, '"refresh_token"%s*:%s*"([^"]+)"')
    if token then push(token) else unusable = unusable + 1 end
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local unusable_total = 0
  for _, thread in ipairs(threads) do unusable_total = unusable_total + (thread:get("unusable") or 0) end
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"errors":%d,"http_errors":%d,"unusable":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, errors, summary.errors.status, unusable_total,
    latency:percentile(50), latency:percentile(99)))
end
