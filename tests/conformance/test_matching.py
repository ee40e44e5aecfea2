"""The runner's matching rules, checked on their own: a runner that matched too loosely would report
passes the engine has not earned."""
import pytest
from bson import Int64, ObjectId

from matching import Matcher, Mismatch, exactly_equal
from skips import Server, refused_feature, unmet_requirements, version_tuple


def matches(expected, actual, root=True):
    try:
        Matcher({}).match(expected, actual, root=root)
        return True
    except Mismatch:
        return False


def test_root_documents_allow_extra_fields_nested_ones_do_not():
    assert matches({"x": 1}, {"x": 1, "y": 1})
    assert not matches({"x": 1, "y": 1}, {"x": 1})
    assert not matches({"x": {"y": 1}}, {"x": {"y": 1, "z": 1}})
    assert not matches({"x": 1}, {"x": 1, "y": 1}, root=False)


def test_numbers_compare_by_value_across_types_but_not_with_bool():
    assert matches({"n": 1}, {"n": 1.0})
    assert matches({"n": Int64(2)}, {"n": 2})
    assert not matches({"n": 1}, {"n": 1.5})
    assert not matches({"n": 1}, {"n": True})
    assert not matches({"s": "1"}, {"s": 1})


def test_arrays_need_the_same_length_and_order():
    assert matches({"a": [1, 2]}, {"a": [1, 2]})
    assert not matches({"a": [1, 2]}, {"a": [1, 2, 3]})
    assert not matches({"a": [1, 2]}, {"a": [2, 1]})


def test_cursor_results_are_arrays_of_root_documents():
    Matcher({}).match_roots([{"_id": 1}], [{"_id": 1, "x": 2}])
    with pytest.raises(Mismatch):
        Matcher({}).match_roots([{"_id": 1}], [{"_id": 1}, {"_id": 2}])


def test_exists_and_unset_or_matches():
    assert matches({"w": {"$$exists": False}}, {"x": 1})
    assert not matches({"w": {"$$exists": False}}, {"w": 1})
    assert matches({"w": {"$$exists": True}}, {"w": None})
    assert matches({"id": {"$$unsetOrMatches": 2}}, {})
    assert matches({"id": {"$$unsetOrMatches": 2}}, {"id": 2})
    assert not matches({"id": {"$$unsetOrMatches": 2}}, {"id": 3})
    assert matches({"$$unsetOrMatches": {"insertedId": 1}}, None)


def test_type_and_lte_operators():
    assert matches({"c": {"$$type": ["int", "long"]}}, {"c": Int64(5)})
    assert matches({"c": {"$$type": "objectId"}}, {"c": ObjectId()})
    assert not matches({"c": {"$$type": "string"}}, {"c": 5})
    assert not matches({"c": {"$$type": "int"}}, {})
    assert matches({"n": {"$$lte": 5}}, {"n": 5.0})
    assert not matches({"n": {"$$lte": 5}}, {"n": 6})


def test_outcome_is_exact():
    exactly_equal([{"_id": 1, "x": 1}], [{"x": 1, "_id": 1}])
    with pytest.raises(Mismatch):
        exactly_equal([{"_id": 1}], [{"_id": 1, "x": 1}])


class ServerAt(Server):
    """A Server at a given version, without a connection: requirements only read the version."""

    def __init__(self, version):
        self.version_text, self.version, self._parameters = version, version_tuple(version), {}


def test_run_on_requirements_need_one_satisfied_entry():
    server = ServerAt("6.0.0")
    assert unmet_requirements(None, server) is None
    assert unmet_requirements([{"minServerVersion": "4.4"}], server) is None
    assert "8.0" in unmet_requirements([{"minServerVersion": "8.0"}], server)
    assert "4.2.99" in unmet_requirements([{"maxServerVersion": "4.2.99"}], server)
    assert unmet_requirements([{"topologies": ["replicaset"]}, {"topologies": ["single"]}], server) is None
    assert "standalone" in unmet_requirements([{"topologies": ["replicaset", "sharded"]}], server)
    assert unmet_requirements([{"serverless": "forbid"}], server) is None
    assert version_tuple("4.0.10") > version_tuple("4.0.9") > version_tuple("3.6")


def _test(*operations):
    return {"description": "t", "operations": [dict(name=name, object="x", arguments=arguments)
                                               for name, arguments in operations]}


def test_refused_features_are_named_and_everything_else_runs():
    assert "views" in refused_feature({}, _test(("createCollection", {"collection": "v", "viewOn": "c"})))
    assert "collMod" in refused_feature({}, _test(("modifyCollection", {"collection": "c"})))
    assert "validation" in refused_feature({}, _test(("modifyCollection", {"collection": "c", "validator": {}})))
    assert "2dsphere" in refused_feature({}, _test(("createIndex", {"keys": {"loc": "2dsphere"}})))
    assert "TTL" in refused_feature({}, _test(("createIndex", {"keys": {"t": 1}, "expireAfterSeconds": 5})))
    assert "fail points" in refused_feature({}, _test(("failPoint", {})))
    assert "$out" in refused_feature({}, _test(("aggregate", {"pipeline": [{"$match": {}}, {"$out": "o"}]})))
    assert "'fr'" in refused_feature({}, _test(("find", {"filter": {}, "collation": {"locale": "fr"}})))
    capped = {"initialData": [{"collectionName": "c", "databaseName": "d", "documents": [],
                               "createOptions": {"capped": True, "size": 4096}}]}
    assert "capped" in refused_feature(capped, _test(("find", {"filter": {}})))
    assert refused_feature({}, _test(("find", {"filter": {}, "collation": {"locale": "simple"}}),
                                     ("createIndex", {"keys": {"x": 1}, "unique": True}),
                                     ("updateOne", {"filter": {}, "update": [{"$set": {"x": 1}}]}))) is None
