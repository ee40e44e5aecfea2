"""Fixtures for the conformance run: the engine (binary from MSGSVC_BIN), an internal client, and a way
to print one line per spec test as it finishes, whatever pytest's output capturing."""
import os

import pymongo
import pytest

from engine import Engine


@pytest.fixture(scope="session")
def engine():
    e = Engine(os.environ.get("MSGSVC_BIN", ".build/debug/msgsvc"))
    e.start()
    yield e
    e.stop()


@pytest.fixture(scope="session")
def internal_client(engine):
    client = pymongo.MongoClient(engine.uri)
    yield client
    client.close()


@pytest.fixture
def emit(request):
    """Writes a line to the terminal now, so a slow or hanging test shows where the run is."""
    capture = request.config.pluginmanager.getplugin("capturemanager")
    terminal = request.config.pluginmanager.getplugin("terminalreporter")

    def write(line):
        with capture.global_and_fixture_disabled():
            terminal.write_line(line)
    return write
