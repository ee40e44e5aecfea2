"""Turns wrk and pgbench output into JSON lines, and the JSON lines into the final table.

    results.py wrk OUTPUT --workload W --run N                  -> one JSON line on stdout
    results.py pgbench STDOUT STDERR LOGDIR --workload W --run N -> one JSON line on stdout
    results.py rss LABEL KIB...                                 -> one JSON line on stdout
    results.py report RESULTS.jsonl                             -> the table on stdout
Plain python3, no third-party modules.
"""
import argparse
import glob
import json
import os
import re
import statistics
import sys

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def wrk_record(path):
    """Requests/s, p50/p99 (ms) and errors from `wrk --latency` output."""
    text = open(path, encoding="utf-8", errors="replace").read()
    record = {"rps": 0.0, "p50": None, "p99": None, "requests": 0, "errors": 0, "error_detail": []}
    m = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    if m:
        record["rps"] = float(m.group(1))
    else:
        record["errors"] += 1
        record["error_detail"].append("wrk reported no result")
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\b", text, re.M)
        if m:
            record[f"p{pct}"] = float(m.group(1)) * UNITS_MS[m.group(2)]
    m = re.search(r"^\s+(\d+) requests in", text, re.M)
    if m:
        record["requests"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        n = sum(int(g) for g in m.groups())
        record["errors"] += n
        record["error_detail"].append(m.group(0).strip())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        record["errors"] += int(m.group(1))
        record["error_detail"].append(m.group(0).strip())
    return record


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return None
    rank = max(1, -(-len(sorted_values) * p // 100))  # ceil(n * p / 100)
    return sorted_values[int(rank) - 1]


def pgbench_record(stdout_path, stderr_path, log_dir):
    """tps, p50/p99 (ms, from the per-transaction log) and failures from a pgbench run."""
    out = open(stdout_path, encoding="utf-8", errors="replace").read()
    err = open(stderr_path, encoding="utf-8", errors="replace").read() if os.path.exists(stderr_path) else ""
    record = {"rps": 0.0, "p50": None, "p99": None, "requests": 0, "errors": 0, "error_detail": []}
    m = re.search(r"^tps = ([\d.]+)", out, re.M)
    if m:
        record["rps"] = float(m.group(1))
    else:
        record["errors"] += 1
        record["error_detail"].append("pgbench reported no tps")
    m = re.search(r"number of transactions actually processed: (\d+)", out)
    if m:
        record["requests"] = int(m.group(1))
    m = re.search(r"number of failed transactions: (\d+)", out)
    if m and int(m.group(1)):
        record["errors"] += int(m.group(1))
        record["error_detail"].append(f"{m.group(1)} failed transactions")
    aborted = len(re.findall(r"client \d+ (?:script \d+ )?aborted", err))
    if aborted:
        record["errors"] += aborted
        first = next((line for line in err.splitlines() if "aborted" in line or "ERROR" in line), "")
        record["error_detail"].append(f"{aborted} clients aborted: {first.strip()}")
    latencies = []
    failed_in_log = 0
    for path in glob.glob(os.path.join(log_dir, "*")):
        with open(path, encoding="utf-8", errors="replace") as log:
            for line in log:
                fields = line.split()
                if len(fields) < 3:
                    continue
                if fields[2].isdigit():
                    latencies.append(int(fields[2]))
                else:  # "failed", "serialization", "deadlock", "skipped"
                    failed_in_log += 1
    latencies.sort()
    if latencies:
        record["p50"] = percentile(latencies, 50) / 1000.0
        record["p99"] = percentile(latencies, 99) / 1000.0
    if failed_in_log and not (m and int(m.group(1))):
        record["errors"] += failed_in_log
        record["error_detail"].append(f"{failed_in_log} failed transactions in the log")
    return record


# ---------------------------------------------------------------------------------------------- report

def load(path):
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                records.append(json.loads(line))
    return records


def fmt_rate(x):
    return "—" if x is None else (f"{x:,.0f}" if x >= 100 else f"{x:,.1f}")


def fmt_ms(x):
    if x is None:
        return "—"
    if x < 1:
        return f"{x * 1000:.0f} µs"
    return f"{x:.2f} ms" if x < 10 else f"{x:.1f} ms"


def summary(runs):
    """Median throughput with min–max, median p50/p99, total errors over the runs of one workload."""
    if not runs:
        return None
    rates = [r["rps"] for r in runs]
    p50s = [r["p50"] for r in runs if r["p50"] is not None]
    p99s = [r["p99"] for r in runs if r["p99"] is not None]
    return {
        "rps": statistics.median(rates), "min": min(rates), "max": max(rates), "n": len(runs),
        "p50": statistics.median(p50s) if p50s else None, "p99": statistics.median(p99s) if p99s else None,
        "errors": sum(r["errors"] for r in runs),
        "detail": sorted({d for r in runs for d in r.get("error_detail", []) if not d.startswith("Socket errors: connect 0, read 0, write 0, timeout 0")}),
    }


def rate_cell(s):
    if s is None:
        return "—"
    if s["n"] == 1:
        return fmt_rate(s["rps"])
    return f"{fmt_rate(s['rps'])} ({fmt_rate(s['min'])}–{fmt_rate(s['max'])})"


def report(path):
    records = load(path)
    config = next((r for r in records if r.get("kind") == "config"), {})
    runs = {}
    for r in records:
        if r.get("kind") == "run":
            runs.setdefault((r["workload"], r["system"]), []).append(r)
    S = {key: summary(value) for key, value in runs.items()}
    rss = {r["label"]: r for r in records if r.get("kind") == "rss"}
    loads = [r for r in records if r.get("kind") == "load"]

    def get(workload, system="msgsvc"):
        return S.get((workload, system))

    def ratio(a, b):
        return a / b if a is not None and b else None

    big_n = config.get("big", 0)
    small_n = config.get("small", 0)
    rows = []  # (label, msgsvc summary, pg summary, ratio text)
    post, pg_post = get("post"), get("post", "postgresql")
    pg_post_indexed = get("post_indexed", "postgresql")
    getr, pg_get = get("get"), get("get", "postgresql")
    healthz, readyz = get("healthz"), get("readyz")
    big, small = get("big"), get("small")
    mixed = get("mixed")
    r_post = ratio(post and post["rps"], pg_post and pg_post["rps"])
    r_post_indexed = ratio(post and post["rps"], pg_post_indexed and pg_post_indexed["rps"])
    r_get = ratio(getr and getr["rps"], pg_get and pg_get["rps"])
    r_ready = ratio(readyz and readyz["rps"], healthz and healthz["rps"])
    r_hist = ratio(big and big["p50"], small and small["p50"])

    def x(v, what=""):
        return "—" if v is None else f"{v:.2f}×{what}"

    rows.append(("POST message (durable), random room", post, pg_post, x(r_post, " PG")))
    if pg_post_indexed:
        # The same msgsvc runs against PostgreSQL doing msgsvc's indexing too (sender, GIN full-text).
        rows.append(("POST, PG with msgsvc's sender + full-text indexes", post, pg_post_indexed,
                     x(r_post_indexed, " PG")))
    rows.append(("GET newest 50, random room", getr, pg_get, x(r_get, " PG")))
    rows.append(("GET /healthz", healthz, None, ""))
    rows.append(("GET /readyz", readyz, None, x(r_ready, " healthz")))
    rows.append((f"GET newest 50, room-small ({small_n:,} msgs)", small, None, ""))
    rows.append((f"GET newest 50, room-big ({big_n:,} msgs)", big, None, "p50 " + x(r_hist, " small")))
    mixed_label = f"mixed POST+GET ({config.get('mixed_seconds', '?')} s, 1 run)"
    rows.append((mixed_label, mixed, None, ""))

    header = ("workload", "msgsvc req/s (min–max)", "p50", "p99", "errors",
              "PostgreSQL tps (min–max)", "p50", "p99", "errors", "ratio")
    table = [header]
    for label, m, p, rt in rows:
        table.append((label, rate_cell(m), fmt_ms(m and m["p50"]), fmt_ms(m and m["p99"]),
                      "—" if m is None else str(m["errors"]),
                      rate_cell(p) if p else "", fmt_ms(p["p50"]) if p else "", fmt_ms(p["p99"]) if p else "",
                      str(p["errors"]) if p else "", rt))
    out = []  # ("title", text) | ("row", cells) | ("rule",) | ("text", label, text), rendered at the end
    title = (f"msgsvc vs PostgreSQL 15 — {config.get('connections', '?')} connections, "
             f"{config.get('seconds', '?')} s per run, median of {config.get('runs', '?')} runs (min–max); "
             f"{config.get('rooms', 0):,} rooms × {config.get('per_room', 0):,} msgs + room-big + room-small")
    out.append(("title", title))
    out.append(("row", header))
    out.append(("rule",))
    for row in table[1:]:
        out.append(("row", row))

    # Free-text rows of the same table: memory, loads, targets.
    def text_row(label, text):
        out.append(("text", label, text))

    out.append(("rule",))

    def mib(kib):
        return kib / 1024.0

    mixed_rss = rss.get("mixed")
    peak = rss.get("peak")
    if "startup" in rss:
        text_row("msgsvc RSS after load + start-up", f"{mib(rss['startup']['kib'][0]):.1f} MiB")
    if "after_runs" in rss:
        text_row("msgsvc RSS after POST/GET runs", f"{mib(rss['after_runs']['kib'][0]):.1f} MiB")
    flat = None
    if mixed_rss and mixed_rss["kib"]:
        k = mixed_rss["kib"]
        start = k[0]
        lo, hi = min(k), max(k)
        flat = max(hi - start, start - lo) / start if start else None
        text_row("msgsvc RSS during mixed run",
                 f"start {mib(start):.1f}, end {mib(k[-1]):.1f}, min {mib(lo):.1f}, max {mib(hi):.1f} MiB "
                 f"({len(k)} samples every {config.get('rss_interval', '?')} s; "
                 f"{(lo - start) * 100 / start:+.1f}% to {(hi - start) * 100 / start:+.1f}% of start)")
    if peak:
        text_row("msgsvc peak RSS (VmHWM)", f"{mib(peak['kib'][0]):.1f} MiB")
    for live in (r for r in records if r.get("kind") == "live"):
        text_row(f"/live fan-out, 1 writer, {live['subscribers']} subscribers",
                 f"delivery p50 {fmt_ms(live['p50'] * 1000)}, p99 {fmt_ms(live['p99'] * 1000)}, "
                 f"max {fmt_ms(live['max'] * 1000)}; "
                 f"{live['delivered']:,} of {live['expected']:,} events delivered")
    for ex in (r for r in records if r.get("kind") == "export"):
        text_row(f"room export, {ex['messages']:,} messages",
                 f"{ex['rate']:,.0f} messages/s ({ex['bytes'] / 1048576:.0f} MiB NDJSON); msgsvc RSS "
                 f"{mib(ex['rss_before_kib']):.1f} MiB before, at most {mib(ex['rss_max_kib']):.1f} MiB during; "
                 f"filled by POST /import at {ex['import_rate']:,.0f} messages/s")
    for search in (r for r in records if r.get("kind") == "search"):
        text_row(f"search in {search['room']} ({search['messages']:,} messages), common words, limit {search['limit']}",
                 f"p50 {fmt_ms(search['p50'] * 1000)}, p99 {fmt_ms(search['p99'] * 1000)}, "
                 f"max {fmt_ms(search['max'] * 1000)}; {search['queries']} queries one at a time, "
                 f"{search['errors']} errors")
    for ld in loads:
        text_row(f"load {ld['system']}", f"{ld['rows']:,} rows in {ld['seconds']:.1f} s ({ld['what']})")

    # Targets
    msgsvc_errors = sum(s["errors"] for (w, sys_), s in S.items() if sys_ == "msgsvc")
    pg_errors = sum(s["errors"] for (w, sys_), s in S.items() if sys_ == "postgresql")
    all_kib = [v for r in rss.values() for v in r["kib"]]
    rss_max_kib = max(all_kib) if all_kib else None

    def check(name, ok, figure):
        return ("PASS" if ok else ("FAIL" if ok is not None else "n/a "), name, figure)

    checks = [
        check("POST ≥ 1.0× PostgreSQL", None if r_post is None else r_post >= 1.0, x(r_post)),
        check("GET ≥ 1.0× PostgreSQL", None if r_get is None else r_get >= 1.0, x(r_get)),
        check("readyz ≥ 0.6× healthz", None if r_ready is None else r_ready >= 0.6, x(r_ready)),
        check("big-room p50 ≤ 1.2× small-room p50", None if r_hist is None else r_hist <= 1.2, x(r_hist)),
    ]
    for name, s in (("POST", post), ("GET", getr)):
        r = ratio(s and s["p99"], s and s["p50"])
        checks.append(check(f"{name} p99 ≤ 3× p50", None if r is None else r <= 3.0,
                            f"p99 {fmt_ms(s and s['p99'])} = {x(r)} p50"))
    checks.append(check("no msgsvc errors", msgsvc_errors == 0, f"{msgsvc_errors} errors"))
    checks.append(check("msgsvc RSS ≤ 200 MiB", None if rss_max_kib is None else rss_max_kib <= 200 * 1024,
                        "—" if rss_max_kib is None else f"max {mib(rss_max_kib):.1f} MiB"))
    checks.append(check("msgsvc RSS flat within ±10% in mixed run", None if flat is None else flat <= 0.10,
                        "—" if flat is None else f"widest swing {flat * 100:.1f}%"))

    out.append(("rule",))
    for status, name, figure in checks:
        text_row(f"target: {name}", f"{status}  {figure}")
    passed = sum(1 for c in checks if c[0] == "PASS")
    out.append(("rule",))
    text_row("targets met", f"{passed} of {len(checks)}")
    if pg_errors:
        text_row("PostgreSQL errors", str(pg_errors))
    details = [(w, sys_, d) for (w, sys_), s in S.items() for d in s["detail"]]
    for w, sys_, d in details:
        text_row(f"errors in {sys_} {w}", d)
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    widths[0] = max([widths[0]] + [len(item[1]) for item in out if item[0] == "text"])
    right = {1, 2, 3, 4, 5, 6, 7, 8}
    lines = []
    for item in out:
        if item[0] == "title":
            lines.append(item[1])
        elif item[0] == "rule":
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        elif item[0] == "row":
            cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(item[1])]
            lines.append("| " + " | ".join(cells) + " |")
        else:
            lines.append("| " + item[1].ljust(widths[0]) + " | " + item[2])
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("wrk")
    p.add_argument("output")
    p.add_argument("--workload", required=True)
    p.add_argument("--run", type=int, required=True)
    p = sub.add_parser("pgbench")
    p.add_argument("stdout")
    p.add_argument("stderr")
    p.add_argument("logdir")
    p.add_argument("--workload", required=True)
    p.add_argument("--run", type=int, required=True)
    p = sub.add_parser("rss")
    p.add_argument("label")
    p.add_argument("kib", nargs="*", type=int)
    p = sub.add_parser("report")
    p.add_argument("results")
    args = parser.parse_args()

    if args.command in ("wrk", "pgbench"):
        if args.command == "wrk":
            record = wrk_record(args.output)
            system = "msgsvc"
        else:
            record = pgbench_record(args.stdout, args.stderr, args.logdir)
            system = "postgresql"
        record.update(kind="run", workload=args.workload, system=system, run=args.run)
        print(json.dumps(record))
        errors = f", {record['errors']} errors ({'; '.join(record['error_detail'])})" if record["errors"] else ""
        print(f"bench:   {system:10} {args.workload:8} run {args.run}: {fmt_rate(record['rps'])}/s, "
              f"p50 {fmt_ms(record['p50'])}, p99 {fmt_ms(record['p99'])}{errors}", file=sys.stderr)
    elif args.command == "rss":
        print(json.dumps({"kind": "rss", "label": args.label, "kib": args.kib}))
    else:
        report(args.results)


if __name__ == "__main__":
    main()
