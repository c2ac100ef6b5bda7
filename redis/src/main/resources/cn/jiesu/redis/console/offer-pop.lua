-- Creates a pop unless it exists; an existing pop only moves forward (OFFERED < CONNECTED < ENDED).
-- A CONNECTED pop is in its agent's on-call set until its call ends (end-call.lua): the agent is on that call.
-- KEYS: 1 pop hash, 2 agent's pending zset, 3 call-pops set, 4 call-ended marker, 5 agent's on-call set
-- ARGV: 1 popId, 2 ext, 3 linkedid, 4 state, 5 body, 6 score (epoch ms), 7 ttl (ms)
-- Returns {created 0|1, state, changed 0|1}.
local rank = {OFFERED = 1, CONNECTED = 2, ENDED = 3}
local current = redis.call('HGET', KEYS[1], 'state')
if current then
    if rank[ARGV[4]] > rank[current] then
        redis.call('HSET', KEYS[1], 'state', ARGV[4])
        if ARGV[4] == 'CONNECTED' then
            redis.call('SADD', KEYS[5], ARGV[1])
            redis.call('PEXPIRE', KEYS[5], ARGV[7])
        end
        return {0, ARGV[4], 1}
    end
    return {0, current, 0}
end
local state = ARGV[4]
if redis.call('EXISTS', KEYS[4]) == 1 then
    state = 'ENDED'
end
redis.call('HSET', KEYS[1], 'ext', ARGV[2], 'linkedid', ARGV[3], 'state', state, 'body', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[7])
redis.call('SADD', KEYS[3], ARGV[2] .. '|' .. ARGV[1])
redis.call('PEXPIRE', KEYS[3], ARGV[7])
if state == 'CONNECTED' then
    redis.call('SADD', KEYS[5], ARGV[1])
    redis.call('PEXPIRE', KEYS[5], ARGV[7])
end
return {1, state, 1}
