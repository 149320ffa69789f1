import EmulatorCore
import GRDB

extension AuthorizationAPI {
    /// An organization membership as Authorization needs to know it.
    public struct Member: Sendable, Equatable {
        public let membershipID: String
        public let organizationID: String
        /// The membership's organization-level roles (its `role` and `roles`).
        public let roleSlugs: [String]
        /// Only an `active` membership is granted anything.
        public let isActive: Bool

        public init(membershipID: String, organizationID: String, roleSlugs: [String], isActive: Bool) {
            self.membershipID = membershipID
            self.organizationID = organizationID
            self.roleSlugs = roleSlugs
            self.isActive = isActive
        }
    }

    /// What Authorization asks of the area that keeps organization memberships. That area depends on
    /// this one (a membership's role must exist here), so the answers are handed in when the emulator
    /// is assembled rather than imported.
    public struct MembershipDirectory: Sendable {
        /// The membership, or its 404.
        let member: @Sendable (_ membershipID: String, _ db: Database) throws -> Member
        /// Every membership of the organization.
        let members: @Sendable (_ organizationID: String, _ db: Database) throws -> [Member]
        /// A page of these memberships as the API shows them.
        let page: @Sendable (_ membershipIDs: [String], _ list: ListQuery, _ db: Database) throws -> Page<JSON>
        /// Whether any membership (or pending invitation) of the organization holds the role.
        let holdRole: @Sendable (_ organizationID: String, _ roleSlug: String, _ db: Database) throws -> Bool

        public init(member: @escaping @Sendable (String, Database) throws -> Member,
                    members: @escaping @Sendable (String, Database) throws -> [Member],
                    page: @escaping @Sendable ([String], ListQuery, Database) throws -> Page<JSON>,
                    holdRole: @escaping @Sendable (String, String, Database) throws -> Bool) {
            self.member = member
            self.members = members
            self.page = page
            self.holdRole = holdRole
        }
    }
}
