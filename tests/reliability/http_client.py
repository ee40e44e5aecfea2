"""A keep-alive HTTP/1.1 client for one thread, which tells apart the ways a request can go wrong during a
fault: no answer at all (refused, or closed before the status line), an answer cut short, or a timeout."""
import http.client
import json
import socket
import time
import urllib.parse


class NoResponse(Exception):
    """The server accepted no request: connection refused or closed before any status line."""


class Truncated(Exception):
    """A response started but did not finish: the body is shorter than announced, or the line dropped."""


class TimedOut(Exception):
    """No complete response within the client's timeout."""


class Response:
    def __init__(self, status, headers, body, latency):
        self.status = status
        self.headers = headers
        self.body = body
        self.latency = latency
        try:
            self.json = json.loads(body.decode("utf-8")) if body else None
        except (UnicodeDecodeError, ValueError):
            self.json = None

    def header(self, name):
        return self.headers.get(name.lower())

    @property
    def error_code(self):
        if isinstance(self.json, dict) and isinstance(self.json.get("error"), dict):
            return self.json["error"].get("code")
        return None

    def describe(self):
        text = self.body[:200].decode("utf-8", "replace")
        return f"{self.status} {text}"


class Client:
    """Not thread-safe: give each thread its own."""

    def __init__(self, port, timeout=30.0):
        self.port = port
        self.timeout = timeout
        self.connection = None

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def request(self, method, path, body=None, headers=None):
        """One request; raises NoResponse, Truncated or TimedOut. The connection is reused until an error."""
        all_headers = {"Host": f"127.0.0.1:{self.port}"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode() if not isinstance(body, bytes) else body
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        started = time.monotonic()
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            self.connection.request(method, path, body=payload, headers=all_headers)
            answer = self.connection.getresponse()
        except socket.timeout as error:
            self.close()
            raise TimedOut(f"{method} {path}: {error!r}") from error
        except (OSError, http.client.HTTPException) as error:
            self.close()
            raise NoResponse(f"{method} {path}: {error!r}") from error
        try:
            data = answer.read()
        except socket.timeout as error:
            self.close()
            raise TimedOut(f"{method} {path} body: {error!r}") from error
        except (OSError, http.client.HTTPException) as error:
            self.close()
            raise Truncated(f"{method} {path} status {answer.status}: {error!r}") from error
        length = answer.getheader("Content-Length")
        if length is not None and int(length) != len(data):
            self.close()
            raise Truncated(f"{method} {path}: Content-Length {length}, got {len(data)} bytes")
        if answer.will_close:
            self.close()
        headers = {name.lower(): value for name, value in answer.getheaders()}
        return Response(answer.status, headers, data, time.monotonic() - started)

    def get(self, path):
        return self.request("GET", path)

    def post_message(self, room, sender, content, client_id=None):
        body = {"sender": sender, "content": content}
        if client_id is not None:
            body["client_id"] = client_id
        return self.request("POST", f"/rooms/{room}/messages", body=body)

    def page(self, room, limit=None, before=None, after=None):
        query = {}
        if limit is not None:
            query["limit"] = str(limit)
        if before is not None:
            query["before"] = before
        if after is not None:
            query["after"] = after
        suffix = "?" + urllib.parse.urlencode(query) if query else ""
        return self.get(f"/rooms/{room}/messages{suffix}")


def status_of(port, path, timeout=5.0):
    """The status of one GET on a fresh connection, or None if there was no complete answer."""
    client = Client(port, timeout=timeout)
    try:
        return client.get(path).status
    except (NoResponse, Truncated, TimedOut):
        return None
    finally:
        client.close()
