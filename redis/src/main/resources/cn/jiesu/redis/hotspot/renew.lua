#!lua
-- Renews the hotspot lease if this instance holds it. KEYS: 1 the lease. ARGV: 1 token, 2 ttl (ms). 1 held, 0 not.
if redis.call('GET', KEYS[1]) == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return 1
end
return 0
