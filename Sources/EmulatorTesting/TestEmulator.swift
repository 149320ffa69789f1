import EmulatorCore
import EmulatorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// An in-process emulator on a live loopback port, with every environment in memory, for Swift test
/// suites: `try await TestEmulator.run { api in … }`.
public enum TestEmulator {
    public static func run<Value: Sendable>(
        configuration: EmulatorConfiguration = EmulatorConfiguration(port: 0, storage: .memory),
        _ body: @Sendable (APIClient) async throws -> Value
    ) async throws -> Value {
        let emulator = try await Emulator(configuration: configuration)
        var logger = Logger(label: "workos-emulator-test")
        logger.logLevel = .warning
        return try await emulator.buildApplication(logger: logger).test(.live) { client in
            try await body(APIClient(client: client, emulator: emulator, apiKey: configuration.apiKey))
        }
    }
}

/// Speaks JSON to the emulator over HTTP with an API key, as an SDK would.
public struct APIClient: Sendable {
    let client: any TestClientProtocol
    public let emulator: Emulator
    public let apiKey: String?

    /// The same server, with another key (another environment, or none at all).
    public func with(apiKey: String?) -> APIClient {
        APIClient(client: client, emulator: emulator, apiKey: apiKey)
    }

    @discardableResult
    public func request(_ method: HTTPRequest.Method, _ path: String, json: JSON? = nil,
                        headers extra: HTTPFields = [:]) async throws -> APIResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let apiKey { headers[.authorization] = "Bearer \(apiKey)" }
        headers.append(contentsOf: extra)
        return try await client.execute(
            uri: path, method: method, headers: headers,
            body: json.map { ByteBuffer(bytes: $0.bytes) }
        ) { response in
            APIResponse(status: response.status, headers: response.headers,
                        body: Array(response.body.readableBytesView))
        }
    }

    /// Any body with any headers (a browser's form post), without the API key.
    public func send(_ method: HTTPRequest.Method, _ path: String, body: String, headers: HTTPFields) async throws -> APIResponse {
        try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: body)) { response in
            APIResponse(status: response.status, headers: response.headers, body: Array(response.body.readableBytesView))
        }
    }

    public func get(_ path: String) async throws -> APIResponse { try await request(.get, path) }
    public func post(_ path: String, _ json: JSON = [:]) async throws -> APIResponse { try await request(.post, path, json: json) }
    public func put(_ path: String, _ json: JSON) async throws -> APIResponse { try await request(.put, path, json: json) }
    public func patch(_ path: String, _ json: JSON) async throws -> APIResponse { try await request(.patch, path, json: json) }
    public func delete(_ path: String) async throws -> APIResponse { try await request(.delete, path) }

    /// A form post, as a browser or an OAuth client sends it (no API key, form-encoded body).
    public func postForm(_ path: String, _ fields: [(String, String)]) async throws -> APIResponse {
        try await client.execute(
            uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: FormFields.encode(fields))
        ) { response in
            APIResponse(status: response.status, headers: response.headers, body: Array(response.body.readableBytesView))
        }
    }

    /// A fresh environment on the same server, and a client holding its key.
    public func newEnvironment() async throws -> APIClient {
        let created = try await with(apiKey: nil).post("/_emulator/environments")
        guard let key = created.json["api_key"]?.stringValue else { throw TestFailure("no environment: \(created.text)") }
        return with(apiKey: key)
    }
}

public struct APIResponse: Sendable {
    public let status: HTTPResponse.Status
    public let headers: HTTPFields
    public let body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }
    /// The body as JSON (`null` when it is empty or not JSON).
    public var json: JSON { (try? JSON.parse(body)) ?? .null }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
