#!lua
-- Gives the hotspot lease up if this instance holds it. KEYS: 1 the lease. ARGV: 1 token. 1 released, 0 not held.
if redis.call('GET', KEYS[1]) == ARGV[1] then
    redis.call('DEL', KEYS[1])
    return 1
end
return 0
