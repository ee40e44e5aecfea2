"""Aggregation expressions and stages, $expr and find projection operators through pymongo."""
import datetime

import pytest
from bson import Int64
from pymongo.errors import OperationFailure


def test_project_computes_with_mongodb_types(db):
    db.c.insert_one({"_id": 1, "a": 2147483647, "b": 1, "s": "Hello", "when": datetime.datetime(2024, 2, 29, 13, 5, 9)})
    out = list(db.c.aggregate([{"$project": {
        "sum": {"$add": ["$a", "$b"]},
        "lower": {"$toLower": "$s"},
        "year": {"$year": "$when"},
        "day": {"$dateToString": {"date": "$when", "format": "%Y-%m-%d"}},
        "ratio": {"$divide": ["$b", 4]},
        "kind": {"$cond": [{"$gt": ["$a", 0]}, "pos", "neg"]},
    }}]))
    assert out == [{"_id": 1, "sum": 2147483648, "lower": "hello", "year": 2024, "day": "2024-02-29",
                    "ratio": 0.25, "kind": "pos"}]
    assert isinstance(out[0]["sum"], Int64)


def test_group_accumulators_and_sort(db):
    db.c.insert_many([{"g": "x", "v": 1}, {"g": "y", "v": 5}, {"g": "x", "v": 3}, {"g": "x", "v": 3}])
    out = list(db.c.aggregate([
        {"$group": {"_id": {"$toUpper": "$g"}, "total": {"$sum": "$v"}, "vs": {"$push": "$v"},
                    "distinct": {"$addToSet": "$v"}, "n": {"$count": {}}}},
        {"$sort": {"total": -1}},
    ]))
    assert out == [{"_id": "X", "total": 7, "vs": [1, 3, 3], "distinct": [1, 3], "n": 3},
                   {"_id": "Y", "total": 5, "vs": [5], "distinct": [5], "n": 1}]


def test_unwind_lookup_and_facet(db):
    db.orders.insert_many([{"_id": 1, "items": ["a", "b"]}, {"_id": 2, "items": ["b"]}])
    db.products.insert_many([{"_id": "a", "price": 3}, {"_id": "b", "price": 4}])
    out = list(db.orders.aggregate([
        {"$unwind": "$items"},
        {"$lookup": {"from": "products", "localField": "items", "foreignField": "_id", "as": "p"}},
        {"$set": {"price": {"$arrayElemAt": ["$p.price", 0]}}},
        {"$facet": {
            "perOrder": [{"$group": {"_id": "$_id", "total": {"$sum": "$price"}}}, {"$sort": {"_id": 1}}],
            "lines": [{"$count": "n"}],
        }},
    ]))
    assert out == [{"perOrder": [{"_id": 1, "total": 7}, {"_id": 2, "total": 4}], "lines": [{"n": 3}]}]


def test_bucket_and_sort_by_count(db):
    db.c.insert_many([{"p": p} for p in (1, 5, 15, 30, 30)])
    assert list(db.c.aggregate([{"$bucket": {"groupBy": "$p", "boundaries": [0, 10, 20], "default": "big"}}])) == [
        {"_id": 0, "count": 2}, {"_id": 10, "count": 1}, {"_id": "big", "count": 2}]
    assert list(db.c.aggregate([{"$sortByCount": "$p"}]))[0] == {"_id": 30, "count": 2}


def test_expr_in_find_count_and_match(db):
    db.c.insert_many([{"_id": i, "a": i, "b": 2} for i in range(5)])
    expr = {"$expr": {"$gt": ["$a", "$b"]}}
    assert [d["_id"] for d in db.c.find(expr)] == [3, 4]
    assert db.c.count_documents(expr) == 2
    assert [d["_id"] for d in db.c.aggregate([{"$match": {"$expr": {"$lte": ["$a", "$b"]}}}])] == [0, 1, 2]
    with pytest.raises(OperationFailure) as e:
        list(db.c.find({"$expr": {"$divide": ["$b", "$a"]}}))
    assert e.value.code == 16608


def test_find_projection_operators(db):
    db.c.insert_one({"_id": 1, "xs": [1, 2, 3, 4, 5], "kids": [{"age": 3}, {"age": 12}], "a": 4})
    doc = db.c.find_one({}, {"xs": {"$slice": [1, 2]}, "kids": {"$elemMatch": {"age": {"$gt": 10}}},
                             "half": {"$divide": ["$a", 2]}})
    assert doc == {"_id": 1, "xs": [2, 3], "kids": [{"age": 12}], "half": 2.0}
    assert db.c.find_one({}, {"xs": {"$slice": -1}, "_id": 0}) == {"xs": [5], "kids": [{"age": 3}, {"age": 12}], "a": 4}


def test_errors_have_mongodb_codes(db):
    db.c.insert_one({"a": 0})
    cases = [
        ([{"$project": {"x": {"$divide": [1, "$a"]}}}], 16608),
        ([{"$project": {"x": {"$nope": 1}}}], 168),
        ([{"$project": {"x": {"$concat": ["a", 1]}}}], 16702),
        ([{"$out": "elsewhere"}], 115),
        ([{"$unwind": {"path": "a"}}], 28818),
        ([{"$group": {"_id": None, "x": {"$bogus": 1}}}], 15952),
    ]
    for pipeline, code in cases:
        with pytest.raises(OperationFailure) as e:
            list(db.c.aggregate(pipeline))
        assert e.value.code == code, pipeline


def test_messages_per_room_per_day(db):
    """The analytics a chat service runs: messages bucketed by day and room, busiest first."""
    base = datetime.datetime(2026, 11, 30, 23, 30)
    db.m.insert_many([
        {"room": "a", "at": base},
        {"room": "a", "at": base + datetime.timedelta(minutes=20)},
        {"room": "a", "at": base + datetime.timedelta(minutes=40)},
        {"room": "b", "at": base + datetime.timedelta(minutes=45)},
    ])
    out = list(db.m.aggregate([
        {"$group": {"_id": {"room": "$room", "day": {"$dateTrunc": {"date": "$at", "unit": "day"}}},
                    "n": {"$sum": 1}, "last": {"$max": "$at"}}},
        {"$sort": {"n": -1, "_id.room": 1, "_id.day": 1}},
        {"$project": {"_id": 0, "room": "$_id.room", "day": {"$dateToString": {"date": "$_id.day", "format": "%Y-%m-%d"}},
                      "n": 1, "minutesAfterMidnight": {"$dateDiff": {"startDate": "$_id.day", "endDate": "$last", "unit": "minute"}}}},
    ]))
    assert out == [
        {"n": 2, "room": "a", "day": "2026-11-30", "minutesAfterMidnight": 1430},
        {"n": 1, "room": "a", "day": "2026-12-01", "minutesAfterMidnight": 10},
        {"n": 1, "room": "b", "day": "2026-12-01", "minutesAfterMidnight": 15},
    ]
