#!lua
-- Extends the leases (and trunk slots, agent reservations) this owner holds. KEYS: 1 leases, 2 trunks.
-- ARGV: 1 owner, 2 lease until ms, 3 slot until ms, 4 callback key prefix, 5 agents key prefix, 6.. callback ids.
-- Returns the ids whose lease this owner no longer holds (taken over or completed).
local lost = {}
for i = 6, #ARGV do
    local id = ARGV[i]
    local f = redis.call('HMGET', ARGV[4] .. id, 'owner', 'status', 'attempt', 'mode', 'queue')
    if f[1] == ARGV[1] and f[2] == 'DIALING' then
        local channel = 'cb-' .. id .. '-' .. f[3]
        redis.call('HSET', ARGV[4] .. id, 'leaseUntil', ARGV[2])
        redis.call('ZADD', KEYS[1], ARGV[2], id)
        redis.call('ZADD', KEYS[2], ARGV[3], channel)
        if f[4] == 'AGENT_FIRST' then
            redis.call('ZADD', ARGV[5] .. f[5], ARGV[3], channel)
        end
    else
        lost[#lost + 1] = id
    end
end
return lost
