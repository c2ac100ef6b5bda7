#!lua
-- Opens a hotspot unless one is open on its key; its first appeals replace any left by a join that raced a close.
-- KEYS: 1 open hotspots (hash), 2 the key's members (zset)
-- ARGV: 1 key id, 2 encoded hotspot, 3.. score/member pairs
-- Returns 1 when this call opened it, 0 when one was open already.
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
    return 0
end
redis.call('DEL', KEYS[2])
if #ARGV > 2 then
    redis.call('ZADD', KEYS[2], unpack(ARGV, 3))
end
return 1
