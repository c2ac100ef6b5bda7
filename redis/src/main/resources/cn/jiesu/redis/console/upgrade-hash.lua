-- Replaces a Redis account's password hash with its upgrade, only if it is still the hash the sign-in verified:
-- an operator who set a new password meanwhile keeps it.
-- KEYS[1] account:{ext} hash; ARGV: 1 the verified hash, 2 the upgrade. Returns 1 replaced, 0 left alone.
if redis.call('HGET', KEYS[1], 'password-hash') == ARGV[1] then
    redis.call('HSET', KEYS[1], 'password-hash', ARGV[2])
    return 1
end
return 0
