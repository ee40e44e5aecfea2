import Testing
@testable import msgsvc

/// A setting `serve` and the maintenance commands share means the same to both, however it is given.
@Suite struct CommandSettingsTests {
    private static let importArguments = ["--room", "r", "room.ndjson"]

    /// nil expected: refused.
    @Test(arguments: [(nil, 16384), ("", 16384), ("100", 100), ("1000000", 1_000_000), ("0", nil),
                      ("1000001", nil), ("ten", nil)] as [(String?, Int?)])
    func importReadsMaxContentBytesAsServeDoes(value: String?, expected: Int?) throws {
        let environment = value.map { ["MSGSVC_MAX_CONTENT_BYTES": $0] } ?? [:]
        let serve = try? ServeSettings(command: ServeCommand.parse([]), environment: environment).maxContentBytes
        let importing = try? ImportSettings(command: ImportCommand.parse(Self.importArguments), environment: environment)
            .maxContentBytes
        #expect(serve == expected)
        #expect(importing == expected)
    }

    @Test func anEmptyMaxContentBytesIsTheDefaultForImportAsForServe() throws {
        let settings = try ImportSettings(
            command: ImportCommand.parse(Self.importArguments), environment: ["MSGSVC_MAX_CONTENT_BYTES": ""])
        #expect(settings.maxContentBytes == 16384)
    }

    @Test func theFlagIsCheckedAsServeChecksIt() throws {
        #expect(throws: (any Error).self) {
            try ImportSettings(command: ImportCommand.parse(Self.importArguments + ["--max-content-bytes", "0"]), environment: [:])
        }
        #expect(throws: (any Error).self) {
            try ServeSettings(command: ServeCommand.parse(["--max-content-bytes", "0"]), environment: [:])
        }
    }

    @Test(arguments: [[:], ["MSGSVC_DATA_DIR": ""], ["MSGSVC_DATA_DIR": "/srv/chat"], ["MONGO_URI": ""],
                      ["MONGO_URI": "mongodb://db.example/chat", "MSGSVC_DATA_DIR": "/srv/chat"]])
    func importFindsTheStoreServeWouldUse(environment: [String: String]) throws {
        let serve = try ServeSettings(command: ServeCommand.parse([]), environment: environment)
        let importing = try ImportSettings(command: ImportCommand.parse(Self.importArguments), environment: environment)
        #expect(importing.target == (serve.uri.map(StoreTarget.uri) ?? .dataDirectory(serve.dataDirectory)))
    }

    @Test func anEmptyLogLevelIsTheCommandsDefault() throws {
        let settings = try ImportSettings(
            command: ImportCommand.parse(Self.importArguments), environment: ["MSGSVC_LOG_LEVEL": ""])
        #expect(settings.logLevel == .warning)
    }

    /// A `--data-dir` on the command line beats a MONGO_URI from the environment or `.env`, for every command.
    @Test func aDataDirectoryFlagBeatsAnEnvironmentURI() throws {
        let environment = ["MONGO_URI": "mongodb://db.example:27017/chat"]
        let importing = try ImportSettings(
            command: ImportCommand.parse(Self.importArguments + ["--data-dir", "/srv/other"]), environment: environment)
        #expect(importing.target == .dataDirectory("/srv/other"))
        let serve = try ServeSettings(command: ServeCommand.parse(["--data-dir", "/srv/other"]), environment: environment)
        #expect(serve.uri == nil)
        #expect(serve.dataDirectory == "/srv/other")
        // Without the flag, the environment's URI still decides.
        let plain = try ImportSettings(command: ImportCommand.parse(Self.importArguments), environment: environment)
        #expect(plain.target == .uri("mongodb://db.example:27017/chat"))
    }
}
