#!lua
-- Unlinks two appeals both ways. KEYS: 1 related set A, 2 related set B. ARGV: 1 id A, 2 id B.
-- Returns how many of the two directions were removed.
return redis.call('SREM', KEYS[1], ARGV[2]) + redis.call('SREM', KEYS[2], ARGV[1])
