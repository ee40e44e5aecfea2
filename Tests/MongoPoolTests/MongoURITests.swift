import Testing
@testable import MongoPool

@Suite struct MongoURITests {
    @Test func readsDatabaseUserPoolSizeAndTimeouts() throws {
        let uri = try MongoURI(
            "mongodb://alice:pw@db1:27018,db2/chat?maxPoolSize=7&serverSelectionTimeoutMS=250&appname=tests")
        #expect(uri.database == "chat")
        #expect(uri.username == "alice")
        #expect(uri.hasPassword)
        #expect(uri.hosts == ["db1:27018", "db2:27017"])
        #expect(uri.maxPoolSize == 7)
        #expect(uri.serverSelectionTimeout == .milliseconds(250))
        #expect(uri.appName == "tests")
        #expect(uri.waitQueueTimeout == nil)
    }

    @Test func absentPartsAreNil() throws {
        let uri = try MongoURI("mongodb://localhost")
        #expect(uri.database == nil)
        #expect(uri.username == nil)
        #expect(!uri.hasPassword)
        #expect(uri.maxPoolSize == nil)
        #expect(uri.serverSelectionTimeout == nil)
        #expect(uri.redacted == "mongodb://localhost")
    }

    @Test func passwordIsReplacedEverywhereTheURIIsShown() throws {
        let uri = try MongoURI("mongodb://alice:Hunter22@db1:27017/chat?tls=false")
        #expect(uri.redacted == "mongodb://alice:***@db1:27017/chat?tls=false")
        var dumped = ""
        dump(uri, to: &dumped)
        for shown in [uri.description, uri.debugDescription, "\(uri)", String(reflecting: uri), dumped] {
            #expect(!shown.contains("Hunter22"), "\(shown)")
            #expect(shown.contains("alice:***@db1"), "\(shown)")
        }
    }

    @Test func percentEncodedPasswordIsHiddenInBothForms() throws {
        let uri = try MongoURI("mongodb://alice:p%40ss%2Fw0rd@db1/chat")
        #expect(uri.redacted == "mongodb://alice:***@db1/chat")
        #expect(uri.scrub("auth failed for p@ss/w0rd and p%40ss%2Fw0rd") == "auth failed for *** and ***")
    }

    @Test func passwordOptionsAreHiddenToo() throws {
        let uri = try MongoURI(
            "mongodb://db1/?tls=true&tlsCertificateKeyFilePassword=Zq9Xw7secret&appname=a")
        #expect(uri.redacted == "mongodb://db1/?tls=true&tlsCertificateKeyFilePassword=***&appname=a")
        #expect(!String(reflecting: uri).contains("Zq9Xw7secret"))
    }

    @Test func atSignInOptionsDoesNotHideHostsWhenThereIsNoPassword() throws {
        let uri = try MongoURI("mongodb://db1:27017/chat?appname=ops@example")
        #expect(uri.redacted == "mongodb://db1:27017/chat?appname=ops@example")
    }

    @Test(arguments: [
        ("mongodb://", "Invalid host string"),
        ("http://x", "expecting 'mongodb://' or 'mongodb+srv://'"),
        ("mongodb://host:99999", "Port could not be parsed"),
        ("", "Invalid URI Schema"),
        ("mongodb://host/chat?maxPoolSize=many", "maxpoolsize"),
    ])
    func badURIsSayWhatIsWrong(text: String, reason: String) {
        #expect {
            try MongoURI(text)
        } throws: { error in
            guard let error = error as? MongoError else { return false }
            return error.clientCode == .invalidURI && error.message.contains(reason)
                && error.message.contains("\"\(text)\"")
        }
    }

    @Test(arguments: [
        "mongodb://u:Zq9Xw7@host:99999",
        "mongodb://u:Zq9Xw7@",
        "mongodb://u:Zq9/Xw7@host",
        "mongodb://u:Zq9%ZZXw7@host",
        "mongodb://u:Zq9Xw7@host/bad db",
        "mongodb://u:Zq9Xw7@host/chat?maxPoolSize=Zq9Xw7",
        "mongodb://u:Zq9@Xw7@host",
        "http://u:Zq9Xw7@host",
        "u:Zq9Xw7@host",
    ])
    func malformedURIsNeverShowThePassword(text: String) {
        do {
            _ = try MongoURI(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.clientCode == .invalidURI)
            #expect(!error.message.contains("Zq9"), "\(error.message)")
            #expect(!error.message.contains("Xw7"), "\(error.message)")
            #expect(!String(describing: error).contains("Xw7"))
        }
    }

    @Test func unescapedAtInPasswordIsRejectedAndHidden() {
        #expect {
            try MongoURI("mongodb://u:p@Zq9Xw7@host:27017/chat")
        } throws: { error in
            guard let error = error as? MongoError else { return false }
            return error.clientCode == .invalidURI && error.message.contains("%40")
                && !error.message.contains("Zq9Xw7")
        }
    }

    @Test func unknownOptionsBecomeWarnings() throws {
        let uri = try MongoURI("mongodb://u:pw1234@host/?frobnicate=1")
        #expect(uri.warnings.contains { $0.contains("frobnicate") })
        #expect(!uri.warnings.contains { $0.contains("pw1234") })
    }
}
