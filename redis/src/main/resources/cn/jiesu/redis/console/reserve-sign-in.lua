-- Reserves one password check for (extension, client address), or says how long to wait. One script, so that
-- concurrent sign-ins cannot all read "under the limit" before any of them counts: the check is counted here,
-- before it runs, and a right password clears the pair's count afterwards.
-- KEYS[1] sign-in:{ext}:{source} hash {n: checks so far, until: ms before which no check is allowed}
-- KEYS[2] sign-in-agent:{ext} counter of checks in the current agent window
-- KEYS[3] sign-in-known:{ext}:{source} present while the extension signed in from this address recently: such an
--         address is exempt from the extension-wide cap (guesses from many new addresses must not lock the agent
--         out at their own desk); its own backoff still applies
-- ARGV: now ms, free attempts, backoff base ms, backoff max ms, forget-after ms, agent limit, agent window ms
-- Returns {1, 0} granted, {0, wait ms} the pair waits, {2, wait ms} the extension as a whole waits.
local now = tonumber(ARGV[1])
local free = tonumber(ARGV[2])
local base = tonumber(ARGV[3])
local max = tonumber(ARGV[4])
local forget = tonumber(ARGV[5])
local agentLimit = tonumber(ARGV[6])
local agentWindow = tonumber(ARGV[7])

local waitUntil = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if now < waitUntil then
    return {0, waitUntil - now}
end
local agentChecks = tonumber(redis.call('GET', KEYS[2]) or '0')
if agentChecks >= agentLimit and redis.call('EXISTS', KEYS[3]) == 0 then
    local ttl = redis.call('PTTL', KEYS[2])
    if ttl < 0 then
        -- A counter without expiry would hold the extension forever: give it its window.
        redis.call('PEXPIRE', KEYS[2], agentWindow)
        ttl = agentWindow
    end
    return {2, ttl}
end

local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
-- SignInPolicy.waitAfter: nothing before the free attempts are used, then base * 2^(n - free), at most max.
local wait = 0
if n >= free then
    local doublings = n - free
    if doublings >= 52 then
        wait = max
    else
        wait = math.min(max, base * (2 ^ doublings))
    end
end
wait = math.floor(wait)
redis.call('HSET', KEYS[1], 'until', string.format('%d', now + wait))
redis.call('PEXPIRE', KEYS[1], wait + forget)
if redis.call('INCR', KEYS[2]) == 1 then
    redis.call('PEXPIRE', KEYS[2], agentWindow)
end
return {1, 0}
