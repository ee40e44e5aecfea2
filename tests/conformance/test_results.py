"""Driver results in the shapes the CRUD specification's expectResult describes."""
from bson import ObjectId
from pymongo.results import BulkWriteResult, DeleteResult, InsertManyResult, InsertOneResult, UpdateResult

from results import bulk_result_from_error_details, format_result


def test_update_result_reports_an_upserted_id_only_when_there_is_one():
    assert format_result(UpdateResult({"n": 1, "nModified": 1}, True)) == \
        {"matchedCount": 1, "modifiedCount": 1, "upsertedCount": 0}
    assert format_result(UpdateResult({"n": 1, "nModified": 0, "upserted": 4}, True)) == \
        {"matchedCount": 0, "modifiedCount": 0, "upsertedCount": 1, "upsertedId": 4}


def test_insert_and_delete_results():
    oid = ObjectId()
    assert format_result(InsertOneResult(oid, True)) == {"insertedId": oid}
    assert format_result(InsertManyResult([1, 2], True)) == {"insertedIds": {"0": 1, "1": 2}}
    assert format_result(DeleteResult({"n": 3}, True)) == {"deletedCount": 3}


def test_unacknowledged_results_say_only_that():
    assert format_result(DeleteResult({}, False)) == {"acknowledged": False}
    assert format_result(InsertOneResult(1, False)) == {"acknowledged": False}


def test_bulk_write_result_and_the_partial_result_of_its_error_agree():
    raw = {"nInserted": 2, "nUpserted": 1, "nMatched": 3, "nModified": 2, "nRemoved": 1,
           "upserted": [{"index": 4, "_id": 7}], "writeErrors": [], "writeConcernErrors": []}
    expected = {"deletedCount": 1, "insertedCount": 2, "matchedCount": 3, "modifiedCount": 2,
                "upsertedCount": 1, "upsertedIds": {"4": 7}}
    assert format_result(BulkWriteResult(raw, True)) == expected
    assert bulk_result_from_error_details(raw) == expected


def test_other_values_pass_through():
    assert format_result([{"_id": 1}]) == [{"_id": 1}]
    assert format_result(None) is None
    assert format_result(5) == 5
