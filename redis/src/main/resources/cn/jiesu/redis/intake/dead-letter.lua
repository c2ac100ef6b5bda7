#!lua
-- Moves a pending entry to the dead-letter stream and acknowledges it in its group, in one step.
-- KEYS: 1 intake stream, 2 dead-letter stream. ARGV: 1 group, 2 entry id, 3.. dead-letter field/value pairs.
local id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 3))
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
return id
