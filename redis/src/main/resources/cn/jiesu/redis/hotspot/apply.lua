#!lua
-- Adds the hourly and daily counts of logged appeals to the count pages and records up to which log entry they are
-- in, in one step: a new detecting instance counts again exactly the entries after it. Fenced like log.lua.
-- KEYS: 1 lease, 2 applied (string), then k count pages (hash)
-- ARGV: 1 token, 2 the last log entry applied, 3 k; per page: ttl (ms, 0 = leave), field count, (slot, n)...
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
    return redis.error_reply('NOTLEADER the hotspot lease is not held by this instance')
end
local a = 4
for i = 3, 2 + tonumber(ARGV[3]) do
    local ttl = tonumber(ARGV[a])
    local n = tonumber(ARGV[a + 1])
    a = a + 2
    for _ = 1, n do
        redis.call('HINCRBY', KEYS[i], ARGV[a], ARGV[a + 1])
        a = a + 2
    end
    if ttl > 0 then
        redis.call('PEXPIRE', KEYS[i], ttl)
    end
end
redis.call('SET', KEYS[2], ARGV[2])
return 1
