#!lua flags=no-writes
-- Reads what a batch of the hotspot detector will test, in one command (a pipelined HGETALL per page cost the client
-- a write and a wake-up of its I/O thread each): count pages, the keys' last closed hotspots, the open hotspots.
-- KEYS: p count pages (hash), then c last-closed sets (zset), then the open hotspots (hash) when ARGV[3] is '1'
-- ARGV: 1 p, 2 c, 3 '1' to read the open hotspots
-- Returns one array per key: a page's or the open hotspots' field, value pairs; a set's member, score pairs.
local p, c = tonumber(ARGV[1]), tonumber(ARGV[2])
local out = {}
for i = 1, p do
    out[i] = redis.call('HGETALL', KEYS[i])
end
for i = p + 1, p + c do
    out[i] = redis.call('ZRANGE', KEYS[i], 0, -1, 'WITHSCORES')
end
if ARGV[3] == '1' then
    out[p + c + 1] = redis.call('HGETALL', KEYS[p + c + 1])
end
return out
