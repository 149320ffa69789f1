import EmulatorCore
import Foundation

/// An address joining a waitlist, with WorkOS's checks: a valid address, at most 50 additional string
/// fields (keys up to 40 characters, values up to 600), and no user with the address already.
struct NewWaitlistEntry: Sendable {
    static let maxFields = 50
    static let maxKeyLength = 40
    static let maxValueLength = 600

    var email: String
    var additionalFields: JSONObject
    var sendConfirmationEmail: Bool

    init(body: JSONBody) throws {
        email = try UserFields.email(try body.requiredString("email"))
        additionalFields = try Self.fields(try body.objectValue("additional_fields") ?? [:])
        sendConfirmationEmail = try body.bool("send_confirmation_email") ?? false
    }

    init(email: String, additionalFields: JSONObject = [:]) {
        self.email = email
        self.additionalFields = additionalFields
        sendConfirmationEmail = false
    }

    static func fields(_ object: JSONObject) throws -> JSONObject {
        if let problem = fieldsProblem(object) {
            throw APIError.invalidParameter("additional_fields", code: "invalid_value", problem)
        }
        return object
    }

    /// What is wrong with the additional fields, if anything (also a scenario file's check).
    static func fieldsProblem(_ object: JSONObject) -> String? {
        guard object.count <= maxFields else { return "additional_fields holds at most \(maxFields) pairs." }
        for (key, value) in object.pairs {
            guard key.count <= maxKeyLength else {
                return "additional_fields keys are at most \(maxKeyLength) characters ('\(key)' is longer)."
            }
            guard let text = value.stringValue, text.count <= maxValueLength else {
                return "additional_fields.\(key) must be a string of at most \(maxValueLength) characters."
            }
        }
        return nil
    }

    /// Adds the address to the waitlist (`waitlist_user.created`, and the confirmation email in the
    /// outbox when asked for). An address already on a waitlist answers its entry unchanged, mailing
    /// nothing, as WorkOS does; one that has a user is a 422 `user_already_exists`.
    func create(on waitlistIDOrAlias: String, in tx: Transaction) throws -> WaitlistEntryRecord {
        if try UserRecord.find(email: email, in: tx.db) != nil {
            throw APIError(.unprocessableContent, code: "user_already_exists",
                           message: "A user with email \(email) already exists.")
        }
        let waitlist = try WaitlistRecord.joinable(waitlistIDOrAlias, in: tx)
        if let existing = try WaitlistEntryRecord.find(email: email, in: tx.db) { return existing }
        let entry = WaitlistEntryRecord(id: tx.newID("wl_user"), waitlistId: waitlist.id, email: email,
                                        additionalFields: additionalFields, state: .pending, approvedAt: nil,
                                        createdAt: tx.now, updatedAt: tx.now)
        try entry.insert(tx.db)
        try tx.emit("waitlist_user.created", entry.eventWire)
        if sendConfirmationEmail {
            try tx.send(to: email, kind: "waitlist_confirmation", subject: "You're on the waitlist",
                        related: ["waitlist_id": .string(waitlist.id), "waitlist_entry_id": .string(entry.id)])
        }
        return entry
    }
}
