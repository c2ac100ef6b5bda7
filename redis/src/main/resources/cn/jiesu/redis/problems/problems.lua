#!lua
-- Counts one appeal towards recurring problems, at most once (at-least-once delivery): the day's seen set remembers
-- every appeal counted, and a repeat changes nothing. Each of the appeal's pairs gets +1 in the month's hash and the
-- appeal's id in the pair's month set (scored by receivedAt ms), which keeps only the newest ARGV[5] ids; the hash
-- keeps the exact count. Month keys expire at an absolute time (the month's end plus the retention), so a late
-- write never prolongs a month.
-- KEYS: 1 the seen set of the appeal's receivedAt day, 2 the month's counts hash.
-- ARGV: 1 intakeId, 2 seen set time to live ms, 3 month expiry (epoch ms), 4 the month's id sets' expiry (epoch ms:
-- no later than the appeals they name), 5 receivedAt (epoch ms), 6 ids kept per pair and month, 7 the month's id set
-- prefix (the pair's key follows), 8.. the pairs (topic|district|street).
-- Returns 1 when counted, 0 for a repeat.
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then
    return 0
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local cap = tonumber(ARGV[6])
for i = 8, #ARGV do
    redis.call('HINCRBY', KEYS[2], ARGV[i], 1)
    local ids = ARGV[7] .. ARGV[i]
    redis.call('ZADD', ids, ARGV[5], ARGV[1])
    redis.call('ZREMRANGEBYRANK', ids, 0, -(cap + 1))
    redis.call('PEXPIREAT', ids, ARGV[4])
end
redis.call('PEXPIREAT', KEYS[2], ARGV[3])
return 1
