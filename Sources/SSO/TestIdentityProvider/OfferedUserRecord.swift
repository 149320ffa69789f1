import EmulatorCore
import Foundation
import GRDB

/// A row of `sso_offered_users`: one of the users the test identity provider offers on a
/// connection's page (a scenario's `profiles:`), in the order the scenario lists them.
struct OfferedUserRecord: EmulatorRecord {
    static let databaseTableName = "sso_offered_users"

    var connectionId: String
    var position: Int
    var email: String
    var user: IdPUser

    static func all(of connectionID: String, in db: Database) throws -> [IdPUser] {
        try filter(Column("connection_id") == connectionID).order(Column("position")).fetchAll(db).map(\.user)
    }

    /// The offered user with this email (any case), if there is one.
    static func find(email: String, of connectionID: String, in db: Database) throws -> IdPUser? {
        try filter(Column("connection_id") == connectionID && Column("email") == email.lowercased()).fetchOne(db)?.user
    }

    static func offer(_ users: [IdPUser], on connectionID: String, in db: Database) throws {
        for (position, user) in users.enumerated() {
            try OfferedUserRecord(connectionId: connectionID, position: position, email: user.email.lowercased(), user: user)
                .insert(db)
        }
    }
}
