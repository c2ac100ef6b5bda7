#!lua
-- A reclaimer takes over the expired lease of one attempt (the instance that claimed it stopped renewing), keeping
-- its trunk slot and agent reservation, so it can ask the telephony side what became of the attempt.
-- KEYS: 1 callback hash, 2 leases, 3 trunks. ARGV: 1 id, 2 attempt, 3 new owner, 4 now ms, 5 lease until ms,
-- 6 slot until ms, 7 agents key prefix. Returns 1 when taken over, 0 when the lease is live or the attempt is over.
local f = redis.call('HMGET', KEYS[1], 'status', 'attempt', 'leaseUntil', 'mode', 'queue')
if f[1] ~= 'DIALING' or f[2] ~= ARGV[2] or tonumber(f[3]) > tonumber(ARGV[4]) then
    return 0
end
local channel = 'cb-' .. ARGV[1] .. '-' .. ARGV[2]
redis.call('HSET', KEYS[1], 'owner', ARGV[3], 'leaseUntil', ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[6], channel)
if f[4] == 'AGENT_FIRST' then
    redis.call('ZADD', ARGV[7] .. f[5], ARGV[6], channel)
end
return 1
