import EmulatorCore
import GRDB

/// What a membership may do on a resource: the permissions of its organization-level roles, which hold
/// everywhere in the organization, and of the roles assigned to it on the resource or any ancestor.
/// Permissions are not matched against resource types: a permission a role grants holds on every
/// resource the role reaches.
enum Access {
    /// With `directOnly`, just what roles assigned on the resource itself grant.
    static func permissions(of member: AuthorizationAPI.Member, on resource: ResourceRecord, directOnly: Bool = false,
                            in db: Database) throws -> Set<String> {
        guard member.isActive else { return [] }
        var roleIDs = directOnly ? [] : try member.roleSlugs.compactMap { try RoleRecord.resolve($0, in: member.organizationID, db: db)?.id }
        roleIDs += try RoleAssignmentRecord.roleIDs(of: member.membershipID, on: directOnly ? [resource.id] : try resource.lineage(in: db),
                                                    in: db)
        return Set(try RolePermissions.slugs(of: roleIDs, in: db).values.joined())
    }
}
