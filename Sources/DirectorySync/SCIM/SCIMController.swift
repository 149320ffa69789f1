import EmulatorCore
import Foundation
import Hummingbird

/// A SCIM 2.0 service provider per directory (RFC 7643/7644) at `/scim/v2/{directory_id}`: Users,
/// Groups and the discovery endpoints, behind the directory's own bearer token. What an identity
/// provider pushes here becomes directory users and groups, with their `dsync.*` events.
public struct SCIMController: Sendable {
    typealias Handler = @Sendable (Request, EmulatorRequestContext) async throws -> Response

    /// Finds an environment by ID: the bearer token names the environment its directory lives in.
    let environment: @Sendable (String) -> EmulatorCore.Environment?

    public init(environment: @escaping @Sendable (String) -> EmulatorCore.Environment?) {
        self.environment = environment
    }

    /// `journaled` adds what every request of a known environment goes through (the emulator's request
    /// journal and injected faults): it sits after authentication, which finds the environment, and
    /// before the handlers, whose errors are answered in SCIM's shape first, so the journal records
    /// what the identity provider saw.
    public func addRoutes(to group: RouterGroup<EmulatorRequestContext>,
                          journaled: (RouterGroup<EmulatorRequestContext>) -> RouterGroup<EmulatorRequestContext>) {
        let authenticated = group.group(":directory").add(middleware: SCIMAuthentication(environment: environment))
        let scim = journaled(authenticated).add(middleware: SCIMErrorMiddleware())
        let users = SCIMUsers()
        let groups = SCIMGroups()
        let discovery = SCIMDiscovery()
        route(scim, "Users", [.get: users.list, .post: users.create])
        route(scim, "Users/.search", [.post: users.search])
        route(scim, "Users/:id", [.get: users.get, .put: users.replace, .patch: users.patch, .delete: users.delete])
        route(scim, "Groups", [.get: groups.list, .post: groups.create])
        route(scim, "Groups/.search", [.post: groups.search])
        route(scim, "Groups/:id", [.get: groups.get, .put: groups.replace, .patch: groups.patch, .delete: groups.delete])
        route(scim, "ServiceProviderConfig", [.get: discovery.serviceProviderConfig])
        route(scim, "ResourceTypes", [.get: discovery.resourceTypes])
        route(scim, "ResourceTypes/:id", [.get: discovery.resourceType])
        route(scim, "Schemas", [.get: discovery.schemas])
        route(scim, "Schemas/:id", [.get: discovery.schema])
        for path: RouterPath in [".search", "Bulk", "Me"] {
            route(scim, path, [:], missing: { _, _ in
                throw SCIMError.notImplemented("\(path) is not supported by this service provider.")
            })
        }
        route(scim, "**", [:], missing: { request, _ in throw SCIMError.notFound("Endpoint", request.uri.path) })
    }

    /// Registers every method on a path, so a method the path lacks gets a SCIM error too.
    private func route(_ group: RouterGroup<EmulatorRequestContext>, _ path: RouterPath, _ handlers: [HTTPRequest.Method: Handler],
                       missing: Handler? = nil) {
        for method: HTTPRequest.Method in [.get, .post, .put, .patch, .delete] {
            group.on(path, method: method, use: handlers[method] ?? missing ?? { request, _ in
                throw SCIMError.methodNotAllowed("\(request.method) is not allowed on \(request.uri.path).")
            })
        }
    }

    /// How an injected fault answers on SCIM routes: its body in SCIM's media type, else a SCIM error.
    @Sendable public static func faultResponse(status: HTTPResponse.Status, body: JSON?, message: String) -> Response {
        body.map { .scim($0, status: status) } ?? SCIMError(status, nil, message).response
    }
}

/// Answers every failure as a SCIM error.
struct SCIMErrorMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return Self.response(for: error, request, context)
        }
    }

    static func response(for error: any Error, _ request: Request, _ context: EmulatorRequestContext) -> Response {
        switch error {
        case let error as SCIMError: return error.response
        case let error as APIError: return SCIMError(error).response
        case let error as HTTPError: return SCIMError(error.status, nil, error.body ?? error.status.reasonPhrase).response
        default:
            context.logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            return SCIMError(.internalServerError, nil, "The emulator failed to handle this request: \(error)").response
        }
    }
}

/// Authenticates SCIM requests with the directory's bearer token, resolving the environment from it;
/// a failure here, or in what follows, is a SCIM error. A directory's first authenticated request links
/// an `unlinked` directory, as an identity provider's first push does in WorkOS.
struct SCIMAuthentication: RouterMiddleware {
    let environment: @Sendable (String) -> EmulatorCore.Environment?

    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        do {
            var context = context
            context.environment = try await authenticate(request, directoryID: try context.parameter("directory"))
            return try await next(request, context)
        } catch {
            return SCIMErrorMiddleware.response(for: error, request, context)
        }
    }

    private func authenticate(_ request: Request, directoryID: String) async throws -> EmulatorCore.Environment {
        guard let token = SCIMToken(request: request), let environment = environment(token.environmentID) else {
            throw SCIMError.unauthorized
        }
        let directory = try await environment.read { db in try DirectoryRecord.fetchOne(db, key: directoryID) }
        guard let directory, directory.scimSecret == token.secret, directory.state != .invalidCredentials else {
            throw SCIMError.unauthorized
        }
        if directory.state == .unlinked {
            try await environment.write { tx in _ = try DirectoryRecord.find(directoryID, in: tx.db).transition(to: .linked, in: tx) }
        }
        return environment
    }
}

/// A directory's SCIM bearer token: `<environment id>.<secret>`. Naming the environment lets the
/// token find its directory even when snapshots have copied that directory into other environments.
struct SCIMToken {
    let environmentID: String
    let secret: String

    init(environmentID: String, secret: String) {
        self.environmentID = environmentID
        self.secret = secret
    }

    init?(request: Request) {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
              let dot = parts[1].lastIndex(of: ".") else { return nil }
        environmentID = String(parts[1][..<dot]).trimmingCharacters(in: .whitespaces)
        secret = String(parts[1][parts[1].index(after: dot)...]).trimmingCharacters(in: .whitespaces)
    }

    var text: String { "\(environmentID).\(secret)" }
}

extension Request {
    /// The directory's SCIM base URL as this request reached it: `http://host/…/scim/v2/<directory id>`.
    func scimBaseURL(directoryID: String) -> String {
        let path = uri.path
        let prefix = path.range(of: "/\(directoryID)").map { String(path[..<$0.upperBound]) } ?? "/scim/v2/\(directoryID)"
        return "http://\(head.authority ?? "localhost")\(prefix)"
    }
}
