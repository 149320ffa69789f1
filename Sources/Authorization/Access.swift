import EmulatorCore
import GRDB

/// What a membership may do on a resource: the permissions of its organization-level roles, which hold
/// everywhere in the organization, and of the roles assigned to it on the resource or any ancestor.
/// Permissions are not matched against resource types: a permission a role grants holds on every
/// resource the role reaches.
enum Access {
    static func permissions(of member: AuthorizationAPI.Member, on resource: ResourceRecord, in db: Database) throws -> Set<String> {
        guard member.isActive else { return [] }
        var roleIDs = try member.roleSlugs.compactMap { try RoleRecord.resolve($0, in: member.organizationID, db: db)?.id }
        roleIDs += try RoleAssignmentRecord.roleIDs(of: member.membershipID, on: try resource.lineage(in: db), in: db)
        return Set(try RolePermissions.slugs(of: roleIDs, in: db).values.joined())
    }
}
