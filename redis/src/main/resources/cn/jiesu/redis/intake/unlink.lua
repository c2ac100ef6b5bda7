#!lua
-- Unlinks two appeals both ways and remembers that a person did, so that the merge does not link them again
-- (on a redelivery or after an enrichment). KEYS: 1 related set A, 2 related set B, 3 unlinked set A,
-- 4 unlinked set B. ARGV: 1 id A, 2 id B, 3 appeal retention (ms, 0: forever).
-- Returns how many of the two directions were removed.
local removed = redis.call('SREM', KEYS[1], ARGV[2]) + redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[2])
redis.call('SADD', KEYS[4], ARGV[1])
if tonumber(ARGV[3]) > 0 then
    redis.call('PEXPIRE', KEYS[3], ARGV[3])
    redis.call('PEXPIRE', KEYS[4], ARGV[3])
end
return removed
