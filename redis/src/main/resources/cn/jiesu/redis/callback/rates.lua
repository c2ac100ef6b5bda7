#!lua
-- Counts one appeal event towards 三率, at most once per appeal and event (see RateCounts for the formulas).
-- Each count goes to the day hash of every scope of the appeal: rates:{yyyyMMdd}:{scope}, scope = all, d:{district},
-- s:{district}/{street}. The appeal's own hash remembers what was counted, so redelivered events change nothing.
-- KEYS: 1 the appeal's rate hash. ARGV: 1 event, 2 rates key prefix, 3 scopes (comma separated), 4 day of the
-- event (yyyyMMdd), 5 at (epoch ms), 6 event argument (below), 7 appeal retention ms (the appeal's rate hash
-- expires that long after its first event; 0: kept forever). Events and their argument:
--   receive  -: the appeal was received on day ARGV[4] (the volume beside the rates, once per appeal)
--   due      dueAt ms: the appeal is due on day ARGV[4]
--   respond  -: the first response came at ARGV[5] (in time when not after dueAt)
--   resolve  1/0: a resolution was reported (resolved or not); a later report can flip resolved
--   rate     satisfied | basicallySatisfied | dissatisfied | noResponse: the latest rating counts
--   rescope  -: the appeal was placed anew (a phone appeal placed by the agent's form, an address corrected): what
--            it counted so far moves from its scopes to ARGV[3] on the days it was counted; 'all' stays
-- Returns 1 when something was counted, 0 when it was a repeat.
local h = KEYS[1]
if ARGV[1] == 'rescope' then
    local old = redis.call('HGET', h, 'scopes')
    if not old or old == ARGV[3] then
        if not old then
            -- nothing counted yet: later events count under the new scopes
            redis.call('HSET', h, 'scopes', ARGV[3])
            if tonumber(ARGV[7]) > 0 then
                redis.call('PEXPIRE', h, ARGV[7])
            end
        end
        return 0
    end
    local function set(list)
        local out = {}
        for scope in string.gmatch(list, '[^,]+') do
            out[scope] = true
        end
        return out
    end
    local from, to = set(old), set(ARGV[3])
    local function move(day, field)
        for scope in pairs(from) do
            if not to[scope] then
                redis.call('HINCRBY', ARGV[2] .. day .. ':' .. scope, field, -1)
            end
        end
        for scope in pairs(to) do
            if not from[scope] then
                redis.call('HINCRBY', ARGV[2] .. day .. ':' .. scope, field, 1)
                redis.call('SADD', ARGV[2] .. 'scopes', scope)
            end
        end
    end
    local f = redis.call('HMGET', h, 'receivedDay', 'dueDay', 'dueAt', 'respondedAt', 'handledDay', 'resolved',
        'ratedDay', 'rating')
    if f[1] then
        move(f[1], 'received')
    end
    if f[2] then
        move(f[2], 'due')
        if f[4] and tonumber(f[4]) <= tonumber(f[3]) then
            move(f[2], 'respondedInTime')
        end
    end
    if f[5] then
        move(f[5], 'handled')
        if f[6] == '1' then
            move(f[5], 'resolved')
        end
    end
    if f[7] then
        move(f[7], f[8])
    end
    redis.call('HSET', h, 'scopes', ARGV[3])
    return 1
end
if redis.call('HSETNX', h, 'scopes', ARGV[3]) == 1 and tonumber(ARGV[7]) > 0 then
    redis.call('PEXPIRE', h, ARGV[7])
end
local scopes = redis.call('HGET', h, 'scopes')
local function bump(day, field, by)
    for scope in string.gmatch(scopes, '[^,]+') do
        redis.call('HINCRBY', ARGV[2] .. day .. ':' .. scope, field, by)
        redis.call('SADD', ARGV[2] .. 'scopes', scope)
    end
end

local ev = ARGV[1]
if ev == 'receive' then
    if redis.call('HSETNX', h, 'receivedDay', ARGV[4]) == 0 then
        return 0
    end
    bump(ARGV[4], 'received', 1)
    return 1
elseif ev == 'due' then
    if redis.call('HSETNX', h, 'dueDay', ARGV[4]) == 0 then
        return 0
    end
    redis.call('HSET', h, 'dueAt', ARGV[6])
    bump(ARGV[4], 'due', 1)
    local r = redis.call('HGET', h, 'respondedAt')
    if r and tonumber(r) <= tonumber(ARGV[6]) then
        bump(ARGV[4], 'respondedInTime', 1)
    end
    return 1
elseif ev == 'respond' then
    if redis.call('HSETNX', h, 'respondedAt', ARGV[5]) == 0 then
        return 0
    end
    local d = redis.call('HMGET', h, 'dueDay', 'dueAt')
    if d[1] and tonumber(ARGV[5]) <= tonumber(d[2]) then
        bump(d[1], 'respondedInTime', 1)
    end
    return 1
elseif ev == 'resolve' then
    local prev = redis.call('HMGET', h, 'handledDay', 'resolved')
    if not prev[1] then
        redis.call('HSET', h, 'handledDay', ARGV[4], 'resolved', ARGV[6])
        bump(ARGV[4], 'handled', 1)
        if ARGV[6] == '1' then
            bump(ARGV[4], 'resolved', 1)
        end
        return 1
    end
    if prev[2] ~= ARGV[6] then
        redis.call('HSET', h, 'resolved', ARGV[6])
        bump(prev[1], 'resolved', ARGV[6] == '1' and 1 or -1)
        return 1
    end
    return 0
elseif ev == 'rate' then
    local prev = redis.call('HMGET', h, 'ratedDay', 'rating')
    if prev[1] then
        if prev[2] == ARGV[6] then
            return 0
        end
        bump(prev[1], prev[2], -1)
    end
    redis.call('HSET', h, 'ratedDay', ARGV[4], 'rating', ARGV[6])
    bump(ARGV[4], ARGV[6], 1)
    return 1
end
return redis.error_reply('ERR unknown rate event ' .. tostring(ev))
