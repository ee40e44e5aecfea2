"""Graceful shutdown: SIGTERM to msgsvc (embedded engine) while threads post and read. Every response the
clients got must be complete and well-formed, the process must exit with status 0 within 10 s, and
every acknowledged write must be there after a restart on the same data directory."""
import signal
import time

from acknowledged import check_survival
from posters import Posters
from processes import free_port
from readers import Readers

GRACE_SECONDS = 10.0
ROOM = "shutdown"
POSTER_THREADS = 6
READER_THREADS = 2


def run(scenario):
    data_dir = scenario.path("data")
    port = free_port()
    service = scenario.service(data_dir, port)
    posters = Posters(port, ROOM, POSTER_THREADS, prefix="g").start()
    readers = Readers(port, ROOM, READER_THREADS).start()
    time.sleep(3.0)
    acks_before = posters.ack_count()
    term_at = time.monotonic()
    service.signal(signal.SIGTERM)
    exit_status = service.wait(30)
    exit_seconds = time.monotonic() - term_at
    posters.stop()
    readers.stop()

    outcomes = posters.outcomes + readers.outcomes
    after_term = [o for o in outcomes if o.started + o.latency >= term_at]
    answered_after = [o for o in after_term if isinstance(o.status, int)]
    cut_short = [o for o in outcomes if o.status in ("Truncated", "TimedOut")]
    unaccepted = [o for o in after_term if o.status == "NoResponse"]
    errors = [o for o in outcomes if isinstance(o.status, int) and o.status not in (200, 201)
              and not (o.status == 503 and o.error_code == "unavailable")]
    unavailable = [o for o in outcomes if o.status == 503]
    scenario.figure(f"SIGTERM after {acks_before} acknowledged posts; exit status {exit_status} after {exit_seconds:.2f} s")
    scenario.figure(f"requests finishing after SIGTERM: {len(answered_after)} answered "
                    f"({sum(1 for o in answered_after if o.status in (200, 201))} succeeded, "
                    f"{sum(1 for o in answered_after if o.status == 503)} 503), {len(unaccepted)} not accepted "
                    f"(refused or closed before a status line), {len(cut_short)} cut short")
    scenario.figure(f"acknowledged posts in all: {posters.ack_count()} ({posters.ack_count() - acks_before} after SIGTERM)")
    scenario.check(exit_status == 0, f"exit status 0 (got {exit_status})")
    scenario.check(exit_status is not None and exit_seconds <= GRACE_SECONDS,
                   f"exited within {GRACE_SECONDS:.0f} s of SIGTERM ({exit_seconds:.2f} s)")
    scenario.check(not cut_short, f"every response that started was complete ({len(cut_short)} cut short or timed out)",
                   [f"{o.status}: {o.detail}" for o in cut_short[:5]])
    scenario.check(not errors and not readers.malformed and not posters.bad_bodies,
                   f"no error answers or malformed bodies ({len(errors)} errors, "
                   f"{len(readers.malformed) + len(posters.bad_bodies)} malformed; {len(unavailable)} 503 unavailable tolerated)",
                   [o.detail for o in errors[:5]] + [str(b) for b in (readers.malformed + posters.bad_bodies)[:5]])
    if exit_status is None:
        service.kill()
    service = scenario.service(data_dir, port)
    survival = check_survival(port, posters.acks)
    scenario.figure(f"after restart: {survival.summary()}")
    unanswered = {(ROOM, client_id) for _, client_id in posters.unanswered}
    executed = sorted(unanswered & survival.stored_client_ids)
    scenario.figure(f"posts without an answer: {len(unanswered)}, of them stored anyway: {len(executed)}")
    scenario.check(not executed, "no post was stored without being answered (accepted requests are answered)",
                   [f"client_id {client_id}" for _, client_id in executed[:5]])
    scenario.check(survival.intact, f"no acknowledged write lost ({len(survival.lost)} of {survival.acknowledged}); "
                                    f"all pageable once; retries 200 with the original", survival.problems())
    service.stop()
