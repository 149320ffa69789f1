import ArgumentParser
import EmulatorCore
import EmulatorServer
import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// Where a running emulator is, and which environment a command acts on.
struct ServerOptions: ParsableArguments {
    @Option(help: "The emulator's base URL. [env: WORKOS_BASE_URL, default: http://127.0.0.1:\(EmulatorConfiguration.defaultPort)]")
    var url: String?

    @Option(name: .customLong("api-key"), help: "API key of the environment to act on (the default environment without one). [env: WORKOS_API_KEY]")
    var apiKey: String?

    @Option(name: .customLong("control-token"), help: "The emulator's --control-token, if it has one. [env: WORKOS_EMULATOR_CONTROL_TOKEN]")
    var controlToken: String?

    var baseURL: String {
        let env = ProcessInfo.processInfo.environment
        let url = url ?? env["WORKOS_BASE_URL"] ?? "http://127.0.0.1:\(EmulatorConfiguration.defaultPort)"
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// Sends a control request and answers its JSON body; a non-2xx answer is an error with its message.
    /// Through the HTTP client the server already links: Foundation's URLSession would load libcurl and
    /// some thirty libraries behind it into every start of the server.
    func send(_ method: String, _ path: String, json: JSON) async throws -> JSON {
        let env = ProcessInfo.processInfo.environment
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        request.body = .bytes(json.bytes)
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key = apiKey ?? env["WORKOS_API_KEY"] { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if let token = controlToken ?? env["WORKOS_EMULATOR_CONTROL_TOKEN"] {
            request.headers.add(name: "X-Emulator-Control-Token", value: token)
        }
        var configuration = HTTPClient.Configuration()
        // An emulator that is not running is an error at once, not retried until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let answered: Result<(HTTPResponseStatus, [UInt8]), any Error>
        do {
            let response = try await client.execute(request, timeout: .seconds(60))
            answered = .success((response.status, Array(try await response.body.collect(upTo: 64 << 20).readableBytesView)))
        } catch {
            answered = .failure(Unreachable(description: "\(method) \(baseURL + path) failed: \(error)"))
        }
        try await client.shutdown()
        let (status, bytes) = try answered.get()
        let answer = (try? JSON.parse(bytes)) ?? .null
        guard (200..<300).contains(status.code) else {
            throw ValidationError("\(method) \(path) answered \(status.code): \(answer["message"]?.stringValue ?? String(decoding: bytes, as: UTF8.self))")
        }
        return answer
    }
}

/// The emulator could not be reached: reported without the usage text a `ValidationError` brings.
struct Unreachable: Error, CustomStringConvertible {
    let description: String
}
