-- Marks a call ended: its pops move to ENDED, and pops created later for it start ENDED.
-- KEYS: 1 call-ended marker, 2 call-pops set
-- ARGV: 1 ttl (ms), 2 pop key prefix, 3 on-call set prefix (the agent's key is the prefix and the ext)
-- Returns 'ext|popId|previousState' for each pop that changed.
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
local changed = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    local bar = string.find(member, '|', 1, true)
    local popId = string.sub(member, bar + 1)
    local popKey = ARGV[2] .. popId
    redis.call('SREM', ARGV[3] .. string.sub(member, 1, bar - 1), popId)
    local state = redis.call('HGET', popKey, 'state')
    if state and state ~= 'ENDED' then
        redis.call('HSET', popKey, 'state', 'ENDED')
        changed[#changed + 1] = member .. '|' .. state
    end
end
return changed
