#!lua
-- Overwrites intake fields of a stored appeal, indexes any new phone number, and records an 'enriched' event.
-- KEYS: 1 appeal hash, 2 appeal-events stream, 3.. phone indexes of numbers among the new fields.
-- ARGV: 1 intakeId, 2 at, 3 events MAXLEN, 4 field names (comma separated), 5 appeal retention (ms, 0: forever),
--       6.. field/value pairs.
-- Returns 0 when no such appeal (nothing written), else 1.
if redis.call('EXISTS', KEYS[1]) == 0 then
    return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV, 6))
if #KEYS > 2 then
    local score = redis.call('HGET', KEYS[1], 'receivedAtMs') or '0'
    for i = 3, #KEYS do
        redis.call('ZADD', KEYS[i], score, ARGV[1])
        if tonumber(ARGV[5]) > 0 then
            redis.call('PEXPIRE', KEYS[i], ARGV[5])
        end
    end
end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*',
        'type', 'enriched', 'intakeId', ARGV[1], 'fields', ARGV[4], 'at', ARGV[2])
return 1
