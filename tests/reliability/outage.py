"""Database outage: msgsvc runs with --uri on a separately started `msgsvc engine`; the engine is stopped
(first SIGKILL, then SIGTERM) while posters keep writing. During the outage every request must fail fast
(within the default 2 s server-selection timeout plus a margin) with 503 `unavailable` and Retry-After,
/readyz must be 503 and /healthz 200. When the engine comes back on the same data directory and port,
msgsvc must recover by itself, and no acknowledged write may be lost."""
import signal
import statistics
import threading
import time

from acknowledged import check_survival
from http_client import Client, NoResponse, TimedOut, Truncated
from posters import Posters, acknowledgement, new_message
from processes import free_port
from readers import Readers

SERVER_SELECTION_SECONDS = 2.0  # msgsvc's default, deliberately not passed on the command line
FAIL_FAST_LIMIT = SERVER_SELECTION_SECONDS + 1.0
OUTAGE_SECONDS = 6.0
RECOVERY_LIMIT = 30.0
POSTER_THREADS = 4
READER_THREADS = 2
ROOM = "outage"


class Probe:
    """One endpoint asked again and again on its own connection and thread, each answer kept with its latency."""

    def __init__(self, port, label, call):
        self.client = Client(port, timeout=30)
        self.label = label
        self.call = call
        self.results = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        began = time.monotonic()
        attempt = 0
        while time.monotonic() - began < OUTAGE_SECONDS:
            attempt += 1
            started = time.monotonic()
            try:
                response = self.call(self.client, attempt)
            except (NoResponse, Truncated, TimedOut) as error:
                self.results.append((time.monotonic() - started, None, str(error)))
                continue
            self.results.append((response.latency, response, ""))
            time.sleep(0.05)
        self.client.close()


def _is_unavailable(response):
    retry_after = response.header("Retry-After") if response else None
    return (response is not None and response.status == 503 and response.error_code == "unavailable"
            and retry_after is not None and retry_after.strip().isdigit())


def _stop_engine(engine, how):
    stopping = time.monotonic()
    engine.signal(signal.SIGKILL if how == "SIGKILL" else signal.SIGTERM)
    status = engine.wait(20)
    return status, time.monotonic() - stopping


def _during_outage(scenario, port, number, known_id):
    """Probes every endpoint at once while the engine is down; returns acks of probe posts (none expected)."""
    def post(client, attempt):
        sender, content, client_id = new_message(f"o{number}probe", 0, attempt)
        response = client.post_message(ROOM, sender, content, client_id)
        if response.status in (200, 201):
            ack = acknowledgement(ROOM, sender, content, client_id, response)
            if ack:
                acks.append(ack)
        return response

    acks = []
    probes = [Probe(port, "POST message", post),
              Probe(port, "GET page", lambda c, _: c.page(ROOM, limit=10)),
              Probe(port, "GET message", lambda c, _: c.get(f"/rooms/{ROOM}/messages/{known_id}")),
              Probe(port, "GET /readyz", lambda c, _: c.get("/readyz")),
              Probe(port, "GET /healthz", lambda c, _: c.get("/healthz"))]
    for probe in probes:
        probe.thread.start()
    for probe in probes:
        probe.thread.join(timeout=OUTAGE_SECONDS + 40)
    for probe in probes[:-1]:
        latencies = [latency for latency, _, _ in probe.results]
        bad = [f"{latency:.2f} s: {response.describe() if response else error}"
               for latency, response, error in probe.results
               if not _is_unavailable(response) or latency >= FAIL_FAST_LIMIT]
        scenario.figure(f"outage {number}: {probe.label}: {len(latencies)} probes, latency "
                        f"min {min(latencies):.2f} / median {statistics.median(latencies):.2f} / "
                        f"max {max(latencies):.2f} s")
        scenario.check(not bad, f"outage {number}: {probe.label} → 503 unavailable with Retry-After in < "
                                f"{FAIL_FAST_LIMIT:.1f} s ({len(bad)} of {len(latencies)} not)", bad[:5])
    health = probes[-1].results
    bad = [f"{latency:.2f} s: {response.describe() if response else error}"
           for latency, response, error in health if response is None or response.status != 200 or latency >= 1.0]
    slowest = max((latency for latency, _, _ in health), default=0.0)
    scenario.check(not bad, f"outage {number}: /healthz 200 in < 1 s throughout ({len(bad)} of {len(health)} not; "
                            f"slowest {slowest * 1000:.0f} ms)", bad[:5])
    return acks


def _recover(scenario, port, number):
    """Polls until /readyz is 200 and a post succeeds; returns (seconds to ready, seconds to a post, acks)."""
    client = Client(port, timeout=30)
    began = time.monotonic()
    ready_after = post_after = None
    acks = []
    attempt = 0
    while time.monotonic() - began < RECOVERY_LIMIT and post_after is None:
        try:
            if ready_after is None:
                if client.get("/readyz").status == 200:
                    ready_after = time.monotonic() - began
                else:
                    time.sleep(0.05)
                continue
            attempt += 1
            sender, content, client_id = new_message(f"o{number}recover", 0, attempt)
            response = client.post_message(ROOM, sender, content, client_id)
            if response.status in (200, 201):
                post_after = time.monotonic() - began
                ack = acknowledgement(ROOM, sender, content, client_id, response)
                if ack:
                    acks.append(ack)
            else:
                time.sleep(0.05)
        except (NoResponse, Truncated, TimedOut):
            time.sleep(0.05)
    client.close()
    return ready_after, post_after, acks


def _load_figures(scenario, number, what, outcomes, down_at, back_at):
    """What the load saw while the database was down: every failure must be a fast 503."""
    window = [o for o in outcomes if o.started + o.latency >= down_at and o.started <= back_at]
    statuses = {}
    for outcome in window:
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    failures = [o for o in window if o.status not in (200, 201)]
    failures.sort(key=lambda o: o.started)
    bad = [o for o in failures
           if not (o.status == 503 and o.error_code == "unavailable" and o.retry_after) or o.latency >= FAIL_FAST_LIMIT]
    slowest = max((o.latency for o in failures), default=0.0)
    scenario.figure(f"outage {number}: {what} during the outage: {len(window)} requests, statuses {statuses}, "
                    f"slowest failure {slowest:.2f} s")
    scenario.check(not bad, f"outage {number}: every request of the {what} that failed during the outage was a 503 unavailable "
                            f"with Retry-After in < {FAIL_FAST_LIMIT:.1f} s ({len(bad)} of {len(failures)} not)",
                   [f"{o.started - down_at:+.2f} s after the stop began, took {o.latency:.2f} s: {o.status} {o.detail}"
                    for o in bad[:5]])


def run(scenario):
    engine_dir = scenario.path("engine-data")
    engine_port = free_port()
    port = free_port()
    engine = scenario.engine(engine_dir, engine_port)
    service = scenario.service(scenario.path("msgsvc-data"), port,
                               uri=f"mongodb://127.0.0.1:{engine_port}/reliability_outage")
    service_pid = service.pid
    every_ack = []
    for number, how in ((1, "SIGKILL"), (2, "SIGTERM")):
        posters = Posters(port, ROOM, POSTER_THREADS, prefix=f"o{number}", retry_same=True).start()
        readers = Readers(port, ROOM, READER_THREADS).start()
        time.sleep(2.0)
        known = posters.acks[0].id if posters.acks else "0" * 24
        status, stop_seconds = _stop_engine(engine, how)
        down_at = time.monotonic() - stop_seconds
        scenario.figure(f"outage {number}: engine stopped with {how} (exit status {status}, "
                        f"{stop_seconds:.2f} s) after {posters.ack_count()} acknowledged posts")
        time.sleep(0.3)
        every_ack += _during_outage(scenario, port, number, known)
        restarting = time.monotonic()
        engine = scenario.engine(engine_dir, engine_port)
        listening = time.monotonic() - restarting
        ready_after, post_after, acks = _recover(scenario, port, number)
        every_ack += acks
        back_at = time.monotonic()
        time.sleep(1.5)
        posters.stop()
        readers.stop()
        every_ack += posters.acks
        scenario.figure(f"outage {number}: engine restarted (listening after {listening:.2f} s); msgsvc ready "
                        f"{'%.2f s' % ready_after if ready_after is not None else 'never'} and a post succeeded "
                        f"{'%.2f s' % post_after if post_after is not None else 'never'} after that")
        scenario.check(post_after is not None, f"outage {number}: msgsvc recovered without a restart within "
                                               f"{RECOVERY_LIMIT:.0f} s")
        scenario.check(service.running() and service.pid == service_pid, f"outage {number}: same msgsvc process throughout")
        _load_figures(scenario, number, "posters", posters.outcomes, down_at, back_at)
        _load_figures(scenario, number, "readers", readers.outcomes, down_at, back_at)
        scenario.check(not posters.bad_bodies and not readers.malformed,
                       f"outage {number}: every 201/200 body was the posted message or a well-formed page",
                       [str(b) for b in (posters.bad_bodies + readers.malformed)[:5]])
    survival = check_survival(port, every_ack)
    scenario.figure(f"after both outages: {survival.summary()}")
    scenario.check(survival.intact, f"no acknowledged write lost ({len(survival.lost)} of {survival.acknowledged}); "
                                    f"all pageable once; retries 200 with the original", survival.problems())
    exit_status = service.stop()
    scenario.check(exit_status == 0, f"msgsvc SIGTERM exit status {exit_status}")
    engine.stop()
