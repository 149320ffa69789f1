import EmulatorCore
import Hummingbird

/// The discovery endpoints (RFC 7644 §4): what this service provider supports, its resource types and
/// its schemas.
struct SCIMDiscovery: Sendable {
    @Sendable func serviceProviderConfig(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let base = try SCIMRequest(request, context).renderer.baseURL
        return .scim([
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "documentationUri": "https://workos.com/docs/directory-sync",
            "patch": ["supported": true],
            "bulk": ["supported": false, "maxOperations": 0, "maxPayloadSize": 0],
            "filter": ["supported": true, "maxResults": .int(SCIMListQuery.maxCount)],
            "changePassword": ["supported": false],
            "sort": ["supported": false],
            "etag": ["supported": false],
            "authenticationSchemes": [[
                "type": "oauthbearertoken",
                "name": "OAuth Bearer Token",
                "description": "The directory's bearer token, as the control API shows it.",
                "primary": true,
            ]],
            "meta": ["resourceType": "ServiceProviderConfig", "location": .string("\(base)/ServiceProviderConfig")],
        ])
    }

    @Sendable func resourceTypes(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let base = try SCIMRequest(request, context).renderer.baseURL
        return .scim(SCIMListQuery.listResponse(SCIMResourceType.all.map { $0.wire(location: "\(base)/ResourceTypes/\($0.name)") },
                                                total: SCIMResourceType.all.count))
    }

    @Sendable func resourceType(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let base = try SCIMRequest(request, context).renderer.baseURL
        let id = try context.parameter("id")
        guard let type = SCIMResourceType.all.first(where: { $0.name == id }) else { throw SCIMError.notFound("ResourceType", id) }
        return .scim(type.wire(location: "\(base)/ResourceTypes/\(type.name)"))
    }

    @Sendable func schemas(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let base = try SCIMRequest(request, context).renderer.baseURL
        return .scim(SCIMListQuery.listResponse(SCIMSchema.all.map { $0.wire(location: "\(base)/Schemas/\($0.id)") },
                                                total: SCIMSchema.all.count))
    }

    @Sendable func schema(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let base = try SCIMRequest(request, context).renderer.baseURL
        let id = try context.parameter("id")
        guard let schema = SCIMSchema.all.first(where: { $0.id == id }) else { throw SCIMError.notFound("Schema", id) }
        return .scim(schema.wire(location: "\(base)/Schemas/\(schema.id)"))
    }
}
