import EmulatorCore
import Foundation
import GRDB

/// A row of `users`. The email is stored normalised (trimmed, lower case, as WorkOS stores it), so the
/// unique index makes addresses unique case-insensitively. The password is never stored in clear: see
/// `StoredPassword`.
struct UserRecord: EmulatorRecord, Equatable, ListableRecord {
    static let databaseTableName = "users"

    var id: String
    var email: String
    var firstName: String?
    var lastName: String?
    var name: String?
    var profilePictureUrl: String?
    var emailVerified: Bool
    var externalId: String?
    var metadata: JSONObject
    var locale: String?
    var lastSignInAt: Date?
    var passwordHash: String?
    var passwordHashType: String?
    var passwordSaltPosition: String?
    var createdAt: Date
    var updatedAt: Date

    init(id: String, email: String, emailVerified: Bool, at now: Date) {
        self.id = id
        self.email = email
        self.emailVerified = emailVerified
        metadata = [:]
        createdAt = now
        updatedAt = now
    }

    var password: StoredPassword? {
        get {
            guard let passwordHash, let passwordHashType else { return nil }
            return StoredPassword(hash: passwordHash, type: passwordHashType, saltPosition: passwordSaltPosition)
        }
        set {
            passwordHash = newValue?.hash
            passwordHashType = newValue?.type
            passwordSaltPosition = newValue?.saltPosition
        }
    }

    var wire: JSON {
        [
            "object": "user",
            "id": .string(id),
            "first_name": .string(firstName),
            "last_name": .string(lastName),
            "name": .string(name),
            "profile_picture_url": .string(profilePictureUrl),
            "email": .string(email),
            "email_verified": .bool(emailVerified),
            "external_id": .string(externalId),
            "metadata": .object(metadata),
            "last_sign_in_at": .timestamp(lastSignInAt),
            "locale": .string(locale),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func find(_ id: String, in db: Database) throws -> UserRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("User", id) }
        return record
    }

    /// By normalised email (see `EmailAddress`).
    static func find(email: String, in db: Database) throws -> UserRecord? {
        try fetchOne(db, where: "email", is: email)
    }

    static func find(externalID: String, in db: Database) throws -> UserRecord? {
        try fetchOne(db, where: "external_id", is: externalID)
    }

    /// Whether another user holds the address (or external ID): the create and update paths answer
    /// this in their own error shapes.
    static func emailTaken(_ email: String, except id: String? = nil, in db: Database) throws -> Bool {
        try find(email: email, in: db).map { $0.id != id } ?? false
    }

    static func externalIDTaken(_ externalID: String?, except id: String? = nil, in db: Database) throws -> Bool {
        guard let externalID else { return false }
        return try find(externalID: externalID, in: db).map { $0.id != id } ?? false
    }

    /// A new user, by whichever path makes one (the users API, AuthKit's sign-up, a magic auth code, an
    /// accepted invitation, a directory): an address, and what `details` fills in. Emits `user.created`.
    static func signUp(email: String, emailVerified: Bool = false, in tx: Transaction,
                       details: (inout UserRecord) -> Void = { _ in }) throws -> UserRecord {
        var record = UserRecord(id: tx.newID("user"), email: email, emailVerified: emailVerified, at: tx.now)
        details(&record)
        try record.insert(tx.db)
        try tx.emit("user.created", record.wire)
        return record
    }

    /// Saves a change, stamping `updated_at` and emitting `user.updated`, unless nothing changed.
    mutating func save(changedFrom before: UserRecord, in tx: Transaction) throws {
        guard self != before else { return }
        updatedAt = tx.now
        try update(tx.db)
        try tx.emit("user.updated", wire)
    }
}

extension UserRecord {
    /// Read on most requests: decoded by hand (see `Row.date`).
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        email = try row.decode(forColumn: "email")
        firstName = try row.decode(forColumn: "first_name")
        lastName = try row.decode(forColumn: "last_name")
        name = try row.decode(forColumn: "name")
        profilePictureUrl = try row.decode(forColumn: "profile_picture_url")
        emailVerified = try row.decode(forColumn: "email_verified")
        externalId = try row.decode(forColumn: "external_id")
        metadata = try row.decode(forColumn: "metadata")
        locale = try row.decode(forColumn: "locale")
        lastSignInAt = try row.dateIfPresent("last_sign_in_at")
        passwordHash = try row.decode(forColumn: "password_hash")
        passwordHashType = try row.decode(forColumn: "password_hash_type")
        passwordSaltPosition = try row.decode(forColumn: "password_salt_position")
        createdAt = try row.date("created_at")
        updatedAt = try row.date("updated_at")
    }
}
