import Hummingbird

/// The API's paths and the methods each accepts, so that a request for a known path with another method
/// can be answered 405 with an `Allow` header (Hummingbird's router only knows "no handler": 404).
struct RouteTable: Sendable {
    private enum Segment: Equatable {
        case literal(Substring)
        case parameter
    }

    private struct Route {
        var segments: [Segment]
        var methods: [HTTPRequest.Method]
    }

    private var routes: [Route] = []

    /// `pattern` uses the router's syntax: `{name}` segments match any one segment.
    mutating func add(_ pattern: String, method: HTTPRequest.Method) {
        let segments = Self.split(pattern).map { $0.hasPrefix("{") && $0.hasSuffix("}") ? Segment.parameter : .literal($0) }
        if let index = routes.firstIndex(where: { $0.segments == segments }) {
            routes[index].methods.append(method)
        } else {
            routes.append(Route(segments: segments, methods: [method]))
        }
    }

    /// The methods accepted at `path` (HEAD included wherever GET is), or nil when no route has that shape.
    func allowedMethods(forPath path: String) -> [HTTPRequest.Method]? {
        let components = Self.split(path)
        guard let route = routes.first(where: { Self.matches($0.segments, components) }) else { return nil }
        var methods = route.methods
        if methods.contains(.get) && !methods.contains(.head) { methods.append(.head) }
        return methods
    }

    private static func matches(_ segments: [Segment], _ components: [Substring]) -> Bool {
        segments.count == components.count
            && zip(segments, components).allSatisfy { segment, component in
                if case .literal(let literal) = segment { literal == component } else { true }
            }
    }

    /// Splits like the router does: empty segments (from `//` or a trailing `/`) are ignored.
    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
