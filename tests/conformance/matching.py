"""The unified format's "Evaluating Matches": expected values may hold $$ operators, root-level
documents may carry extra fields, nested ones may not, and int/long/double compare by value.

A mismatch raises Mismatch with the path to the first difference, which becomes the FAIL reason."""
import datetime
import re

from bson import Binary, Code, DBRef, Decimal128, Int64, MaxKey, MinKey, ObjectId, Regex, Timestamp
from bson.datetime_ms import DatetimeMS


class Mismatch(AssertionError):
    pass


class RunnerError(Exception):
    """The test file asks for something this runner does not implement (a runner gap, not an engine one)."""


def _is_number(value):
    return isinstance(value, (int, float, Int64)) and not isinstance(value, bool)


def bson_type(value):
    """The $type alias of a decoded BSON value."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, Int64):
        return "long"
    if isinstance(value, int):
        return "int" if -2**31 <= value < 2**31 else "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (dict, DBRef)):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, (bytes, Binary)):
        return "binData"
    if isinstance(value, ObjectId):
        return "objectId"
    if isinstance(value, (datetime.datetime, DatetimeMS)):
        return "date"
    if value is None:
        return "null"
    if isinstance(value, (Regex, re.Pattern)):
        return "regex"
    if isinstance(value, Code):
        return "javascriptWithScope" if value.scope is not None else "javascript"
    if isinstance(value, Timestamp):
        return "timestamp"
    if isinstance(value, Decimal128):
        return "decimal"
    if isinstance(value, MinKey):
        return "minKey"
    if isinstance(value, MaxKey):
        return "maxKey"
    return type(value).__name__


def _is_operator(value):
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)).startswith("$$")


def _equal_scalars(expected, actual, path):
    if _is_number(expected) and _is_number(actual):
        if expected != actual:
            raise Mismatch(f"{path}: expected {expected!r}, got {actual!r}")
        return
    if bson_type(expected) != bson_type(actual) or expected != actual:
        raise Mismatch(f"{path}: expected {expected!r}, got {actual!r}")


class Matcher:
    """Holds the entity map, which $$matchesEntity and $$sessionLsid read."""

    def __init__(self, entities):
        self.entities = entities

    def match(self, expected, actual, root=False, path="$"):
        if _is_operator(expected):
            self._operator(expected, actual, root, path)
            return
        if isinstance(expected, dict):
            if not isinstance(actual, dict):
                raise Mismatch(f"{path}: expected a document, got {actual!r}")
            for key, value in expected.items():
                here = f"{path}.{key}"
                if _is_operator(value) and next(iter(value)) in ("$$exists", "$$unsetOrMatches"):
                    self._keyed_operator(value, actual, key, here)
                    continue
                if key not in actual:
                    raise Mismatch(f"{here}: missing (expected {value!r})")
                self.match(value, actual[key], path=here)
            if not root:
                extra = [key for key in actual if key not in expected]
                if extra:
                    raise Mismatch(f"{path}: unexpected field(s) {extra} in a nested document")
            return
        if isinstance(expected, list):
            if not isinstance(actual, list):
                raise Mismatch(f"{path}: expected an array, got {actual!r}")
            if len(expected) != len(actual):
                raise Mismatch(f"{path}: expected {len(expected)} element(s), got {len(actual)}: {actual!r}")
            for index, (want, got) in enumerate(zip(expected, actual)):
                self.match(want, got, path=f"{path}[{index}]")
            return
        _equal_scalars(expected, actual, path)

    def match_roots(self, expected, actual, path="$"):
        """An array of documents read from a cursor: each element is a root-level document."""
        if not isinstance(expected, list) or not isinstance(actual, list):
            self.match(expected, actual, path=path)
            return
        if len(expected) != len(actual):
            raise Mismatch(f"{path}: expected {len(expected)} document(s), got {len(actual)}: {actual!r}")
        for index, (want, got) in enumerate(zip(expected, actual)):
            self.match(want, got, root=True, path=f"{path}[{index}]")

    def _keyed_operator(self, operator, document, key, path):
        name, argument = next(iter(operator.items()))
        if name == "$$exists":
            if bool(argument) != (key in document):
                raise Mismatch(f"{path}: expected {'present' if argument else 'absent'}")
        elif key in document:  # $$unsetOrMatches with the key present
            self.match(argument, document[key], path=path)

    def _operator(self, operator, actual, root, path):
        name, argument = next(iter(operator.items()))
        if name == "$$unsetOrMatches":
            # A whole result may be unset (None: the driver returned nothing) or match.
            if actual is not None:
                self.match(argument, actual, root=root, path=path)
        elif name == "$$type":
            wanted = [argument] if isinstance(argument, str) else list(argument)
            actual_type = bson_type(actual)
            numeric = _is_number(actual) or isinstance(actual, Decimal128)  # the "number" alias
            if actual_type not in wanted and not ("number" in wanted and numeric):
                raise Mismatch(f"{path}: expected type {wanted}, got {actual_type} ({actual!r})")
        elif name == "$$exists":
            if not argument:
                raise Mismatch(f"{path}: expected absent, got {actual!r}")
        elif name == "$$matchesEntity":
            if argument not in self.entities:
                raise RunnerError(f"$$matchesEntity: no entity {argument!r}")
            self.match(self.entities[argument], actual, root=root, path=path)
        elif name == "$$matchesHexBytes":
            want = bytes.fromhex(argument)
            got = actual.encode("latin-1") if isinstance(actual, str) else bytes(actual)
            if want != got:
                raise Mismatch(f"{path}: expected bytes {argument}, got {got.hex()}")
        elif name == "$$sessionLsid":
            session = self.entities.get(argument)
            if session is None or not hasattr(session, "session_id"):
                raise RunnerError(f"$$sessionLsid: no session entity {argument!r}")
            self.match(session.session_id, actual, path=path)
        elif name == "$$lte":
            if not (_is_number(actual) and actual <= argument):
                raise Mismatch(f"{path}: expected <= {argument!r}, got {actual!r}")
        elif name == "$$matchAsRoot":
            self.match(argument, actual, root=True, path=path)
        elif name == "$$matchAsDocument":
            from bson import json_util
            self.match(argument, json_util.loads(actual), path=path)
        else:
            raise RunnerError(f"unsupported special operator {name}")


def exactly_equal(expected, actual, path="$"):
    """Collection contents in `outcome`: no operators, no extra fields anywhere, key order free.
    Numbers still compare by value, as the drivers' own runners do."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            raise Mismatch(f"{path}: expected a document, got {actual!r}")
        if set(expected) != set(actual):
            raise Mismatch(f"{path}: fields {sorted(actual)} differ from expected {sorted(expected)}")
        for key in expected:
            exactly_equal(expected[key], actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            raise Mismatch(f"{path}: expected {expected!r}, got {actual!r}")
        for index, (want, got) in enumerate(zip(expected, actual)):
            exactly_equal(want, got, f"{path}[{index}]")
    else:
        _equal_scalars(expected, actual, path)
