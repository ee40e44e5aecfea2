import BSON
import Foundation
import MongoPool
import Testing

/// What drivers, mongosh and Compass ask on connect, answered as a standalone mongod answers.
@Suite("Admin and diagnostic commands")
struct AdminCommandTests {
    @Test func buildInfoAndFeatureCompatibilityVersionAgree() async throws {
        try await withEngine { engine in
            let info = try await engine.command(["buildInfo": 1], database: "admin")
            let version = try #require(info["version"]?.stringValue)
            #expect(info["versionArray"]?.arrayValue?.compactMap(\.integerValue).map(String.init).prefix(3).joined(separator: ".") == version)
            #expect(info["gitVersion"]?.stringValue?.isEmpty == false)
            #expect(info["maxBsonObjectSize"]?.integerValue == 16_777_216)
            #expect(info["storageEngines"]?.arrayValue?.isEmpty == false)

            let fcv = try await engine.command(["getParameter": 1, "featureCompatibilityVersion": 1], database: "admin")
            let fcvVersion = try #require(fcv["featureCompatibilityVersion"]?.documentValue?["version"]?.stringValue)
            #expect(version.hasPrefix(fcvVersion + "."))
            #expect(fcv["authenticationMechanisms"] == nil)
        }
    }

    @Test func getParameterAllNamedAndUnknown() async throws {
        try await withEngine { engine in
            let all = try await engine.command(["getParameter": "*"], database: "admin")
            for name in ["featureCompatibilityVersion", "authenticationMechanisms", "requireApiVersion",
                         "transactionLifetimeLimitSeconds"] {
                #expect(all[name] != nil, "getParameter * lacks \(name)")
            }
            #expect(all["requireApiVersion"] == .bool(false))
            let detailed = try await engine.command(["getParameter": ["showDetails": true], "requireApiVersion": 1], database: "admin")
            #expect(detailed["requireApiVersion"]?.documentValue?["value"] == .bool(false))

            let unknown = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["getParameter": 1, "noSuchParameter": 1], database: "admin")
            }
            #expect(unknown?.serverCode == 72)
            #expect(unknown?.message.contains("no option found to get") == true)
            let notAdmin = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["getParameter": "*"], database: "test")
            }
            #expect(notAdmin?.serverCode == 13)
        }
    }

    @Test func getCmdLineOptsShowsTheDataDirectory() async throws {
        try await withEngine { engine in
            let options = try await engine.command(["getCmdLineOpts": 1], database: "admin")
            #expect(options["argv"]?.arrayValue?.isEmpty == false)
            let parsed = try #require(options["parsed"]?.documentValue)
            #expect(parsed.value(atPath: "storage.dbPath")?.stringValue == engine.directory)
            #expect(parsed.value(atPath: "net.bindIp")?.stringValue == "127.0.0.1")
        }
    }

    @Test func serverStatusCountsWhatHappened() async throws {
        try await withEngine { engine in
            let before = try await engine.command(["serverStatus": 1], database: "admin")
            _ = try await engine.command(["insert": "c", "documents": [["a": 1], ["a": 2], ["a": 3]]])
            _ = try await engine.command(["find": "c", "filter": ["a": 2]])
            _ = try await engine.command(["find": "c"])
            _ = try? await engine.command(["find": "c", "limit": "x"])
            let after = try await engine.command(["serverStatus": 1], database: "admin")

            func delta(_ path: String) -> Int64? {
                guard let a = after.value(atPath: path)?.integerValue, let b = before.value(atPath: path)?.integerValue else { return nil }
                return a - b
            }
            #expect(delta("opcounters.insert") == 3)
            #expect(delta("opcounters.query") == 3)
            #expect(delta("opcounters.getmore") == 0)
            // At least serverStatus itself; the driver's monitor may add hellos.
            #expect(delta("opcounters.command")! >= 1)
            #expect(delta("asserts.user") == 1)
            #expect(after["pid"]?.integerValue == Int64(ProcessInfo.processInfo.processIdentifier))
            #expect(after["process"]?.stringValue == "mongod")
            #expect(after["version"] == before["version"])
            #expect(after.value(atPath: "connections.current")!.integerValue! >= 1)
            #expect(after.value(atPath: "connections.totalCreated")!.integerValue! >= after.value(atPath: "connections.current")!.integerValue!)
            // The command asking is itself active.
            #expect(after.value(atPath: "connections.active")!.integerValue! >= 1)
            #expect(after.value(atPath: "connections.available")!.integerValue! > 0)
            #expect(after.value(atPath: "mem.resident")!.integerValue! > 0)
            #expect(after.value(atPath: "mem.virtual")!.integerValue! >= after.value(atPath: "mem.resident")!.integerValue!)
            #expect(after["uptimeMillis"]!.integerValue! >= before["uptimeMillis"]!.integerValue!)
            #expect(after["localTime"]?.datetimeValue != nil)
            #expect(after.value(atPath: "storageEngine.name")?.stringValue == "sqlite")
            #expect(after["host"]?.stringValue?.hasSuffix(":\(engine.port)") == true)
        }
    }

    @Test func whatsmyuriIsTheClientsAddress() async throws {
        try await withEngine { engine in
            let reply = try await engine.command(["whatsmyuri": 1], database: "admin")
            let you = try #require(reply["you"]?.stringValue)
            let parts = you.split(separator: ":")
            #expect(parts.first == "127.0.0.1")
            let port = try #require(parts.last.flatMap { Int($0) })
            #expect(port > 0 && port != engine.port)
        }
    }

    @Test func hostInfoDescribesThisMachine() async throws {
        try await withEngine { engine in
            let info = try await engine.command(["hostInfo": 1], database: "admin")
            #expect(info.value(atPath: "system.numCores")?.integerValue == Int64(ProcessInfo.processInfo.processorCount))
            #expect(info.value(atPath: "system.memSizeMB")?.integerValue == Int64(ProcessInfo.processInfo.physicalMemory / 1_048_576))
            #expect(info.value(atPath: "system.hostname")?.stringValue == ProcessInfo.processInfo.hostName)
            #expect(info.value(atPath: "system.cpuAddrSize")?.integerValue == 64)
            #expect(info.value(atPath: "os.type")?.stringValue == "Linux")
            #expect(info.value(atPath: "os.version")?.stringValue?.isEmpty == false)
        }
    }

    @Test func connectionStatusGetLogAndListCommands() async throws {
        try await withEngine { engine in
            let status = try await engine.command(["connectionStatus": 1], database: "admin")
            #expect(status.value(atPath: "authInfo.authenticatedUsers") == .array([]))
            #expect(status.value(atPath: "authInfo.authenticatedUserRoles") == .array([]))

            let logs = try await engine.command(["getLog": "*"], database: "admin")
            #expect(logs["names"] == ["global", "startupWarnings"])
            let warnings = try await engine.command(["getLog": "startupWarnings"], database: "admin")
            #expect(warnings["totalLinesWritten"]?.integerValue == 0)
            #expect(warnings["log"] == .array([]))

            let list = try await engine.command(["listCommands": 1], database: "admin")
            let commands = try #require(list["commands"]?.documentValue)
            for name in ["find", "insert", "validate", "renameCollection", "listCommands", "whatsmyuri"] {
                #expect(commands[name] != nil, "listCommands lacks \(name)")
            }
            #expect(commands.value(atPath: "renameCollection.adminOnly") == .bool(true))
            #expect(commands.value(atPath: "find.adminOnly") == .bool(false))
            #expect(commands.value(atPath: "insert.secondaryOk") == .bool(false))
            #expect(commands.value(atPath: "find.help")?.stringValue?.isEmpty == false)
            #expect(commands.value(atPath: "find.requiresAuth") == .bool(false))
        }
    }

    @Test func currentOpListsItselfAndKillOpAnswers() async throws {
        try await withEngine { engine in
            let current = try await engine.command(["currentOp": 1], database: "admin")
            let ops = (current["inprog"]?.arrayValue ?? []).compactMap(\.documentValue)
            let own = try #require(ops.first { $0.value(atPath: "command.currentOp") != nil })
            #expect(own["active"] == .bool(true))
            #expect(own["opid"]?.integerValue != nil)
            #expect(own["client"]?.stringValue?.hasPrefix("127.0.0.1:") == true)
            let filtered = try await engine.command(["currentOp": 1, "op": "query"], database: "admin")
            #expect(filtered["inprog"] == .array([]))

            let kill = try await engine.command(["killOp": 1, "op": 12345], database: "admin")
            #expect(kill["info"]?.stringValue == "attempting to kill op")
            let missing = await #expect(throws: MongoError.self) {
                _ = try await engine.command(["killOp": 1], database: "admin")
            }
            #expect(missing?.serverCode == 40414)
        }
    }
}
