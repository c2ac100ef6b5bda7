#!lua
-- Adds an appeal to the key's open hotspot (idempotent per appeal id); nothing when none is open (closed meanwhile).
-- KEYS: 1 open hotspots (hash), 2 the key's members (zset)
-- ARGV: 1 key id, 2 time (ms), 3 appeal id
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
    return 0
end
return redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[3])
