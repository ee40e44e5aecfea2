"""Arguments of the unified format's CRUD operations as pymongo keywords and write models.

An argument the mapping does not know is a RunnerError, as the format requires: it is never dropped."""
from pymongo import DeleteMany, DeleteOne, InsertOne, ReplaceOne, ReturnDocument, UpdateMany, UpdateOne
from pymongo.client_session import ClientSession

from matching import RunnerError


def _return_document(value):
    lowered = str(value).lower()
    if lowered not in ("before", "after"):
        raise RunnerError(f"returnDocument must be Before or After, got {value!r}")
    return ReturnDocument.AFTER if lowered == "after" else ReturnDocument.BEFORE


# Spec argument name -> (pymongo keyword, conversion). Names not listed for an operation are refused.
RENAMES = {
    "arrayFilters": ("array_filters", None),
    "batchSize": ("batch_size", None),
    "bypassDocumentValidation": ("bypass_document_validation", None),
    "allowDiskUse": ("allow_disk_use", None),
    "maxTimeMS": ("max_time_ms", None),
    "returnDocument": ("return_document", _return_document),
    "returnKey": ("return_key", None),
    "showRecordId": ("show_record_id", None),
    "noCursorTimeout": ("no_cursor_timeout", None),
}


def kwargs(arguments, allowed, entities, keep_names=()):
    """Converts spec arguments to pymongo keywords; `keep_names` pass through unchanged (commands that
    pymongo forwards as raw fields, such as aggregate's allowDiskUse)."""
    unknown = set(arguments) - set(allowed) - {"session"}
    if unknown:
        raise RunnerError(f"unsupported argument(s) {sorted(unknown)}")
    out = {}
    for name, value in arguments.items():
        if name == "session":
            out["session"] = entities.get_typed(value, ClientSession)
        elif name in keep_names or name not in RENAMES:
            out[name] = value
        else:
            keyword, convert = RENAMES[name]
            out[keyword] = convert(value) if convert else value
    return out


def split(arguments, *required, optional=()):
    """Takes the named arguments out (required ones must be there, as the CRUD spec defines them);
    returns their values in order and the remaining options."""
    rest = dict(arguments)
    missing = [name for name in required if name not in rest]
    if missing:
        raise RunnerError(f"missing required argument(s) {missing}")
    values = [rest.pop(name) if name in rest else None for name in required + tuple(optional)]
    return values, rest


def write_model(request, client_level=False):
    """A bulkWrite request ({"updateOne": {...}}) as a pymongo model; clientBulkWrite's carry a namespace."""
    (kind, spec), = request.items()
    spec = dict(spec)
    options = {"namespace": spec.pop("namespace")} if client_level else {}
    for name, keyword in (("upsert", "upsert"), ("arrayFilters", "array_filters"), ("collation", "collation"),
                          ("hint", "hint"), ("sort", "sort")):
        if name in spec:
            options[keyword] = spec.pop(name)
    try:
        if kind == "insertOne":
            built = InsertOne(spec.pop("document"), **options)
        elif kind in ("updateOne", "updateMany"):
            model = UpdateOne if kind == "updateOne" else UpdateMany
            built = model(spec.pop("filter"), spec.pop("update"), **options)
        elif kind == "replaceOne":
            built = ReplaceOne(spec.pop("filter"), spec.pop("replacement"), **options)
        elif kind in ("deleteOne", "deleteMany"):
            built = (DeleteOne if kind == "deleteOne" else DeleteMany)(spec.pop("filter"), **options)
        else:
            raise RunnerError(f"unsupported bulk write model {kind}")
    except TypeError as error:  # the installed pymongo lacks an option (e.g. sort, new in 4.11)
        raise RunnerError(f"{kind}: {error}") from None
    if spec:
        raise RunnerError(f"unsupported {kind} argument(s) {sorted(spec)}")
    return built
