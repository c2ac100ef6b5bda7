#!lua
-- Applies one write-behind flush of the hotspot detector: the coalesced slot increments and remembered appeals, then
-- marks the appeals observed. When any appeal is marked already (a redelivery of an appeal whose earlier flush
-- succeeded, or another instance counted it) nothing is written and the positions of those appeals are returned, so
-- the client drops their writes and sends the rest again.
-- KEYS: 1 the observed appeals (zset: intake id by time), then k count pages (hash), then j recent sets (zset)
-- ARGV: 1 m, 2 k, 3 j, 4 now (ms), 5 trim markers before (ms, 0 = not now), 6 markers' ttl (ms, 0 = leave);
--       m intake ids; per page: ttl (ms, 0 = leave), field count, (slot, n)...;
--       per recent set: cutoff (ms, exclusive), ttl (ms; 0 = neither trim nor expire now), pair count,
--       (score, member)...
local m, k, j = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local CHUNK = 500 -- unpack's stack limit is a few thousand values
local dup = {}
for from = 7, 6 + m, CHUNK do
    local to = math.min(from + CHUNK - 1, 6 + m)
    local scores = redis.call('ZMSCORE', KEYS[1], unpack(ARGV, from, to))
    for i = 1, #scores do
        if scores[i] then
            dup[#dup + 1] = from - 7 + i
        end
    end
end
if #dup > 0 then
    return dup
end
local a = 7 + m
for i = 2, 1 + k do
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
for i = 2 + k, 1 + k + j do
    local cutoff = ARGV[a]
    local ttl = ARGV[a + 1]
    local n = tonumber(ARGV[a + 2])
    a = a + 3
    -- One ZADD per set and chunk: Lua's cost is per call, about as much as a member's.
    for from = a, a + 2 * n - 1, 2 * CHUNK do
        local to = math.min(from + 2 * CHUNK - 1, a + 2 * n - 1)
        redis.call('ZADD', KEYS[i], unpack(ARGV, from, to))
    end
    a = a + 2 * n
    if ttl ~= '0' then
        redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. cutoff)
        redis.call('PEXPIRE', KEYS[i], ttl)
    end
end
-- Marks last: should a command above fail (a script is not rolled back), the appeals are counted again on
-- redelivery, in part twice, rather than never.
for from = 7, 6 + m, CHUNK do
    local to = math.min(from + CHUNK - 1, 6 + m)
    local pairs = {}
    for i = from, to do
        pairs[#pairs + 1] = ARGV[4]
        pairs[#pairs + 1] = ARGV[i]
    end
    redis.call('ZADD', KEYS[1], unpack(pairs))
end
if ARGV[5] ~= '0' then
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[5])
end
if ARGV[6] ~= '0' then
    redis.call('PEXPIRE', KEYS[1], ARGV[6])
end
return dup
