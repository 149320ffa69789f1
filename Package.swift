// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "workos-emulator",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "workos-emulator", targets: ["workos-emulator"]),
        .library(name: "EmulatorTesting", targets: ["EmulatorTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.9.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // What every area stands on: wire conventions, storage, the clock, the event log.
        .target(
            name: "EmulatorCore",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // API areas: one target each, talking to one another only through public Swift APIs.
        .target(name: "Organizations", dependencies: ["EmulatorCore"]),
        .target(name: "Events", dependencies: ["EmulatorCore", "Organizations"]),
        .target(
            name: "Webhooks",
            dependencies: [
                "EmulatorCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "Authorization", dependencies: ["EmulatorCore", "Organizations"]),
        .target(
            name: "UserManagement",
            dependencies: [
                "EmulatorCore",
                "Organizations",
                "Authorization",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(name: "DirectorySync", dependencies: ["EmulatorCore", "Organizations", "Authorization"]),
        .target(
            name: "SSO",
            dependencies: [
                "EmulatorCore",
                "Organizations",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "AuditLogs", dependencies: ["EmulatorCore", "Organizations"]),
        .target(
            name: "AdminPortal",
            dependencies: [
                "EmulatorCore", "Organizations", "SSO", "DirectorySync", "AuditLogs",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "FeatureFlags", dependencies: ["EmulatorCore", "Organizations", "UserManagement"]),
        // API keys the environment issues to its organizations and their users (WorkOS's API Keys product).
        .target(
            name: "APIKeys",
            dependencies: ["EmulatorCore", "Organizations", "UserManagement", "Authorization"]
        ),
        // Connect: OAuth and machine-to-machine applications, their client secrets, and users' authorizations of them.
        .target(
            name: "Connect",
            dependencies: ["EmulatorCore", "Organizations", "UserManagement"]
        ),
        // Vault: data keys for local encryption and encrypted key-value objects, under a key-encryption
        // key of each environment's own.
        .target(
            name: "Vault",
            dependencies: ["EmulatorCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Radar: attempts assessed against the environment's allow and block lists, and those lists.
        .target(name: "Radar", dependencies: ["EmulatorCore"]),
        // Platform teams: teams a platform creates for its customers.
        .target(name: "PlatformTeams", dependencies: ["EmulatorCore"]),
        // Agents: blueprints, the instances and sessions minted from them, and their tokens.
        .target(
            name: "Agents",
            dependencies: ["EmulatorCore", "Organizations", "Authorization"]
        ),
        // Pipes: the accounts users and organizations connect to third-party data providers, and the
        // providers they can connect to.
        .target(name: "Pipes", dependencies: ["EmulatorCore", "Organizations", "UserManagement"]),
        // libqrencode, for the QR code of a TOTP enrolment.
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // AuthKit: authorize, the hosted sign-in pages, every grant of authenticate, sessions, JWTs and
        // their JWKS, MFA factors and challenges, and SSO sign-ins through AuthKit.
        .target(
            name: "AuthKit",
            dependencies: [
                "EmulatorCore",
                "Organizations",
                "UserManagement",
                "Authorization",
                // SSO through AuthKit: AuthKit routes sign-ins to SSO's connections; SSO hands them back
                // through closures the assembly passes (SignInHandoff), so it does not depend on AuthKit.
                "SSO",
                "CQRencode",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        // Assembly: configuration, middleware, the route table, environments, the control API.
        .target(
            name: "EmulatorServer",
            dependencies: [
                "EmulatorCore",
                "Organizations",
                "Events",
                "Webhooks",
                "UserManagement",
                "DirectorySync",
                "SSO",
                "Authorization",
                "AuditLogs",
                "AdminPortal",
                "AuthKit",
                "FeatureFlags",
                "APIKeys",
                "Connect",
                "Vault",
                "Radar",
                "PlatformTeams",
                "Pipes",
                "Agents",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "EmulatorTesting",
            dependencies: [
                "EmulatorServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "workos-emulator",
            dependencies: [
                "EmulatorCore",
                "EmulatorServer",
                "CConcurrencyHook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(name: "CConcurrencyHook"),
        .testTarget(name: "EmulatorCoreTests", dependencies: ["EmulatorCore"]),
        .testTarget(name: "EmulatorServerTests", dependencies: ["EmulatorTesting"], exclude: ["Fixtures"]),
        .testTarget(name: "OrganizationsTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "EventsTests", dependencies: ["EmulatorTesting"]),
        .testTarget(
            name: "WebhooksTests",
            dependencies: ["EmulatorTesting", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "UserManagementTests", dependencies: ["EmulatorTesting", "UserManagement"]),
        .testTarget(name: "DirectorySyncTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "AuditLogsTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "AdminPortalTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "SSOTests", dependencies: ["EmulatorTesting", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "AuthorizationTests", dependencies: ["EmulatorTesting", "Authorization"]),
        .testTarget(name: "FeatureFlagsTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "APIKeysTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "ConnectTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "WaitlistsTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "ITContactsTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "VaultTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "RadarTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "PlatformTeamsTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "AgentsTests", dependencies: ["EmulatorTesting"]),
        .testTarget(name: "PipesTests", dependencies: ["EmulatorTesting"]),
        .testTarget(
            name: "AuthKitTests",
            dependencies: ["EmulatorTesting", .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "_CryptoExtras", package: "swift-crypto")]
        ),
    ]
)
