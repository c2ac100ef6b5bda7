#!lua
-- Replaces a callback's request fields if its revision is still the one the caller merged from (compare and set).
-- A PENDING callback moves between the delayed and ready sets as its times say; a DIALING one stays where it is:
-- the running attempt's completion sees the new revision.
-- KEYS: 1 callback hash, 2 by-phone zset, 3 open zset, 4 delayed, 5 ready, 6 ready:em, 7 risk.
-- ARGV: 1 id, 2 expected rev, 3 now ms, 4.. field/value pairs. Returns 1, 0 on a revision conflict, -1 when closed.
local f = redis.call('HMGET', KEYS[1], 'rev', 'status')
if not f[1] then
    return -1
end
if f[1] ~= ARGV[2] then
    return 0
end
if f[2] ~= 'PENDING' and f[2] ~= 'DIALING' then
    return -1
end
local fields = {}
for i = 4, #ARGV do
    fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
local t = redis.call('HMGET', KEYS[1], 'placeBy', 'notBefore', 'emergency')
redis.call('ZADD', KEYS[2], t[1], ARGV[1])
redis.call('ZADD', KEYS[3], t[1], ARGV[1])
redis.call('ZREM', KEYS[7], ARGV[1])
if f[2] == 'PENDING' then
    redis.call('ZREM', KEYS[4], ARGV[1])
    redis.call('ZREM', KEYS[5], ARGV[1])
    redis.call('ZREM', KEYS[6], ARGV[1])
    if tonumber(t[2]) <= tonumber(ARGV[3]) then
        redis.call('ZADD', t[3] == '1' and KEYS[6] or KEYS[5], t[1], ARGV[1])
    else
        redis.call('ZADD', KEYS[4], t[2], ARGV[1])
    end
end
return 1
