-- wrk script for build/bench/run.sh. One script, three loads, chosen by environment variables
-- (wrk gives script arguments to the worker threads only, but every Lua state can read the environment):
--   BENCH_MODE          list | random | hot (Miniatures) | get | status (Projects)
--   BENCH_TOKEN         bearer access token
--   BENCH_LIST_QUERY    list: query string appended to the list's path (e.g. ?limit=200)
--   BENCH_IDS           file with one id per line: type ids (random: all of them; hot: the first one), step ids (status)
--   BENCH_PATHS         get: file with one path per line, each request GETs one at random
--   BENCH_SEND_SECONDS  stop sending new requests after this many seconds (see "Clean stop" below)
--
-- Clean stop: when wrk's duration ends it drops requests that are still in flight, and the host may
-- still commit those moves, so history rows would no longer equal the 2xx count. Instead, each thread
-- stops sending after BENCH_SEND_SECONDS (via the delay() hook) and run.sh gives wrk a few more seconds
-- so that every request sent gets its answer. Requests per second are therefore answers / send window.
--
-- At the end one line is printed for run.sh to parse:
--   BENCH mode=.. sent=.. ok=.. rejected=.. errors=.. unanswered=.. socket_errors=.. rps=.. p50_ms=.. p99_ms=..

local mode = os.getenv("BENCH_MODE") or "list"
local send_seconds = tonumber(os.getenv("BENCH_SEND_SECONDS") or "15")
local api = "/api/v1/miniatures"

wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")
wrk.headers["Accept"] = "application/json"

-- A monotonic clock in seconds: LuaJIT's FFI (wrk is built on LuaJIT); os.time() would be too coarse.
local now
do
  local ok_ffi, ffi = pcall(require, "ffi")
  if ok_ffi then
    ffi.cdef [[
      typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
      int clock_gettime(int clock_id, bench_timespec *tp);
    ]]
    local ts = ffi.new("bench_timespec")
    now = function()
      ffi.C.clock_gettime(1, ts) -- 1 = CLOCK_MONOTONIC on Linux
      return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) * 1e-9
    end
  else
    now = os.time
  end
end

-- Main state: keep every thread so done() can collect its counters.
local threads = {}

function setup(thread)
  thread:set("thread_index", #threads + 1)
  table.insert(threads, thread)
end

-- Thread state. Counters are globals so that thread:get() can read them in done().
sent, ok, rejected, errors = 0, 0, 0, 0

local requests = {}  -- pre-formatted requests, one per type (or the single list request)
local deadline
local skip_count = false

function init(args)
  deadline = now() + send_seconds
  math.randomseed(os.time() * 1000 + thread_index)
  -- wrk calls request() once on the first thread right after init() to inspect it; that one is never
  -- sent, so it must not be counted.
  skip_count = (thread_index == 1)

  if mode == "list" then
    requests[1] = wrk.format("GET", api .. "/types" .. (os.getenv("BENCH_LIST_QUERY") or ""))
    return
  end

  if mode == "get" then
    for line in io.lines(os.getenv("BENCH_PATHS")) do
      if line ~= "" then table.insert(requests, wrk.format("GET", line)) end
    end
    return
  end

  local ids = {}
  for line in io.lines(os.getenv("BENCH_IDS")) do
    if line ~= "" then table.insert(ids, line) end
  end
  if mode == "status" then
    -- Every request sets a random step to a random status (the same one it has is a change too: a new version).
    local headers = { ["Content-Type"] = "application/json" }
    for name, value in pairs(wrk.headers) do headers[name] = value end
    local statuses = { "todo", "in_progress", "blocked", "done" }
    for i, id in ipairs(ids) do
      local body = '{"status":"' .. statuses[(i % #statuses) + 1] .. '"}'
      requests[i] = wrk.format("PUT", "/api/v1/projects/steps/" .. id .. "/status", headers, body)
    end
    return
  end
  if mode == "hot" then ids = { ids[1] } end
  -- Every move: IN_BOX -> BUILDING, one miniature; the host answers 200 or 400 ERR_INSUFFICIENT_QTY.
  local body = '{"fromStage":"IN_BOX","toStage":"BUILDING","qty":1}'
  -- wrk.format() uses the headers given *instead of* wrk.headers, so copy those (bearer token) in.
  local headers = { ["Content-Type"] = "application/json" }
  for name, value in pairs(wrk.headers) do headers[name] = value end
  for i, id in ipairs(ids) do
    requests[i] = wrk.format("POST", api .. "/types/" .. id .. "/move", headers, body)
  end
end

function request()
  if skip_count then
    skip_count = false
  else
    sent = sent + 1
  end
  return requests[math.random(#requests)]
end

-- Called before each next request of a connection: 0 ms while the send window is open, then an hour
-- (wrk ends long before), so connections go quiet once their last answer is in.
function delay()
  if now() < deadline then return 0 end
  return 3600 * 1000
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status == 400 and body and body:find("ERR_INSUFFICIENT_QTY", 1, true) then
    rejected = rejected + 1
  else
    errors = errors + 1
    if errors <= 3 then
      io.stderr:write(string.format("[%s] unexpected %d: %s\n", mode, status, (body or ""):sub(1, 300)))
    end
  end
end

function done(summary, latency, requests_stats)
  local t = { sent = 0, ok = 0, rejected = 0, errors = 0 }
  for _, thread in ipairs(threads) do
    for key in pairs(t) do t[key] = t[key] + (thread:get(key) or 0) end
  end
  local answered = t.ok + t.rejected + t.errors
  local e = summary.errors
  io.write(string.format(
    "BENCH mode=%s sent=%d ok=%d rejected=%d errors=%d unanswered=%d socket_errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    mode, t.sent, t.ok, t.rejected, t.errors, t.sent - answered,
    e.connect + e.read + e.write + e.timeout,
    answered / send_seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
