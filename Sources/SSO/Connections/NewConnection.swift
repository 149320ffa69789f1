import EmulatorCore
import Foundation
import GRDB
import Organizations

/// Everything needed to create a connection, however it was asked for (the API or a scenario file).
struct NewConnection: Sendable {
    var id: String?
    var organizationID: String?
    var type: ConnectionType
    var name: String?
    var externalID: String?
    var samlOptions: JSONObject?
    var oidcOptions: JSONObject?
    var attributeMaps: JSONObject?
    var certificates = SAMLCertificateSet()
    /// The state to start in; nil lets the configuration decide (`active` when the identity provider
    /// is configured, else `draft`).
    var state: ConnectionRecord.State?
    var signIn: ConnectionRecord.SignIn = .interactive
    var offeredUsers: [IdPUser] = []

    /// Creates the connection and its certificates; emits `connection.activated` when it starts active.
    func create(in tx: Transaction) throws -> ConnectionRecord {
        let organization = try organizationID.map { try OrganizationsAPI.summary(of: $0, in: tx.db) }
        if let id, try ConnectionRecord.exists(tx.db, key: id) {
            throw APIError(.conflict, message: "A connection with ID '\(id)' already exists.")
        }
        var record = ConnectionRecord(
            id: id ?? tx.newID("conn"), organizationId: organization?.id, connectionType: type.name,
            name: name ?? organization?.name ?? type.name, state: .draft, externalId: externalID,
            externalKey: ObjectID.token(25).lowercased(), samlOptions: samlOptions, oidcOptions: oidcOptions,
            attributeMaps: attributeMaps, signIn: signIn, createdAt: tx.now, updatedAt: tx.now)
        let configured = ConnectionOptions.isConfigured(record, idpCertificates: certificates.idpSigning.count)
        record.state = state ?? (configured ? .active : .draft)
        record.spCertificatesPending = type.family == .saml && certificates.lacksServiceProviderCertificates
        try record.insert(tx.db)
        if type.family == .saml { try certificates.store(for: record, in: tx) }
        try OfferedUserRecord.offer(offeredUsers, on: record.id, in: tx.db)
        if record.state == .active { try tx.emit("connection.activated", record.eventData(in: tx.db)) }
        return record
    }
}
