#!lua
-- An agent confirms or corrects an appeal's triage: overwrites its tier, type and deadline, clears the review flag,
-- takes it off the review index, records the correction for the next training run, and an appeal event.
-- KEYS: 1 appeal hash, 2 review index, 3 corrections stream, 4 appeal-events stream.
-- ARGV: 1 intakeId, 2 at, 3 events MAXLEN, 4 corrections MAXLEN, 5 urgency, 6 requestType, 7 dueAt, 8 by, 9 text,
--       10 urgency before, 11 requestType before.
-- Returns 0 when no such appeal (nothing written), else 1.
if redis.call('EXISTS', KEYS[1]) == 0 then
    return 0
end
-- An agent's decision is certain: confidence 1, no review.
redis.call('HSET', KEYS[1], 'urgency', ARGV[5], 'requestType', ARGV[6], 'dueAt', ARGV[7], 'triage.review', 'false',
        'triage.confidence', '1.0')
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', 'intakeId', ARGV[1], 'at', ARGV[2], 'by', ARGV[8],
        'urgency', ARGV[5], 'requestType', ARGV[6], 'urgencyBefore', ARGV[10], 'requestTypeBefore', ARGV[11],
        'text', ARGV[9])
-- 'schema' names the event's format for consumers outside Jiesu (docs/schemas/appeal-event.v1.json).
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[3], '*', 'schema', 'appeal-event.v1', 'type', 'triage-confirmed',
        'intakeId', ARGV[1], 'urgency', ARGV[5], 'requestType', ARGV[6], 'by', ARGV[8], 'at', ARGV[2])
return 1
