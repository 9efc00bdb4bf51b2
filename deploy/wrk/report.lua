-- wrk script of deploy/bench-wrk.sh: every request posts one valid progress report with an Idempotency-Key of its
-- own, round robin over the pairings listed in a file, so each request is one report committed before its answer.
--   wrk ... -s deploy/wrk/report.lua URL -- PAIRINGS_FILE DATE KEY RUN_ID
-- At the end it prints one line: "wrk-reports: requests=N seconds=S p50_ms=X p99_ms=Y non2xx=N socket_errors=N".

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  pairings = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      table.insert(pairings, line)
    end
  end
  date, key, run = args[2], args[3], args[4]
  sent = 0
end

function request()
  sent = sent + 1
  -- each thread walks the list from its own offset (a thread's Lua state does not see the others)
  local pairing = pairings[((sent - 1) + (thread_id - 1) * 97) % #pairings + 1]
  local body = string.format('{"pairingId":"%s","date":"%s","values":{"clinic_person_times":1}}', pairing, date)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. key,
    ["Idempotency-Key"] = string.format("wrk-%s-%d-%d", run, thread_id, sent),
  }
  return wrk.format("POST", "/api/v1/reports", headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("wrk-reports: requests=%d seconds=%.2f p50_ms=%.1f p99_ms=%.1f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
