import EmulatorCore
import Foundation
import GRDB

/// Which redirect URIs a sign-in may return to, and how answers are added to them.
///
/// WorkOS sends users back only to redirect URIs registered for the environment; staging also allows
/// `http` and localhost. The emulator allows loopback URIs (`localhost`, `127.0.0.1`, `[::1]`, any
/// port, `http` or `https`) everywhere, and others only when `isRegistered` says so. The registry of
/// redirect URIs (`/user_management/redirect_uris`) belongs to AuthKit, which the assembly consults.
public struct RedirectURI: Sendable {
    public typealias Registry = @Sendable (_ uri: String, _ db: Database) throws -> Bool
    public typealias Default = @Sendable (_ db: Database) throws -> String?

    let isRegistered: Registry
    /// The environment's default redirect URI, where a flow that names none returns (Magic Link's).
    let defaultURI: Default

    public init(isRegistered: @escaping Registry, defaultURI: @escaping Default) {
        self.isRegistered = isRegistered
        self.defaultURI = defaultURI
    }

    /// Why a redirect URI is refused, or nil when sign-ins may return to it.
    func refusal(of uri: String?, in db: Database) throws -> String? {
        guard let uri, !uri.isEmpty else { return "redirect_uri is required." }
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else { return "redirect_uri '\(uri)' is not an absolute URL." }
        guard components.fragment == nil else { return "redirect_uri '\(uri)' must not have a fragment." }
        if (scheme == "http" || scheme == "https") && Self.isLoopback(host) { return nil }
        if try isRegistered(uri, db) { return nil }
        return "redirect_uri '\(uri)' is not registered for this environment. The emulator allows localhost, 127.0.0.1 and [::1] redirect URIs without registration."
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host.hasPrefix("127.")
    }

    /// `uri` with the pairs added to its query (pairs whose value is nil are left out), keeping the
    /// query it already has.
    static func appending(_ pairs: [(String, String?)], to uri: String) -> String {
        let query = FormFields.encode(pairs.compactMap { key, value in value.map { (key, $0) } })
        guard !query.isEmpty else { return uri }
        return uri + (uri.contains("?") ? (uri.hasSuffix("?") || uri.hasSuffix("&") ? "" : "&") : "?") + query
    }
}
