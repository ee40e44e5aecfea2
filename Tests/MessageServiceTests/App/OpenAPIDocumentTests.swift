import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MessageService

/// `GET /openapi.yaml` serves the repository's `openapi.yaml` exactly, and the document's paths and
/// methods are the router's.
@Suite struct OpenAPIDocumentTests {
    /// The repository's `openapi.yaml`, found from this file's place in the tree.
    static func repositoryDocument() throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return Array(try Data(contentsOf: root.appendingPathComponent("openapi.yaml")))
    }

    @Test func servesTheRepositorysDocumentByteForByte() async throws {
        let file = try Self.repositoryDocument()
        try await makeApp().test(.router) { client in
            let response = try await client.get("/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml")
            #expect(response.headers[.cacheControl] == "no-cache")
            let served = Array(response.body.readableBytesView)
            #expect(served == file, "the embedded document differs from openapi.yaml: run scripts/embed-openapi")

            let head = try await client.execute(uri: "/openapi.yaml", method: .head)
            #expect(head.status == .ok)
            #expect(head.headers[.contentType] == "application/yaml")
            #expect(head.body.readableBytes == 0)
            try await client.get("/openapi.yaml?v=1").expectError(.badRequest, "invalid_argument")
        }
    }

    /// Each documented path answers an undocumented method with 405 and an `Allow` that lists exactly the
    /// methods the document gives it, so a route added, removed or renamed shows up here until the
    /// document says the same.
    @Test func everyDocumentedPathTakesExactlyItsDocumentedMethods() async throws {
        let documented = Self.pathsAndMethods(String(decoding: try Self.repositoryDocument(), as: UTF8.self))
        #expect(documented.count >= 10, "the path list was not read: \(documented)")
        try await makeApp().test(.router) { client in
            for (path, methods) in documented {
                let uri = path.replacingOccurrences(of: "{room_id}", with: "lobby")
                    .replacingOccurrences(of: "{id}", with: "65a1b2c3d4e5f60718293a4b")
                #expect(!uri.contains("{"), "a path parameter this test does not know: \(path)")
                let response = try await client.execute(uri: uri, method: .options)
                try response.expectError(.methodNotAllowed, "method_not_allowed")
                let allowed = Set((response.headers[.allow] ?? "").split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces).lowercased()
                })
                #expect(allowed == methods, "\(path): the router allows \(allowed.sorted()), the document \(methods.sorted())")
            }
        }
    }

    /// The keys under `paths:` and each one's operations, read from the document's layout (two spaces
    /// before a path, four before a method), which is how `openapi.yaml` is written.
    static func pathsAndMethods(_ document: String) -> [String: Set<String>] {
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        var result: [String: Set<String>] = [:]
        var inPaths = false
        var current: String?
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty {
                inPaths = line == "paths:"
                current = nil
                continue
            }
            guard inPaths, line.hasSuffix(":") else { continue }
            if line.hasPrefix("  /") {
                let path = String(line.dropFirst(2).dropLast())
                current = path
                result[path] = []
            } else if let path = current, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = String(line.dropFirst(4).dropLast())
                if methods.contains(key) { result[path]?.insert(key) }
            }
        }
        return result
    }
}
