@testable import MessageService

// The test doubles' search, failing or answering as each double's other reads do.

extension UnreachableStore {
    func search(_ request: SearchRequest) async throws -> SearchPage { throw Self.error }
}

extension FullStore {
    func search(_ request: SearchRequest) async throws -> SearchPage { try await base.search(request) }
}

extension BrokenStore {
    func search(_ request: SearchRequest) async throws -> SearchPage { throw Failure() }
}

extension PreparationRecordingStore {
    func search(_ request: SearchRequest) async throws -> SearchPage { try await base.search(request) }
}
