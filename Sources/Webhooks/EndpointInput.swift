import EmulatorCore
import Foundation

/// Checks what a create or update says about an endpoint, with WorkOS's error codes.
enum EndpointInput {
    /// An absolute http(s) URL with a host. WorkOS asks for HTTPS; the emulator also takes plain HTTP,
    /// because the receivers under test listen on localhost.
    static func url(_ raw: String) throws -> String {
        let url = raw.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty
        else {
            throw APIError(.unprocessableContent, code: "invalid_url",
                           message: "endpoint_url must be an absolute http(s) URL, not '\(raw)'.")
        }
        return url
    }

    /// Subscribable event types, each once, in the order given.
    static func events(_ names: [String]) throws -> [String] {
        let unknown = names.enumerated().filter { !SubscribableEvents.all.contains($0.element) }
        guard unknown.isEmpty else {
            throw APIError.invalidParameters(unknown.map { index, name in
                FieldError(field: "events[\(index)]", code: "unknown_event_type",
                           message: "'\(name)' is not an event type a webhook endpoint can subscribe to.")
            })
        }
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
