"""Admin, diagnostic and collection-administration commands through pymongo, as tools call them."""
import uuid

import pytest
from bson.binary import Binary, UuidRepresentation
from pymongo.errors import CollectionInvalid, OperationFailure


def test_server_info(client):
    info = client.server_info()
    assert info["ok"] == 1.0
    assert info["version"].split(".")[0] == str(info["versionArray"][0])
    assert info["maxBsonObjectSize"] == 16 * 1024 * 1024
    assert "sqlite" in info["storageEngines"]


def test_get_cmd_line_opts(client, engine):
    opts = client.admin.command("getCmdLineOpts")
    assert "engine" in opts["argv"]
    assert opts["parsed"]["storage"]["dbPath"] == engine.data_dir
    assert opts["parsed"]["net"]["port"] == engine.port


def test_get_parameter(client):
    fcv = client.admin.command({"getParameter": 1, "featureCompatibilityVersion": 1})
    version = client.server_info()["version"]
    assert version.startswith(fcv["featureCompatibilityVersion"]["version"] + ".")
    everything = client.admin.command({"getParameter": "*"})
    assert everything["authenticationMechanisms"] == []
    with pytest.raises(OperationFailure) as e:
        client.admin.command({"getParameter": 1, "noSuchThing": 1})
    assert e.value.code == 72


def test_server_status_counts_inserts_and_queries(client, db):
    before = client.admin.command("serverStatus")["opcounters"]
    db.items.insert_many([{"n": i} for i in range(4)])
    list(db.items.find({"n": {"$gt": 1}}))
    after = client.admin.command("serverStatus")
    assert after["opcounters"]["insert"] - before["insert"] == 4
    assert after["opcounters"]["query"] - before["query"] >= 1
    assert after["connections"]["current"] >= 1
    assert after["mem"]["resident"] > 0
    assert after["uptime"] >= 0


def test_whatsmyuri_host_info_connection_status(client):
    you = client.admin.command("whatsmyuri")["you"]
    host, port = you.rsplit(":", 1)
    assert host == "127.0.0.1" and int(port) > 0
    host_info = client.admin.command("hostInfo")
    assert host_info["system"]["numCores"] >= 1
    assert host_info["os"]["type"] == "Linux"
    status = client.admin.command("connectionStatus")
    assert status["authInfo"]["authenticatedUsers"] == []


def test_db_stats_and_coll_stats(db):
    db.sized.insert_many([{"_id": i, "pad": "x" * 200} for i in range(30)])
    db.sized.create_index("pad")
    stats = db.command("collStats", "sized")
    assert stats["count"] == 30
    assert stats["nindexes"] == 2
    assert set(stats["indexSizes"]) == {"_id_", "pad_1"}
    assert stats["size"] > 30 * 200
    dbstats = db.command("dbStats")
    assert dbstats["objects"] == 30
    assert dbstats["collections"] == 1
    assert dbstats["dataSize"] == stats["size"]
    kib = db.command("dbStats", scale=1024)
    assert kib["scaleFactor"] == 1024
    assert kib["dataSize"] == stats["size"] // 1024
    [stage] = list(db.sized.aggregate([{"$collStats": {"count": {}, "storageStats": {}}}]))
    assert stage["count"] == 30
    assert stage["storageStats"]["nindexes"] == 2


def test_list_collection_names_with_filter(db):
    db.create_collection("alpha")
    db.create_collection("beta")
    assert db.list_collection_names(filter={"name": "beta"}) == ["beta"]
    assert sorted(db.list_collection_names()) == ["alpha", "beta"]
    [entry] = list(db.list_collections(filter={"name": "alpha"}))
    assert entry["type"] == "collection"
    assert entry["info"]["readOnly"] is False
    assert isinstance(entry["info"]["uuid"], (uuid.UUID, Binary))
    with pytest.raises(CollectionInvalid):
        db.create_collection("alpha")


def test_rename(client, db):
    db.src.insert_many([{"k": i} for i in range(5)])
    db.src.create_index("k", unique=True)
    db.src.rename("dst")
    assert db.list_collection_names() == ["dst"]
    assert db.dst.count_documents({}) == 5
    assert "k_1" in db.dst.index_information()
    db.other.insert_one({"x": 1})
    with pytest.raises(OperationFailure) as e:
        db.dst.rename("other")
    assert e.value.code == 48
    db.dst.rename("other", dropTarget=True)
    assert db.other.count_documents({}) == 5
    with pytest.raises(OperationFailure) as e:
        db.missing.rename("anything")
    assert e.value.code == 26


def test_validate_collection(db):
    db.v.insert_many([{"tags": ["a", "b"]}, {"tags": "c"}])
    db.v.create_index("tags")
    result = db.validate_collection("v", full=True)
    assert result["valid"] is True
    assert result["nrecords"] == 2
    assert result["keysPerIndex"]["tags_1"] == 3


def test_list_indexes_keep_options(db):
    db.people.create_index("email", unique=True, sparse=True)
    info = db.people.index_information()["email_1"]
    assert info["unique"] is True
    assert info["sparse"] is True


def test_refusals(db):
    with pytest.raises(OperationFailure) as e:
        db.create_collection("capped", capped=True, size=4096)
    assert e.value.code == 72
    with pytest.raises(OperationFailure) as e:
        db.create_collection("fr", collation={"locale": "fr"})
    assert e.value.code == 238
    with pytest.raises(OperationFailure) as e:
        db.geo.create_index([("loc", "2dsphere")])
    assert e.value.code == 67
    with pytest.raises(OperationFailure) as e:
        db.command("mapReduce", "c", map="function(){}", reduce="function(){}", out={"inline": 1})
    assert e.value.code == 115
    db.c.insert_one({"a": 1})
    with pytest.raises(OperationFailure) as e:
        with db.c.watch():
            pass
    assert e.value.code == 40573


def test_database_aggregate_lists_sessions_and_literal_documents(client):
    with client.start_session() as session:
        client.test.command("ping", session=session)
        listed = list(client.test.aggregate([{"$listLocalSessions": {}}], session=session))
        assert session.session_id["id"] in [entry["_id"]["id"] for entry in listed]
    docs = list(client.test.aggregate([{"$documents": [{"x": 1}, {"x": 2}]}, {"$match": {"x": {"$gt": 1}}}]))
    assert docs == [{"x": 2}]
    with pytest.raises(OperationFailure) as failure:
        list(client.test.aggregate([{"$match": {}}]))
    assert failure.value.code == 73
