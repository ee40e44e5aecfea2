"""Entity operations of the unified format mapped to pymongo calls, and their results turned into the
shapes the CRUD specification describes (InsertOneResult, UpdateResult, BulkWriteResult, ...).

An argument the mapping does not know is a RunnerError, as the format requires: it is never dropped."""
from pymongo import (DeleteMany, DeleteOne, InsertOne, MongoClient, ReplaceOne, ReturnDocument, UpdateMany,
                     UpdateOne)
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.results import (BulkWriteResult, ClientBulkWriteResult, DeleteResult, InsertManyResult,
                             InsertOneResult, UpdateResult)
from pymongo.write_concern import WriteConcern

from entities import read_preference
from matching import RunnerError

# Operations whose result is an iterable of documents: each element is a root-level document.
CURSOR_RESULTS = {"find", "aggregate", "listIndexes", "listCollections", "listDatabases"}


class CursorEntity:
    """A find cursor saved as an entity. The driver runs `find` lazily, so the first document is
    fetched when the cursor is created and handed out by the first iteration, as the format asks."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.pending = []
        try:
            self.pending.append(next(cursor))
        except StopIteration:
            pass

    def next_document(self):
        if self.pending:
            return self.pending.pop()
        try:
            return next(self.cursor)
        except StopIteration:
            raise RunnerError("iterateUntilDocumentOrError on an exhausted, non-tailable cursor") from None

    def iterate_once(self):
        """One iteration: a document, or None once a non-tailable cursor is exhausted."""
        if self.pending:
            return self.pending.pop()
        return next(self.cursor, None)

    def close(self):
        self.cursor.close()


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


def _kwargs(arguments, allowed, entities, keep_names=()):
    """Converts spec arguments to pymongo keywords; `keep_names` pass through unchanged (commands that
    pymongo forwards as raw fields, such as aggregate's allowDiskUse)."""
    unknown = set(arguments) - set(allowed) - {"session"}
    if unknown:
        raise RunnerError(f"unsupported argument(s) {sorted(unknown)}")
    out = {}
    for name, value in arguments.items():
        if name == "session":
            out["session"] = entities[value]
        elif name in keep_names or name not in RENAMES:
            out[name] = value
        else:
            keyword, convert = RENAMES[name]
            out[keyword] = convert(value) if convert else value
    return out


def _split(arguments, *required, optional=()):
    """Takes the named arguments out (required ones must be there, as the CRUD spec defines them);
    returns their values in order and the remaining options."""
    rest = dict(arguments)
    missing = [name for name in required if name not in rest]
    if missing:
        raise RunnerError(f"missing required argument(s) {missing}")
    values = [rest.pop(name) if name in rest else None for name in required + tuple(optional)]
    return values, rest


def _write_model(request, client_level=False):
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


def bulk_result(n_deleted, n_inserted, n_matched, n_modified, n_upserted, upserted_ids):
    return {"deletedCount": n_deleted, "insertedCount": n_inserted, "matchedCount": n_matched,
            "modifiedCount": n_modified, "upsertedCount": n_upserted,
            "upsertedIds": {str(index): _id for index, _id in upserted_ids.items()}}


def bulk_result_from_error_details(details):
    """The partial BulkWriteResult a BulkWriteError carries (its `details` are the raw counts)."""
    upserted = {item["index"]: item["_id"] for item in details.get("upserted", [])}
    return bulk_result(details.get("nRemoved", 0), details.get("nInserted", 0), details.get("nMatched", 0),
                       details.get("nModified", 0), details.get("nUpserted", 0), upserted)


def client_bulk_result(result):
    """A ClientBulkWriteResult as the CRUD spec's document; per-operation maps only when verbose."""
    formatted = {"insertedCount": result.inserted_count, "upsertedCount": result.upserted_count,
                 "matchedCount": result.matched_count, "modifiedCount": result.modified_count,
                 "deletedCount": result.deleted_count}
    if result.has_verbose_results:
        formatted["insertResults"] = {str(i): format_result(r) for i, r in result.insert_results.items()}
        formatted["updateResults"] = {str(i): format_result(r) for i, r in result.update_results.items()}
        formatted["deleteResults"] = {str(i): format_result(r) for i, r in result.delete_results.items()}
    return formatted


def format_result(result):
    """Driver result objects as the documents `expectResult` describes; other values unchanged."""
    if isinstance(result, (InsertOneResult, InsertManyResult, UpdateResult, DeleteResult, BulkWriteResult,
                           ClientBulkWriteResult)):
        if not result.acknowledged:
            return {"acknowledged": False}
    if isinstance(result, InsertOneResult):
        return {"insertedId": result.inserted_id}
    if isinstance(result, InsertManyResult):
        return {"insertedIds": {str(index): _id for index, _id in enumerate(result.inserted_ids)}}
    if isinstance(result, UpdateResult):
        formatted = {"matchedCount": result.matched_count, "modifiedCount": result.modified_count,
                     "upsertedCount": 0 if result.upserted_id is None else 1}
        if result.upserted_id is not None:
            formatted["upsertedId"] = result.upserted_id
        return formatted
    if isinstance(result, DeleteResult):
        return {"deletedCount": result.deleted_count}
    if isinstance(result, ClientBulkWriteResult):
        return client_bulk_result(result)
    if isinstance(result, BulkWriteResult):
        # insertedIds is optional in the CRUD spec and pymongo does not report it.
        return bulk_result(result.deleted_count, result.inserted_count, result.matched_count,
                           result.modified_count, result.upserted_count, result.upserted_ids or {})
    return result


FIND_OPTIONS = ["filter", "sort", "projection", "skip", "limit", "batchSize", "hint", "collation", "comment",
                "let", "allowDiskUse", "max", "min", "maxTimeMS", "returnKey", "showRecordId",
                "noCursorTimeout"]
WRITE_OPTIONS = ["upsert", "arrayFilters", "bypassDocumentValidation", "collation", "hint", "comment", "let",
                 "sort"]


class Operations:
    """Runs one operation on its entity; `run` returns the formatted result."""

    def __init__(self, entities):
        self.entities = entities

    def run(self, operation):
        name, arguments = operation["name"], dict(operation.get("arguments") or {})
        target = self.entities.get(operation["object"])
        if target is None:
            raise RunnerError(f"no entity {operation['object']!r}")
        kinds = {Collection: "collection", Database: "database", MongoClient: "client",
                 CursorEntity: "cursor"}
        kind = next((label for cls, label in kinds.items() if isinstance(target, cls)), None)
        method = getattr(self, f"{kind}_{name}", None) if kind else None
        if method is None:
            raise RunnerError(f"unsupported operation {name} on {type(target).__name__}")
        return format_result(method(target, arguments))

    # -- collection: reads

    def collection_find(self, coll, arguments):
        (filter_,), rest = _split(arguments, "filter")
        return list(coll.find(filter_, **_kwargs(rest, FIND_OPTIONS, self.entities)))

    def collection_findOne(self, coll, arguments):
        (filter_,), rest = _split(arguments, optional=["filter"])
        return coll.find_one(filter_, **_kwargs(rest, FIND_OPTIONS, self.entities))

    def collection_createFindCursor(self, coll, arguments):
        (filter_,), rest = _split(arguments, "filter")
        cursor = CursorEntity(coll.find(filter_, **_kwargs(rest, FIND_OPTIONS, self.entities)))
        self.entities.cursors.append(cursor)
        return cursor

    def collection_aggregate(self, coll, arguments):
        return self._aggregate(coll, arguments)

    def database_aggregate(self, db, arguments):
        return self._aggregate(db, arguments)

    def _aggregate(self, target, arguments):
        (pipeline,), rest = _split(arguments, "pipeline")
        # pymongo forwards these to the command under their spec names
        names = ["batchSize", "allowDiskUse", "bypassDocumentValidation", "collation", "comment", "let",
                 "maxTimeMS", "hint"]
        return list(target.aggregate(pipeline, **_kwargs(rest, names, self.entities, keep_names=names)))

    def collection_countDocuments(self, coll, arguments):
        (filter_,), rest = _split(arguments, "filter")
        names = ["skip", "limit", "collation", "hint", "comment", "maxTimeMS"]
        return coll.count_documents(filter_, **_kwargs(rest, names, self.entities, keep_names=names))

    def collection_estimatedDocumentCount(self, coll, arguments):
        names = ["comment", "maxTimeMS"]
        return coll.estimated_document_count(**_kwargs(arguments, names, self.entities, keep_names=names))

    def collection_count(self, coll, arguments):
        # The deprecated CRUD `count` helper, which pymongo 4 removed: the `count` command it sends.
        (filter_,), rest = _split(arguments, "filter")
        options = _kwargs(rest, ["skip", "limit", "collation", "hint", "comment", "maxTimeMS"], self.entities,
                          keep_names=["skip", "limit", "collation", "hint", "comment", "maxTimeMS"])
        session = options.pop("session", None)
        command = {"count": coll.name, "query": filter_ or {}}
        command.update(options)
        reply = coll.database.command(command, read_preference=coll.read_preference, session=session,
                                      codec_options=coll.codec_options)
        return reply["n"]

    def collection_distinct(self, coll, arguments):
        (field, filter_), rest = _split(arguments, "fieldName", "filter")
        names = ["collation", "comment", "hint", "maxTimeMS"]
        return coll.distinct(field, filter_, **_kwargs(rest, names, self.entities, keep_names=names))

    def collection_listIndexes(self, coll, arguments):
        return list(coll.list_indexes(**_kwargs(arguments, ["batchSize", "comment"], self.entities,
                                                keep_names=["batchSize", "comment"])))

    # -- collection: writes

    def collection_insertOne(self, coll, arguments):
        (document,), rest = _split(arguments, "document")
        return coll.insert_one(document, **_kwargs(rest, ["bypassDocumentValidation", "comment"], self.entities))

    def collection_insertMany(self, coll, arguments):
        (documents,), rest = _split(arguments, "documents")
        return coll.insert_many(documents, **_kwargs(rest, ["ordered", "bypassDocumentValidation", "comment"],
                                                     self.entities))

    def collection_updateOne(self, coll, arguments):
        (filter_, update), rest = _split(arguments, "filter", "update")
        return self._call(coll.update_one, filter_, update, **_kwargs(rest, WRITE_OPTIONS, self.entities))

    def collection_updateMany(self, coll, arguments):
        (filter_, update), rest = _split(arguments, "filter", "update")
        return self._call(coll.update_many, filter_, update, **_kwargs(rest, WRITE_OPTIONS, self.entities))

    def collection_replaceOne(self, coll, arguments):
        (filter_, replacement), rest = _split(arguments, "filter", "replacement")
        return self._call(coll.replace_one, filter_, replacement, **_kwargs(rest, WRITE_OPTIONS, self.entities))

    def collection_deleteOne(self, coll, arguments):
        (filter_,), rest = _split(arguments, "filter")
        return coll.delete_one(filter_, **_kwargs(rest, ["collation", "hint", "comment", "let"], self.entities))

    def collection_deleteMany(self, coll, arguments):
        (filter_,), rest = _split(arguments, "filter")
        return coll.delete_many(filter_, **_kwargs(rest, ["collation", "hint", "comment", "let"], self.entities))

    def collection_bulkWrite(self, coll, arguments):
        (requests,), rest = _split(arguments, "requests")
        models = [_write_model(request) for request in requests]
        return coll.bulk_write(models, **_kwargs(rest, ["ordered", "bypassDocumentValidation", "comment", "let"],
                                                 self.entities))

    def collection_findOneAndDelete(self, coll, arguments):
        (filter_,), rest = _split(arguments, "filter")
        names = ["projection", "sort", "hint", "collation", "comment", "let", "maxTimeMS"]
        return coll.find_one_and_delete(filter_, **self._fam(rest, names))

    def collection_findOneAndReplace(self, coll, arguments):
        (filter_, replacement), rest = _split(arguments, "filter", "replacement")
        names = ["projection", "sort", "upsert", "returnDocument", "hint", "collation", "comment", "let",
                 "maxTimeMS", "bypassDocumentValidation"]
        return coll.find_one_and_replace(filter_, replacement, **self._fam(rest, names))

    def collection_findOneAndUpdate(self, coll, arguments):
        (filter_, update), rest = _split(arguments, "filter", "update")
        names = ["projection", "sort", "upsert", "returnDocument", "hint", "collation", "comment", "let",
                 "maxTimeMS", "bypassDocumentValidation", "arrayFilters"]
        return coll.find_one_and_update(filter_, update, **self._fam(rest, names))

    def _fam(self, arguments, names):
        # find_one_and_* forward unknown keywords into findAndModify, so these keep their spec names.
        raw = ["maxTimeMS", "bypassDocumentValidation", "collation"]
        return _kwargs(arguments, names, self.entities, keep_names=raw)

    @staticmethod
    def _call(method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except TypeError as error:  # the installed pymongo lacks an option (e.g. sort, new in 4.11)
            if "unexpected keyword" in str(error):
                raise RunnerError(str(error)) from None
            raise

    # -- collection: indexes and administration

    def collection_createIndex(self, coll, arguments):
        (keys,), rest = _split(arguments, "keys")
        session = self.entities[rest.pop("session")] if "session" in rest else None
        return coll.create_index(list(keys.items()), session=session, **rest)

    def collection_dropIndex(self, coll, arguments):
        (name,), rest = _split(arguments, "name")
        return coll.drop_index(name, **_kwargs(rest, ["comment"], self.entities))

    def collection_drop(self, coll, arguments):
        coll.drop(**_kwargs(arguments, ["comment"], self.entities))

    # -- database

    def database_createCollection(self, db, arguments):
        (name,), rest = _split(arguments, "collection")
        session = self.entities[rest.pop("session")] if "session" in rest else None
        db.create_collection(name, session=session, **rest)

    def database_dropCollection(self, db, arguments):
        (name,), rest = _split(arguments, "collection")
        db.drop_collection(name, **_kwargs(rest, ["comment"], self.entities))

    def database_listCollections(self, db, arguments):
        (filter_,), rest = _split(arguments, optional=["filter"])
        return list(db.list_collections(filter=filter_, **_kwargs(rest, ["batchSize", "comment"], self.entities,
                                                                  keep_names=["batchSize", "comment"])))

    def database_listCollectionNames(self, db, arguments):
        (filter_,), rest = _split(arguments, optional=["filter"])
        return db.list_collection_names(filter=filter_, **_kwargs(rest, ["comment"], self.entities))

    def database_modifyCollection(self, db, arguments):
        (name,), rest = _split(arguments, "collection")
        session = self.entities[rest.pop("session")] if "session" in rest else None
        return db.command({"collMod": name, **rest}, session=session)

    def database_runCommand(self, db, arguments):
        (command, _name, preference), rest = _split(arguments, "command", "commandName",
                                                     optional=["readPreference"])
        options = _kwargs(rest, [], self.entities)
        if preference:
            options["read_preference"] = read_preference(preference)
        return db.command(command, **options)

    # -- client

    def client_listDatabases(self, client, arguments):
        return list(client.list_databases(**_kwargs(arguments, ["filter", "nameOnly"], self.entities,
                                                    keep_names=["filter", "nameOnly"])))

    def client_clientBulkWrite(self, client, arguments):
        (models, concern, verbose), rest = _split(arguments, "models",
                                                    optional=["writeConcern", "verboseResults"])
        options = _kwargs(rest, ["ordered", "bypassDocumentValidation", "comment", "let"], self.entities)
        if concern is not None:
            options["write_concern"] = WriteConcern(**{"w": concern.get("w"), "j": concern.get("journal"),
                                                       "wtimeout": concern.get("wtimeoutMS")})
        return client.bulk_write([_write_model(model, client_level=True) for model in models],
                                 verbose_results=bool(verbose), **options)

    def client_listDatabaseNames(self, client, arguments):
        return client.list_database_names(**_kwargs(arguments, [], self.entities))

    # -- cursors

    def cursor_iterateUntilDocumentOrError(self, cursor, arguments):
        return cursor.next_document()

    def cursor_iterateOnce(self, cursor, arguments):
        return cursor.iterate_once()

    def cursor_close(self, cursor, arguments):
        try:  # errors from killCursors are suppressed, as the format requires
            cursor.close()
        except Exception:
            pass
