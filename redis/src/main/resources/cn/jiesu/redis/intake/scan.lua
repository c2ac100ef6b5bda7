#!lua
-- Reads a time-ordered index newest first from after a cursor, optionally keeping only entries whose search text
-- holds every term; see RedisAppealSearch. Bounded work per call: at most ARGV[3] entries examined, so a search
-- over a large window is several short calls, never one that stalls Redis.
-- KEYS: 1 index (zset: intake id scored by receipt time, epoch ms), 2 search texts (hash: id -> folded text; only
--       read when there are terms)
-- ARGV: 1 cursor score ('' : from the newest), 2 cursor id, 3 entries to examine at most, 4 matches wanted,
--       5.. terms (folded; none: every entry matches)
-- Returns {exhausted (1: nothing after the last entry examined), last id examined, its score, id, score, ...}.
local max = ARGV[1] == '' and '+inf' or ARGV[1]
local cursorScore = tonumber(ARGV[1])
local cursorId = ARGV[2]
local budget = tonumber(ARGV[3])
local want = tonumber(ARGV[4])
local STEP = 200

local function matches(id)
    if #ARGV < 5 then
        return true
    end
    local text = redis.call('HGET', KEYS[2], id)
    if not text then
        return false
    end
    for t = 5, #ARGV do
        if not string.find(text, ARGV[t], 1, true) then
            return false
        end
    end
    return true
end

local out = {0, '', ''}
local examined, found, offset = 0, 0, 0
while true do
    local batch = redis.call('ZRANGE', KEYS[1], max, '-inf', 'BYSCORE', 'REV', 'LIMIT', offset, STEP, 'WITHSCORES')
    offset = offset + #batch / 2
    local stopped = false
    for i = 1, #batch, 2 do
        local id, score = batch[i], batch[i + 1]
        local s = tonumber(score)
        -- Members of one score come in descending id order: skip up to and including the cursor's own entry.
        if cursorScore == nil or s < cursorScore or (s == cursorScore and id < cursorId) then
            examined = examined + 1
            out[2], out[3] = id, score
            if matches(id) then
                out[#out + 1] = id
                out[#out + 1] = score
                found = found + 1
            end
            if examined >= budget or found >= want then
                stopped = true
                break
            end
        end
    end
    if stopped then
        break
    end
    if #batch < 2 * STEP then
        out[1] = 1
        break
    end
end
return out
