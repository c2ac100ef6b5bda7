#!lua
-- Moves an appeal to a status. KEYS: 1 appeal hash. ARGV: 1 status, 2 statusAt. Returns 0 when no such appeal.
if redis.call('EXISTS', KEYS[1]) == 0 then
    return 0
end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'statusAt', ARGV[2])
return 1
