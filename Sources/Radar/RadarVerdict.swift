import GRDB

/// What Radar decides about an attempt. The emulator runs no risk models: the environment's lists
/// decide. An entry on an allow list allows (the allow list is how a known-good user is exempted from
/// restrictions, so it wins over a block entry); otherwise an entry on a block list blocks, as the
/// `restriction` control, naming the list's type; otherwise the attempt is allowed.
struct RadarVerdict: Sendable, Equatable {
    let verdict: String
    let reason: String
    let control: String?
    let blocklistType: String?

    static func assess(_ attempt: NewRadarAttempt, in db: Database) throws -> RadarVerdict {
        let values = attempt.listValues
        if let allowed = try RadarListEntryRecord.firstMatch(among: values, action: .allow, in: db) {
            return RadarVerdict(verdict: "allow", reason: "Matched an entry on the \(allowed.listType) allow list",
                                control: nil, blocklistType: nil)
        }
        if let blocked = try RadarListEntryRecord.firstMatch(among: values, action: .block, in: db) {
            return RadarVerdict(verdict: "block", reason: "Matched an entry on the \(blocked.listType) block list",
                                control: "restriction", blocklistType: blocked.listType)
        }
        return RadarVerdict(verdict: "allow", reason: "No Radar control triggered", control: nil, blocklistType: nil)
    }
}
