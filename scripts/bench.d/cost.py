"""What one request costs msgsvc, robust to a load generator sharing the cores: for each workload, msgsvc's
own CPU time (user + system, from /proc) and context switches (summed over its threads) divided by the
requests wrk completed. Throughput moves with whatever else runs on the machine; these per-request costs
barely do, which is what makes before/after comparisons of one change meaningful on a busy 2-core box.

Usage: python3 cost.py BINARY [SECONDS] [CONNECTIONS]   (wrk must be on PATH)
"""
import glob
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

binary = sys.argv[1]
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
connections = int(sys.argv[3]) if len(sys.argv) > 3 else 32
here = os.path.dirname(os.path.abspath(__file__))
ticks = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime


def context_switches(pid):
    total = 0
    for status in glob.glob(f"/proc/{pid}/task/*/status"):
        try:
            for line in open(status):
                if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                    total += int(line.split()[-1])
        except FileNotFoundError:
            pass  # a thread that ended while we read
    return total


def wrk(url, script=None, mode=None):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        args += ["-s", script]
    args.append(url)
    if mode:
        args += ["--", *mode]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    requests = int(next(line for line in out.splitlines() if "requests in" in line).split()[0])
    errors = sum(int(line.split()[-1]) for line in out.splitlines() if line.strip().startswith("Non-2xx"))
    return requests, errors


def main():
    data = tempfile.mkdtemp(prefix="msgsvc-cost-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([binary, "--port", str(port), "--data-dir", data, "--log-level", "warning"])
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/readyz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        lua = os.path.join(here, "msgsvc.lua")
        prefix = f"c{os.getpid()}"
        # POST first: it fills 100 rooms for the reads that follow.
        workloads = [
            ("POST (100 rooms)", base, lua, ["post", "100", prefix]),
            ("GET /healthz", base + "/healthz", None, None),
            ("GET /readyz", base + "/readyz", None, None),
            ("GET newest 1", base, lua, ["get", "100", prefix, "1"]),
            ("GET newest 50", base, lua, ["get", "100", prefix, "50"]),
        ]
        print(f"{'workload':<18} {'req/s':>9} {'cpu µs/req':>11} {'switches/req':>13} {'errors':>7}")
        for name, url, script, mode in workloads:
            cpu0, cs0 = cpu_seconds(server.pid), context_switches(server.pid)
            requests, errors = wrk(url, script, mode)
            cpu1, cs1 = cpu_seconds(server.pid), context_switches(server.pid)
            print(f"{name:<18} {requests / seconds:>9.0f} {(cpu1 - cpu0) * 1e6 / requests:>11.1f} "
                  f"{(cs1 - cs0) / requests:>13.2f} {errors:>7}")
    finally:
        server.kill()
        server.wait()
        subprocess.run(["rm", "-rf", data])


main()
