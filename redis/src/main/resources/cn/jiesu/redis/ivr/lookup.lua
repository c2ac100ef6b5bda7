-- One lookup spent from a caller's daily budget. KEYS[1]: the caller's counter for the day; ARGV[1]: seconds it
-- lives (to past the day's end). INCR and the expiry in one step, so a counter can never be left without expiry.
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return n
