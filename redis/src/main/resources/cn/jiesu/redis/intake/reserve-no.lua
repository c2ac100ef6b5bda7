#!lua
-- Reserves the appeal number of an intake that is not appended yet (a call an agent answered: the tracker appends
-- its appeal at hangup), so that the number can be read to the citizen now; append.lua gives the appeal this
-- number. Idempotent: an appended intake answers its own number, a second reservation the first one.
-- KEYS: 1 dedupe, 2 reservation, 3 day sequence
-- ARGV: 1 appeal key prefix, 2 yyMMdd, 3 sequence ttl (s), 4 reservation ttl (ms)
-- Returns {number, appended 0|1}.
local first = redis.call('GET', KEYS[1])
if first then
    local no = redis.call('HGET', ARGV[1] .. first, 'appealNo')
    if no then
        return {no, 1}
    end
end
local reserved = redis.call('GET', KEYS[2])
if reserved then
    return {reserved, 0}
end
local seq = redis.call('INCR', KEYS[3])
redis.call('EXPIRE', KEYS[3], ARGV[3], 'NX')
local no = string.format('%s%06d', ARGV[2], seq)
redis.call('SET', KEYS[2], no, 'PX', ARGV[4])
return {no, 0}
