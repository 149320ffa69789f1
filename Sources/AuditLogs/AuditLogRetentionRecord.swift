import EmulatorCore
import GRDB

/// A row of `audit_log_retention`: an organization's retention period, when it has set one.
struct AuditLogRetentionRecord: EmulatorRecord {
    static let databaseTableName = "audit_log_retention"
    /// What an organization that never set a period gets: WorkOS's shortest, 30 days.
    static let defaultDays = 30

    var organizationId: String
    var retentionPeriodInDays: Int

    static func days(of organizationID: String, in db: Database) throws -> Int {
        try fetchOne(db, key: organizationID)?.retentionPeriodInDays ?? defaultDays
    }

    /// The period a `PUT` asks for: `retention_period_in_days` (30 or 365, as the spec says) or the SDK's
    /// `retention_period` (`1_MONTH` … `11_MONTHS`, `1_YEAR` … `10_YEARS`), a month counted as 30 days.
    static func requestedDays(_ body: JSONBody) throws -> Int {
        if let days = try body.int("retention_period_in_days") {
            guard days == 30 || days == 365 else {
                throw APIError.invalidParameter("retention_period_in_days", code: "invalid_value",
                                                 "retention_period_in_days must be 30 or 365.")
            }
            return days
        }
        guard let period = try body.string("retention_period") else { throw JSONBody.required("retention_period_in_days") }
        let parts = period.split(separator: "_")
        guard parts.count == 2, let count = Int(parts[0]), count >= 1 else { throw invalidPeriod(period) }
        switch (parts[1], count) {
        case ("MONTH", 1), ("MONTHS", 2...11): return count * 30
        case ("YEAR", 1), ("YEARS", 2...10): return count * 365
        default: throw invalidPeriod(period)
        }
    }

    private static func invalidPeriod(_ period: String) -> APIError {
        APIError.invalidParameter("retention_period", code: "invalid_value",
                                  "retention_period '\(period)' is not one of 1_MONTH…11_MONTHS, 1_YEAR…10_YEARS.")
    }
}
