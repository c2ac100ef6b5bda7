#!lua
-- Records an attempt an agent placed by hand (click-to-call from the console) on an open callback, and applies the
-- caller's decision: ANSWERED closes it as REACHED; otherwise the next automatic attempt waits for the retry time,
-- or the callback is final when the budget or the time is used up. While the scheduler is dialing the callback the
-- attempt is only recorded: the running attempt's completion decides what follows.
-- KEYS: 1 callback hash, 2 delayed, 3 ready, 4 ready:em, 5 open, 6 by-phone zset, 7 open key, 8 risk.
-- ARGV: 1 id, 2 outcome, 3 at ms, 4 agent, 5 'retry' or 'final', 6 retry-at ms or final status, 7 appeal retention
--       ms (a final callback's hash expires then; 0: kept forever).
-- Returns {1, status} or {0, 'missing' | final status}.
local f = redis.call('HMGET', KEYS[1], 'status')
if not f[1] then
    return {0, 'missing'}
end
if f[1] ~= 'PENDING' and f[1] ~= 'DIALING' then
    return {0, f[1]}
end
local n = redis.call('HINCRBY', KEYS[1], 'next', 1)
redis.call('HSET', KEYS[1], 'h.' .. n .. '.outcome', ARGV[2], 'h.' .. n .. '.claimedAt', ARGV[3],
        'h.' .. n .. '.endedAt', ARGV[3], 'h.' .. n .. '.instance', 'agent:' .. ARGV[4])
if n > tonumber(redis.call('HGET', KEYS[1], 'h.last') or '0') then
    redis.call('HSET', KEYS[1], 'h.last', n)
end
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if f[1] == 'DIALING' then
    return {1, 'DIALING'}
end
if ARGV[5] == 'retry' then
    redis.call('HSET', KEYS[1], 'notBefore', ARGV[6])
    redis.call('ZREM', KEYS[3], ARGV[1])
    redis.call('ZREM', KEYS[4], ARGV[1])
    redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
    return {1, 'PENDING'}
end
redis.call('HSET', KEYS[1], 'status', ARGV[6], 'finalAt', ARGV[3])
if tonumber(ARGV[7]) > 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[7])
end
for i = 2, 6 do
    redis.call('ZREM', KEYS[i], ARGV[1])
end
redis.call('ZREM', KEYS[8], ARGV[1])
if redis.call('GET', KEYS[7]) == ARGV[1] then
    redis.call('DEL', KEYS[7])
end
return {1, ARGV[6]}
