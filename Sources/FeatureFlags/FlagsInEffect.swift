import EmulatorCore
import GRDB

/// Which flags are on for an organization or a user: enabled in the environment, and either true by
/// default or targeting one of the resources the subject stands for (a user stands for itself and,
/// where given, the organization it acts in).
enum FlagsInEffect {
    static func request(for resourceIDs: [String]) -> QueryInterfaceRequest<FlagRecord> {
        let targeted = FlagTargetRecord.select(Column("flag_id")).filter(resourceIDs.contains(Column("resource_id")))
        return FlagRecord.filter(Column("enabled") == true && (Column("default_value") == true || targeted.contains(Column("id"))))
    }
}

/// What other areas may know of feature flags.
public enum FeatureFlagsAPI {
    /// The slugs of the flags on for this user, in this organization when one is given, sorted: the
    /// `feature_flags` claim of an access token.
    public static func enabledSlugs(userID: String, organizationID: String?, in db: Database) throws -> [String] {
        try FlagsInEffect.request(for: [userID] + (organizationID.map { [$0] } ?? []))
            .order(Column("slug")).fetchAll(db).map(\.slug)
    }
}
