"""expectError: what kind of error an operation raised, its code, name, message, labels and partial
result, checked against the test's expectations."""
import os
import traceback

from pymongo.errors import BulkWriteError, ClientBulkWriteException, OperationFailure, PyMongoError

from matching import Mismatch, RunnerError
from results import bulk_result_from_error_details, client_bulk_result

# Code names the driver's bulk write errors cannot carry (a writeError has a code, not a codeName), for
# the translation the format allows. Only names the test files use are needed.
CODE_NAMES = {"DuplicateKey": 11000, "DocumentValidationFailure": 121, "FailedToParse": 9,
              "BadValue": 2, "TypeMismatch": 14, "InvalidOptions": 72, "CommandNotFound": 59,
              "NamespaceNotFound": 26, "IndexNotFound": 27, "UnknownBulkWriteOperation": 1}


def is_operation_error(error):
    """Errors the driver raises count as the operation's. A TypeError or ValueError counts only when it
    comes from pymongo or bson themselves (argument validation), so that a bug in the runner can never
    pass for the client-side error a test expects."""
    if isinstance(error, RunnerError):
        return False
    if isinstance(error, PyMongoError):
        return True
    if isinstance(error, (TypeError, ValueError)):
        frames = traceback.extract_tb(error.__traceback__)
        return bool(frames) and any(f"{os.sep}{package}{os.sep}" in frames[-1].filename
                                    for package in ("pymongo", "bson"))
    return False


def _server_errors(error):
    """The server-side error documents behind an error: its reply, and each write error of a bulk."""
    details = getattr(error, "details", None) or {}
    documents = [details] if isinstance(details, dict) else []
    if isinstance(error, BulkWriteError):
        documents += details.get("writeErrors", []) + details.get("writeConcernErrors", [])
    if isinstance(error, ClientBulkWriteException):
        documents += list(error.write_errors or []) + list(error.write_concern_errors or [])
        if isinstance(error.error, OperationFailure):
            documents.append(error.error.details or {})
    return documents


def _codes(error):
    codes = {document.get("code") for document in _server_errors(error)}
    if isinstance(error, OperationFailure) and error.code is not None:
        codes.add(error.code)
    return codes - {None}


def short(error):
    """One line for a FAIL reason; a bulk error names its first write error, which says what failed."""
    text = str(error).split(", full error:")[0]
    if isinstance(error, BulkWriteError) and error.details.get("writeErrors"):
        first = error.details["writeErrors"][0]
        text = f"{text}: write error {first.get('code')}: {first.get('errmsg')}"
    return f"{type(error).__name__}: {text[:160]}"


def check_error(expected, error, matcher):
    """Raises Mismatch if `error` does not satisfy `expected` (an expectedError object)."""
    if error is None:
        raise Mismatch(f"expected an error ({sorted(expected)}), the operation succeeded")
    client_error = not isinstance(error, OperationFailure)
    if "isClientError" in expected and expected["isClientError"] != client_error:
        raise Mismatch(f"expected a {'client' if expected['isClientError'] else 'server'} error, got {short(error)}")
    if "isTimeoutError" in expected and expected["isTimeoutError"] != bool(getattr(error, "timeout", False)):
        raise Mismatch(f"isTimeoutError={expected['isTimeoutError']} but got {short(error)}")
    if "errorContains" in expected:
        texts = [str(error)] + [str(document.get("errmsg", "")) for document in _server_errors(error)]
        if not any(expected["errorContains"].lower() in text.lower() for text in texts):
            raise Mismatch(f"error does not contain {expected['errorContains']!r}: {short(error)}")
    if "errorCode" in expected and expected["errorCode"] not in _codes(error):
        raise Mismatch(f"expected error code {expected['errorCode']}, got {sorted(_codes(error))}: {short(error)}")
    if "errorCodeName" in expected:
        wanted = expected["errorCodeName"]
        names = {str(document.get("codeName", "")).lower() for document in _server_errors(error)}
        if wanted.lower() not in names:
            if wanted not in CODE_NAMES:
                raise RunnerError(f"no code number known for code name {wanted}")
            if CODE_NAMES[wanted] not in _codes(error):
                raise Mismatch(f"expected error {wanted}, got {short(error)}")
    for label in expected.get("errorLabelsContain", []):
        if not (hasattr(error, "has_error_label") and error.has_error_label(label)):
            raise Mismatch(f"error lacks label {label}: {short(error)}")
    for label in expected.get("errorLabelsOmit", []):
        if hasattr(error, "has_error_label") and error.has_error_label(label):
            raise Mismatch(f"error has label {label}: {short(error)}")
    if "errorResponse" in expected:
        if not isinstance(error, OperationFailure):
            raise Mismatch(f"expected a server response, got {short(error)}")
        matcher.match(expected["errorResponse"], error.details or {}, root=True, path="errorResponse")
    if "expectResult" in expected:
        matcher.match(expected["expectResult"], _partial_result(error), root=True, path="error.expectResult")
    if "writeErrors" in expected:
        actual = {str(item.get("idx")): item for item in getattr(error, "write_errors", None) or []}
        if set(actual) != set(expected["writeErrors"]):
            raise Mismatch(f"expected write errors at {sorted(expected['writeErrors'])}, got {sorted(actual)}")
        for index, want in expected["writeErrors"].items():
            matcher.match(want, actual[index], root=True, path=f"writeErrors.{index}")
    if "writeConcernErrors" in expected:
        matcher.match_roots(expected["writeConcernErrors"], list(getattr(error, "write_concern_errors", None) or []),
                            path="writeConcernErrors")


def _partial_result(error):
    """What was written before a bulk write failed, in the shape of its result; None when unknown."""
    if isinstance(error, BulkWriteError):
        return bulk_result_from_error_details(error.details)
    if isinstance(error, ClientBulkWriteException) and error.partial_result is not None:
        return client_bulk_result(error.partial_result)
    return None
