import Foundation

/// Opaque tokens that reach the emulator with no API key beside them (an SSO access token sent to
/// `/sso/profile`, a logout token in a browser's URL) carry the client ID of the environment that
/// issued them, so the emulator can find that environment from the token alone, as WorkOS finds its
/// tenant. The shape is `<random>.<base64url(client ID)>`: still opaque to clients, and a token
/// from one environment never opens another, even a fork of it.
public enum ClientBoundToken {
    public static func make(clientID: String, randomLength: Int = 32) -> String {
        ObjectID.token(randomLength) + "." + Data(clientID.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The client ID a token was issued for, or nil when the text is not such a token.
    public static func clientID(of token: String) -> String? {
        guard let dot = token.lastIndex(of: ".") else { return nil }
        var base64 = token[token.index(after: dot)...]
            .replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let clientID = String(data: data, encoding: .utf8),
              !clientID.isEmpty
        else { return nil }
        return clientID
    }
}
