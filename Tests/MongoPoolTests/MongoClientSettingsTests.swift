import Testing
@testable import MongoPool

@Suite struct MongoClientSettingsTests {
    @Test func poolSizeComesFromTheSettingThenTheURIThenTheDefault() throws {
        let withURISize = try MongoURI("mongodb://db1/?maxPoolSize=7")
        #expect(try MongoClientSettings(uri: withURISize).resolved().poolSize == 7)
        #expect(try MongoClientSettings(uri: withURISize, poolSize: 3).resolved().poolSize == 3)
        let plain = try MongoURI("mongodb://db1")
        #expect(try MongoClientSettings(uri: plain).resolved().poolSize == MongoClientSettings.defaultPoolSize)
    }

    @Test func clientUsesTheResolvedPoolSize() async throws {
        let client = try MongoClient(settings: MongoClientSettings(uri: MongoURI("mongodb://127.0.0.1/?maxPoolSize=5")))
        #expect(client.poolSize == 5)
        await client.close()
    }

    @Test func timeoutsAndAppNameFollowTheSameOrder() throws {
        let uri = try MongoURI("mongodb://db1/?serverSelectionTimeoutMS=1500&waitQueueTimeoutMS=40&appname=fromuri")
        let fromURI = try MongoClientSettings(uri: uri).resolved()
        #expect(fromURI.serverSelectionTimeoutMS == 1500)
        #expect(fromURI.waitQueueTimeout == .milliseconds(40))
        #expect(fromURI.appName == "fromuri")
        let overridden = try MongoClientSettings(
            uri: uri, appName: "chat", serverSelectionTimeout: .milliseconds(300), waitQueueTimeout: .seconds(2)
        ).resolved()
        #expect(overridden.serverSelectionTimeoutMS == 300)
        #expect(overridden.waitQueueTimeout == .seconds(2))
        #expect(overridden.appName == "chat")
        let defaults = try MongoClientSettings(uri: MongoURI("mongodb://db1")).resolved()
        #expect(defaults.serverSelectionTimeoutMS == 5_000)
        #expect(defaults.waitQueueTimeout == nil)
        #expect(defaults.appName == "msgsvc")
    }

    @Test func outOfRangeSettingsAreRejected() throws {
        let uri = try MongoURI("mongodb://u:Zq9Xw7@db1")
        let invalid = [
            MongoClientSettings(uri: uri, poolSize: 0),
            MongoClientSettings(uri: uri, poolSize: MongoClientSettings.poolSizeLimit + 1),
            MongoClientSettings(uri: uri, serverSelectionTimeout: .zero),
            MongoClientSettings(uri: uri, serverSelectionTimeout: .seconds(Int64(Int32.max))),
            MongoClientSettings(uri: uri, waitQueueTimeout: .milliseconds(-1)),
            MongoClientSettings(uri: uri, appName: String(repeating: "a", count: 129)),
            MongoClientSettings(uri: uri, appName: ""),
        ]
        for settings in invalid {
            #expect {
                try MongoClient(settings: settings)
            } throws: { error in
                (error as? MongoError)?.clientCode == .invalidSettings
            }
        }
    }
}
