import EmulatorCore
import Foundation
import GRDB

/// A row of `pipes_connected_accounts`: the provider tokens an app handed over for one owner and one data
/// provider. The tokens are kept and never answered; every answer and event shows the account without
/// them. An owner has at most one account per provider: the compatibility connection (WorkOS does not
/// yet create additional ones either).
struct ConnectedAccountRecord: EmulatorRecord {
    static let databaseTableName = "pipes_connected_accounts"

    var id: String
    var ownerKey: String
    var providerSlug: String
    var userId: String?
    var organizationId: String?
    var scopes: [String]
    var state: String
    var stateReason: String?
    var accessToken: String?
    var refreshToken: String?
    var expiresAt: Date?
    var accountDisplayName: String?
    var accountIdentifier: String?
    var establishedByUserId: String?
    var createdAt: Date
    var updatedAt: Date

    var wire: JSON {
        [
            "object": "connected_account",
            "id": .string(id),
            "connection_role": "compatibility",
            "account_identifier": .string(accountIdentifier),
            "account_display_name": .string(accountDisplayName),
            "user_id": .string(userId),
            "organization_id": .string(organizationId),
            "scopes": .strings(scopes),
            "state": .string(state),
            "state_reason": .string(stateReason),
            "auth_method": "oauth",
            "api_key_last_4": .null,
            "established_by_user_id": .string(establishedByUserId),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// The owner's account for the provider: the one `connectedAccountID` names when given (404 when it
    /// is not this owner's for this provider), else the compatibility connection.
    static func find(_ owner: ConnectedAccountOwner, slug: String, connectedAccountID: String?,
                     in db: Database) throws -> ConnectedAccountRecord {
        var request = filter(Column("owner_key") == owner.key && Column("provider_slug") == slug)
        if let connectedAccountID { request = request.filter(Column("id") == connectedAccountID) }
        guard let record = try request.fetchOne(db) else {
            throw APIError.notFound("Connected account", connectedAccountID ?? slug)
        }
        return record
    }

    /// Each provider's account of the owner, by provider slug.
    static func byProvider(of owner: ConnectedAccountOwner, in db: Database) throws -> [String: ConnectedAccountRecord] {
        let records = try filter(Column("owner_key") == owner.key).fetchAll(db)
        return Dictionary(records.map { ($0.providerSlug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Imports an account: the owner's compatibility connection. One already there is a 409, or with
    /// `connection_intent: add` WorkOS's 404 `multiple_connections_unavailable`. The state is the one
    /// asked for, else `connected` when tokens came and `needs_reauthorization` when none did.
    static func create(_ input: ConnectedAccountInput, for owner: ConnectedAccountOwner, slug: String,
                       in tx: Transaction) throws -> ConnectedAccountRecord {
        switch input.connectionIntent {
        case nil, "add": break
        case let intent?:
            throw APIError.invalidParameter("connection_intent", code: "invalid_value",
                                            "connection_intent must be add on import, not '\(intent)'.")
        }
        if try filter(Column("owner_key") == owner.key && Column("provider_slug") == slug).fetchCount(tx.db) > 0 {
            if input.connectionIntent == "add" {
                throw APIError(.notFound, code: "multiple_connections_unavailable",
                               message: "Creating an additional connection for '\(slug)' is not available.")
            }
            throw APIError(.conflict, code: "connected_account_already_exists",
                           message: "A connected account for '\(slug)' already exists for this owner.")
        }
        let state = input.state ?? (input.hasTokens ? "connected" : "needs_reauthorization")
        try checkTokens(input, state: state, hadTokens: false)
        let record = ConnectedAccountRecord(
            id: tx.newID("data_installation"), ownerKey: owner.key, providerSlug: slug, userId: owner.userID,
            organizationId: owner.organizationID, scopes: input.scopes ?? [], state: state, stateReason: nil,
            accessToken: input.accessToken, refreshToken: input.refreshToken, expiresAt: input.expiresAt,
            accountDisplayName: input.accountDisplayName.applied(to: nil),
            accountIdentifier: input.accountIdentifier.applied(to: nil),
            establishedByUserId: owner.userID == nil ? input.userID : nil, createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        try record.announce(Self.event(for: state), in: tx)
        return record
    }

    /// Applies an update: new tokens replace the old (and connect the account unless a state is asked
    /// for), scopes and labels change as given. A change of state is announced.
    func updated(with input: ConnectedAccountInput, in tx: Transaction) throws -> ConnectedAccountRecord {
        var record = self
        if input.hasTokens {
            record.accessToken = input.accessToken
            record.refreshToken = input.refreshToken
            record.expiresAt = input.expiresAt
        }
        record.state = input.state ?? (input.hasTokens ? "connected" : state)
        try Self.checkTokens(input, state: record.state, hadTokens: accessToken != nil || refreshToken != nil)
        if record.state != state || input.hasTokens { record.stateReason = nil }
        if let scopes = input.scopes { record.scopes = scopes }
        record.accountDisplayName = input.accountDisplayName.applied(to: accountDisplayName)
        record.accountIdentifier = input.accountIdentifier.applied(to: accountIdentifier)
        // New credentials for an organization's account are the acting member's: they establish it anew.
        if userId == nil, input.hasTokens, let member = input.userID { record.establishedByUserId = member }
        record.updatedAt = tx.now
        try record.update(tx.db)
        if record.state != state { try record.announce(Self.event(for: record.state), in: tx) }
        return record
    }

    /// Disconnects the account for good, forgetting its tokens (`pipes.connected_account.disconnected`).
    func disconnect(in tx: Transaction) throws {
        try delete(tx.db)
        var gone = self
        gone.state = "disconnected"
        gone.updatedAt = tx.now
        try gone.announce("pipes.connected_account.disconnected", in: tx)
    }

    /// The member who established an organization's account lost access: its tokens are cleared and an
    /// admin must provide new ones (`pipes.connected_account.reauthorization_needed`).
    func establishingMemberLeft(in tx: Transaction) throws {
        var record = self
        record.accessToken = nil
        record.refreshToken = nil
        record.expiresAt = nil
        record.establishedByUserId = nil
        record.state = "needs_reauthorization"
        record.stateReason = "establishing_member_membership_ended"
        record.updatedAt = tx.now
        try record.update(tx.db)
        try record.announce("pipes.connected_account.reauthorization_needed", in: tx)
    }

    /// A `connected` account needs a token to connect with: 422 when it would have none.
    private static func checkTokens(_ input: ConnectedAccountInput, state: String, hadTokens: Bool) throws {
        guard state != "connected" || input.hasTokens || hadTokens else {
            throw APIError.invalidParameter("state", code: "invalid_token_combination",
                                            "A connected account needs an access_token or a refresh_token.")
        }
    }

    private static func event(for state: String) -> String {
        state == "connected" ? "pipes.connected_account.connected" : "pipes.connected_account.reauthorization_needed"
    }

    /// Events carry the account with the provider it connects to (the SDK's `PipeConnectedAccount`).
    private func announce(_ type: String, in tx: Transaction) throws {
        var data = wire
        data.set("data_integration_id", .string(DataProvider.id(of: providerSlug)))
        data.set("provider_slug", .string(providerSlug))
        try tx.emit(type, data, organizationID: organizationId)
    }
}
