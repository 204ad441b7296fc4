"""Load from ``wrk`` (C, epoll): the same measurement as bench/load.py at a fraction of its CPU.

On a 2-core machine the load generator shares the cores with the server, so a Python
client both steals CPU from gunicorn and adds its own scheduling delay to every latency.
wrk drives the same 16 keep-alive connections for a few percent of a core. A Lua script
cycles through the request list (path and headers), counts answers whose status is not
the expected one, stops a thread after its share of ``max_requests``, and prints one
machine-readable line; the results have bench/load.py's shape.

``ensure_wrk()`` installs Debian's wrk when it is missing and we are root (a fresh
machine); otherwise bench/run.py falls back to bench/load.py. 127.0.0.1 only.
"""
import os
import shutil
import subprocess
import tempfile

_SCRIPT = r"""
local specs = {REQUESTS}
local expected = {EXPECTED}
local cap = {CAP}
local threads = {{}}
local counter = 0

function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  requests = {{}}
  for i, spec in ipairs(specs) do requests[i] = wrk.format(spec[3], spec[1], spec[2]) end
  n = offset
  answered = 0
  mismatched = 0
end

function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= expected then mismatched = mismatched + 1 end
  if answered >= cap then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("mismatched") end
  local e = summary.errors
  io.write(string.format("WRK %d %d %d %d %.1f %.1f %.1f\n", summary.requests, summary.duration,
    bad, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99),
    latency.max))
end
"""


def ensure_wrk():
    """The path of wrk, installing Debian's package first when root can; None when unavailable."""
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    for command in (["apt-get", "install", "-y", "-qq", "wrk"], ["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "wrk"]):
        try:
            subprocess.run(command, check=False, capture_output=True, timeout=300,
                           env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        except (OSError, subprocess.TimeoutExpired):
            return None
        found = shutil.which("wrk")
        if found:
            return found
    return None


def _lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r").replace("\n", "\\n") + '"'


def _script(requests, max_requests, threads):
    (expected,) = {spec[2] for spec in requests}  # one endpoint per run, one expected status
    # A fourth item, when present, is the method (POST, DELETE); GET otherwise.
    formatted = [f'{{{_lua_string(spec[0])}, {{{", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in spec[1].items())}}}, '
                 f'{_lua_string(spec[3] if len(spec) > 3 else "GET")}}}'
                 for spec in requests]
    return _SCRIPT.format(REQUESTS="{" + ",\n".join(formatted) + "}", EXPECTED=expected,
                          CAP=max(1, max_requests // threads))


def run(port, requests, *, seconds, connections=16, threads=2, max_requests=400_000, wrk="wrk"):
    """Drive ``connections`` keep-alive connections for ``seconds``; returns a dict of the results.

    ``requests`` is a list of (path, headers, expected_status), as for bench/load.py, or
    (path, headers, expected_status, method) for another method than GET. The dict
    has ``requests``, ``errors`` (wrong status, or a socket error or timeout), ``elapsed`` (s),
    ``p50`` and ``p99`` and ``max`` (s).
    """
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_script(requests, max_requests, threads))
    try:
        done = subprocess.run([wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s",
                               "-s", script.name, f"http://127.0.0.1:{port}"],
                              capture_output=True, text=True, timeout=seconds + 60, check=True)
    finally:
        os.unlink(script.name)
    line = next(line for line in done.stdout.splitlines() if line.startswith("WRK "))
    count, micros, mismatched, socket_errors, p50, p99, worst = line.split()[1:]
    return {"requests": int(count), "elapsed": int(micros) / 1e6, "errors": int(mismatched) + int(socket_errors),
            "p50": float(p50) / 1e6, "p99": float(p99) / 1e6, "max": float(worst) / 1e6}
