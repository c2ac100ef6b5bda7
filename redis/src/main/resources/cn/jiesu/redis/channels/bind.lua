#!lua
-- Binds (ARGV[1] = 1) or unbinds (0) two citizen identities both ways. KEYS: 1 bindings of A, 2 bindings of B.
-- ARGV: 1 mode, 2 identity A, 3 identity B. Returns how many of the two directions changed.
if ARGV[1] == '1' then
    return redis.call('SADD', KEYS[1], ARGV[3]) + redis.call('SADD', KEYS[2], ARGV[2])
end
return redis.call('SREM', KEYS[1], ARGV[3]) + redis.call('SREM', KEYS[2], ARGV[2])
