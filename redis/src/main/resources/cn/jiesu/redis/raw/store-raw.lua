#!lua
-- Keeps one raw request under its content-addressed key. KEYS: 1 the payload hash. ARGV: 1 retention (ms),
-- 2.. field/value pairs. The first copy of a body wins (a retry of the same bytes only extends the retention), so
-- the audit copy is the request as it first arrived. Returns 1 when stored now, 0 when it was already there.
if redis.call('EXISTS', KEYS[1]) == 1 then
    redis.call('PEXPIRE', KEYS[1], ARGV[1])
    return 0
end
local fields = {}
for i = 2, #ARGV do
    fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
