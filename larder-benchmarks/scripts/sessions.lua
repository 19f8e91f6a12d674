-- sessions.lua — wrk script for compare-sessions.sh: every request carries the cookie of one of a
-- set of sessions made beforehand, so the demo reads (and, depending on the request, writes) an
-- existing session instead of creating one per request.
--
-- Usage: wrk -s sessions.lua URL -- COOKIE_FILE THREADS WORKLOAD
--   COOKIE_FILE  one "NAME=VALUE" line per session (the Set-Cookie of its first response)
--   THREADS      wrk's -t, so that each thread can take its share of the sessions
--   WORKLOAD     cart: GET /api/cart (reads the session; the demo writes nothing)
--                page: GET / (writes the session's visit counter on every request)
--                mix:  of every 10 requests, 8 GET /api/cart, 1 GET /, 1 POST /cart/add
--
-- One session per connection would be the natural model, but wrk's Lua API cannot tell its
-- connections apart (request() is called per connection with no argument saying which). So each
-- thread takes every THREADS-th session and sends its requests to them in turn: with at least as
-- many sessions as connections, requests in flight at the same moment almost always belong to
-- different sessions, as they would with one session per connection.
--
-- done() prints one line for the calling script:
--   RESULT <requests> <duration us> <p50 us> <p99 us> <socket errors> <non-2xx/3xx responses>

local threads_set_up = 0

function setup(thread)
  thread:set("thread_index", threads_set_up)
  threads_set_up = threads_set_up + 1
end

local requests = {}
local next_request = 1

-- A request per (session, position in the workload's pattern), formatted once: request() only
-- hands out the next one, so the load generator spends its time on the network, not in Lua.
local patterns = {
  cart = { "cart" },
  page = { "page" },
  mix = { "cart", "cart", "cart", "page", "cart", "cart", "cart", "cart", "add", "cart" },
}
local items = { "apple", "bread", "cheese", "dates" }

local function format(kind, cookie, n)
  if kind == "cart" then
    return wrk.format("GET", "/api/cart", { ["Cookie"] = cookie })
  elseif kind == "page" then
    return wrk.format("GET", "/", { ["Cookie"] = cookie })
  else
    return wrk.format("POST", "/cart/add", {
      ["Cookie"] = cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }, "item=" .. items[n % #items + 1])
  end
end

function init(args)
  local file, threads, workload = args[1], tonumber(args[2]), args[3]
  local pattern = patterns[workload]
  if not pattern or not threads then
    error("usage: wrk -s sessions.lua URL -- COOKIE_FILE THREADS cart|page|mix")
  end
  local cookies, line_number = {}, 0
  for line in io.lines(file) do
    if line ~= "" then
      if line_number % threads == thread_index then
        cookies[#cookies + 1] = line
      end
      line_number = line_number + 1
    end
  end
  if #cookies == 0 then
    error("no session for thread " .. thread_index .. " in " .. file)
  end
  -- #pattern sweeps over the sessions; in sweep k, session c gets position (c + k) of the pattern,
  -- so consecutive requests go to different sessions, the kinds of request are interleaved, and
  -- each session meets every position once.
  for k = 0, #pattern - 1 do
    for c = 0, #cookies - 1 do
      requests[#requests + 1] =
        format(pattern[(c + k) % #pattern + 1], cookies[c + 1], #requests)
    end
  end
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout,
    e.status))
end
