"""Crash: msgsvc on its embedded engine is SIGKILLed while several threads post; after a restart on the same
data directory every acknowledged message must be there, pageable, and retrying its client_id must
answer 200 with the original. Several rounds on one data directory, so each restart recovers from the
previous crashes too."""
import random
import signal
import time

from acknowledged import check_survival
from posters import Posters
from processes import free_port

ROUNDS = 3
THREADS_PER_ROOM = 4
ROOMS = ("crash-a", "crash-b")


def _wait_for_acks(posters, at_least, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and sum(p.ack_count() for p in posters) < at_least:
        time.sleep(0.02)


def run(scenario):
    data_dir = scenario.path("data")
    port = free_port()
    rng = random.Random(5)
    service = scenario.service(data_dir, port)
    every_ack = []
    for round_number in range(1, ROUNDS + 1):
        posters = [Posters(port, room, THREADS_PER_ROOM, prefix=f"r{round_number}{room[-1]}").start()
                   for room in ROOMS]
        started = time.monotonic()
        # Kill mid-stream: once writes are flowing, at a random moment.
        _wait_for_acks(posters, 200, timeout=20)
        time.sleep(rng.uniform(0.2, 1.5))
        killed_at = time.monotonic()
        service.signal(signal.SIGKILL)
        killed_after = killed_at - started
        service.wait(10)
        for p in posters:
            p.stop()
        acks = [ack for p in posters for ack in p.acks]
        bad_bodies = [bad for p in posters for bad in p.bad_bodies]
        # Posts in flight when the process died get no answer; their outcome is unknown, so not checked.
        in_flight = {(p.room, client_id) for p in posters for started, client_id in p.unanswered if started < killed_at}
        failed = [o for p in posters for o in p.outcomes if isinstance(o.status, int) and o.status not in (200, 201)]
        every_ack += acks

        restart_began = time.monotonic()
        service = scenario.service(data_dir, port)
        restart_seconds = time.monotonic() - restart_began
        survival = check_survival(port, every_ack)
        scenario.figure(f"round {round_number}: SIGKILL after {killed_after:.1f} s of posting; "
                        f"{len(acks)} acknowledged this round, {len(in_flight)} in flight without an answer "
                        f"({len(in_flight & survival.stored_client_ids)} of them stored); "
                        f"ready again {restart_seconds:.2f} s after restart")
        scenario.figure(f"round {round_number} after restart (all rounds so far): {survival.summary()}")
        scenario.check(not failed, f"round {round_number}: every answered post before the kill was 201/200 "
                                   f"({len(failed)} were not)", [o.detail for o in failed[:5]])
        scenario.check(not bad_bodies, f"round {round_number}: every 201/200 body was the posted message",
                       [str(b) for b in bad_bodies[:5]])
        scenario.check(len(acks) > 0, f"round {round_number}: writes were acknowledged before the kill")
        scenario.check(survival.intact, f"round {round_number}: lost {len(survival.lost)} of "
                                        f"{survival.acknowledged} acknowledged; all present once, pageable, "
                                        f"retries 200 with the original", survival.problems())
    exit_status = service.stop()
    scenario.check(exit_status == 0, f"final SIGTERM exit status {exit_status}")
