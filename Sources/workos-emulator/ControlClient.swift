import ArgumentParser
import EmulatorCore
import EmulatorServer
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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
    func send(_ method: String, _ path: String, body: Data? = nil) async throws -> JSON {
        let env = ProcessInfo.processInfo.environment
        guard let url = URL(string: baseURL + path) else { throw ValidationError("Bad --url \(baseURL).") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let key = apiKey ?? env["WORKOS_API_KEY"] { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if let token = controlToken ?? env["WORKOS_EMULATOR_CONTROL_TOKEN"] {
            request.setValue(token, forHTTPHeaderField: "X-Emulator-Control-Token")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let json = (try? JSON.parse(Array(data))) ?? .null
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw ValidationError("\(method) \(path) answered \(status): \(json["message"]?.stringValue ?? String(decoding: data, as: UTF8.self))")
        }
        return json
    }

    func send(_ method: String, _ path: String, json: JSON) async throws -> JSON {
        try await send(method, path, body: Data(json.bytes))
    }
}
