import EmulatorCore
import Foundation

/// A six-digit code mailed to a user (magic auth, email verification): the API shows the code, the
/// event announcing it does not, as the spec has it.
protocol MailedCode {
    /// The wire `object` name (`magic_auth`, `email_verification`).
    static var objectName: String { get }
    var id: String { get }
    var userId: String { get }
    var email: String { get }
    var code: String { get }
    var expiresAt: Date { get }
    var createdAt: Date { get }
    var updatedAt: Date { get }
}

extension MailedCode {
    /// As the API answers it, code included.
    var wire: JSON {
        var object = eventWire.objectValue!
        object["code"] = .string(code)
        return .object(object)
    }

    /// As its `*.created` event carries it: without the code.
    var eventWire: JSON {
        [
            "object": .string(Self.objectName),
            "id": .string(id),
            "user_id": .string(userId),
            "email": .string(email),
            "expires_at": .timestamp(expiresAt),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }
}
