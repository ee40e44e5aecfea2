"""Updates, deletes, findAndModify and distinct as an application's pymongo code uses them."""
import threading

import pymongo
import pytest
from pymongo import ReturnDocument, UpdateOne, DeleteOne, InsertOne, ReplaceOne
from pymongo.errors import BulkWriteError, DuplicateKeyError, OperationFailure, WriteError


@pytest.fixture
def coll(client, request):
    c = client.test[request.node.name]
    c.drop()
    yield c
    c.drop()


def test_update_one_many_and_replace(coll):
    coll.insert_many([{"_id": i, "room": "a" if i < 3 else "b", "n": i} for i in range(5)])
    r = coll.update_one({"room": "a"}, {"$set": {"seen": True}})
    assert (r.matched_count, r.modified_count) == (1, 1)
    r = coll.update_many({"room": "a"}, {"$inc": {"n": 10}, "$push": {"log": "inc"}})
    assert (r.matched_count, r.modified_count) == (3, 3)
    assert [d["n"] for d in coll.find({"room": "a"}).sort("_id")] == [10, 11, 12]
    r = coll.replace_one({"_id": 4}, {"room": "c"})
    assert r.modified_count == 1
    assert coll.find_one({"_id": 4}) == {"_id": 4, "room": "c"}


def test_upsert_reports_upserted_id(coll):
    r = coll.update_one({"email": "a@x"}, {"$set": {"name": "A"}}, upsert=True)
    assert r.matched_count == 0 and r.upserted_id is not None
    assert coll.find_one({"_id": r.upserted_id}) == {"_id": r.upserted_id, "email": "a@x", "name": "A"}
    r = coll.update_one({"email": "a@x"}, {"$set": {"name": "B"}}, upsert=True)
    assert r.upserted_id is None and r.modified_count == 1


def test_array_operators_and_array_filters(coll):
    coll.insert_one({"_id": 1, "grades": [80, 95, 100], "items": [{"q": 1}, {"q": 5}]})
    coll.update_one({"_id": 1, "grades": 95}, {"$set": {"grades.$": 96}})
    coll.update_one({"_id": 1}, {"$inc": {"items.$[big].q": 100}}, array_filters=[{"big.q": {"$gt": 2}}])
    coll.update_one({"_id": 1}, {"$push": {"grades": {"$each": [50, 70], "$sort": 1, "$slice": -4}}})
    coll.update_one({"_id": 1}, {"$addToSet": {"tags": {"$each": ["x", "y", "x"]}}})
    coll.update_one({"_id": 1}, {"$pull": {"items": {"q": {"$lt": 2}}}})
    assert coll.find_one({"_id": 1}) == {"_id": 1, "grades": [70, 80, 96, 100],
                                         "items": [{"q": 105}], "tags": ["x", "y"]}


def test_delete_one_and_many(coll):
    coll.insert_many([{"k": i % 3} for i in range(9)])
    assert coll.delete_one({"k": 0}).deleted_count == 1
    assert coll.delete_many({"k": {"$in": [0, 1]}}).deleted_count == 5
    assert coll.count_documents({}) == 3


def test_find_one_and_variants(coll):
    coll.insert_many([{"_id": 1, "p": 1, "v": 0}, {"_id": 2, "p": 2, "v": 0}])
    before = coll.find_one_and_update({}, {"$inc": {"v": 1}}, sort=[("p", -1)])
    assert before == {"_id": 2, "p": 2, "v": 0}
    after = coll.find_one_and_update({"_id": 2}, {"$inc": {"v": 1}}, return_document=ReturnDocument.AFTER,
                                     projection={"_id": 0, "v": 1})
    assert after == {"v": 2}
    replaced = coll.find_one_and_replace({"_id": 1}, {"p": 7}, return_document=ReturnDocument.AFTER)
    assert replaced == {"_id": 1, "p": 7}
    deleted = coll.find_one_and_delete({"p": 7})
    assert deleted["_id"] == 1
    assert coll.find_one_and_delete({"p": 7}) is None
    created = coll.find_one_and_update({"name": "n"}, {"$setOnInsert": {"c": 1}}, upsert=True,
                                       return_document=ReturnDocument.AFTER)
    assert created["name"] == "n" and created["c"] == 1


def test_distinct(coll):
    coll.insert_many([{"tags": ["a", "b"], "r": 1}, {"tags": "c", "r": 2}, {"tags": ["a"], "r": 1}, {}])
    assert coll.distinct("tags") == ["a", "b", "c"]
    assert coll.distinct("tags", {"r": 1}) == ["a", "b"]


def test_bulk_write_mixed_and_errors(coll):
    coll.create_index("u", unique=True)
    result = coll.bulk_write([InsertOne({"_id": 1, "u": 1}), UpdateOne({"_id": 1}, {"$set": {"x": 1}}),
                              ReplaceOne({"_id": 9}, {"u": 9}, upsert=True), DeleteOne({"_id": 1})])
    assert (result.inserted_count, result.modified_count, result.upserted_count, result.deleted_count) == (1, 1, 1, 1)
    coll.insert_one({"_id": 2, "u": 2})
    with pytest.raises(BulkWriteError) as failure:
        coll.bulk_write([UpdateOne({"_id": 2}, {"$set": {"u": 9}}), UpdateOne({"_id": 2}, {"$set": {"y": 1}})])
    details = failure.value.details
    assert details["writeErrors"][0]["code"] == 11000 and details["nModified"] == 0


def test_update_errors_are_precise(coll):
    coll.insert_one({"_id": 1, "a": "text"})
    with pytest.raises(WriteError) as e:
        coll.update_one({"_id": 1}, {"$inc": {"a": 1}})
    assert e.value.code == 14
    with pytest.raises(WriteError) as e:
        coll.update_one({"_id": 1}, {"$set": {"_id": 2}})
    assert e.value.code == 66
    with pytest.raises(WriteError) as e:
        coll.update_one({"_id": 1}, {"$bogus": {"a": 1}})
    assert e.value.code == 9
    assert coll.find_one({"_id": 1}) == {"_id": 1, "a": "text"}


def test_concurrent_find_one_and_update_increments_are_unique(engine, coll):
    coll.insert_one({"_id": "seq", "n": 0})
    seen, errors = [], []
    lock = threading.Lock()

    def worker():
        client = pymongo.MongoClient(engine.uri, maxPoolSize=1)
        try:
            c = client.test[coll.name]
            mine = [c.find_one_and_update({"_id": "seq"}, {"$inc": {"n": 1}}, return_document=ReturnDocument.AFTER)["n"]
                    for _ in range(625)]
            with lock:
                seen.extend(mine)
        except Exception as error:  # reported below, with the thread's failure
            errors.append(error)
        finally:
            client.close()

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(seen) == list(range(1, 10001))


def test_concurrent_upserts_on_one_key_create_one_document(engine, coll):
    barrier = threading.Barrier(16)
    errors = []

    def worker():
        client = pymongo.MongoClient(engine.uri, maxPoolSize=1)
        try:
            c = client.test[coll.name]
            barrier.wait()
            c.update_one({"key": "only"}, {"$inc": {"hits": 1}}, upsert=True)
        except Exception as error:
            errors.append(error)
        finally:
            client.close()

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert list(coll.find({}, {"_id": 0})) == [{"key": "only", "hits": 16}]


def test_pipeline_update_and_collation(coll):
    coll.insert_one({"_id": 1, "first": "Ada", "last": "Lovelace"})
    coll.update_one({"_id": 1}, [{"$set": {"full": {"$concat": ["$first", " ", "$last"]}}}, {"$unset": ["first", "last"]}])
    assert coll.find_one({"_id": 1}) == {"_id": 1, "full": "Ada Lovelace"}
    with pytest.raises(OperationFailure) as e:
        coll.find_one({}, collation={"locale": "fr"})
    assert e.value.code == 238
    assert coll.find_one({}, collation={"locale": "simple"})["_id"] == 1


def test_positional_slice_and_elem_match_projections(coll):
    coll.insert_one({"_id": 1, "grades": [70, 85, 92], "items": [{"k": "a", "n": 1}, {"k": "b", "n": 2}], "x": 1})
    assert coll.find_one({"grades": {"$gte": 80}}, {"grades.$": 1}) == {"_id": 1, "grades": [85]}
    assert coll.find_one({"items.k": "b"}, {"items.$": 1, "_id": 0}) == {"items": [{"k": "b", "n": 2}]}
    assert coll.find_one({}, {"grades": {"$slice": -2}, "_id": 0, "x": 1}) == {"grades": [85, 92], "x": 1}
    assert coll.find_one({}, {"items": {"$elemMatch": {"n": {"$gt": 1}}}}) == {"_id": 1, "items": [{"k": "b", "n": 2}]}
    with pytest.raises(OperationFailure):
        coll.find_one({}, {"grades.$": 1})
    after = coll.find_one_and_update({"grades": 92}, {"$set": {"grades.$": 93}}, projection={"grades.$": 1},
                                     return_document=ReturnDocument.AFTER)
    assert after == {"_id": 1, "grades": [93]}
