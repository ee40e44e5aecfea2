"""Gap-free change feed under concurrency, against real processes.

Two deployments: two `msgsvc serve` instances on one standalone `msgsvc engine` (writers and readers spread
over both), and one msgsvc on its embedded engine. In each, writers create, edit and delete in a few rooms
while `/changes` readers follow with small limits and `/live` readers hold Server-Sent Event streams that
they cut and resume with Last-Event-ID at random moments. At the end:

- every reader's final view of every room equals the store's;
- no reader ever saw a room's change number go backwards, and none skipped a change: every change a
  writer was answered with was seen, unless the reader saw a later change of the same message;
- no SSE event arrived twice within a connection;
- the same client_id posted concurrently through both instances was stored once.

Usage: python3 tests/live/gapfree.py --binary .build/debug/msgsvc [--seconds 8]
"""
import argparse
import http.client
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reliability"))
import processes  # noqa: E402
from http_client import Client  # noqa: E402

ROOMS = ["gap-a", "gap-b", "gap-c"]


class Failure(Exception):
    pass


def ready(port):
    def check():
        try:
            return Client(port, timeout=2).request("GET", "/readyz").status == 200
        except Exception:
            return False
    return check


class Committed:
    """Every change number a writer was answered with, per room, and which message it belongs to."""

    def __init__(self):
        self.lock = threading.Lock()
        self.changes = {room: {} for room in ROOMS}  # room -> change -> message id
        self.ids = {room: [] for room in ROOMS}
        self.when = {}  # (room, change) -> (monotonic time the writer was answered, port written through)

    def record(self, message, port=None):
        with self.lock:
            self.when[(message["room_id"], message["change"])] = (time.monotonic(), port)
            self.changes[message["room_id"]][message["change"]] = message["id"]
            if message["id"] not in self.ids[message["room_id"]]:
                self.ids[message["room_id"]].append(message["id"])

    def some_id(self, room, rng):
        with self.lock:
            ids = self.ids[room]
            return rng.choice(ids) if ids else None


def writer(ports, committed, stop, seed, errors):
    rng = random.Random(seed)
    clients = [Client(port) for port in ports]
    count = 0
    while not stop.is_set():
        client = rng.choice(clients)
        room = rng.choice(ROOMS)
        roll = rng.random()
        try:
            target = committed.some_id(room, rng)
            if roll < 0.6 or target is None:
                count += 1
                body = {"sender": f"w{seed}", "content": f"m{seed}-{count}", "client_id": f"w{seed}-{count}"}
                response = client.request("POST", f"/rooms/{room}/messages", body)
                expected = (201,)
            elif roll < 0.85:
                response = client.request("PATCH", f"/rooms/{room}/messages/{target}", {"content": f"e{rng.random()}"})
                expected = (200, 409)  # 409: it was deleted meanwhile
            else:
                response = client.request("DELETE", f"/rooms/{room}/messages/{target}")
                expected = (200,)
        except Exception as error:  # noqa: BLE001
            errors.append(f"writer {seed}: {error!r}")
            continue
        if response.status not in expected:
            errors.append(f"writer {seed}: {response.describe()}")
        elif response.status in (200, 201):
            committed.record(response.json, client.port)


class View:
    """What one reader has seen of one room."""

    def __init__(self):
        self.messages = {}
        self.seen = set()
        self.last = 0

    def apply(self, message, who):
        change = message["change"]
        if change <= self.last:
            raise Failure(f"{who}: change {change} after {self.last} in {message['room_id']}")
        self.last = change
        self.seen.add(change)
        self.messages[message["id"]] = message


def changes_reader(port, room, stop, views, errors, seed):
    rng = random.Random(seed)
    client = Client(port)
    view = views[("changes", seed, room)] = View()
    while True:
        stopping = stop.is_set()
        try:
            while True:
                response = client.request("GET", f"/rooms/{room}/changes?after={view.last}&limit={rng.randint(1, 3)}")
                if response.status != 200:
                    raise Failure(f"/changes: {response.describe()}")
                for message in response.json["changes"]:
                    view.apply(message, f"changes reader {seed}")
                if not response.json["has_more"]:
                    break
        except Failure as failure:
            errors.append(str(failure))
            return
        except Exception as error:  # noqa: BLE001
            errors.append(f"changes reader {seed}: {error!r}")
        if stopping:
            return
        time.sleep(rng.uniform(0, 0.05))


def live_reader(ports, room, stop, views, errors, seed, stats):
    """Holds /live streams, cutting each after a random number of events and resuming with Last-Event-ID."""
    rng = random.Random(seed)
    view = views[("live", seed, room)] = View()
    while not (stop.is_set() and stop.drained(view, room)):
        port = rng.choice(ports)
        # Longer than the 15 s heartbeat: a quiet stream still sends something within it.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Accept": "text/event-stream"}
        path = f"/rooms/{room}/live"
        if view.last > 0 or rng.random() < 0.5:
            headers["Last-Event-ID"] = str(view.last)
        else:
            path += "?after=0"
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            if response.status != 200:
                raise Failure(f"/live: {response.status} {response.read()[:200]!r}")
            stats["connections"] += 1
            opened = time.monotonic()
            budget = rng.randint(1, 40)
            in_connection = set()
            event = {}
            while budget > 0:
                line = response.readline()
                if not line:
                    break
                line = line.decode().rstrip("\n")
                if line == "":
                    if "data" in event:
                        message = json.loads(event["data"])
                        if event.get("id") in in_connection:
                            raise Failure(f"live reader {seed}: event {event.get('id')} twice in one connection")
                        in_connection.add(event.get("id"))
                        if str(message["change"]) != event.get("id"):
                            raise Failure(f"live reader {seed}: id {event.get('id')} for change {message['change']}")
                        view.apply(message, f"live reader {seed}")
                        stats["arrivals"].append((room, message["change"], time.monotonic(), opened, port))
                        budget -= 1
                        stats["events"] += 1
                    event = {}
                    # Checked at every blank line, heartbeats included (every 15 s on a quiet stream).
                    if stop.is_set() and stop.drained(view, room):
                        break
                elif not line.startswith(":") and ":" in line:
                    name, _, value = line.partition(":")
                    event[name] = value[1:] if value.startswith(" ") else value
        except Failure as failure:
            errors.append(str(failure))
            connection.close()
            return
        except Exception as error:  # noqa: BLE001
            if not stop.is_set():
                errors.append(f"live reader {seed}: {error!r}")
        connection.close()  # cut: resume from view.last on the next turn


class Stop(threading.Event):
    """Set when the writers are done; then knows each room's final last change, for readers to reach."""

    final = None

    def drained(self, view, room):
        return self.final is not None and view.last >= self.final[room]


def store_state(port, room):
    client = Client(port)
    state, after = {}, 0
    while True:
        response = client.request("GET", f"/rooms/{room}/changes?after={after}&limit=1000")
        for message in response.json["changes"]:
            state[message["id"]] = message
        after = response.json["last_change"]
        if not response.json["has_more"]:
            return state, after


def idempotency(ports, errors):
    """The same client_id posted at once through every instance is stored once."""
    for attempt in range(20):
        barrier = threading.Barrier(len(ports) * 2)
        answers = []

        def post(port):
            client = Client(port)
            barrier.wait()
            body = {"sender": "twin", "content": "once", "client_id": f"twin-{attempt}"}
            answers.append(client.request("POST", "/rooms/gap-a/messages", body))

        threads = [threading.Thread(target=post, args=(port,)) for port in ports for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        ids = {answer.json["id"] for answer in answers if answer.status in (200, 201)}
        created = [answer for answer in answers if answer.status == 201]
        if len(ids) != 1 or len(created) != 1 or any(answer.status not in (200, 201) for answer in answers):
            errors.append(f"client_id twin-{attempt}: {[answer.describe() for answer in answers]}")


def scenario(name, ports, seconds):
    committed = Committed()
    writers_stop = threading.Event()
    stop = Stop()
    errors, views = [], {}
    stats = {"connections": 0, "events": 0, "arrivals": []}
    threads = []
    for seed in range(4):
        threads.append(threading.Thread(target=writer, args=(ports, committed, writers_stop, seed, errors)))
    readers = []
    for index, room in enumerate(ROOMS):
        readers.append(threading.Thread(target=changes_reader, args=(ports[index % len(ports)], room, stop, views, errors, 100 + index)))
        for copy in range(2):
            readers.append(threading.Thread(
                target=live_reader, args=(ports, room, stop, views, errors, 200 + index * 10 + copy, stats)))
    for thread in threads + readers:
        thread.start()
    idempotency(ports, errors)
    time.sleep(seconds)
    writers_stop.set()
    for thread in threads:
        thread.join()
    # The writers have stopped: the store's final state, for every reader to reach.
    final = {room: store_state(ports[0], room) for room in ROOMS}
    stop.final = {room: final[room][1] for room in ROOMS}
    stop.set()
    deadline = time.monotonic() + 60
    for thread in readers:
        thread.join(max(0.1, deadline - time.monotonic()))
    if any(thread.is_alive() for thread in readers):
        errors.append("a reader did not reach the final state within 60 s")

    for (kind, seed, room), view in views.items():
        state = final[room][0]
        if view.messages != state:
            missing = set(state) - set(view.messages)
            differing = [i for i in state if i in view.messages and view.messages[i] != state[i]]
            errors.append(f"{kind} reader {seed} in {room}: view differs (missing {len(missing)}, stale {len(differing)})")
        for change, message_id in committed.changes[room].items():
            seen_later = view.messages.get(message_id, {}).get("change", 0) > change
            if change not in view.seen and not seen_later:
                errors.append(f"{kind} reader {seed} in {room}: skipped change {change}")
                break
    # Delivery delay of changes that arrived on a stream already open when they were written, measured to
    # the writer's answer (so slightly under the true delay). Reported, not asserted: timings vary with load.
    delays = sorted(max(0.0, arrived - committed.when[(room, change)][0])
                    for room, change, arrived, opened, port in stats["arrivals"]
                    if (room, change) in committed.when and opened < committed.when[(room, change)][0]
                    and (len(ports) == 1 or committed.when[(room, change)][1] != port))
    if delays:
        print(f"{name}: live delivery delay{' across instances' if len(ports) > 1 else ''}: "
              f"p50 {delays[len(delays) // 2] * 1000:.0f} ms, p99 {delays[int(len(delays) * 0.99)] * 1000:.0f} ms "
              f"over {len(delays)} events")
    total = sum(len(changes) for changes in committed.changes.values())
    print(f"{name}: {total} changes committed in {len(ROOMS)} rooms, {stats['connections']} live connections, "
          f"{stats['events']} live events, {len(views)} reader views")
    return errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seconds", type=float, default=8)
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    work = tempfile.mkdtemp(prefix="msgsvc-gapfree-")
    failures = []
    try:
        engine_port = processes.free_port()
        engine = processes.start_engine(binary, os.path.join(work, "engine"), engine_port, os.path.join(work, "engine.log"))
        uri = f"mongodb://127.0.0.1:{engine_port}/gapfree"
        ports = [processes.free_port(), processes.free_port()]
        services = [processes.start_service(binary, os.path.join(work, f"s{index}"), port, os.path.join(work, f"s{index}.log"),
                                            uri=uri, extra=["--live-poll-ms", "50"], ready=ready(port))
                    for index, port in enumerate(ports)]
        failures += [f"two instances: {error}" for error in scenario("two instances on one msgsvc engine", ports, arguments.seconds)]
        for child in services + [engine]:
            if child.stop() != 0:
                failures.append(f"{' '.join(child.arguments[:2])} did not exit cleanly:\n{child.log_tail()}")

        port = processes.free_port()
        embedded = processes.start_service(binary, os.path.join(work, "embedded"), port, os.path.join(work, "embedded.log"),
                                           extra=["--live-poll-ms", "50"], ready=ready(port))
        failures += [f"embedded: {error}" for error in scenario("embedded engine", [port], arguments.seconds)]
        if embedded.stop() != 0:
            failures.append(f"embedded msgsvc did not exit cleanly:\n{embedded.log_tail()}")
    finally:
        if failures:
            print("\n".join(failures[:50]))
            for name in sorted(os.listdir(work)):
                if name.endswith(".log"):
                    print(f"--- {name}\n" + open(os.path.join(work, name), errors="replace").read()[-3000:])
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        sys.exit(1)
    print("gap-free: ok")


if __name__ == "__main__":
    main()
