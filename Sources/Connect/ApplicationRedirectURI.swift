import EmulatorCore
import Foundation

/// One of an OAuth application's redirect URIs; exactly one of a non-empty list is the default.
struct ApplicationRedirectURI: Codable, Sendable, Equatable {
    var uri: String
    var isDefault: Bool

    enum CodingKeys: String, CodingKey {
        case uri
        case isDefault = "default"
    }

    var wire: JSON { ["uri": .string(uri), "default": .bool(isDefault)] }

    /// `redirect_uris` as the API takes it, `[{"uri", "default"?}]`: each an absolute URI (a native
    /// application's custom scheme too), none twice, at most one marked default; when none is, the
    /// first becomes the default.
    static func parse(_ items: [JSON], field: String) throws -> [ApplicationRedirectURI] {
        var uris: [ApplicationRedirectURI] = []
        var errors: [FieldError] = []
        for (index, item) in items.enumerated() {
            let path = "\(field)[\(index)]"
            guard let uri = item["uri"]?.stringValue else {
                errors.append(FieldError(field: "\(path).uri", code: "required", message: "\(path).uri is required."))
                continue
            }
            guard let components = URLComponents(string: uri), components.scheme?.isEmpty == false,
                  components.fragment == nil else {
                errors.append(FieldError(field: "\(path).uri", code: "invalid_value",
                                         message: "\(path).uri must be an absolute URI without a fragment, not '\(uri)'."))
                continue
            }
            let isDefault: Bool
            switch item["default"] {
            case nil, .null?: isDefault = false
            case .bool(let flag)?: isDefault = flag
            default:
                errors.append(FieldError(field: "\(path).default", code: "invalid_type", message: "\(path).default must be a boolean."))
                continue
            }
            if uris.contains(where: { $0.uri == uri }) {
                errors.append(FieldError(field: "\(path).uri", code: "duplicate_value", message: "'\(uri)' is listed twice."))
            }
            uris.append(ApplicationRedirectURI(uri: uri, isDefault: isDefault))
        }
        if uris.filter(\.isDefault).count > 1 {
            errors.append(FieldError(field: field, code: "invalid_value", message: "At most one redirect URI may be the default."))
        }
        guard errors.isEmpty else { throw APIError.invalidParameters(errors) }
        if !uris.isEmpty, !uris.contains(where: \.isDefault) { uris[0].isDefault = true }
        return uris
    }
}
