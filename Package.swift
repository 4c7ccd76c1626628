// swift-tools-version:6.0
import PackageDescription

// Numeric modules are compiled with optimisation even in debug builds:
// hot loops run ~70x slower at -Onone (DESIGN.md section 9).
let optimised: [SwiftSetting] = [.unsafeFlags(["-O"])]

let package = Package(
    name: "Curvilinear",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "curvilinear", targets: ["CurvilinearCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // System-library shims.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG"),
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM"),

        // Atomic file writes shared by every module that writes files.
        .target(name: "AtomicFile"),

        // Numeric core.
        .target(name: "Tensor", dependencies: ["CBLAS"], swiftSettings: optimised),
        .target(name: "NN", dependencies: ["Tensor", "AtomicFile"], swiftSettings: optimised),

        // Models and data.
        .target(name: "Datasets", dependencies: [
            "Tensor", "AtomicFile",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: optimised),
        .target(name: "Generators", dependencies: ["Tensor", "NN", "Datasets", "AtomicFile"], swiftSettings: optimised),
        .target(name: "Editors", dependencies: ["Tensor", "NN", "Generators"], swiftSettings: optimised),
        .target(name: "Evaluation", dependencies: ["Tensor", "NN", "Datasets", "Generators", "Editors", "ArtifactContract"],
                exclude: ["Metrics/README.md"], swiftSettings: optimised),

        // Publishing: reads results through the artifact contract only.
        .target(name: "Render", dependencies: ["CPNG", "AtomicFile"], swiftSettings: optimised),
        .target(name: "ArtifactContract", exclude: ["README.md"]),
        .target(name: "Site", dependencies: [
            "AtomicFile", "Render", "CCmarkGFM", "ArtifactContract",
            .product(name: "Mustache", package: "swift-mustache"),
        ], exclude: ["README.md"]),

        // Orchestration.
        .target(name: "Pipeline", dependencies: [
            "AtomicFile", "Tensor", "NN", "Datasets", "Generators", "Editors", "Evaluation", "Render", "Site", "ArtifactContract",
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "CurvilinearCLI", dependencies: [
            "Pipeline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Helpers shared by the test targets (a regular target, so that each test target can depend on it).
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "AtomicFileTests", dependencies: ["AtomicFile", "TestSupport"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NNTests", dependencies: ["Tensor", "NN", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeneratorsTests", dependencies: ["Generators", "NN", "Tensor", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EditorsTests", dependencies: ["Editors", "TestSupport"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Pipeline", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "TestSupport"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "TestSupport"]),
        .testTarget(name: "CurvilinearCLITests", dependencies: ["CurvilinearCLI", "Generators", "NN", "Pipeline", "Tensor", "TestSupport"], exclude: ["Golden"]),
    ]
)
