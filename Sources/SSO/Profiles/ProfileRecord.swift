import EmulatorCore
import Foundation
import GRDB

/// A row of `sso_profiles`: a user as a connection's identity provider last described them. One per
/// connection and IdP user ID, refreshed at every sign-in, so the profile ID stays the same.
struct ProfileRecord: EmulatorRecord, Equatable {
    static let databaseTableName = "sso_profiles"

    var id: String
    var connectionId: String
    var organizationId: String?
    var connectionType: String
    var idpId: String
    var email: String
    var firstName: String?
    var lastName: String?
    var name: String?
    var groups: [String]
    var roles: [String]
    var customAttributes: JSONObject
    var rawAttributes: JSONObject
    var createdAt: Date
    var updatedAt: Date

    static func find(_ id: String, in db: Database) throws -> ProfileRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Profile", id) }
        return record
    }

    /// Signs `user` in through `connection`: the profile the identity provider's assertion makes,
    /// mapped by the connection's attribute maps, created or refreshed.
    static func signIn(_ user: IdPUser, through connection: ConnectionRecord, in tx: Transaction) throws -> ProfileRecord {
        let assertion = user.assertion
        let mapping = AttributeMapping(connection.attributeMaps)
        let idpID = mapping.string("idp_id", in: assertion) ?? user.idpId
        let existing = try filter(Column("connection_id") == connection.id && Column("idp_id") == idpID).fetchOne(tx.db)
        let firstName = mapping.string("first_name", in: assertion)
        let lastName = mapping.string("last_name", in: assertion)
        var customAttributes = mapping.customAttributes(in: assertion)
        for (key, value) in user.customAttributes.pairs { customAttributes[key] = value }
        let fullName = [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        let profile = ProfileRecord(
            id: existing?.id ?? tx.newID("prof"), connectionId: connection.id, organizationId: connection.organizationId,
            connectionType: connection.connectionType, idpId: idpID,
            email: mapping.string("email", in: assertion) ?? user.email,
            firstName: firstName, lastName: lastName,
            name: mapping.string("name", in: assertion) ?? (fullName.isEmpty ? nil : fullName),
            groups: mapping.strings("groups", in: assertion), roles: user.roles,
            customAttributes: customAttributes, rawAttributes: assertion,
            createdAt: existing?.createdAt ?? tx.now, updatedAt: tx.now)
        try profile.save(tx.db)
        return profile
    }

    var wire: JSON {
        let roles = JSON.array(roles.map { ["slug": .string($0)] })
        return [
            "object": "profile",
            "id": .string(id),
            "organization_id": .string(organizationId),
            "connection_id": .string(connectionId),
            "connection_type": .string(connectionType),
            "idp_id": .string(idpId),
            "email": .string(email),
            "first_name": .string(firstName),
            "last_name": .string(lastName),
            "name": .string(name),
            "role": roles.arrayValue?.first ?? .null,
            "roles": roles,
            "groups": .strings(groups),
            "custom_attributes": .object(customAttributes),
            "raw_attributes": .object(rawAttributes),
        ]
    }
}
