"""Entity operations of the unified format (collection, database, client, find cursor) run through
pymongo, each returning its result in the shape `expectResult` describes."""
from pymongo import MongoClient
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.write_concern import WriteConcern

from arguments import kwargs, split, write_model
from entities import read_preference
from matching import RunnerError
from results import format_result

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
        (filter_,), rest = split(arguments, "filter")
        return list(coll.find(filter_, **kwargs(rest, FIND_OPTIONS, self.entities)))

    def collection_findOne(self, coll, arguments):
        (filter_,), rest = split(arguments, optional=["filter"])
        return coll.find_one(filter_, **kwargs(rest, FIND_OPTIONS, self.entities))

    def collection_createFindCursor(self, coll, arguments):
        (filter_,), rest = split(arguments, "filter")
        cursor = CursorEntity(coll.find(filter_, **kwargs(rest, FIND_OPTIONS, self.entities)))
        self.entities.cursors.append(cursor)
        return cursor

    def collection_aggregate(self, coll, arguments):
        return self._aggregate(coll, arguments)

    def database_aggregate(self, db, arguments):
        return self._aggregate(db, arguments)

    def _aggregate(self, target, arguments):
        (pipeline,), rest = split(arguments, "pipeline")
        # pymongo forwards these to the command under their spec names
        names = ["batchSize", "allowDiskUse", "bypassDocumentValidation", "collation", "comment", "let",
                 "maxTimeMS", "hint"]
        return list(target.aggregate(pipeline, **kwargs(rest, names, self.entities, keep_names=names)))

    def collection_countDocuments(self, coll, arguments):
        (filter_,), rest = split(arguments, "filter")
        names = ["skip", "limit", "collation", "hint", "comment", "maxTimeMS"]
        return coll.count_documents(filter_, **kwargs(rest, names, self.entities, keep_names=names))

    def collection_estimatedDocumentCount(self, coll, arguments):
        names = ["comment", "maxTimeMS"]
        return coll.estimated_document_count(**kwargs(arguments, names, self.entities, keep_names=names))

    def collection_count(self, coll, arguments):
        # The deprecated CRUD `count` helper, which pymongo 4 removed: the `count` command it sends.
        (filter_,), rest = split(arguments, "filter")
        options = kwargs(rest, ["skip", "limit", "collation", "hint", "comment", "maxTimeMS"], self.entities,
                          keep_names=["skip", "limit", "collation", "hint", "comment", "maxTimeMS"])
        session = options.pop("session", None)
        command = {"count": coll.name, "query": filter_ or {}}
        command.update(options)
        reply = coll.database.command(command, read_preference=coll.read_preference, session=session,
                                      codec_options=coll.codec_options)
        return reply["n"]

    def collection_distinct(self, coll, arguments):
        (field, filter_), rest = split(arguments, "fieldName", "filter")
        names = ["collation", "comment", "hint", "maxTimeMS"]
        return coll.distinct(field, filter_, **kwargs(rest, names, self.entities, keep_names=names))

    def collection_listIndexes(self, coll, arguments):
        return list(coll.list_indexes(**kwargs(arguments, ["batchSize", "comment"], self.entities,
                                                keep_names=["batchSize", "comment"])))

    # -- collection: writes

    def collection_insertOne(self, coll, arguments):
        (document,), rest = split(arguments, "document")
        return coll.insert_one(document, **kwargs(rest, ["bypassDocumentValidation", "comment"], self.entities))

    def collection_insertMany(self, coll, arguments):
        (documents,), rest = split(arguments, "documents")
        return coll.insert_many(documents, **kwargs(rest, ["ordered", "bypassDocumentValidation", "comment"],
                                                     self.entities))

    def collection_updateOne(self, coll, arguments):
        (filter_, update), rest = split(arguments, "filter", "update")
        return self._call(coll.update_one, filter_, update, **kwargs(rest, WRITE_OPTIONS, self.entities))

    def collection_updateMany(self, coll, arguments):
        (filter_, update), rest = split(arguments, "filter", "update")
        return self._call(coll.update_many, filter_, update, **kwargs(rest, WRITE_OPTIONS, self.entities))

    def collection_replaceOne(self, coll, arguments):
        (filter_, replacement), rest = split(arguments, "filter", "replacement")
        return self._call(coll.replace_one, filter_, replacement, **kwargs(rest, WRITE_OPTIONS, self.entities))

    def collection_deleteOne(self, coll, arguments):
        (filter_,), rest = split(arguments, "filter")
        return coll.delete_one(filter_, **kwargs(rest, ["collation", "hint", "comment", "let"], self.entities))

    def collection_deleteMany(self, coll, arguments):
        (filter_,), rest = split(arguments, "filter")
        return coll.delete_many(filter_, **kwargs(rest, ["collation", "hint", "comment", "let"], self.entities))

    def collection_bulkWrite(self, coll, arguments):
        (requests,), rest = split(arguments, "requests")
        models = [write_model(request) for request in requests]
        return coll.bulk_write(models, **kwargs(rest, ["ordered", "bypassDocumentValidation", "comment", "let"],
                                                 self.entities))

    def collection_findOneAndDelete(self, coll, arguments):
        (filter_,), rest = split(arguments, "filter")
        names = ["projection", "sort", "hint", "collation", "comment", "let", "maxTimeMS"]
        return coll.find_one_and_delete(filter_, **self._fam(rest, names))

    def collection_findOneAndReplace(self, coll, arguments):
        (filter_, replacement), rest = split(arguments, "filter", "replacement")
        names = ["projection", "sort", "upsert", "returnDocument", "hint", "collation", "comment", "let",
                 "maxTimeMS", "bypassDocumentValidation"]
        return coll.find_one_and_replace(filter_, replacement, **self._fam(rest, names))

    def collection_findOneAndUpdate(self, coll, arguments):
        (filter_, update), rest = split(arguments, "filter", "update")
        names = ["projection", "sort", "upsert", "returnDocument", "hint", "collation", "comment", "let",
                 "maxTimeMS", "bypassDocumentValidation", "arrayFilters"]
        return coll.find_one_and_update(filter_, update, **self._fam(rest, names))

    def _fam(self, arguments, names):
        # find_one_and_* forward unknown keywords into findAndModify, so these keep their spec names.
        raw = ["maxTimeMS", "bypassDocumentValidation", "collation"]
        return kwargs(arguments, names, self.entities, keep_names=raw)

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
        (keys,), rest = split(arguments, "keys")
        session = self.entities[rest.pop("session")] if "session" in rest else None
        return coll.create_index(list(keys.items()), session=session, **rest)

    def collection_dropIndex(self, coll, arguments):
        (name,), rest = split(arguments, "name")
        return coll.drop_index(name, **kwargs(rest, ["comment"], self.entities))

    def collection_drop(self, coll, arguments):
        coll.drop(**kwargs(arguments, ["comment"], self.entities))

    # -- database

    def database_createCollection(self, db, arguments):
        (name,), rest = split(arguments, "collection")
        session = self.entities[rest.pop("session")] if "session" in rest else None
        db.create_collection(name, session=session, **rest)

    def database_dropCollection(self, db, arguments):
        (name,), rest = split(arguments, "collection")
        db.drop_collection(name, **kwargs(rest, ["comment"], self.entities))

    def database_listCollections(self, db, arguments):
        (filter_,), rest = split(arguments, optional=["filter"])
        return list(db.list_collections(filter=filter_, **kwargs(rest, ["batchSize", "comment"], self.entities,
                                                                  keep_names=["batchSize", "comment"])))

    def database_listCollectionNames(self, db, arguments):
        (filter_,), rest = split(arguments, optional=["filter"])
        return db.list_collection_names(filter=filter_, **kwargs(rest, ["comment"], self.entities))

    def database_modifyCollection(self, db, arguments):
        (name,), rest = split(arguments, "collection")
        session = self.entities[rest.pop("session")] if "session" in rest else None
        return db.command({"collMod": name, **rest}, session=session)

    def database_runCommand(self, db, arguments):
        (command, _name, preference), rest = split(arguments, "command", "commandName",
                                                     optional=["readPreference"])
        options = kwargs(rest, [], self.entities)
        if preference:
            options["read_preference"] = read_preference(preference)
        return db.command(command, **options)

    # -- client

    def client_listDatabases(self, client, arguments):
        return list(client.list_databases(**kwargs(arguments, ["filter", "nameOnly"], self.entities,
                                                    keep_names=["filter", "nameOnly"])))

    def client_clientBulkWrite(self, client, arguments):
        (models, concern, verbose), rest = split(arguments, "models",
                                                    optional=["writeConcern", "verboseResults"])
        options = kwargs(rest, ["ordered", "bypassDocumentValidation", "comment", "let"], self.entities)
        if concern is not None:
            options["write_concern"] = WriteConcern(**{"w": concern.get("w"), "j": concern.get("journal"),
                                                       "wtimeout": concern.get("wtimeoutMS")})
        return client.bulk_write([write_model(model, client_level=True) for model in models],
                                 verbose_results=bool(verbose), **options)

    def client_listDatabaseNames(self, client, arguments):
        return client.list_database_names(**kwargs(arguments, [], self.entities))

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
