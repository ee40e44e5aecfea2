import Foundation
import Testing
@testable import msgsvc

@Suite struct DotEnvTests {
    @Test func readsNamesAndValuesSkippingCommentsAndBlankLines() throws {
        let text = """
            # msgsvc settings

            MSGSVC_PORT=9090
              MSGSVC_HOST = 0.0.0.0   # all interfaces
            export MSGSVC_LOG_LEVEL=debug
            MONGO_URI=mongodb://db:27017/chat?appName=a#b
            EMPTY=
            """
        #expect(try DotEnv.parse(text) == [
            "MSGSVC_PORT": "9090",
            "MSGSVC_HOST": "0.0.0.0",
            "MSGSVC_LOG_LEVEL": "debug",
            // A # inside a value is kept; only one after whitespace starts a comment.
            "MONGO_URI": "mongodb://db:27017/chat?appName=a#b",
            "EMPTY": "",
        ])
    }

    @Test func quotedValues() throws {
        let text = #"""
            DOUBLE="two  spaces # not a comment" # a comment
            SINGLE='taken $as \n written'
            ESCAPES="line\nbreak \"quoted\" back\\slash C:\dir"
            """#
        #expect(try DotEnv.parse(text) == [
            "DOUBLE": "two  spaces # not a comment",
            "SINGLE": #"taken $as \n written"#,
            "ESCAPES": "line\nbreak \"quoted\" back\\slash C:\\dir",
        ])
    }

    @Test func windowsLineEndsAndALaterLineWinning() throws {
        #expect(try DotEnv.parse("A=1\r\nB=2\r\nA=3\r\n") == ["A": "3", "B": "2"])
    }

    @Test func reportsTheLineOfEachMistake() {
        let cases: [(String, Int, DotEnvError.Reason)] = [
            ("A=1\nno equals here\n", 2, .missingEquals),
            ("\n\n1ABC=x", 3, .invalidName("1ABC")),
            ("MY-VAR=x", 1, .invalidName("MY-VAR")),
            ("A=\"open", 1, .unterminatedQuote),
            ("A='x' trailing", 1, .textAfterQuote),
        ]
        for (text, line, reason) in cases {
            #expect(throws: DotEnvError(path: "test.env", line: line, reason: reason)) {
                try DotEnv.parse(text, path: "test.env")
            }
        }
        #expect(DotEnvError(path: "x.env", line: 2, reason: .missingEquals).description == "x.env:2: expected NAME=value")
    }

    @Test func theEnvironmentWinsOverTheFileUnlessItIsEmpty() {
        let merged = DotEnv.merged(
            ["MSGSVC_PORT": "9000", "MSGSVC_HOST": "0.0.0.0", "MSGSVC_LOG_LEVEL": "debug"],
            under: ["MSGSVC_PORT": "7000", "MSGSVC_HOST": "", "PATH": "/bin"])
        #expect(merged == ["MSGSVC_PORT": "7000", "MSGSVC_HOST": "0.0.0.0", "MSGSVC_LOG_LEVEL": "debug", "PATH": "/bin"])
    }

    @Test func aGivenFileMustExistTheDefaultOneNeedNot() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID()).env").path
        #expect(try DotEnv.environment(file: nil, over: ["A": "1"], fallback: missing) == ["A": "1"])
        // The way to read no file at all, whatever .env lies where msgsvc starts.
        #expect(try DotEnv.environment(file: "/dev/null", over: ["A": "1"]) == ["A": "1"])
        let error = #expect(throws: DotEnvError.self) { try DotEnv.environment(file: missing, over: [:]) }
        #expect(error?.description == "cannot read env file \(missing): No such file or directory")
    }

    /// The store is named by one layer: a data directory in the environment is not overridden by a
    /// MONGO_URI that only the file sets; with neither in the environment, the file names it.
    @Test func theEnvironmentNamesTheStoreOverTheFile() {
        let file = ["MONGO_URI": "mongodb://db.example/chat", "MSGSVC_PORT": "9000"]
        let chosen = DotEnv.merged(file, under: ["MSGSVC_DATA_DIR": "/srv/chat"])
        #expect(chosen["MONGO_URI"] == nil)
        #expect(chosen["MSGSVC_DATA_DIR"] == "/srv/chat")
        #expect(chosen["MSGSVC_PORT"] == "9000")
        #expect(DotEnv.merged(file, under: ["MSGSVC_DATA_DIR": ""])["MONGO_URI"] == "mongodb://db.example/chat")
    }
}
