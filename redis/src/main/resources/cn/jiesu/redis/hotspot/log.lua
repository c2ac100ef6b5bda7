#!lua
-- Logs one flush of the detecting instance: the appeals it observed, as one stream entry, and marks them observed.
-- Fenced: only the lease holder writes, so an instance that lost the lease (paused, partitioned) cannot add appeals
-- the new holder's rebuilt windows would never see. When any appeal is marked already (another instance counted it)
-- nothing is written and the positions of those appeals are returned after an empty id.
-- KEYS: 1 lease, 2 observed appeals (zset), 3 log (stream)
-- ARGV: 1 token, 2 m, 3 now (ms), 4 trim markers before (ms, 0 = not now), 5 markers' ttl (ms, 0 = leave),
--       6 trim the log before (ms), 7 the entry's payload; then m intake ids
-- Returns {id} or {'', positions...}
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
    return redis.error_reply('NOTLEADER the hotspot lease is not held by this instance')
end
local m = tonumber(ARGV[2])
local CHUNK = 500
local dup = {''}
for from = 8, 7 + m, CHUNK do
    local to = math.min(from + CHUNK - 1, 7 + m)
    local scores = redis.call('ZMSCORE', KEYS[2], unpack(ARGV, from, to))
    for i = 1, #scores do
        if scores[i] then
            dup[#dup + 1] = from - 8 + i
        end
    end
end
if #dup > 1 then
    return dup
end
-- The entry's id follows the detector's clock (a replay reads the last hours by it); '*' if that is not after the
-- last id (another instance's clock ahead).
local ok, id = pcall(redis.call, 'XADD', KEYS[3], 'MINID', '~', ARGV[6], ARGV[3] .. '-*', 'a', ARGV[7])
if not ok then
    id = redis.call('XADD', KEYS[3], 'MINID', '~', ARGV[6], '*', 'a', ARGV[7])
end
for from = 8, 7 + m, CHUNK do
    local to = math.min(from + CHUNK - 1, 7 + m)
    local pairs = {}
    for i = from, to do
        pairs[#pairs + 1] = ARGV[3]
        pairs[#pairs + 1] = ARGV[i]
    end
    redis.call('ZADD', KEYS[2], unpack(pairs))
end
if ARGV[4] ~= '0' then
    redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[4])
end
if ARGV[5] ~= '0' then
    redis.call('PEXPIRE', KEYS[2], ARGV[5])
end
return {id}
