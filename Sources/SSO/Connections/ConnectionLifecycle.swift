import EmulatorCore
import GRDB
import Organizations

/// The moves between a connection's states, each with the event it owes, in the caller's transaction:
///
///     draft ──configured──▶ active ──deactivate──▶ inactive
///                             ▲                        │
///                             └───────activate─────────┘
///
/// and deletion from any state. A draft becomes active only by being configured: WorkOS offers no way
/// to switch on a connection whose identity provider it cannot reach.
enum ConnectionLifecycle {
    /// A draft whose identity provider is now configured becomes active.
    static func activateIfConfigured(_ record: inout ConnectionRecord, in tx: Transaction) throws {
        let certificates = try SAMLCertificateRecord.all(.idpSigning, of: record.id, in: tx.db).count
        guard record.state == .draft, ConnectionOptions.isConfigured(record, idpCertificates: certificates) else { return }
        try move(&record, to: .active, event: "connection.activated", in: tx)
    }

    /// Reactivates an inactive connection (an administrator's switch in WorkOS's dashboard).
    static func activate(_ record: inout ConnectionRecord, in tx: Transaction) throws {
        switch record.state {
        case .active: return
        case .inactive: try move(&record, to: .active, event: "connection.activated", in: tx)
        case .draft:
            throw APIError(.conflict, code: "connection_not_configured",
                           message: "Connection '\(record.id)' is a draft: configure its identity provider to activate it.")
        }
    }

    /// Deactivates an active connection: it signs no one in until reactivated.
    static func deactivate(_ record: inout ConnectionRecord, in tx: Transaction) throws {
        switch record.state {
        case .inactive: return
        case .active: try move(&record, to: .inactive, event: "connection.deactivated", in: tx)
        case .draft:
            throw APIError(.conflict, code: "connection_not_active", message: "Connection '\(record.id)' is a draft, not active.")
        }
    }

    /// Deletes the connection with its profiles, codes, tokens and certificates (the foreign keys
    /// cascade). `domains` stands in for the organization's when it is being deleted too.
    static func delete(_ record: ConnectionRecord, domains: [OrganizationsAPI.Domain]? = nil, in tx: Transaction) throws {
        var data = try domains.map { record.wire(domains: $0) } ?? record.wire(in: tx.db)
        data.set("external_key", .string(record.externalKey))
        try record.delete(tx.db)
        try tx.emit("connection.deleted", data)
    }

    private static func move(_ record: inout ConnectionRecord, to state: ConnectionRecord.State, event: String,
                             in tx: Transaction) throws {
        record.state = state
        record.updatedAt = tx.now
        try record.update(tx.db)
        try tx.emit(event, record.eventData(in: tx.db))
    }
}
