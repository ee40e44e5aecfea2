import BSON
import FuzzSupport
import WireProtocol

/// Seeds for FuzzCommands: short command scripts covering every command the engine answers, msgsvc's own
/// usage (its indexes, inserts and paging queries), each wire option, and raw bytes for the socket.
enum CommandSeeds {
    static var all: [(String, [UInt8])] {
        [
            ("hello", script(["hello": 1, "$db": "admin"])),
            ("legacy-ismaster", script(["isMaster": 1, "helloOk": true], options: .opQuery)),
            ("ping-buildinfo-listdatabases", script(["ping": 1], ["buildInfo": 1], ["listDatabases": 1, "nameOnly": true],
                                                    ["endSessions": [["id": .binary(subtype: 4, data: Array(0..<16))]]])),
            ("create-list-drop", script(["create": "c"], ["listCollections": 1, "filter": ["name": "c"]], ["drop": "c"],
                                        ["dropDatabase": 1])),
            ("insert-find-count", script(
                ["insert": "t", "documents": [["_id": 1, "x": 1], ["_id": 2, "x": "two"], ["x": [1, 2, 3]]]],
                ["find": "t", "filter": ["x": ["$gt": 0]], "sort": ["_id": -1], "projection": ["x": 1], "skip": 0,
                 "limit": 2],
                ["count": "t", "query": ["x": ["$exists": true]]])),
            ("insert-sequence", script(["insert": "t", "documents": [["_id": 1], ["_id": 2]], "ordered": false],
                                       options: .documentSequence)),
            ("unique-index-duplicate", script(
                ["createIndexes": "t", "indexes": [["key": ["a": 1, "b": -1], "name": "a_1_b_-1", "unique": true]]],
                ["insert": "t", "documents": [["a": 1, "b": 1], ["a": 1, "b": 1]], "ordered": false],
                ["listIndexes": "t"], ["dropIndexes": "t", "index": "a_1_b_-1"], ["deleteIndexes": "t", "index": "*"])),
            ("cursor-getmore-kill", script(
                ["insert": "t", "documents": [["_id": 1], ["_id": 2], ["_id": 3]]],
                ["find": "t", "batchSize": 1],
                ["getMore": .int64(0), "collection": "t", "batchSize": 1],
                ["killCursors": "t", "cursors": [.int64(0)]])),
            ("aggregate", script(
                ["insert": "t", "documents": [["g": "a", "n": 1], ["g": "b", "n": 2], ["g": "a", "n": 3]]],
                ["aggregate": "t", "pipeline": [
                    ["$match": ["n": ["$gte": 1]]], ["$group": ["_id": "$g", "total": ["$sum": "$n"],
                                                                "avg": ["$avg": "$n"], "first": ["$first": "$n"]]],
                    ["$sort": ["total": -1]], ["$project": ["total": 1]], ["$skip": 0], ["$limit": 5],
                ], "cursor": [:]],
                ["aggregate": "t", "pipeline": [["$count": "n"]], "cursor": ["batchSize": 0]])),
            ("explain", script(
                ["createIndexes": "t", "indexes": [["key": ["x": 1], "name": "x_1"]]],
                ["explain": ["find": "t", "filter": ["x": ["$in": [1, 2]]], "sort": ["x": 1]],
                 "verbosity": "executionStats"])),
            ("checksum", script(["insert": "t", "documents": [["_id": 1]]], ["find": "t"], options: .checksum)),
            ("more-to-come", script(["insert": "t", "documents": [["_id": 1]]], ["find": "t"], options: .moreToCome)),
            ("filter-operators", script(
                ["insert": "t", "documents": [["a": [1, 2], "s": "abc", "n": 5, "d": ["e": 1]]]],
                ["find": "t", "filter": [
                    "$and": [["a": ["$all": [1, 2]]], ["a": ["$size": 2]], ["a": ["$elemMatch": ["$gt": 1]]]],
                    "$or": [["s": ["$regex": "^a", "$options": "i"]], ["s": .regex(pattern: "c$", options: "")]],
                    "$nor": [["n": ["$mod": [2, 0]]]], "n": ["$not": ["$lt": 0], "$nin": [1, 2], "$type": "int"],
                    "d.e": ["$eq": 1, "$ne": 2, "$lte": 1], "missing": ["$exists": false],
                    "bits": ["$bitsAllClear": 0],
                ]])),
            ("update-delete-findandmodify", script(
                ["insert": "t", "documents": [["_id": 1, "a": [1, 2, 3], "n": 1, "s": "x"], ["_id": 2, "items": [["q": 1], ["q": 5]]]]],
                ["update": "t", "updates": [
                    ["q": ["a": 2], "u": ["$set": ["a.$": 20], "$inc": ["n": 1], "$push": ["log": ["$each": [1, 2], "$slice": -1]]]],
                    ["q": ["_id": 2], "u": ["$set": ["items.$[big].q": 0]], "arrayFilters": [["big.q": ["$gt": 2]]]],
                    ["q": ["_id": 3], "u": ["$setOnInsert": ["made": true], "$currentDate": ["at": true]], "upsert": true],
                    ["q": [:], "u": [["$set": ["sum": ["$add": ["$n", 1]]]], ["$unset": "s"]], "multi": true],
                    ["q": ["_id": 1], "u": ["$rename": ["n": "m"], "$addToSet": ["t": ["$each": ["a", "a"]]], "$pop": ["a": 1]]],
                ], "ordered": false],
                ["findAndModify": "t", "query": ["_id": 1], "sort": ["_id": -1], "update": ["$mul": ["m": 2]], "new": true,
                 "fields": ["a.$": 1]],
                ["distinct": "t", "key": "a", "query": ["_id": ["$lt": 5]]],
                ["delete": "t", "deletes": [["q": ["made": true], "limit": 1], ["q": [:], "limit": 0]]],
                ["explain": ["update": "t", "updates": [["q": ["_id": 1], "u": ["$set": ["z": 1]]]]]])),
            ("expressions-and-stages", script(
                ["insert": "t", "documents": [["g": "a", "n": 1, "d": .datetime(1_700_000_000_000), "arr": [1, 2]]]],
                ["aggregate": "t", "pipeline": [
                    ["$addFields": ["x": ["$cond": [["$gt": ["$n", 0]], ["$concat": ["$g", "!"]], "$$REMOVE"]],
                                    "y": ["$dateToString": ["date": "$d", "format": "%Y-%m-%d"]]]],
                    ["$unwind": ["path": "$arr", "includeArrayIndex": "i"]],
                    ["$group": ["_id": ["$toUpper": "$g"], "all": ["$push": "$arr"], "set": ["$addToSet": "$i"]]],
                    ["$facet": ["count": [["$count": "n"]], "bucket": [["$bucket": ["groupBy": 1, "boundaries": [0, 5]]]]]],
                ], "cursor": [:], "let": ["k": 1]],
                ["find": "t", "filter": ["$expr": ["$eq": ["$n", "$$k"]]], "let": ["k": 1],
                 "projection": ["f": ["$getField": "g"], "arr": ["$slice": 1]]],
                ["aggregate": 1, "pipeline": [["$documents": [["a": 1]]], ["$set": ["b": ["$setField": ["field": "$c", "input": "$$ROOT", "value": 2]]]]],
                 "cursor": [:], "$db": "test"])),
            ("text-search", script(
                ["createIndexes": "t", "indexes": [["key": ["g": 1, "body": "text"], "name": "g_body_text", "weights": ["body": 2],
                                                     "default_language": "english"]]],
                ["insert": "t", "documents": [["g": "a", "body": "Running cafés"], ["g": "a", "body": "the walker runs"]]],
                ["find": "t", "filter": ["g": "a", "$text": ["$search": "run -walker \"cafe\""]],
                 "projection": ["score": ["$meta": "textScore"]], "sort": ["score": ["$meta": "textScore"]]])),
            ("admin", script(
                ["serverStatus": 1], ["getParameter": "*"], ["getCmdLineOpts": 1], ["hostInfo": 1], ["whatsmyuri": 1],
                ["insert": "t", "documents": [["_id": 1]]], ["collStats": "t"], ["dbStats": 1], ["validate": "t"],
                ["renameCollection": "test.t", "to": "test.u", "$db": "admin"], ["currentOp": 1, "$db": "admin"],
                ["aggregate": "u", "pipeline": [["$collStats": ["count": [:], "storageStats": [:]]]], "cursor": [:]])),
            ("messages", messages),
            ("extreme-numbers", extremeNumbers),
            ("transactions", script(
                ["insert": "t", "documents": [["_id": 1]], "lsid": ["id": .binary(subtype: 4, data: Array(0..<16))],
                 "txnNumber": .int64(1), "startTransaction": true, "autocommit": false],
                ["commitTransaction": 1, "txnNumber": .int64(1), "autocommit": false, "$db": "admin"],
                ["abortTransaction": 1, "$db": "admin"],
                ["count": "t"])),
            ("raw-hello-then-partial-frame", CommandInput.bytes(raw: FrameSeeds.msg(["hello": 1, "$db": "admin"])
                + Array(FrameSeeds.msg(["ping": 1, "$db": "admin"]).prefix(20)))),
            ("raw-garbage", CommandInput.bytes(raw: Array("GET / HTTP/1.1\r\n\r\n".utf8))),
        ]
    }

    /// What msgsvc itself does: its two indexes, a posted message, a retried client_id, a page query.
    static var messages: [UInt8] {
        script(
            ["createIndexes": "messages", "indexes": [
                ["key": ["room_id": 1, "timestamp": 1, "_id": 1], "name": "room_id_1_timestamp_1__id_1"],
                ["key": ["room_id": 1, "client_id": 1], "name": "room_id_1_client_id_1", "unique": true,
                 "partialFilterExpression": ["client_id": ["$exists": true]]],
            ]],
            ["insert": "messages", "documents": [.document(BSONSeeds.message)]],
            ["insert": "messages", "documents": [.document(BSONSeeds.message.removing("_id"))]],
            ["find": "messages", "filter": [
                "room_id": "general", "timestamp": ["$gte": .datetime(0), "$lte": .datetime(1_800_000_000_000)],
                "$and": [["$or": [["timestamp": ["$gt": .datetime(0)]], ["_id": ["$gt": .objectId(BSONSeeds.oid)]]]]],
            ], "sort": ["timestamp": -1, "_id": -1], "limit": 51])
    }

    /// Numeric options at the edges of their types (issue #9): each must be answered, never trap.
    static var extremeNumbers: [UInt8] {
        let values: [BSONValue] = [
            .int64(.min), .int64(.max), .int32(.min), .int32(.max), .int32(-1), .int64(-1),
            .double(.nan), .double(.infinity), .double(-.infinity), .double(1e300), .double(-1e300),
            .double(9.3e18), .double(-0.0), .double(.greatestFiniteMagnitude),
        ]
        var commands: [Document] = [["insert": "t", "documents": [["_id": 1, "x": 1], ["_id": 2, "x": 2]]]]
        for value in values {
            commands.append(["find": "t", "sort": ["x": 1], "skip": value, "limit": value])
            commands.append(["find": "t", "batchSize": value, "limit": .int64(.max), "skip": .int64(.max)])
            commands.append(["count": "t", "limit": value, "skip": value])
            commands.append(["count": "t", "limit": value, "skip": .int64(.max)])
            commands.append(["getMore": value, "collection": "t", "batchSize": value])
            commands.append(["aggregate": "t", "pipeline": [["$sort": ["x": 1]], ["$skip": value], ["$limit": value]],
                             "cursor": ["batchSize": value]])
        }
        return CommandInput.bytes(options: [], commands: commands)
    }

    static func script(_ commands: Document..., options: CommandInput.Options = []) -> [UInt8] {
        CommandInput.bytes(options: options, commands: commands)
    }
}
