#!lua
-- Claims up to N placeable callbacks in one step: promotes due ones from the delayed set, then takes the earliest
-- placeBy first across the emergency and (while the calling window is open) the ordinary ready set, each with a
-- lease, a trunk slot and, for agent-first callbacks of a queue with a known agent count, an agent reservation.
-- Nothing is claimed beyond the trunk cap or the free agents. Redis runs a script alone, so two instances never
-- claim the same callback.
-- KEYS: 1 delayed, 2 ready, 3 ready:em, 4 leases, 5 trunks.
-- ARGV: 1 now ms, 2 owner, 3 lease until ms, 4 slot until ms, 5 max claims, 6 trunk cap, 7 window open 1/0,
--       8 callback key prefix, 9 agents key prefix, 10 scan limit, 11.. queue, free agents pairs.
-- Returns {next due notBefore ms or '', claimed callback hashes (flat field/value lists)...}: the first element
-- saves the scheduler a round trip to find when to wake next.
local now = ARGV[1]
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 1000)
for _, id in ipairs(due) do
    local f = redis.call('HMGET', ARGV[8] .. id, 'placeBy', 'emergency', 'status')
    redis.call('ZREM', KEYS[1], id)
    if f[1] and f[3] == 'PENDING' then
        redis.call('ZADD', f[2] == '1' and KEYS[3] or KEYS[2], f[1], id)
    end
end

local nextDue = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local out = {nextDue[2] or ''}

redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. now)
local want = math.min(tonumber(ARGV[6]) - redis.call('ZCARD', KEYS[5]), tonumber(ARGV[5]))
if want <= 0 then
    return out
end

local limits = {}
for i = 11, #ARGV, 2 do
    limits[ARGV[i]] = tonumber(ARGV[i + 1])
end
local reserved = {}
local scan = tonumber(ARGV[10])
local em = redis.call('ZRANGE', KEYS[3], 0, scan - 1, 'WITHSCORES')
local ord = {}
if ARGV[7] == '1' then
    ord = redis.call('ZRANGE', KEYS[2], 0, scan - 1, 'WITHSCORES')
end

local i, j = 1, 1
while #out - 1 < want and (i <= #em or j <= #ord) do
    local id, set
    if j > #ord or (i <= #em and tonumber(em[i + 1]) <= tonumber(ord[j + 1])) then
        id, set = em[i], KEYS[3]
        i = i + 2
    else
        id, set = ord[j], KEYS[2]
        j = j + 2
    end
    local h = ARGV[8] .. id
    local f = redis.call('HMGET', h, 'status', 'mode', 'queue', 'rev', 'kind')
    if f[1] ~= 'PENDING' then
        redis.call('ZREM', set, id)
    else
        local agentKey = nil
        local ok = true
        if f[2] == 'AGENT_FIRST' then
            agentKey = ARGV[9] .. f[3]
            if limits[f[3]] then
                if reserved[f[3]] == nil then
                    redis.call('ZREMRANGEBYSCORE', agentKey, '-inf', '(' .. now)
                    reserved[f[3]] = redis.call('ZCARD', agentKey)
                end
                ok = reserved[f[3]] < limits[f[3]]
            end
        end
        if ok then
            local n = redis.call('HINCRBY', h, 'next', 1)
            local channel = 'cb-' .. id .. '-' .. n
            redis.call('HSET', h, 'status', 'DIALING', 'owner', ARGV[2], 'claimedBy', ARGV[2], 'leaseUntil', ARGV[3],
                    'attempt', n, 'claimedAt', now, 'claimRev', f[4], 'claimKind', f[5])
            redis.call('ZREM', set, id)
            redis.call('ZADD', KEYS[4], ARGV[3], id)
            redis.call('ZADD', KEYS[5], ARGV[4], channel)
            if agentKey then
                redis.call('ZADD', agentKey, ARGV[4], channel)
                if reserved[f[3]] then
                    reserved[f[3]] = reserved[f[3]] + 1
                end
            end
            out[#out + 1] = redis.call('HGETALL', h)
        end
    end
end
return out
