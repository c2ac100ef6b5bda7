#!lua
-- Links two appeals both ways. KEYS: 1 appeal hash A, 2 appeal hash B, 3 related set A, 4 related set B.
-- ARGV: 1 id A, 2 id B, 3 appeal retention (ms, 0: forever): the related sets live as long as the appeals.
-- Returns 0 when either appeal does not exist (nothing written), else 1.
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0 then
    return 0
end
redis.call('SADD', KEYS[3], ARGV[2])
redis.call('SADD', KEYS[4], ARGV[1])
if tonumber(ARGV[3]) > 0 then
    redis.call('PEXPIRE', KEYS[3], ARGV[3])
    redis.call('PEXPIRE', KEYS[4], ARGV[3])
end
return 1
