import Foundation
import GRDB

/// An email or SMS the real service would have sent, captured instead: a test reads the code, token or
/// link from here rather than from a mailbox. Written only through `Transaction.send`, so a message
/// exists exactly when the change that sent it committed.
public struct OutboxMessage: EmulatorRecord, ListableRecord, WireRepresentable {
    public static let databaseTableName = "outbox_messages"

    public enum Channel: String, Codable, Sendable { case email, sms }

    public var id: String
    public var channel: Channel
    /// The address (lower case, as the filters compare it) or phone number.
    public var recipient: String
    /// What the message is for (`magic_auth`, `email_verification`, `password_reset`, `invitation`, …).
    public var kind: String
    public var subject: String
    public var code: String?
    public var token: String?
    public var url: String?
    /// IDs of the objects the message concerns (`user_id`, `invitation_id`, …), for tests to correlate.
    public var related: JSONObject
    public var createdAt: Date
    /// When `GET /_emulator/outbox/next` handed the message out; each message is handed out once.
    public var claimedAt: Date?

    public var wire: JSON {
        [
            "object": "outbox_message",
            "id": .string(id),
            "channel": .string(channel.rawValue),
            "to": .string(recipient),
            "kind": .string(kind),
            "subject": .string(subject),
            "code": .string(code),
            "token": .string(token),
            "url": .string(url),
            "related": .object(related),
            "created_at": .timestamp(createdAt),
            "claimed_at": .timestamp(claimedAt),
        ]
    }

    /// As the control API answers it: a relative link (one sent while a scenario was loaded, before
    /// any request told the emulator its address) resolved against the address the caller reached.
    public func wire(baseURL: String) -> JSON {
        guard let url, url.hasPrefix("/"), var object = wire.objectValue else { return wire }
        object["url"] = .string(baseURL + url)
        return .object(object)
    }
}

extension Transaction {
    /// Captures a message in this transaction: it appears in the outbox when the change commits, and
    /// never when it rolls back.
    @discardableResult
    public func send(to recipient: String, channel: OutboxMessage.Channel = .email, kind: String, subject: String,
                     code: String? = nil, token: String? = nil, url: String? = nil,
                     related: JSONObject = [:]) throws -> OutboxMessage {
        let message = OutboxMessage(id: newID("outbox_msg"), channel: channel,
                                    recipient: channel == .email ? recipient.lowercased() : recipient, kind: kind,
                                    subject: subject, code: code, token: token, url: url, related: related,
                                    createdAt: now, claimedAt: nil)
        try message.insert(db)
        return message
    }
}

extension OutboxMessage {
    /// What the control API filters the outbox by.
    public struct Filter: Sendable {
        public var recipient: String?
        public var kind: String?
        public var since: Date?

        public init(recipient: String? = nil, kind: String? = nil, since: Date? = nil) {
            self.recipient = recipient
            self.kind = kind
            self.since = since
        }

        public var request: QueryInterfaceRequest<OutboxMessage> {
            var request = OutboxMessage.all()
            if let recipient { request = request.filter(Column("recipient") == recipient.lowercased()) }
            if let kind { request = request.filter(Column("kind") == kind) }
            if let since { request = request.filter(Column("created_at") >= since.unixMilliseconds) }
            return request
        }
    }

    /// The oldest message matching the filter that `next` has not handed out yet.
    static func firstUnclaimed(_ filter: Filter, in db: Database) throws -> OutboxMessage? {
        try filter.request.filter(Column("claimed_at") == nil).order(Column("id")).fetchOne(db)
    }

    /// Hands out the oldest unclaimed message matching the filter, marking it claimed. Run inside one
    /// write transaction, so two waiters never get the same message.
    static func claimFirstUnclaimed(_ filter: Filter, at date: Date, in db: Database) throws -> OutboxMessage? {
        guard var message = try firstUnclaimed(filter, in: db) else { return nil }
        message.claimedAt = date
        try message.update(db)
        return message
    }

    static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("core.outbox") { db in
            try db.create(table: databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("channel", .text).notNull()
                t.column("recipient", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("code", .text)
                t.column("token", .text)
                t.column("url", .text)
                t.column("related", .jsonText).notNull()
                t.column("created_at", .integer).notNull()
                t.column("claimed_at", .integer)
            }
            try db.create(index: "outbox_by_recipient", on: databaseTableName, columns: ["recipient", "id"])
            try db.create(index: "outbox_by_kind", on: databaseTableName, columns: ["kind", "id"])
        }
    }
}
