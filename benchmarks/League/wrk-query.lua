-- wrk's script for the league benchmark's HTTP stage (benchmarks/league.sh): the query to send
-- and a machine-readable summary. Read from the environment:
--   QUERY    rank (around= a member drawn at random, radius=0), top10, or plain (the URL as given)
--   MEMBERS  the board's size: members are BoardMembers.StaffId 0..MEMBERS-1 (S-{i/50+1}-T{i%50+1})
--   SEED     seeds the draw
--   WRK_OUT  the file the summary line is appended to:
--            requests seconds errors p50-ms p99-ms max-ms
local query = os.getenv("QUERY") or "plain"
local members = tonumber(os.getenv("MEMBERS") or "1")
math.randomseed(tonumber(os.getenv("SEED") or "42"))

local base = wrk.path
local separator = string.find(base, "?", 1, true) and "&" or "?"

request = function()
    if query == "rank" then
        local i = math.random(0, members - 1)
        local id = "S-" .. (math.floor(i / 50) + 1) .. "-T" .. (i % 50 + 1)
        return wrk.format("GET", base .. separator .. "around=" .. id .. "&radius=0")
    elseif query == "top10" then
        return wrk.format("GET", base .. separator .. "top=10")
    end
    return wrk.format("GET", base)
end

done = function(summary, latency, requests)
    local e = summary.errors
    local errors = e.connect + e.read + e.write + e.status + e.timeout
    local out = assert(io.open(os.getenv("WRK_OUT"), "a"))
    out:write(string.format("%d %.3f %d %.3f %.3f %.3f\n", summary.requests, summary.duration / 1e6, errors,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
    out:close()
end
