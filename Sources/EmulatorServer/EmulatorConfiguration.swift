import Foundation

/// How an emulator process is set up: where it listens, where it keeps its data, and the keys of the
/// default environment.
public struct EmulatorConfiguration: Sendable {
    public static let defaultAPIKey = "sk_test_default"
    public static let defaultClientID = "client_default"
    public static let defaultPort = 4100

    public enum Storage: Sendable, Equatable {
        /// Every environment in memory: nothing survives the process, and nothing touches the disk.
        case memory
        /// A registry and one SQLite file per environment under this directory.
        case directory(URL)
    }

    /// `serve --webhook URL[,secret]`: an endpoint of the default environment that receives every event.
    public struct Webhook: Sendable, Equatable {
        public var url: String
        public var secret: String?

        public init(url: String, secret: String? = nil) {
            self.url = url
            self.secret = secret
        }

        /// `URL` or `URL,secret`; nil unless the URL is an absolute http(s) URL.
        public init?(argument: String) {
            let parts = argument.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let url = parts.first, let components = URLComponents(string: url),
                  ["http", "https"].contains(components.scheme?.lowercased()), components.host?.isEmpty == false
            else { return nil }
            self.init(url: url, secret: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil)
        }
    }

    public var host: String
    public var port: Int
    public var storage: Storage
    public var apiKey: String
    public var clientID: String
    /// When set, the control API answers only requests carrying it in `X-Emulator-Control-Token`, from
    /// anywhere; when not, it answers loopback peers only.
    public var controlToken: String?
    public var webhook: Webhook?

    public init(host: String = "127.0.0.1", port: Int = EmulatorConfiguration.defaultPort, storage: Storage = .memory,
                apiKey: String = EmulatorConfiguration.defaultAPIKey, clientID: String = EmulatorConfiguration.defaultClientID,
                controlToken: String? = nil, webhook: Webhook? = nil) {
        self.host = host
        self.port = port
        self.storage = storage
        self.apiKey = apiKey
        self.clientID = clientID
        self.controlToken = controlToken
        self.webhook = webhook
    }

    /// `$WORKOS_EMULATOR_DATA_DIR`, else `$XDG_DATA_HOME/workos-emulator`, else `~/.local/share/workos-emulator`.
    public static func defaultDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let dir = environment["WORKOS_EMULATOR_DATA_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        return base.appendingPathComponent("workos-emulator")
    }
}
