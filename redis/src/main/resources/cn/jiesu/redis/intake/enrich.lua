#!lua
-- Overwrites intake fields of a stored appeal, indexes any new phone number and new text, and records an 'enriched'
-- event.
-- KEYS: 1 appeal hash, 2 appeal-events stream, 3 search window (zset), 4 search texts (hash), 5.. phone indexes of
--       numbers among the new fields.
-- ARGV: 1 intakeId, 2 at, 3 events MAXLEN, 4 field names (comma separated), 5 appeal retention (ms, 0: forever),
--       6 the appeal's new search text ('' : unchanged), 7 search window size (entries), 8.. field/value pairs.
-- Returns 0 when no such appeal (nothing written), else 1.
if redis.call('EXISTS', KEYS[1]) == 0 then
    return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV, 8))
local score = redis.call('HGET', KEYS[1], 'receivedAtMs') or '0'
if #KEYS > 4 then
    for i = 5, #KEYS do
        redis.call('ZADD', KEYS[i], score, ARGV[1])
        if tonumber(ARGV[5]) > 0 then
            redis.call('PEXPIRE', KEYS[i], ARGV[5])
        end
    end
end
-- A phone appeal gets its text from the agent's form: only now can it be found by text.
if ARGV[6] ~= '' then
    redis.call('ZADD', KEYS[3], score, ARGV[1])
    redis.call('HSET', KEYS[4], ARGV[1], ARGV[6])
    local over = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[7])
    if over > 0 then
        local old = redis.call('ZRANGE', KEYS[3], 0, over - 1)
        redis.call('ZREMRANGEBYRANK', KEYS[3], 0, over - 1)
        redis.call('HDEL', KEYS[4], unpack(old))
    end
end
-- 'schema' names the event's format for consumers outside Jiesu (docs/schemas/appeal-event.v1.json).
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*',
        'schema', 'appeal-event.v1', 'type', 'enriched', 'intakeId', ARGV[1], 'fields', ARGV[4], 'at', ARGV[2])
return 1
