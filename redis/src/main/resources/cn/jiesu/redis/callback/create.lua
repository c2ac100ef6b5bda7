#!lua
-- Creates a callback unless the appeal and number already have an open one (then returns that id: the caller
-- merges and updates). KEYS: 1 callback hash, 2 open key, 3 by-intake set, 4 by-phone zset, 5 open zset,
-- 6 delayed, 7 ready, 8 ready:em. ARGV: 1 id, 2 now ms, 3 callback key prefix, 4 appeal retention ms (the by-intake
-- set expires with it; 0: kept forever), 5.. field/value pairs.
local existing = redis.call('GET', KEYS[2])
if existing and redis.call('EXISTS', ARGV[3] .. existing) == 1 then
    return {0, existing}
end
local fields = {}
for i = 5, #ARGV do
    fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
local f = redis.call('HMGET', KEYS[1], 'placeBy', 'notBefore', 'emergency')
redis.call('SET', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
if tonumber(ARGV[4]) > 0 then
    redis.call('PEXPIRE', KEYS[3], ARGV[4])
end
redis.call('ZADD', KEYS[4], f[1], ARGV[1])
redis.call('ZADD', KEYS[5], f[1], ARGV[1])
if tonumber(f[2]) <= tonumber(ARGV[2]) then
    redis.call('ZADD', f[3] == '1' and KEYS[8] or KEYS[7], f[1], ARGV[1])
else
    redis.call('ZADD', KEYS[6], f[2], ARGV[1])
end
return {1, ARGV[1]}
