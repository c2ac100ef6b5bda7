#!lua
-- Adds one intake to time-ordered indexes. KEYS: the sorted sets. ARGV: 1 intake id, 2 score (receivedAt, epoch ms),
-- 3 drop members scored below this (epoch ms), 4 key TTL (ms; 0 keeps the key forever).
for i = 1, #KEYS do
    redis.call('ZADD', KEYS[i], ARGV[2], ARGV[1])
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. ARGV[3])
    if ARGV[4] ~= '0' then
        redis.call('PEXPIRE', KEYS[i], ARGV[4])
    end
end
return #KEYS
