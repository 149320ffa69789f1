import EmulatorCore
import Foundation
import GRDB

/// Reads the bodies of `POST /connections` and `PATCH /connections/{id}`.
enum ConnectionRequest {
    /// A new connection. Only SAML and OIDC connections may be created through the API; the type is
    /// inferred from the options when not given.
    static func creation(from body: JSONBody) throws -> NewConnection {
        let organizationID = try body.requiredString("organization_id")
        let name = try nonEmpty(body.string("name"), "name")
        let saml = try body.objectValue("saml_options")
        let oidc = try body.objectValue("oidc_options")
        guard (saml == nil) != (oidc == nil) else {
            throw APIError.invalidParameter(saml == nil ? "saml_options" : "oidc_options", code: "invalid_value",
                                            "Exactly one of saml_options and oidc_options is required.")
        }
        let type = try body.string("connection_type").map(creatableType) ?? (saml != nil ? .genericSAML : .genericOIDC)
        let family: ConnectionType.Family = saml != nil ? .saml : .oidc
        guard type.family == family else {
            throw APIError.invalidParameter("connection_type", code: "invalid_value",
                                            "\(type.name) does not take \(family == .saml ? "saml_options" : "oidc_options").")
        }
        var connection = NewConnection(organizationID: organizationID, type: type)
        connection.name = name
        connection.externalID = try nonEmpty(body.string("external_id"), "external_id")
        if let saml {
            connection.samlOptions = ConnectionOptions.merge(try ConnectionOptions.saml(saml), into: nil)
            connection.certificates = try SAMLCertificateSet(samlOptions: saml)
        }
        if let oidc { connection.oidcOptions = ConnectionOptions.merge(try ConnectionOptions.oidc(oidc, creating: true), into: nil) }
        connection.attributeMaps = try body.objectValue("attribute_maps").map(ConnectionOptions.attributeMaps)
        return connection
    }

    /// What an update changes; only the fields it names.
    struct Update: Sendable {
        var name: String?
        var connectionType: ConnectionType?
        var externalID: FieldUpdate<String>
        var saml: JSONObject?
        var oidc: JSONObject?
        var attributeMaps: JSONObject?

        func apply(to record: inout ConnectionRecord, in tx: Transaction) throws {
            if let connectionType, connectionType != record.type {
                throw APIError.invalidParameter("connection_type", code: "immutable",
                                                "connection_type cannot change: this connection is \(record.connectionType).")
            }
            if saml != nil, record.type.family != .saml {
                throw APIError.invalidParameter("saml_options", code: "invalid_value", "A \(record.connectionType) connection takes no saml_options.")
            }
            if oidc != nil, record.type.family != .oidc {
                throw APIError.invalidParameter("oidc_options", code: "invalid_value", "A \(record.connectionType) connection takes no oidc_options.")
            }
            let before = record
            record.name = name ?? record.name
            record.externalId = externalID.applied(to: record.externalId)
            if let externalID = record.externalId, externalID != before.externalId,
               let holder = try ConnectionRecord.find(externalID: externalID, organizationID: record.organizationId, in: tx.db),
               holder.id != record.id {
                throw APIError(.conflict, code: "external_id_already_used",
                               message: "Connection '\(holder.id)' of this organization already has external ID '\(externalID)'.")
            }
            if let saml { record.samlOptions = ConnectionOptions.merge(saml, into: record.samlOptions) }
            if let oidc { record.oidcOptions = ConnectionOptions.merge(oidc, into: record.oidcOptions) }
            if let attributeMaps {
                var maps = record.attributeMaps ?? [:]
                for (key, value) in attributeMaps.pairs {
                    maps[key] = .object(ConnectionOptions.merge(value.objectValue ?? [:], into: maps[key]?.objectValue))
                }
                record.attributeMaps = maps
            }
            guard record != before else { return }
            record.updatedAt = tx.now
            try record.update(tx.db)
            try ConnectionLifecycle.activateIfConfigured(&record, in: tx)
        }
    }

    static func update(from body: JSONBody) throws -> Update {
        try Update(
            name: nonEmpty(body.string("name"), "name"),
            connectionType: body.string("connection_type").map { name in
                guard let type = ConnectionType(name) else {
                    throw APIError.invalidParameter("connection_type", code: "invalid_value", "'\(name)' is not a connection type.")
                }
                return type
            },
            externalID: body.update("external_id", body.string),
            saml: body.objectValue("saml_options").map { options in
                try ConnectionOptions.rejectUnknown(options, known: Set(ConnectionOptions.samlStringFields), in: "saml_options")
                return try ConnectionOptions.saml(options)
            },
            oidc: body.objectValue("oidc_options").map { try ConnectionOptions.oidc($0, creating: false) },
            attributeMaps: body.objectValue("attribute_maps").map(ConnectionOptions.attributeMaps))
    }

    private static func creatableType(_ name: String) throws -> ConnectionType {
        guard let type = ConnectionType(name), type.family == .saml || type.family == .oidc else {
            throw APIError.invalidParameter("connection_type", code: "invalid_value",
                                            "Only SAML and OIDC connection types may be created; '\(name)' is not one.")
        }
        return type
    }

    private static func nonEmpty(_ value: String?, _ field: String) throws -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw JSONBody.required(field) }
        return trimmed
    }
}

extension ConnectionRecord {
    /// The organization's connection with this external ID (external IDs are unique per organization).
    static func find(externalID: String, organizationID: String?, in db: Database) throws -> ConnectionRecord? {
        try filter(Column("external_id") == externalID && Column("organization_id") == organizationID).fetchOne(db)
    }
}
