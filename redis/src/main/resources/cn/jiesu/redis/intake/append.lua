#!lua
-- Appends one intake exactly once per dedupe key; see RedisAppealStore.append. Redis runs a script alone, so
-- concurrent appends of one key serialize here. The shebang makes Redis refuse the whole script up front when it
-- is out of memory (noeviction), instead of failing half-way.
-- KEYS: 1 dedupe, 2 day sequence, 3 appeal hash, 4 intake stream, 5 search window (zset), 6 search texts (hash),
--       7 the number reserved for this dedupe key (reserve-no.lua; used and removed when present),
--       8.. time indexes scored by receipt (phone numbers, the triage review set, channel accounts)
-- ARGV: 1 intakeId, 2 dedupe window (s), 3 yyMMdd, 4 sequence ttl (s), 5 appeal key prefix,
--       6 appealNo key prefix, 7 status, 8 statusAt, 9 index score (receivedAt, epoch ms), 10 appeal retention (ms,
--       0: keep forever), 11 the intake's fields packed as one JSON object (for the appeal hash), 12 search text
--       ('' : none), 13 search window size (entries), 14.. the stream entry's field/value pairs (schema, then the
--       intake's fields)
local first = redis.call('GET', KEYS[1])
if first then
    return {first, redis.call('HGET', ARGV[5] .. first, 'appealNo'), 1}
end

-- A number reserved while the call was up (the agent has read it to the citizen) is the appeal's number.
local no = redis.call('GET', KEYS[7])
if no then
    redis.call('DEL', KEYS[7])
else
    local seq = redis.call('INCR', KEYS[2])
    redis.call('EXPIRE', KEYS[2], ARGV[4], 'NX')
    no = string.format('%s%06d', ARGV[3], seq)
end

-- unpack() as the last argument passes the intake's field/value pairs straight from ARGV: no Lua table is built
-- or copied per append (the intake has ~33 pairs). The stream entry carries them as fields (the queue's
-- contract); the hash keeps them packed in one value (see PackedFields).
local id = redis.call('XADD', KEYS[4], '*', 'appealNo', no, unpack(ARGV, 14))
redis.call('HSET', KEYS[3], 'appealNo', no, 'status', ARGV[7], 'statusAt', ARGV[8], 'receivedAtMs', ARGV[9],
    'intake', ARGV[11])
-- The appeal's keys expire with the retention (bounded memory: noeviction would otherwise stop the intake once
-- Redis is full); a phone index expires when its number has been quiet that long. Members of expired appeals in an
-- active number's index are not pruned here (one command less per append): lookups skip them, and they number one
-- per appeal of that citizen.
local keep = tonumber(ARGV[10])
if keep > 0 then
    redis.call('PEXPIRE', KEYS[3], keep)
    redis.call('SET', ARGV[6] .. no, ARGV[1], 'PX', keep)
else
    redis.call('SET', ARGV[6] .. no, ARGV[1])
end
for i = 8, #KEYS do
    redis.call('ZADD', KEYS[i], ARGV[9], ARGV[1])
    if keep > 0 then
        redis.call('PEXPIRE', KEYS[i], keep)
    end
end
-- The text search window: the newest appeals' folded text, at most ARGV[13] of them (the oldest by receipt leave
-- first), so its memory is bounded whatever the retention; see RedisAppealSearch.
if ARGV[12] ~= '' then
    redis.call('ZADD', KEYS[5], ARGV[9], ARGV[1])
    redis.call('HSET', KEYS[6], ARGV[1], ARGV[12])
    local over = redis.call('ZCARD', KEYS[5]) - tonumber(ARGV[13])
    if over > 0 then
        local old = redis.call('ZRANGE', KEYS[5], 0, over - 1)
        redis.call('ZREMRANGEBYRANK', KEYS[5], 0, over - 1)
        redis.call('HDEL', KEYS[6], unpack(old))
    end
end
-- Last, so that nothing above can leave a dedupe key without its appeal.
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return {ARGV[1], no, 0, id}
