import EmulatorCore
import Foundation

/// The protocol options of `POST /connections` and `PATCH /connections/{id}` (`saml_options`,
/// `oidc_options`, `attribute_maps`), checked field by field. The certificates and key pairs inside
/// `saml_options` become certificate rows (`SAMLCertificateInput`); the rest is kept as given, so a
/// later update can complete a draft.
enum ConnectionOptions {
    static let samlURLFields = ["idp_metadata_url", "acs_url", "sp_entity_id", "idp_sso_url"]
    static let samlStringFields = samlURLFields + ["idp_entity_id"]
    static let oidcStringFields = ["discovery_endpoint", "client_id", "client_secret", "redirect_uri",
                                   "token_authentication_method", "id_token_signature_algorithm"]
    static let tokenAuthenticationMethods: Set<String> = ["client_secret_post", "client_secret_basic", "private_key_jwt"]
    static let signatureAlgorithms: Set<String> = ["ES256", "ES384", "ES512", "EdDSA", "HS256", "HS384", "HS512",
                                                   "PS256", "PS384", "PS512", "RS256", "RS384", "RS512"]

    /// `saml_options` without its certificates; `null` values (an update clearing a field) are kept.
    static func saml(_ object: JSONObject) throws -> JSONObject {
        let known = Set(samlStringFields + ["idp_signing_certs", "sp_signing_key_pair", "sp_encryption_key_pairs"])
        try rejectUnknown(object, known: known, in: "saml_options")
        var kept = JSONObject()
        for field in samlStringFields {
            guard let value = object[field] else { continue }
            kept[field] = try string(value, "saml_options.\(field)", url: samlURLFields.contains(field))
        }
        let manual = ["idp_entity_id", "idp_sso_url", "idp_signing_certs"].filter { object[$0].map { !$0.isNull } ?? false }
        if let url = kept["idp_metadata_url"], !url.isNull, !manual.isEmpty {
            throw APIError.invalidParameter("saml_options.idp_metadata_url", code: "invalid_value",
                                            "saml_options.idp_metadata_url cannot be combined with \(manual.joined(separator: ", ")).")
        }
        return kept
    }

    /// `oidc_options`; `required` on create, where the discovery endpoint and client ID must be given.
    static func oidc(_ object: JSONObject, creating: Bool) throws -> JSONObject {
        let known = Set(oidcStringFields + ["pkce", "fetch_user_info", "jwt_signing_key_pair"])
        try rejectUnknown(object, known: known, in: "oidc_options")
        var kept = JSONObject()
        for field in oidcStringFields {
            guard let value = object[field] else { continue }
            kept[field] = try string(value, "oidc_options.\(field)", url: field == "discovery_endpoint" || field == "redirect_uri")
        }
        for field in ["pkce", "fetch_user_info"] {
            guard let value = object[field], !value.isNull else { continue }
            guard value.boolValue != nil else {
                throw APIError.invalidParameter("oidc_options.\(field)", code: "invalid_type", "oidc_options.\(field) must be a boolean.")
            }
            kept[field] = value
        }
        if creating {
            for field in ["discovery_endpoint", "client_id"] where kept[field]?.stringValue == nil {
                throw JSONBody.required("oidc_options.\(field)")
            }
        }
        try oneOf(kept["token_authentication_method"], tokenAuthenticationMethods, "oidc_options.token_authentication_method")
        try oneOf(kept["id_token_signature_algorithm"], signatureAlgorithms, "oidc_options.id_token_signature_algorithm")
        return kept
    }

    /// `attribute_maps`: `standard_attributes` and `custom_attributes`, each a map of profile field to
    /// identity provider attribute.
    static func attributeMaps(_ object: JSONObject) throws -> JSONObject {
        try rejectUnknown(object, known: ["standard_attributes", "custom_attributes"], in: "attribute_maps")
        var kept = JSONObject()
        for (field, known) in [("standard_attributes", Optional(AttributeMapping.standardFields)), ("custom_attributes", nil)] {
            guard let value = object[field], !value.isNull else { continue }
            let name = "attribute_maps.\(field)"
            guard let map = value.objectValue else {
                throw APIError.invalidParameter(name, code: "invalid_type", "\(name) must be an object.")
            }
            if let known { try rejectUnknown(map, known: known, in: name) }
            for (key, attribute) in map.pairs where attribute.stringValue?.isEmpty ?? true {
                throw APIError.invalidParameter("\(name).\(key)", code: "invalid_type", "\(name).\(key) must be an attribute name.")
            }
            kept[field] = value
        }
        return kept
    }

    /// An update of stored options: named fields replace, `null` removes, others stay.
    static func merge(_ update: JSONObject, into current: JSONObject?) -> JSONObject {
        var merged = current ?? [:]
        for (key, value) in update.pairs { merged[key] = value.isNull ? nil : value }
        return merged
    }

    /// Whether the identity provider is configured well enough to sign anyone in. Only SAML and OIDC
    /// connections need configuring; SAML also needs an IdP signing certificate unless it reads them
    /// from a metadata URL.
    static func isConfigured(_ connection: ConnectionRecord, idpCertificates: Int) -> Bool {
        func has(_ options: JSONObject?, _ field: String) -> Bool { !(options?[field]?.stringValue?.isEmpty ?? true) }
        switch connection.type.family {
        case .saml:
            let options = connection.samlOptions
            return has(options, "idp_metadata_url") || (has(options, "idp_sso_url") && idpCertificates > 0)
        case .oidc:
            let options = connection.oidcOptions
            let keyPairAuthentication = options?["token_authentication_method"] == "private_key_jwt"
            return has(options, "discovery_endpoint") && has(options, "client_id")
                && (keyPairAuthentication || has(options, "client_secret"))
        case .oauth, .testIdP, .other:
            return true
        }
    }

    private static func string(_ value: JSON, _ field: String, url: Bool) throws -> JSON {
        if value.isNull { return .null }
        guard let text = value.stringValue else {
            throw APIError.invalidParameter(field, code: "invalid_type", "\(field) must be a string, not \(value.typeName).")
        }
        if url, !Self.isHTTPURL(text) {
            throw APIError.invalidParameter(field, code: "invalid_url", "\(field) must be an http or https URL.")
        }
        return value
    }

    private static func oneOf(_ value: JSON?, _ allowed: Set<String>, _ field: String) throws {
        guard let text = value?.stringValue, !allowed.contains(text) else { return }
        throw APIError.invalidParameter(field, code: "invalid_value", "\(field) must be one of \(allowed.sorted().joined(separator: ", ")).")
    }

    static func rejectUnknown(_ object: JSONObject, known: Set<String>, in parent: String) throws {
        let unknown = object.keys.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw APIError.invalidParameters(unknown.map {
                FieldError(field: "\(parent).\($0)", code: "unknown_field", message: "\(parent).\($0) is not a known field.")
            })
        }
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false else { return false }
        return scheme == "http" || scheme == "https"
    }
}
