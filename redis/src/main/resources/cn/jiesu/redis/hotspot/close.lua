#!lua
-- Closes a hotspot if it is still the one open on its key; its appeals stay readable for the keep time, both under
-- its id (for the board) and as the key's last closed hotspot (so its appeals do not open another).
-- KEYS: 1 open hotspots (hash), 2 the key's members, 3 the hotspot's closed members, 4 the key's last closed members,
--       5 closed index (zset), 6 closed record (string)
-- ARGV: 1 key id, 2 encoded hotspot, 3 hotspot id, 4 closedAt (ms), 5 keep (ms)
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then
    return 0
end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('EXISTS', KEYS[2]) == 1 then
    redis.call('COPY', KEYS[2], KEYS[4], 'REPLACE')
    redis.call('RENAME', KEYS[2], KEYS[3])
    redis.call('PEXPIRE', KEYS[3], ARGV[5])
    redis.call('PEXPIRE', KEYS[4], ARGV[5])
else
    redis.call('DEL', KEYS[4])
end
redis.call('SET', KEYS[6], ARGV[2] .. '\t' .. ARGV[4], 'PX', ARGV[5])
redis.call('ZADD', KEYS[5], ARGV[4], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. (tonumber(ARGV[4]) - tonumber(ARGV[5])))
return 1
