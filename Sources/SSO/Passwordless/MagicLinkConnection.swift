import EmulatorCore
import GRDB
import Organizations

/// Which Magic Link connection a passwordless session signs in through, as WorkOS decides: the one the
/// request names (`connection`), else the active Magic Link connection of the organization that
/// verified the address's domain, else the environment's own Magic Link connection (no organization),
/// which the emulator makes active the first time it is needed, as enabling Magic Link in WorkOS's
/// dashboard does (`connection.activated`).
enum MagicLinkConnection {
    static func resolve(email: String, connectionID: String?, in tx: Transaction) throws -> ConnectionRecord {
        let type = ConnectionType.magicLink.name
        if let connectionID {
            let connection = try ConnectionRecord.find(connectionID, in: tx.db)
            guard connection.connectionType == type else {
                throw APIError.invalidParameter("connection", code: "invalid_value",
                                                "Connection '\(connectionID)' is a \(connection.connectionType) connection, not a MagicLink one.")
            }
            return try active(connection)
        }
        let domain = String(email.split(separator: "@").last ?? "")
        if let organizationID = try OrganizationsAPI.organizationID(verifiedDomain: domain, in: tx.db),
           let connection = try ConnectionRecord
               .filter(Column("organization_id") == organizationID && Column("connection_type") == type
                       && Column("state") == ConnectionRecord.State.active.rawValue)
               .order(Column("id")).fetchOne(tx.db) {
            return connection
        }
        if let environmentWide = try ConnectionRecord
            .filter(Column("organization_id") == nil && Column("connection_type") == type)
            .order(Column("id")).fetchOne(tx.db) {
            return try active(environmentWide)
        }
        return try NewConnection(type: .magicLink, name: "Magic Link", state: .active).create(in: tx)
    }

    /// A draft or inactive connection signs no one in.
    private static func active(_ connection: ConnectionRecord) throws -> ConnectionRecord {
        guard connection.state == .active else {
            throw APIError(.unprocessableContent, code: "connection_invalid",
                           message: "Magic Link connection '\(connection.id)' is \(connection.state.rawValue).")
        }
        return connection
    }
}
