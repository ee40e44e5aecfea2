"""Crash of the standalone engine: `msgsvc engine` is SIGKILLed under a MongoDB driver's insert load
(pymongo, single inserts and batches); after a restart on the same data directory every acknowledged
insert must be there with its content."""
import random
import signal
import threading
import time

from processes import free_port

ROUNDS = 3
SINGLE_THREADS = 6
BATCH_THREADS = 2
BATCH = 10


def _payload(key):
    return f"{key} " + "é✓ payload " * (len(key) % 7 + 1)


class Load:
    def __init__(self, pymongo, port, prefix):
        self.client = pymongo.MongoClient(
            f"mongodb://127.0.0.1:{port}/", serverSelectionTimeoutMS=1000, connectTimeoutMS=1000,
            socketTimeoutMS=10000, retryWrites=False, maxPoolSize=SINGLE_THREADS + BATCH_THREADS)
        self.collection = self.client.reliability.crash
        self.prefix = prefix
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.acked = []
        self.errors = []
        self.threads = ([threading.Thread(target=self._singles, args=(n,), daemon=True) for n in range(SINGLE_THREADS)]
                        + [threading.Thread(target=self._batches, args=(n,), daemon=True) for n in range(BATCH_THREADS)])

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=30)
        self.client.close()

    def count(self):
        with self.lock:
            return len(self.acked)

    def _document(self, key):
        return {"_id": key, "payload": _payload(key), "n": len(key)}

    def _singles(self, thread):
        number = 0
        while not self.stop_event.is_set():
            number += 1
            key = f"{self.prefix}-s{thread}-{number}"
            try:
                self.collection.insert_one(self._document(key))
            except Exception as error:  # any driver error: the insert is not acknowledged
                with self.lock:
                    self.errors.append((time.monotonic(), f"{type(error).__name__}: {error}"[:300]))
                time.sleep(0.05)
                continue
            with self.lock:
                self.acked.append(key)

    def _batches(self, thread):
        number = 0
        while not self.stop_event.is_set():
            number += 1
            keys = [f"{self.prefix}-b{thread}-{number}-{k}" for k in range(BATCH)]
            try:
                self.collection.insert_many([self._document(key) for key in keys])
            except Exception as error:
                with self.lock:
                    self.errors.append((time.monotonic(), f"{type(error).__name__}: {error}"[:300]))
                time.sleep(0.05)
                continue
            with self.lock:
                self.acked.extend(keys)


def _missing_or_altered(pymongo, port, keys):
    client = pymongo.MongoClient(f"mongodb://127.0.0.1:{port}/", serverSelectionTimeoutMS=10000)
    try:
        collection = client.reliability.crash
        found = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            for document in collection.find({"_id": {"$in": chunk}}):
                found[document["_id"]] = document
        lost = [key for key in keys if key not in found]
        altered = [key for key, doc in found.items() if doc.get("payload") != _payload(key) or doc.get("n") != len(key)]
        total = collection.count_documents({})
        return lost, altered, total
    finally:
        client.close()


def run(scenario):
    try:
        import pymongo
    except ImportError:
        scenario.check(False, "pymongo is importable (scripts/setup installs it into .venv)")
        return
    data_dir = scenario.path("data")
    port = free_port()
    rng = random.Random(4)
    engine = scenario.engine(data_dir, port)
    every_ack = []
    for round_number in range(1, ROUNDS + 1):
        load = Load(pymongo, port, f"r{round_number}").start()
        started = time.monotonic()
        deadline = started + 20
        while load.count() < 300 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.2, 1.5))
        killed_at = time.monotonic()
        engine.signal(signal.SIGKILL)
        killed_after = killed_at - started
        engine.wait(10)
        load.stop()
        every_ack += load.acked
        early_errors = [text for at, text in load.errors if at < killed_at]
        restart_began = time.monotonic()
        engine = scenario.engine(data_dir, port)
        restart_seconds = time.monotonic() - restart_began
        lost, altered, total = _missing_or_altered(pymongo, port, every_ack)
        scenario.figure(f"round {round_number}: SIGKILL after {killed_after:.1f} s of inserts; "
                        f"{len(load.acked)} acknowledged this round; driver errors {len(early_errors)} before the kill, "
                        f"{len(load.errors) - len(early_errors)} after; engine listening {restart_seconds:.2f} s after restart")
        scenario.figure(f"round {round_number} after restart (all rounds so far): acknowledged {len(every_ack)}, "
                        f"lost {len(lost)}, altered {len(altered)}, documents stored {total}")
        scenario.check(len(load.acked) > 0, f"round {round_number}: inserts were acknowledged before the kill")
        scenario.check(not early_errors, f"round {round_number}: no driver errors before the kill", early_errors[:5])
        scenario.check(not lost and not altered,
                       f"round {round_number}: lost {len(lost)}, altered {len(altered)} of {len(every_ack)} acknowledged",
                       [f"lost {k}" for k in lost[:5]] + [f"altered {k}" for k in altered[:5]])
    exit_status = engine.stop()
    scenario.check(exit_status == 0, f"final SIGTERM exit status {exit_status}")
