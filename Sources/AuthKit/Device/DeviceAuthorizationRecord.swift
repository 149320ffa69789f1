import EmulatorCore
import Foundation
import GRDB

/// A row of `device_authorizations`: the CLI Auth flow (RFC 8628). A device asks for a code pair, the
/// user enters the short `user_code` on the hosted device page and signs in there, and the device polls
/// the `device_code` grant until that sign-in has approved it. Five minutes on the environment clock.
struct DeviceAuthorizationRecord: EmulatorRecord {
    static let databaseTableName = "device_authorizations"
    static let lifetime: TimeInterval = 5 * 60
    /// Seconds a device should wait between polls; polling faster answers `slow_down`.
    static let interval = 5

    var deviceCode: String
    var userCode: String
    var clientId: String
    /// The sign-in that approved the device, once there is one.
    var attempt: SignInAttempt?
    var expiresAt: Date
    var lastPolledAt: Date?
    var createdAt: Date

    static func issue(clientID: String, in tx: Transaction) throws -> DeviceAuthorizationRecord {
        let code = ObjectID.token(8)
        let record = DeviceAuthorizationRecord(
            deviceCode: ObjectID.token(40), userCode: "\(code.prefix(4))-\(code.suffix(4))", clientId: clientID,
            attempt: nil, expiresAt: tx.now.addingTimeInterval(lifetime), lastPolledAt: nil, createdAt: tx.now)
        try record.insert(tx.db)
        return record
    }

    static func find(deviceCode: String, in db: Database) throws -> DeviceAuthorizationRecord? {
        try fetchOne(db, key: deviceCode)
    }

    /// By the code the user typed: case and the dash do not matter.
    static func find(userCode: String, in db: Database) throws -> DeviceAuthorizationRecord? {
        let compact = userCode.uppercased().filter { $0.isLetter || $0.isNumber }
        guard compact.count == 8 else { return nil }
        return try filter(Column("user_code") == "\(compact.prefix(4))-\(compact.suffix(4))").fetchOne(db)
    }

    func wire(baseURL: String) -> JSON {
        [
            "device_code": .string(deviceCode),
            "user_code": .string(userCode),
            "verification_uri": .string("\(baseURL)/authkit/device"),
            "verification_uri_complete": .string("\(baseURL)/authkit/device?user_code=\(userCode)"),
            "expires_in": .int(Int(Self.lifetime)),
            "interval": .int(Self.interval),
        ]
    }
}
