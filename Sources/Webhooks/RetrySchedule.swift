import Foundation

/// When a failed delivery is tried again, on the environment's clock: each wait is four times the
/// last, from one minute — 1 min, 4 min, 16 min, 64 min, 4 h 16 min, 17 h 4 min — so seven attempts
/// in all over about 23 hours; then the delivery is `failed`. (WorkOS retries with exponential
/// back-off for up to 3 days in production, for minutes in staging.)
enum RetrySchedule {
    static let delays: [TimeInterval] = [60, 240, 960, 3840, 15360, 61440]

    /// The wait after the `failedAttempts`-th failure, or nil when the schedule is used up.
    static func delay(afterFailedAttempts failedAttempts: Int) -> TimeInterval? {
        delays.indices.contains(failedAttempts - 1) ? delays[failedAttempts - 1] : nil
    }
}
