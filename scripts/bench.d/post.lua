-- wrk script: POST a message, each thread with its own counter so client_ids never collide.
local counter = 0
local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
function request()
  counter = counter + 1
  local body = string.format('{"sender":"bench","content":"message %d of thread %s","client_id":"t%s-%d"}',
    counter, tid, tid, counter)
  return wrk.format("POST", "/rooms/bench/messages", {["Content-Type"] = "application/json"}, body)
end
