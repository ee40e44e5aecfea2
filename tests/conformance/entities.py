"""createEntities: clients (with command monitoring), databases, collections and sessions, kept in one
entity map per test and torn down after it."""
import pymongo
from pymongo import monitoring
from pymongo.read_concern import ReadConcern
from pymongo.read_preferences import make_read_preference, read_pref_mode_from_name
from pymongo.server_api import ServerApi
from pymongo.write_concern import WriteConcern

from matching import RunnerError

# Command monitoring must not see these unless observeSensitiveCommands (Command Logging and Monitoring).
SENSITIVE_COMMANDS = {"authenticate", "saslstart", "saslcontinue", "getnonce", "createuser", "updateuser",
                      "copydbgetnonce", "copydbsaslstart", "copydb"}
COMMAND_EVENTS = {"commandStartedEvent", "commandSucceededEvent", "commandFailedEvent"}

# Entity clients fail fast instead of hanging the run; a test's uriOptions may still override these.
CLIENT_DEFAULTS = {"serverSelectionTimeoutMS": 5000, "socketTimeoutMS": 20000, "connectTimeoutMS": 5000}


def _payload(kind, event):
    if kind == "commandStartedEvent":
        return event.command
    if kind == "commandSucceededEvent":
        return event.reply
    return event.failure


class CommandRecorder(monitoring.CommandListener):
    """Records the command events a client entity observes, in order, while `recording` is set."""

    def __init__(self, observe, ignore, observe_sensitive):
        self.observe = set(observe)
        self.ignore = {name.lower() for name in ignore} | {"configurefailpoint"}
        self.observe_sensitive = observe_sensitive
        self.events = []
        self.recording = True

    def _keep(self, kind, event):
        if not self.recording or kind not in self.observe:
            return False
        name = event.command_name.lower()
        if name in self.ignore:
            return False
        if not self.observe_sensitive:
            if name in SENSITIVE_COMMANDS:
                return False
            # hello with speculativeAuthenticate is sensitive: the driver redacts its command, reply
            # or failure to an empty document, which is the only sign of it left in the event
            if name in ("hello", "ismaster") and not _payload(kind, event):
                return False
        return True

    def started(self, event):
        if self._keep("commandStartedEvent", event):
            self.events.append(("commandStartedEvent", event))

    def succeeded(self, event):
        if self._keep("commandSucceededEvent", event):
            self.events.append(("commandSucceededEvent", event))

    def failed(self, event):
        if self._keep("commandFailedEvent", event):
            self.events.append(("commandFailedEvent", event))


def read_preference(spec):
    mode = read_pref_mode_from_name(spec["mode"])
    return make_read_preference(mode, spec.get("tagSets"), spec.get("maxStalenessSeconds", -1))


def write_concern(spec):
    options = {"w": spec.get("w"), "wtimeout": spec.get("wtimeoutMS"), "j": spec.get("journal")}
    return WriteConcern(**{k: v for k, v in options.items() if v is not None})


def common_options(spec):
    """readConcern/readPreference/writeConcern of a database or collection entity."""
    options = {}
    for key, value in (spec or {}).items():
        if key == "readConcern":
            options["read_concern"] = ReadConcern(value.get("level"))
        elif key == "readPreference":
            options["read_preference"] = read_preference(value)
        elif key == "writeConcern":
            options["write_concern"] = write_concern(value)
        elif key == "timeoutMS":
            raise RunnerError("timeoutMS (client-side operations timeout) is not implemented by the runner")
        else:
            raise RunnerError(f"unsupported entity option {key}")
    return options


def _known(spec, kind, fields):
    unknown = set(spec) - fields
    if unknown:
        raise RunnerError(f"unsupported {kind} field(s) {sorted(unknown)}")


class EntityMap(dict):
    """Names to entities; also remembers what must be closed at the end of the test."""

    def __init__(self, uri):
        super().__init__()
        self.uri = uri
        self.recorders = {}  # client id -> CommandRecorder
        self.clients = []
        self.sessions = []
        self.cursors = []

    def add(self, name, value):
        if name in self:
            raise RunnerError(f"entity {name!r} defined twice")
        self[name] = value

    def get_typed(self, name, kind):
        if name not in self:
            raise RunnerError(f"no entity {name!r}")
        value = self[name]
        if not isinstance(value, kind):
            raise RunnerError(f"entity {name!r} is a {type(value).__name__}, not a {kind.__name__}")
        return value

    def create(self, definitions):
        for definition in definitions:
            if len(definition) != 1:
                raise RunnerError(f"entity definition needs exactly one key: {list(definition)}")
            kind, spec = next(iter(definition.items()))
            builder = getattr(self, f"_create_{kind}", None)
            if builder is None:
                raise RunnerError(f"unsupported entity type {kind}")
            self.add(spec["id"], builder(spec))

    def _create_client(self, spec):
        unsupported = set(spec) - {"id", "uriOptions", "useMultipleMongoses", "observeEvents",
                                   "ignoreCommandMonitoringEvents", "observeSensitiveCommands", "serverApi"}
        if unsupported:
            raise RunnerError(f"unsupported client option(s) {sorted(unsupported)}")
        observe = spec.get("observeEvents", [])
        if set(observe) - COMMAND_EVENTS:
            raise RunnerError(f"unsupported observed event(s) {sorted(set(observe) - COMMAND_EVENTS)}")
        recorder = CommandRecorder(observe, spec.get("ignoreCommandMonitoringEvents", []),
                                   spec.get("observeSensitiveCommands", False))
        options = dict(CLIENT_DEFAULTS)
        options.update(spec.get("uriOptions", {}))
        if "serverApi" in spec:
            api = spec["serverApi"]
            options["server_api"] = ServerApi(api["version"], strict=api.get("strict"),
                                              deprecation_errors=api.get("deprecationErrors"))
        # useMultipleMongoses has no effect outside sharded and load-balanced topologies.
        client = pymongo.MongoClient(self.uri, event_listeners=[recorder], **options)
        self.recorders[spec["id"]] = recorder
        self.clients.append(client)
        return client

    def _create_database(self, spec):
        _known(spec, "database", {"id", "client", "databaseName", "databaseOptions"})
        client = self.get_typed(spec["client"], pymongo.MongoClient)
        return client.get_database(spec["databaseName"], **common_options(spec.get("databaseOptions")))

    def _create_collection(self, spec):
        _known(spec, "collection", {"id", "database", "collectionName", "collectionOptions"})
        database = self.get_typed(spec["database"], pymongo.database.Database)
        return database.get_collection(spec["collectionName"], **common_options(spec.get("collectionOptions")))

    def _create_session(self, spec):
        _known(spec, "session", {"id", "client", "sessionOptions"})
        client = self.get_typed(spec["client"], pymongo.MongoClient)
        options = spec.get("sessionOptions", {})
        unsupported = set(options) - {"causalConsistency", "snapshot"}
        if unsupported:
            raise RunnerError(f"unsupported session option(s) {sorted(unsupported)}")
        session = client.start_session(causal_consistency=options.get("causalConsistency"),
                                       snapshot=options.get("snapshot", False))
        self.sessions.append(session)
        return session

    def stop_recording(self):
        for recorder in self.recorders.values():
            recorder.recording = False

    def close(self):
        """Closes cursors, ends sessions and closes clients; errors here are not the test's."""
        for cursor in self.cursors:
            try:
                cursor.close()
            except Exception:
                pass
        for session in self.sessions:
            try:
                session.end_session()
            except Exception:
                pass
        for client in self.clients:
            client.close()
