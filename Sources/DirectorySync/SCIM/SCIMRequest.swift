import EmulatorCore
import Hummingbird

/// What every SCIM handler starts from: the authenticated environment, the directory the path names,
/// and how resources look from the URL the request came to.
struct SCIMRequest {
    let environment: EmulatorCore.Environment
    let directoryID: String
    let renderer: SCIMRenderer

    init(_ request: Request, _ context: EmulatorRequestContext) throws {
        environment = try context.env()
        directoryID = try context.parameter("directory")
        renderer = SCIMRenderer(baseURL: request.scimBaseURL(directoryID: directoryID))
    }

    /// The projection a single-resource request asks for.
    static func projection(_ request: Request, type: SCIMResourceType) -> SCIMProjection {
        let query = QueryParameters(request)
        return SCIMProjection(attributes: query.list("attributes"), excluded: query.list("excludedAttributes"),
                              schemas: [type.schema] + type.extensions)
    }

    /// The created resource: 201 with its `Location`.
    func created(_ resource: JSONObject, type: SCIMResourceType, id: String) -> Response {
        var response = Response.scim(.object(resource), status: .created)
        response.headers[.location] = renderer.location(type, id)
        return response
    }
}
