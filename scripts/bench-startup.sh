#!/usr/bin/env bash
# Usage: scripts/bench-startup.sh [RUNS] — release start-up time to the first GET next, and idle RSS.
#
# Builds the release `bootstrap` as scripts/package.sh does, then RUNS times (default 20): starts it against a loopback
# listener that plays the Runtime API, timestamps the launch (just before the spawn) and the
# arrival of `GET /2018-06-01/runtime/invocation/next`, lets it sit idle in that long poll for
# 200 ms, reads the peak RSS (VmHWM in /proc/PID/status), and sends SIGTERM (it must exit 0).
# The launch timestamp includes the spawn itself, so the numbers slightly overstate start-up.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
scratch="${BENCH_SCRATCH_PATH:-.build}"

# The flags of scripts/package.sh, so the numbers are those of what ships.
build_flags=(-c release --static-swift-stdlib --product bootstrap --scratch-path "$scratch")
echo "== build (release, static Swift standard library)" >&2
swift build "${build_flags[@]}" >&2
binary="$(swift build "${build_flags[@]}" --show-bin-path)/bootstrap"

python3 - "$binary" "$runs" <<'PYTHON'
import os, signal, socket, statistics, subprocess, sys, time

binary, runs = sys.argv[1], int(sys.argv[2])
STARTUP_TARGET_MS, RSS_TARGET_MB = 10.0, 10.0
NEXT = b"GET /2018-06-01/runtime/invocation/next"

def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} missing for {pid}")

def one_run():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    environment = {
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{listener.getsockname()[1]}",
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "bench-not-a-secret",
        "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:1",
        "AWS_LAMBDA_LOG_LEVEL": "WARN",
    }
    listener.settimeout(5)
    launched = time.perf_counter_ns()
    process = subprocess.Popen([binary], env=environment, stdout=subprocess.DEVNULL)
    try:
        connection, _ = listener.accept()
        connection.settimeout(5)
        received = b""
        while NEXT not in received:
            chunk = connection.recv(4096)
            if not chunk:
                raise RuntimeError(f"connection closed before GET next: {received!r}")
            received += chunk
        arrived = time.perf_counter_ns()
        time.sleep(0.2)
        peak_kb = status_kb(process.pid, "VmHWM")
        anonymous_kb = status_kb(process.pid, "RssAnon")
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=2)
        connection.close()
        if code != 0:
            raise RuntimeError(f"bootstrap exited {code} after SIGTERM")
        return (arrived - launched) / 1e6, peak_kb / 1024, anonymous_kb / 1024
    finally:
        if process.poll() is None:
            process.kill()
        listener.close()

results = [one_run() for _ in range(runs)]
startup = [result[0] for result in results]
rss = [result[1] for result in results]
anonymous = [result[2] for result in results]

def row(name, values, unit=None, target=None):
    median = statistics.median(values)
    goal = f"< {target:g} {unit}" if target else "-"
    verdict = "-" if not target else "met" if median < target else "NOT met"
    print(f"| {name:<24} | {median:8.2f} | {min(values):8.2f} | {max(values):8.2f} "
          f"| {goal:<8} | {verdict:<7} |")

load = os.getloadavg()[0]
print(f"bootstrap release start-up, {runs} runs ({binary}); load average {load:.2f} "
      f"on {os.cpu_count()} CPUs")
print(f"| {'measure':<24} | {'median':>8} | {'min':>8} | {'max':>8} | {'target':<8} | {'result':<7} |")
print(f"|{'-' * 26}|{'-' * 10}|{'-' * 10}|{'-' * 10}|{'-' * 10}|{'-' * 9}|")
row("launch to GET next (ms)", startup, "ms", STARTUP_TARGET_MS)
row("peak RSS idle (MiB)", rss, "MiB", RSS_TARGET_MB)
# Peak RSS counts the pages of the binary and shared libraries read in; RssAnon is the
# process's own heap and stacks, the part no other process shares.
row("of which anonymous (MiB)", anonymous)
PYTHON
