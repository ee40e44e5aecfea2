"""What a scenario gets to work with: the binary, its own directory for data and logs, helpers that start
msgsvc and the standalone engine on free ports, and a place to print figures and record checks."""
import os

import processes
from http_client import status_of


class Scenario:
    def __init__(self, name, binary, directory, soak_seconds, soak_rate):
        self.name = name
        self.binary = binary
        self.directory = directory
        self.soak_seconds = soak_seconds
        self.soak_rate = soak_rate
        self.failures = []
        self.children = []
        os.makedirs(directory, exist_ok=True)

    # Output.

    def figure(self, text):
        print(f"  {text}", flush=True)

    def check(self, ok, text, detail=()):
        """Records one pass/fail check; `detail` lines are printed under a failed one."""
        print(f"  [{'ok' if ok else 'FAIL'}] {text}", flush=True)
        if not ok:
            self.failures.append(text)
            for line in detail:
                print(f"         {line}", flush=True)
        return ok

    @property
    def passed(self):
        return not self.failures

    # Processes.

    def path(self, name):
        return os.path.join(self.directory, name)

    def service(self, data_dir, port, uri=None, extra=(), log="msgsvc.log"):
        child = processes.start_service(
            self.binary, data_dir, port, self.path(log), uri=uri, extra=extra,
            ready=lambda: status_of(port, "/readyz", timeout=3.0) == 200)
        self.children.append(child)
        return child

    def engine(self, data_dir, port, log="engine.log"):
        child = processes.start_engine(self.binary, data_dir, port, self.path(log))
        self.children.append(child)
        return child

    def print_logs(self, errors=12, tail=15):
        """For a failed scenario: the first error-level lines of each child's log, then its last lines."""
        seen = set()
        for child in self.children:
            if child.log_path in seen:
                continue
            seen.add(child.log_path)
            lines = child.log_tail(100_000).splitlines()
            flagged = [line for line in lines if " error " in line or " critical " in line]
            print(f"  --- {child.log_path}: {len(flagged)} error lines, the first {min(errors, len(flagged))}:", flush=True)
            for line in flagged[:errors]:
                print(f"  | {line}", flush=True)
            print(f"  --- its last {tail} lines:", flush=True)
            for line in lines[-tail:]:
                print(f"  | {line}", flush=True)

    def end(self):
        for child in self.children:
            child.kill()
