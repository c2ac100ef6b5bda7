-- Replaces a pop's body (a fact learned after the pop was made, e.g. the call's appeal number), only while the pop
-- exists: a body alone would be a pop without agent or state.
-- KEYS: 1 pop hash. ARGV: 1 body. Returns 1 when rewritten, 0 when the pop is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then
    return 0
end
redis.call('HSET', KEYS[1], 'body', ARGV[1])
return 1
