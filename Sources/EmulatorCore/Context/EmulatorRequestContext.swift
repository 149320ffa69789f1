import Foundation
import Hummingbird
import Logging
import NIOCore

/// The request context of every route: the environment the request's key (or client ID) resolved to,
/// and the request ID that the response and the journal carry.
public struct EmulatorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var environment: Environment?
    /// Whether `environment` was proven by an API key (a bearer), rather than found from a client ID
    /// anyone may send: OAuth routes treat only the former as an authenticated client.
    public var environmentFromAPIKey = false
    public var requestID: String = ""
    /// The peer, for the control API's loopback rule.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The environment resolved by authentication; routes behind it can rely on it.
    public func env() throws -> Environment {
        guard let environment else { throw APIError.unauthorized }
        return environment
    }

    /// A path parameter, percent-decoded (the SDKs encode each path segment).
    public func parameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
