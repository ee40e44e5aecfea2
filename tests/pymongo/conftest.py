"""Starts `msgsvc engine` on a free port with a fresh data directory for the pymongo suite.

The binary comes from MSGSVC_BIN (scripts/test sets it to the debug build)."""
import os
import socket
import subprocess
import tempfile
import time

import pymongo
import pytest


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Engine:
    def __init__(self, binary):
        self.binary = binary
        self.data_dir = tempfile.mkdtemp(prefix="msgsvc-pymongo-")
        self.port = _free_port()
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [self.binary, "engine", "--data-dir", self.data_dir, "--port", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("engine exited: " + self.proc.stdout.read().decode())
                time.sleep(0.05)
        raise RuntimeError("engine did not start listening")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)

    @property
    def uri(self):
        return f"mongodb://127.0.0.1:{self.port}/?serverSelectionTimeoutMS=5000"


@pytest.fixture(scope="session")
def engine():
    binary = os.environ.get("MSGSVC_BIN", ".build/debug/msgsvc")
    e = Engine(binary)
    e.start()
    yield e
    e.stop()


@pytest.fixture(scope="session")
def client(engine):
    c = pymongo.MongoClient(engine.uri)
    yield c
    c.close()


@pytest.fixture
def db(client, request):
    name = "t_" + request.node.name[:40].replace("[", "_").replace("]", "_")
    client.drop_database(name)
    yield client[name]
    client.drop_database(name)
