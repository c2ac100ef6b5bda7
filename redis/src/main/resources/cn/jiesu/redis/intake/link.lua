#!lua
-- Links two appeals both ways. KEYS: 1 appeal hash A, 2 appeal hash B, 3 related set A, 4 related set B,
-- 5 unlinked set A, 6 unlinked set B (ids a person unlinked from A, from B).
-- ARGV: 1 id A, 2 id B, 3 appeal retention (ms, 0: forever): the related sets live as long as the appeals,
-- 4 'auto' (the merge suggests it: refused when a person unlinked the pair) or 'manual' (a person links them:
-- forgets an earlier unlink).
-- Returns 0 when either appeal does not exist (nothing written), -1 when refused, else 1.
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0 then
    return 0
end
if ARGV[4] == 'auto' then
    if redis.call('SISMEMBER', KEYS[5], ARGV[2]) == 1 or redis.call('SISMEMBER', KEYS[6], ARGV[1]) == 1 then
        return -1
    end
else
    redis.call('SREM', KEYS[5], ARGV[2])
    redis.call('SREM', KEYS[6], ARGV[1])
end
redis.call('SADD', KEYS[3], ARGV[2])
redis.call('SADD', KEYS[4], ARGV[1])
if tonumber(ARGV[3]) > 0 then
    redis.call('PEXPIRE', KEYS[3], ARGV[3])
    redis.call('PEXPIRE', KEYS[4], ARGV[3])
end
return 1
