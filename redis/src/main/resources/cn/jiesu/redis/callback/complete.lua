#!lua
-- Records the end of one attempt exactly once per attempt id, releases its lease, trunk slot and agent
-- reservation, and applies what follows:
--   never started (a reclaimer proved it)     -> not counted; PENDING again at the current notBefore
--   updated during the call (rev changed) and
--     the kind changed, or a new agent-scheduled time, unless answered with the same kind
--                                             -> not counted if the kind changed; PENDING at the current notBefore
--   otherwise                                 -> the caller's decision: retry at a time, or a final status
-- KEYS: 1 callback hash, 2 leases, 3 trunks, 4 delayed, 5 ready, 6 ready:em, 7 open, 8 by-phone zset, 9 open key,
--       10 risk, 11 agents of the callback's queue.
-- ARGV: 1 id, 2 attempt, 3 outcome or NOT_STARTED, 4 ended ms, 5 'retry' or 'final', 6 retry-at ms or final status,
--       7 appeal retention ms (a final callback's hash expires then; 0: kept forever).
-- Returns {1, status} or {0, 'duplicate' | 'stale' | 'missing'}.
local id, n = ARGV[1], ARGV[2]
if redis.call('EXISTS', KEYS[1]) == 0 then
    return {0, 'missing'}
end
if redis.call('HEXISTS', KEYS[1], 'h.' .. n .. '.outcome') == 1 then
    return {0, 'duplicate'}
end
local f = redis.call('HMGET', KEYS[1], 'status', 'attempt', 'rev', 'claimRev', 'kind', 'claimKind', 'notBefore',
        'placeBy', 'emergency', 'claimedAt', 'claimedBy')
if f[1] ~= 'DIALING' or f[2] ~= n then
    return {0, 'stale'}
end
local channel = 'cb-' .. id .. '-' .. n
redis.call('HSET', KEYS[1], 'h.' .. n .. '.outcome', ARGV[3], 'h.' .. n .. '.claimedAt', f[10],
        'h.' .. n .. '.endedAt', ARGV[4], 'h.' .. n .. '.instance', f[11])
-- An agent's attempt recorded meanwhile may have a higher number.
if tonumber(n) > tonumber(redis.call('HGET', KEYS[1], 'h.last') or '0') then
    redis.call('HSET', KEYS[1], 'h.last', n)
end
redis.call('HDEL', KEYS[1], 'owner', 'leaseUntil')
redis.call('ZREM', KEYS[2], id)
redis.call('ZREM', KEYS[3], channel)
redis.call('ZREM', KEYS[11], channel)

local started = ARGV[3] ~= 'NOT_STARTED'
local updated = f[3] ~= f[4]
local sameKind = f[5] == f[6]
if started and sameKind then
    redis.call('HINCRBY', KEYS[1], 'attempts', 1)
end

local function requeue(at)
    redis.call('HSET', KEYS[1], 'status', 'PENDING', 'notBefore', at)
    if tonumber(at) <= tonumber(ARGV[4]) then
        redis.call('ZADD', f[9] == '1' and KEYS[6] or KEYS[5], f[8], id)
    else
        redis.call('ZADD', KEYS[4], at, id)
    end
    return {1, 'PENDING'}
end

if not started then
    return requeue(f[7])
end
if updated and not (ARGV[3] == 'ANSWERED' and sameKind)
        and (not sameKind or f[5] == 'AGENT_SCHEDULED') then
    return requeue(f[7])
end
if ARGV[5] == 'retry' then
    return requeue(ARGV[6])
end
redis.call('HSET', KEYS[1], 'status', ARGV[6], 'finalAt', ARGV[4])
if tonumber(ARGV[7]) > 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[7])
end
redis.call('ZREM', KEYS[7], id)
redis.call('ZREM', KEYS[8], id)
redis.call('ZREM', KEYS[10], id)
if redis.call('GET', KEYS[9]) == id then
    redis.call('DEL', KEYS[9])
end
return {1, ARGV[6]}
