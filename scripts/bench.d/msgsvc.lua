-- wrk script for msgsvc: `wrk ... -s msgsvc.lua URL -- MODE ROOMS PREFIX [LIMIT]`
--   MODE   post  : POST /rooms/room-<random 1..ROOMS>/messages with a unique client_id
--          get   : GET  /rooms/room-<random 1..ROOMS>/messages?limit=LIMIT (default 50)
--          mixed : the two alternately
--   PREFIX makes client_ids unique across runs; each wrk thread adds its own number and counter.
local text = "hello there anyone around for the standup today I pushed the fix to review can someone take " ..
  "a look lunch at noon sounds good the build is green again thanks for the quick turnaround on that " ..
  "ticket we should move the meeting to thursday because half the team is out tomorrow let me know"

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local mode, rooms, prefix, limit, counter, gets
local headers = {["Content-Type"] = "application/json"}

function init(args)
  mode = args[1] or "get"
  rooms = tonumber(args[2] or "1000")
  prefix = args[3] or tostring(os.time())
  limit = args[4] or "50"
  counter = 0
  math.randomseed(os.time() * 100 + (tid or 0))
  gets = {}
  for r = 1, rooms do
    gets[r] = wrk.format("GET", "/rooms/room-" .. r .. "/messages?limit=" .. limit)
  end
end

local function post()
  local start = math.random(1, #text - 120)
  local body = string.format('{"sender":"user-%d","content":"%s","client_id":"%s-%d-%d"}',
    math.random(1, 20), string.sub(text, start, start + math.random(60, 120) - 1), prefix, tid, counter)
  return wrk.format("POST", "/rooms/room-" .. math.random(1, rooms) .. "/messages", headers, body)
end

function request()
  counter = counter + 1
  if mode == "post" or (mode == "mixed" and counter % 2 == 0) then
    return post()
  end
  return gets[math.random(1, rooms)]
end
