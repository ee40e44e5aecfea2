"""Child processes of a reliability run: msgsvc and `msgsvc engine`, each on a free port with its output in
a log file. Every child is registered so it is killed when the run ends, however it ends."""
import atexit
import os
import signal
import socket
import subprocess
import time

_children = []


def _kill_all():
    for child in _children:
        child.kill()


atexit.register(_kill_all)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    """Resident set size of `pid` in KiB (VmRSS from /proc), or None once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        return None
    return None


class StartError(Exception):
    """A child did not come up; carries the tail of its log."""


class Child:
    """One started binary with its output appended to `log_path`."""

    def __init__(self, arguments, log_path):
        self.arguments = arguments
        self.log_path = log_path
        log = open(log_path, "ab")
        log.write(("\n--- start: " + " ".join(arguments) + "\n").encode())
        log.flush()
        # Children get none of the runner's MSGSVC_*/MONGO_URI settings: only what the scenario passes.
        env = {k: v for k, v in os.environ.items() if not (k.startswith("MSGSVC_") or k == "MONGO_URI")}
        self.popen = subprocess.Popen(arguments, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        log.close()
        _children.append(self)

    @property
    def pid(self):
        return self.popen.pid

    def running(self):
        return self.popen.poll() is None

    def signal(self, number):
        if self.running():
            os.kill(self.popen.pid, number)

    def kill(self):
        """SIGKILL and reap; a no-op once the process has exited."""
        if self.running():
            try:
                os.kill(self.popen.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass

    def wait(self, timeout):
        """The exit status, or None if still running after `timeout` seconds."""
        try:
            return self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, timeout=20):
        """SIGTERM, then SIGKILL if it has not exited within `timeout` seconds; returns the exit status."""
        self.signal(signal.SIGTERM)
        status = self.wait(timeout)
        if status is None:
            self.kill()
            status = self.popen.returncode
        return status

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, "rb") as log:
                text = log.read().decode("utf-8", "replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def _wait_for(predicate, child, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if not child.running():
            raise StartError(f"{what} exited with status {child.popen.returncode}:\n{child.log_tail()}")
        time.sleep(0.05)
    child.kill()
    raise StartError(f"{what} not up after {timeout} s:\n{child.log_tail()}")


def _listening(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def start_engine(binary, data_dir, port, log_path, timeout=60):
    """`msgsvc engine` on 127.0.0.1:`port`, returned once it accepts TCP connections."""
    child = Child([binary, "engine", "--data-dir", data_dir, "--port", str(port), "--log-level", "info"], log_path)
    _wait_for(lambda: _listening(port), child, timeout, "msgsvc engine")
    return child


def start_service(binary, data_dir, port, log_path, uri=None, extra=(), ready=None, timeout=60):
    """msgsvc serving HTTP on 127.0.0.1:`port`, returned once `ready()` (normally /readyz == 200) holds."""
    # --env-file /dev/null: no .env where the suite runs can change the service under test.
    arguments = [binary, "--port", str(port), "--data-dir", data_dir, "--log-level", "info", "--env-file", "/dev/null"]
    if uri:
        arguments += ["--uri", uri]
    child = Child(arguments + list(extra), log_path)
    _wait_for(ready, child, timeout, "msgsvc")
    return child
