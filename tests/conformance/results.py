"""Driver results turned into the documents the CRUD specification describes (InsertOneResult,
UpdateResult, BulkWriteResult, ...), which is what `expectResult` is matched against."""
from pymongo.results import (BulkWriteResult, ClientBulkWriteResult, DeleteResult, InsertManyResult,
                             InsertOneResult, UpdateResult)


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
        # "upserted" in the reply, not a non-null id: an upserted _id may itself be null
        upserted = "upserted" in result.raw_result
        formatted = {"matchedCount": result.matched_count, "modifiedCount": result.modified_count,
                     "upsertedCount": 1 if upserted else 0}
        if upserted:
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
