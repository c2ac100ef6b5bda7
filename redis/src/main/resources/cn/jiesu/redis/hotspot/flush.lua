#!lua
-- Applies one write-behind flush of the hotspot detector: the coalesced slot increments and remembered appeals, then
-- the appeals' observed-once markers. When any appeal's marker already exists (a redelivery of an
-- appeal whose earlier flush succeeded, or another instance counted it) nothing is written and the positions of
-- those markers are returned, so the client drops their writes and sends the rest again.
-- KEYS: m markers, then k count pages (hash), then j recent sets (zset)
-- ARGV: 1 m, 2 k, 3 j, 4 marker ttl (ms); per page: ttl (ms, 0 = leave), field count, (slot, n)...;
--       per recent set: cutoff (ms, exclusive), ttl (ms; 0 = neither trim nor expire now), pair count,
--       (score, member)...
local m, k, j = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local dup = {}
for i = 1, m do
    if redis.call('EXISTS', KEYS[i]) == 1 then
        dup[#dup + 1] = i
    end
end
if #dup > 0 then
    return dup
end
local a = 5
for i = m + 1, m + k do
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
for i = m + k + 1, m + k + j do
    local cutoff = ARGV[a]
    local ttl = ARGV[a + 1]
    local n = tonumber(ARGV[a + 2])
    a = a + 3
    for _ = 1, n do
        redis.call('ZADD', KEYS[i], ARGV[a], ARGV[a + 1])
        a = a + 2
    end
    if ttl ~= '0' then
        redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. cutoff)
        redis.call('PEXPIRE', KEYS[i], ttl)
    end
end
-- Markers last: should a command above fail (a script is not rolled back), the appeals are counted again on
-- redelivery, in part twice, rather than never.
for i = 1, m do
    redis.call('SET', KEYS[i], '1', 'PX', ARGV[4])
end
return dup
