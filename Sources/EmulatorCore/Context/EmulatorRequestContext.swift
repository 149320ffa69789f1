import Foundation
import Hummingbird
import Logging
import NIOCore

/// The request context of every route: the environment the request's key (or client ID) resolved to,
/// and the request ID that the response and the journal carry.
public struct EmulatorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var environment: Environment?
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
