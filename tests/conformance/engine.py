"""Starts `msgsvc engine` on a fresh data directory and a free port, as tests/pymongo does, with its
output in a log file (a pipe nobody reads would block a chatty engine)."""
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time


def _free_port():
    # Below the ephemeral range, so no client socket of this run can take the port meanwhile.
    for _ in range(200):
        port = random.randint(20000, 30000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port in 20000-30000")


class Engine:
    def __init__(self, binary):
        if not os.access(binary, os.X_OK):
            raise RuntimeError(f"engine binary {binary!r} is missing or not executable (set MSGSVC_BIN)")
        self.binary = binary
        self.data_dir = tempfile.mkdtemp(prefix="msgsvc-conformance-")
        self.log_path = os.path.join(self.data_dir, "engine.log")
        self.port = _free_port()
        self.proc = None

    def start(self):
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [self.binary, "engine", "--data-dir", os.path.join(self.data_dir, "data"), "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("engine exited: " + self.log_tail())
                time.sleep(0.05)
        raise RuntimeError("engine did not start listening: " + self.log_tail())

    def log_tail(self, size=2000):
        with open(self.log_path, "rb") as log:
            return log.read()[-size:].decode(errors="replace")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.alive():
            self.proc.terminate()
            self.proc.wait(timeout=20)
        shutil.rmtree(self.data_dir, ignore_errors=True)

    @property
    def uri(self):
        return f"mongodb://127.0.0.1:{self.port}/?serverSelectionTimeoutMS=5000"
