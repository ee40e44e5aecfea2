"""Fixtures for the chat page's browser test: msgsvc started by the test itself, and headless Chromium
sessions driven through Debian's chromium-driver (installed by scripts/setup)."""
import os
import shutil
import sys
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reliability"))
import processes  # noqa: E402
from http_client import Client  # noqa: E402


class Msgsvc:
    """msgsvc on its embedded engine, restartable on the same port and data directory."""

    def __init__(self, binary, work):
        self.binary = binary
        self.data_dir = os.path.join(work, "data")
        self.log = os.path.join(work, "msgsvc.log")
        self.port = processes.free_port()
        self.child = None

    def start(self):
        port = self.port

        def ready():
            try:
                return Client(port, timeout=2).request("GET", "/readyz").status == 200
            except Exception:  # noqa: BLE001
                return False

        self.child = processes.start_service(self.binary, self.data_dir, port, self.log, ready=ready)

    def stop(self):
        return self.child.stop()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def client(self):
        return Client(self.port)


@pytest.fixture
def msgsvc():
    binary = os.environ.get("MSGSVC_BIN") or os.path.join(os.path.dirname(__file__), "..", "..", ".build", "debug", "msgsvc")
    work = tempfile.mkdtemp(prefix="msgsvc-browser-")
    service = Msgsvc(os.path.abspath(binary), work)
    service.start()
    yield service
    status = service.stop()
    if status != 0:
        print(open(service.log, errors="replace").read()[-3000:])
    shutil.rmtree(work, ignore_errors=True)
    assert status == 0, "msgsvc did not exit cleanly on SIGTERM"


def _browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1000,700", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


@pytest.fixture
def browsers():
    opened = []

    def open_browser():
        driver = _browser()
        opened.append(driver)
        return driver

    yield open_browser
    for driver in opened:
        driver.quit()
