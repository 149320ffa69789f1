import EmulatorCore
import GRDB

/// What other areas may do with directories (the Admin Portal's `dsync` intent): list an
/// organization's directories and create one, each with the SCIM endpoint and bearer token an identity
/// provider is configured with. Creation goes through `NewDirectory`, as the control API's does.
public enum DirectorySyncAPI {
    public struct Directory: Sendable, Equatable {
        public let id: String
        public let name: String
        public let type: String
        public let state: String
        /// The SCIM base path, `/scim/v2/<directory id>`, to put after the emulator's address.
        public let scimPath: String
        public let bearerToken: String
    }

    public static func directories(of organizationID: String, environmentID: String, in db: Database) throws -> [Directory] {
        try DirectoryRecord.all(of: organizationID, in: db).map { Directory($0, environmentID: environmentID) }
    }

    /// Creates a `generic scim v2.0` directory (or `type`), linked at once: `dsync.activated`.
    public static func createDirectory(organizationID: String, type: String?, in tx: Transaction) throws -> Directory {
        var directory = NewDirectory(organizationID: organizationID)
        if let type {
            guard DirectoryRecord.types.contains(type) else {
                throw APIError.invalidParameter("type", code: "invalid_value", "'\(type)' is not a directory type.")
            }
            directory.type = type
        }
        return Directory(try directory.create(in: tx), environmentID: tx.environmentID)
    }
}

extension DirectorySyncAPI.Directory {
    init(_ record: DirectoryRecord, environmentID: String) {
        self.init(id: record.id, name: record.name, type: record.type, state: record.state.rawValue,
                  scimPath: "/scim/v2/\(record.id)",
                  bearerToken: SCIMToken(environmentID: environmentID, secret: record.scimSecret).text)
    }
}
