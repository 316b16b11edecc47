// The Redis side of the sliding-window log: one EVAL, so check-and-count is atomic however many app
// instances call at once (Redis runs a script without interleaving other commands).
//
// KEYS[1]  sorted set of allowed attempts (score = time in ms, member unique per attempt)
// ARGV[1]  now (ms, from the app: every instance and the memory backend share one notion of time;
//          instances' clocks are NTP-synced, a few ms of skew only shifts a window by as much)
// ARGV[2]  window (ms)
// ARGV[3]  limit
// ARGV[4]  member for this attempt (random, so two attempts in the same ms both count)
//
// Returns {allowed (1|0), remaining, resetAt ms}: integers only, because Redis turns Lua numbers into
// integer replies and the REST layer (base64 or not) passes integers through untouched.
//
// Only ZREMRANGEBYSCORE, ZCARD, ZADD, ZRANGE and PEXPIRE: plain Redis 7.0 commands, no script flags
// (the "#!lua flags=allow-key-locking" shebang of @upstash/ratelimit 2.1+ is what Redis 7.0 rejects).
export const SLIDING_WINDOW_SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])

redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = 0
if count < limit then
  redis.call('ZADD', key, now, ARGV[4])
  count = count + 1
  allowed = 1
  -- The newest attempt expires last: the whole key is gone one window after it.
  redis.call('PEXPIRE', key, window)
end

local resetAt = now + window
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
if oldest[2] then resetAt = tonumber(oldest[2]) + window end
local remaining = limit - count
if remaining < 0 then remaining = 0 end
return {allowed, remaining, resetAt}
`;
