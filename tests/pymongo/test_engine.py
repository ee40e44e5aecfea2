"""pymongo against the embedded engine: a second, independent driver checking wire compatibility."""
import datetime

import bson
import pymongo
import pytest
from bson import Decimal128, Int64, MaxKey, MinKey, ObjectId, Regex, Timestamp
from pymongo.errors import BulkWriteError, DuplicateKeyError, OperationFailure


def test_ping(client):
    assert client.admin.command("ping")["ok"] == 1.0


def test_hello_reports_standalone_limits(client):
    hello = client.admin.command("hello")
    assert hello["isWritablePrimary"] is True
    assert hello["maxBsonObjectSize"] == 16777216
    assert hello["maxMessageSizeBytes"] == 48000000
    assert hello["maxWriteBatchSize"] == 100000
    assert hello["maxWireVersion"] >= 13
    assert "compression" not in hello


def test_legacy_ismaster(client):
    reply = client.admin.command("isMaster")
    assert reply["ismaster"] is True


def test_build_info(client):
    info = client.server_info()
    assert info["versionArray"][0] >= 5


def test_unknown_command_is_59(client):
    with pytest.raises(OperationFailure) as e:
        client.admin.command("frobnicate")
    assert e.value.code == 59
    assert "no such command: 'frobnicate'" in str(e.value)


def test_insert_one_and_find_one(db):
    oid = db.c.insert_one({"a": 1, "s": "x"}).inserted_id
    assert isinstance(oid, ObjectId)
    doc = db.c.find_one({"_id": oid})
    assert doc == {"_id": oid, "a": 1, "s": "x"}


def test_every_bson_type_round_trips(db):
    doc = {
        "_id": 1, "d": 1.5, "s": "héllo\u0000x", "o": {"n": {"m": True}}, "arr": [1, "a", [2]],
        "bin": b"\x00\x01", "ubin": bson.Binary(b"\x07" * 16, 128), "oid": ObjectId(), "b": False,
        "dt": datetime.datetime(2026, 11, 20, 22, 54, 3, 71000), "nul": None, "re": Regex("^a", "i"),
        "i32": 7, "ts": Timestamp(5, 6), "i64": Int64(2**40), "dec": Decimal128("1.25"),
        "min": MinKey(), "max": MaxKey(),
    }
    db.c.insert_one(doc)
    back = db.c.find_one({"_id": 1})
    assert back == doc


def test_insert_many_and_count(db):
    db.c.insert_many([{"i": i} for i in range(500)])
    assert db.c.count_documents({}) == 500
    assert db.c.count_documents({"i": {"$gte": 100}}) == 400
    assert db.c.estimated_document_count() == 500


def test_duplicate_key_single(db):
    db.c.insert_one({"_id": "k"})
    with pytest.raises(DuplicateKeyError) as e:
        db.c.insert_one({"_id": "k"})
    assert e.value.code == 11000
    assert 'dup key: { _id: "k" }' in str(e.value)


def test_ordered_bulk_stops_at_first_error(db):
    with pytest.raises(BulkWriteError) as e:
        db.c.insert_many([{"_id": 1}, {"_id": 1}, {"_id": 2}], ordered=True)
    details = e.value.details
    assert details["nInserted"] == 1
    assert details["writeErrors"][0]["index"] == 1
    assert db.c.count_documents({}) == 1


def test_unordered_bulk_continues(db):
    with pytest.raises(BulkWriteError) as e:
        db.c.insert_many([{"_id": 1}, {"_id": 1}, {"_id": 2}, {"_id": 2}, {"_id": 3}], ordered=False)
    assert e.value.details["nInserted"] == 3
    assert [w["index"] for w in e.value.details["writeErrors"]] == [1, 3]


def test_comparison_operators(db):
    db.c.insert_many([{"n": i} for i in range(10)])
    assert db.c.count_documents({"n": {"$gt": 3, "$lte": 6}}) == 3
    assert db.c.count_documents({"n": {"$ne": 3}}) == 9
    assert db.c.count_documents({"n": {"$in": [1, 2, 42]}}) == 2
    assert db.c.count_documents({"n": {"$nin": [1, 2]}}) == 8


def test_numbers_compare_across_types(db):
    db.c.insert_many([{"v": 1}, {"v": Int64(1)}, {"v": 1.0}, {"v": 2.5}])
    assert db.c.count_documents({"v": 1}) == 3
    assert db.c.count_documents({"v": {"$gt": Int64(1)}}) == 1


def test_type_bracketing(db):
    db.c.insert_many([{"v": 5}, {"v": "5"}, {"v": None}, {}])
    assert db.c.count_documents({"v": {"$gt": 1}}) == 1
    assert db.c.count_documents({"v": None}) == 2


def test_exists_and_or_and(db):
    db.c.insert_many([{"a": 1}, {"b": 1}, {"a": 2, "b": 2}])
    assert db.c.count_documents({"a": {"$exists": True}}) == 2
    assert db.c.count_documents({"a": {"$exists": False}}) == 1
    assert db.c.count_documents({"$or": [{"a": 1}, {"b": 1}]}) == 2
    assert db.c.count_documents({"$and": [{"a": 2}, {"b": 2}]}) == 1


def test_dotted_paths_and_arrays(db):
    db.c.insert_many([{"x": {"y": [1, 2, 3]}}, {"x": [{"y": 5}, {"y": 6}]}, {"x": {"y": 9}}])
    assert db.c.count_documents({"x.y": 2}) == 1
    assert db.c.count_documents({"x.y": 6}) == 1
    assert db.c.count_documents({"x.y": {"$gte": 5}}) == 2


def test_sort_limit_skip_projection(db):
    db.c.insert_many([{"n": i, "junk": "j"} for i in range(20)])
    docs = list(db.c.find({}, {"_id": 0, "n": 1}).sort("n", -1).skip(2).limit(3))
    assert docs == [{"n": 17}, {"n": 16}, {"n": 15}]


def test_exclusion_projection(db):
    db.c.insert_one({"_id": 1, "a": 1, "b": 2})
    assert db.c.find_one({}, {"b": 0}) == {"_id": 1, "a": 1}


def test_sort_mixed_types_follows_bson_order(db):
    values = ["a", 1, None, True, ObjectId(), {"k": 1}, [0], datetime.datetime(2020, 1, 1)]
    db.c.insert_many([{"v": v} for v in values])
    kinds = [type(d["v"]).__name__ for d in db.c.find({}, {"_id": 0}).sort("v", 1)]
    # An array sorts by its smallest element ascending, so [0] comes before 1.
    assert kinds == ["NoneType", "list", "int", "str", "dict", "ObjectId", "bool", "datetime"]


def test_cursor_many_batches(db):
    db.c.insert_many([{"i": i} for i in range(1000)])
    seen = [d["i"] for d in db.c.find({}).sort("i", 1).batch_size(37)]
    assert seen == list(range(1000))


def test_kill_cursor_early(db):
    db.c.insert_many([{"i": i} for i in range(300)])
    cursor = db.c.find({}).batch_size(10)
    next(cursor)
    cursor.close()
    assert db.c.count_documents({}) == 300


def test_get_more_unknown_cursor(db):
    with pytest.raises(OperationFailure) as e:
        db.command("getMore", Int64(12345), collection="c")
    assert e.value.code == 43


def test_create_and_list_indexes(db):
    db.c.create_index([("room", 1), ("ts", -1)], name="room_ts")
    names = sorted(i["name"] for i in db.c.list_indexes())
    assert names == ["_id_", "room_ts"]
    info = db.c.index_information()
    assert info["room_ts"]["key"] == [("room", 1), ("ts", -1)]


def test_unique_index(db):
    db.c.create_index("email", unique=True)
    db.c.insert_one({"email": "a@x"})
    with pytest.raises(DuplicateKeyError):
        db.c.insert_one({"email": "a@x"})


def test_partial_unique_index(db):
    db.c.create_index([("room", 1), ("cid", 1)], unique=True,
                      partialFilterExpression={"cid": {"$exists": True}})
    db.c.insert_many([{"room": "r"}, {"room": "r"}])
    db.c.insert_one({"room": "r", "cid": "1"})
    with pytest.raises(DuplicateKeyError):
        db.c.insert_one({"room": "r", "cid": "1"})
    db.c.insert_one({"room": "s", "cid": "1"})


def test_unique_index_build_fails_on_existing_duplicates(db):
    db.c.insert_many([{"e": 1}, {"e": 1}])
    with pytest.raises(OperationFailure) as e:
        db.c.create_index("e", unique=True)
    assert e.value.code == 11000


def test_drop_index(db):
    db.c.create_index("a")
    db.c.drop_index("a_1")
    assert [i["name"] for i in db.c.list_indexes()] == ["_id_"]
    with pytest.raises(OperationFailure) as e:
        db.c.drop_index("_id_")
    assert e.value.code == 72


def test_create_list_drop_collections(db):
    db.create_collection("one")
    db.two.insert_one({})
    assert sorted(db.list_collection_names()) == ["one", "two"]
    with pytest.raises(OperationFailure) as e:
        db.command("create", "one")
    assert e.value.code == 48
    db.drop_collection("one")
    assert db.list_collection_names() == ["two"]


def test_list_collections_filter(db):
    db.a.insert_one({})
    db.b.insert_one({})
    assert db.list_collection_names(filter={"name": "b"}) == ["b"]


def test_list_databases_and_drop_database(client):
    client.dbx.c.insert_one({})
    assert "dbx" in client.list_database_names()
    client.drop_database("dbx")
    assert "dbx" not in client.list_database_names()


def test_aggregate_count_and_group(db):
    db.c.insert_many([{"k": i % 3, "v": i} for i in range(9)])
    result = list(db.c.aggregate([{"$match": {"v": {"$gte": 3}}}, {"$group": {"_id": "$k", "t": {"$sum": "$v"}}},
                                  {"$sort": {"_id": 1}}]))
    assert result == [{"_id": 0, "t": 9}, {"_id": 1, "t": 11}, {"_id": 2, "t": 13}]


def test_bad_filter_operator_is_bad_value(db):
    db.c.insert_one({})
    with pytest.raises(OperationFailure) as e:
        db.c.find_one({"a": {"$frob": 1}})
    assert e.value.code == 2


def test_in_requires_array(db):
    with pytest.raises(OperationFailure) as e:
        db.c.find_one({"a": {"$in": 5}})
    assert e.value.code == 2


def test_wrong_type_option_is_type_mismatch(db):
    with pytest.raises(OperationFailure) as e:
        db.command("find", "c", filter=5)
    assert e.value.code == 14


def test_document_too_large_rejected(db):
    big = "x" * (16 * 1024 * 1024)
    with pytest.raises((pymongo.errors.DocumentTooLarge, OperationFailure)):
        db.c.insert_one({"big": big})
    assert db.c.count_documents({}) == 0


def test_sessions_are_accepted(client, db):
    with client.start_session() as session:
        db.c.insert_one({"x": 1}, session=session)
        assert db.c.find_one({"x": 1}, session=session)["x"] == 1


def test_unacknowledged_write(db):
    unack = db.get_collection("c", write_concern=pymongo.WriteConcern(w=0))
    unack.insert_one({"_id": "fire-and-forget"})
    # The next acknowledged command on the same connection runs after it.
    assert db.c.find_one({"_id": "fire-and-forget"}) is not None


def test_explain_uses_index(db):
    db.c.create_index([("room", 1), ("ts", 1), ("_id", 1)])
    db.c.insert_many([{"room": "r", "ts": i} for i in range(200)])
    plan = db.c.find({"room": "r", "ts": {"$lt": 150}}).sort([("ts", -1), ("_id", -1)]).limit(10).explain()
    stage = plan["queryPlanner"]["winningPlan"]
    assert stage["inputStage"]["stage"] == "IXSCAN"
    assert plan["executionStats"]["totalKeysExamined"] <= 11


def test_transaction_is_refused_and_stores_nothing(client, db):
    # Issue #9, item 13: the engine has no transactions; it must answer as a standalone mongod does
    # (IllegalOperation, 20) instead of applying the write at once and keeping it after an abort.
    with client.start_session() as s:
        with pytest.raises(OperationFailure) as e:
            with s.start_transaction():
                db.c.insert_one({"_id": 1}, session=s)
    assert e.value.code == 20
    assert db.c.count_documents({}) == 0
    assert db.c.find_one({"_id": 1}) is None


def test_second_engine_on_same_data_dir_refuses_to_start(engine):
    # Issue #9, item 6: a second process on the same data directory must refuse to start, naming the
    # process that holds it, instead of running a second writer over the same SQLite file.
    import subprocess
    proc = subprocess.run(
        [engine.binary, "engine", "--data-dir", engine.data_dir, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
    assert proc.returncode != 0
    out = proc.stdout.decode()
    assert "in use by process %d" % engine.proc.pid in out, out
