import EmulatorCore
import GRDB

extension AuthorizationAPI {
    /// A resource named in a request body: `resource_id`, or `resource_external_id` with
    /// `resource_type_slug` (in the organization the request concerns). With `prefix: "parent_"` the
    /// same for a parent (`parent_resource_id`, …).
    public enum ResourceTarget: Sendable, Equatable {
        case id(String)
        case external(type: String, externalID: String)

        /// nil when the body names no resource; 422 when it names one in both ways or half of one.
        public static func read(from body: JSONBody, prefix: String = "") throws -> ResourceTarget? {
            let fields = Fields(prefix: prefix)
            return try make(id: try body.string(fields.id), externalID: try body.string(fields.externalID),
                            type: try body.string(fields.type), fields: fields)
        }

        /// The same from a query string (list filters).
        public static func read(from query: QueryParameters, prefix: String = "") throws -> ResourceTarget? {
            let fields = Fields(prefix: prefix)
            return try make(id: query.string(fields.id), externalID: query.string(fields.externalID),
                            type: query.string(fields.type), fields: fields)
        }

        private struct Fields {
            let id, externalID, type: String

            init(prefix: String) {
                id = prefix + "resource_id"
                externalID = prefix + "resource_external_id"
                type = prefix + "resource_type_slug"
            }
        }

        private static func make(id: String?, externalID: String?, type: String?, fields: Fields) throws -> ResourceTarget? {
            switch (id, externalID, type) {
            case (nil, nil, nil):
                return nil
            case (let id?, nil, nil):
                return .id(id)
            case (nil, let externalID?, let type?):
                return .external(type: type, externalID: externalID)
            case (_?, _, _):
                throw APIError.invalidParameter(fields.id, code: "invalid_value",
                                                "Provide either \(fields.id) or \(fields.externalID) with \(fields.type), not both.")
            default:
                throw APIError.invalidParameter(externalID == nil ? fields.externalID : fields.type, code: "required",
                                                "\(fields.externalID) and \(fields.type) go together.")
            }
        }

        /// Required: 422 naming `resource_id` when the body names none.
        public static func required(from body: JSONBody) throws -> ResourceTarget {
            guard let target = try read(from: body) else {
                throw APIError.invalidParameter("resource_id", code: "required",
                                                "resource_id, or resource_external_id with resource_type_slug, is required.")
            }
            return target
        }

        /// The resource, which must belong to the organization; 404 otherwise.
        func resolve(in organizationID: String, db: Database) throws -> ResourceRecord {
            switch self {
            case .id(let id):
                let resource = try ResourceRecord.find(id, in: db)
                guard resource.organizationId == organizationID else { throw APIError.notFound("Resource", id) }
                return resource
            case .external(let type, let externalID):
                return try ResourceRecord.find(organizationID: organizationID, type: type, externalID: externalID, in: db)
            }
        }
    }
}
