"""pymongo against the engine's text indexes and $text: index specs, matching, scores, errors."""
import pymongo
import pytest
from pymongo.errors import OperationFailure

MESSAGES = [
    {"_id": 1, "room": "a", "content": "I love running in the park"},
    {"_id": 2, "room": "a", "content": "She runs every morning"},
    {"_id": 3, "room": "b", "content": "Coffee at the café"},
    {"_id": 4, "room": "b", "content": "The cafe serves tea and coffee"},
    {"_id": 5, "room": "a", "content": "Ice cream and apple pie"},
]


@pytest.fixture
def messages(db):
    db.m.insert_many(MESSAGES)
    name = db.m.create_index([("content", pymongo.TEXT)])
    assert name == "content_text"
    return db.m


def ids(cursor):
    return sorted(d["_id"] for d in cursor)


def test_index_is_listed_in_mongodbs_normalised_form(messages):
    spec = messages.index_information()["content_text"]
    assert spec["key"] == [("_fts", "text"), ("_ftsx", 1)]
    assert spec["weights"] == {"content": 1}
    assert spec["default_language"] == "english"
    assert spec["language_override"] == "language"
    assert spec["textIndexVersion"] == 3


def test_search_stems_folds_diacritics_and_skips_stop_words(messages):
    assert ids(messages.find({"$text": {"$search": "running"}})) == [1, 2]
    assert ids(messages.find({"$text": {"$search": "cafe"}})) == [3, 4]
    assert ids(messages.find({"$text": {"$search": "coffee -tea"}})) == [3]
    assert ids(messages.find({"$text": {"$search": '"apple pie"'}})) == [5]
    assert ids(messages.find({"$text": {"$search": "the"}})) == []
    assert ids(messages.find({"$text": {"$search": "coffee"}, "room": "b", "_id": {"$gte": 4}})) == [4]


def test_scores_project_and_sort(db):
    db.s.create_index([("title", pymongo.TEXT), ("body", pymongo.TEXT)], weights={"title": 10})
    db.s.insert_many([
        {"_id": 1, "title": "x", "body": "tea and biscuits"},
        {"_id": 2, "title": "tea", "body": "x"},
        {"_id": 3, "title": "other", "body": "tea tea"},
    ])
    found = list(db.s.find({"$text": {"$search": "tea"}}, {"score": {"$meta": "textScore"}})
                 .sort([("score", {"$meta": "textScore"})]))
    assert [d["_id"] for d in found] == [2, 3, 1]
    assert [round(d["score"], 9) for d in found] == [11.0, 1.5, 0.75]
    assert "$textScore" not in db.s.find_one({"$text": {"$search": "tea"}})


def test_refusals_carry_mongodbs_codes(db):
    db.e.insert_one({"content": "words"})
    with pytest.raises(OperationFailure) as e:
        list(db.e.find({"$text": {"$search": "words"}}))
    assert e.value.code == 27
    assert "text index required for $text query" in str(e.value)
    with pytest.raises(OperationFailure) as e:
        list(db.e.find({}, {"score": {"$meta": "textScore"}}))
    assert e.value.code == 40218
    db.e.create_index([("content", pymongo.TEXT)])
    with pytest.raises(OperationFailure) as e:
        db.e.create_index([("other", pymongo.TEXT)])
    assert e.value.code == 67
    with pytest.raises(OperationFailure) as e:
        list(db.e.find({"$nor": [{"$text": {"$search": "words"}}]}))
    assert e.value.code == 2


def test_compound_index_needs_the_prefix(db):
    db.r.create_index([("room", 1), ("content", pymongo.TEXT)])
    db.r.insert_many(MESSAGES)
    assert ids(db.r.find({"room": "a", "$text": {"$search": "apple running"}})) == [1, 2, 5]
    with pytest.raises(OperationFailure) as e:
        list(db.r.find({"$text": {"$search": "apple"}}))
    assert e.value.code == 291


def test_deletes_leave_the_index(messages):
    messages.delete_many({"$text": {"$search": "coffee"}})
    assert ids(messages.find({"$text": {"$search": "cafe tea coffee"}})) == []
    assert messages.count_documents({}) == 3


def test_aggregation_with_a_leading_text_match(messages):
    rows = list(messages.aggregate([
        {"$match": {"$text": {"$search": "coffee cafe"}}},
        {"$sort": {"score": {"$meta": "textScore"}}},
        {"$project": {"_id": 1, "score": {"$meta": "textScore"}}},
    ]))
    assert sorted(r["_id"] for r in rows) == [3, 4]
    assert rows[0]["score"] >= rows[1]["score"] > 0
    with pytest.raises(OperationFailure) as e:
        list(messages.aggregate([{"$match": {"room": "a"}}, {"$match": {"$text": {"$search": "x"}}}]))
    assert e.value.code == 17313
