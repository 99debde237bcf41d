-- The load mix: 60% single-row reads, 30% an N+1 list (1 + 10 queries), 10% transactional writes.
-- PACE_MS (env) > 0 makes each connection wait that long before each request (the paced phase).
local pace = tonumber(os.getenv("PACE_MS") or "0")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  -- each wrk thread its own random sequence
  math.randomseed(os.time() * 100 + (id or 0))
end

function request()
  local r = math.random(100)
  if r <= 60 then
    return wrk.format("GET", "/items/" .. math.random(1000))
  elseif r <= 90 then
    return wrk.format("GET", "/customers/" .. math.random(100) .. "/orders")
  else
    return wrk.format("POST", "/customers/" .. math.random(100) .. "/orders?item=" .. math.random(1000))
  end
end

if pace > 0 then
  function delay()
    return pace
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, errors, latency:percentile(50), latency:percentile(99)))
end
