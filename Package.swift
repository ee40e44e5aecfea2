// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "msgsvc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "msgsvc", targets: ["msgsvc"]),
        .library(name: "DocEngine", targets: ["DocEngine"]),
        // BSON and WireProtocol are products so the fuzz package in Fuzz/ can depend on them.
        .library(name: "BSON", targets: ["BSON"]),
        .library(name: "WireProtocol", targets: ["WireProtocol"]),
        .library(name: "MongoPool", targets: ["MongoPool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // C libraries from Debian, found with pkg-config.
        .systemLibrary(
            name: "CMongoC", pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev", "libbson-dev"])]),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),

        .target(name: "BSON", dependencies: ["CMongoC"]),
        .target(
            name: "MongoPool",
            dependencies: [
                "BSON", "CMongoC",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]),
        // Word splitting, stemming and folding, shared by the engine's text index and the service's search
        // (which must read a query and mark matches by the same rules without depending on the engine).
        .target(name: "TextAnalysis"),
        // The embedded engine in three layers: query semantics, the wire protocol, and storage + commands.
        .target(name: "EngineQuery", dependencies: ["BSON", "TextAnalysis"]),
        .target(
            name: "WireProtocol",
            dependencies: [
                "BSON",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "DocEngine",
            dependencies: [
                "BSON", "CSQLite", "EngineQuery", "WireProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"]),
        .target(
            name: "MessageService",
            dependencies: [
                "BSON", "MongoPool", "TextAnalysis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "msgsvc",
            dependencies: [
                "MessageService", "DocEngine", "MongoPool",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),

        .testTarget(name: "BSONTests", dependencies: ["BSON"]),
        .testTarget(
            name: "MongoPoolTests",
            dependencies: ["MongoPool", "BSON", .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "Prometheus", package: "swift-prometheus")]),
        .testTarget(name: "EngineQueryTests", dependencies: ["EngineQuery", "BSON", "TextAnalysis"]),
        .testTarget(
            name: "WireProtocolTests",
            dependencies: ["WireProtocol", "BSON", "MongoPool",
                           .product(name: "NIOPosix", package: "swift-nio")]),
        .testTarget(
            name: "DocEngineTests",
            dependencies: ["DocEngine", "MongoPool", "BSON", "CSQLite",
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "Metrics", package: "swift-metrics"),
                           .product(name: "Prometheus", package: "swift-prometheus")]),
        .testTarget(
            name: "MessageServiceTests",
            dependencies: ["MessageService", "BSON", .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "InMemoryLogging", package: "swift-log"),
                           .product(name: "Prometheus", package: "swift-prometheus")]),
        .testTarget(name: "msgsvcTests", dependencies: ["msgsvc", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["BSON", "MongoPool", "CSQLite"]),
    ],
    swiftLanguageModes: [.v6]
)
