"""schemathesis extensions for msgsvc's NDJSON media types (loaded by check.py through SCHEMATHESIS_HOOKS).

schemathesis knows JSON, YAML, XML, text and event streams, not NDJSON. Under OpenAPI 3.1, as for the
live stream's events, the schema of an NDJSON media type in openapi.yaml describes one line:

- Request bodies (`POST /rooms/{room_id}/import`): the generated value is written as one JSON line.
- Responses (`GET /rooms/{room_id}/export`): `ndjson_lines_conform` checks that the body is lines, each
  ending in a newline, each one JSON value valid against the media type's schema (`ExportLine`), which
  schemathesis's own response_schema_conformance cannot do for a media type it cannot read.
"""
import json

import jsonschema
import schemathesis

NDJSON_TYPES = ("application/x-ndjson", "application/ndjson")


@schemathesis.serializer(*NDJSON_TYPES)
def ndjson_line(ctx, value):
    if isinstance(value, bytes):
        return value
    return (json.dumps(value, ensure_ascii=False) + "\n").encode("utf-8")


def _media_type(content_type):
    return (content_type or "").split(";", 1)[0].strip().lower()


@schemathesis.check
def ndjson_lines_conform(ctx, response, case):
    """Every line of an NDJSON response is JSON valid against its documented schema."""
    if case.method.upper() == "HEAD" or not response.content:
        return None
    content_types = response.headers.get("content-type") or response.headers.get("Content-Type") or []
    if isinstance(content_types, str):
        content_types = [content_types]
    media_type = _media_type(content_types[0] if content_types else "")
    if media_type not in NDJSON_TYPES:
        return None
    document = case.operation.schema.raw_schema
    definition = case.operation.definition.raw["responses"].get(str(response.status_code))
    if definition is None:
        return None  # status_code_conformance reports it
    if "$ref" in definition:
        definition = document["components"]["responses"][definition["$ref"].rsplit("/", 1)[-1]]
    schema = definition.get("content", {}).get(media_type, {}).get("schema")
    if schema is None:
        return None
    validator = jsonschema.Draft202012Validator({**schema, "components": document["components"]})
    body = response.content.decode("utf-8")
    if not body.endswith("\n"):
        raise AssertionError("NDJSON body does not end with a newline (cut short?)")
    for number, line in enumerate(body[:-1].split("\n"), start=1):
        try:
            value = json.loads(line)
        except ValueError as error:
            raise AssertionError(f"NDJSON line {number} is not JSON: {error}: {line[:200]!r}")
        errors = sorted(validator.iter_errors(value), key=lambda e: e.path)
        if errors:
            raise AssertionError(f"NDJSON line {number} breaks its schema: {errors[0].message}: {line[:300]!r}")
    return None
