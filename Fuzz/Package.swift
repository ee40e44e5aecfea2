// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets for the engine's hostile-input surfaces, built apart from the main package so that its
// own builds never see the fuzzer flags. Build and run them with scripts/fuzz (see Fuzz/README.md).
let package = Package(
    name: "msgsvc-fuzz",
    dependencies: [
        // The identity of a path dependency is its directory's name, which differs between checkouts, so
        // the dependency is referred to by the manifest's package name instead.
        .package(name: "msgsvc", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver", .product(name: "BSON", package: "msgsvc")]),
        .executableTarget(
            name: "FuzzBSON",
            dependencies: ["FuzzSupport", .product(name: "BSON", package: "msgsvc")]),
        .executableTarget(
            name: "FuzzFrames",
            dependencies: [
                "FuzzSupport",
                .product(name: "BSON", package: "msgsvc"),
                .product(name: "WireProtocol", package: "msgsvc"),
            ]),
        .executableTarget(
            name: "FuzzCommands",
            dependencies: [
                "FuzzSupport",
                .product(name: "BSON", package: "msgsvc"),
                .product(name: "WireProtocol", package: "msgsvc"),
                .product(name: "DocEngine", package: "msgsvc"),
            ]),
        .executableTarget(
            name: "FuzzSeeds",
            dependencies: [
                "FuzzSupport",
                .product(name: "BSON", package: "msgsvc"),
                .product(name: "WireProtocol", package: "msgsvc"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
