import EmulatorCore
import Foundation
import GRDB

/// A row of `radar_attempts`: an attempt Radar assessed, its verdict, and what the caller later
/// reported about it (`PUT /radar/attempts/{id}`).
struct RadarAttemptRecord: EmulatorRecord {
    static let databaseTableName = "radar_attempts"

    var id: String
    var email: String
    var ipAddress: String
    var userAgent: String
    var authMethod: String
    var action: String
    var signalsId: String?
    var verdict: String
    var reason: String
    var control: String?
    var blocklistType: String?
    var challengeStatus: String?
    var attemptStatus: String?
    var createdAt: Date
    var updatedAt: Date

    /// `RadarStandaloneResponse`: `control` and `blocklist_type` only where a control decided.
    var wire: JSON {
        var object: JSON = ["verdict": .string(verdict), "reason": .string(reason), "attempt_id": .string(id)]
        if let control { object.set("control", .string(control)) }
        if let blocklistType { object.set("blocklist_type", .string(blocklistType)) }
        return object
    }

    static func assess(_ attempt: NewRadarAttempt, in tx: Transaction) throws -> RadarAttemptRecord {
        let verdict = try RadarVerdict.assess(attempt, in: tx.db)
        let record = RadarAttemptRecord(
            id: tx.newID("radar_att"), email: attempt.email, ipAddress: attempt.ipAddress, userAgent: attempt.userAgent,
            authMethod: attempt.authMethod, action: attempt.action, signalsId: attempt.signalsID,
            verdict: verdict.verdict, reason: verdict.reason, control: verdict.control, blocklistType: verdict.blocklistType,
            challengeStatus: nil, attemptStatus: nil, createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        return record
    }

    static func find(_ id: String, in db: Database) throws -> RadarAttemptRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Radar attempt", id) }
        return record
    }

    /// Records that the challenge or the attempt succeeded; each status, when given, must be `success`.
    func reporting(_ body: JSONBody, in tx: Transaction) throws -> RadarAttemptRecord {
        var record = self
        for key in ["challenge_status", "attempt_status"] {
            guard let value = body.object[key], !value.isNull else { continue }
            guard value.stringValue == "success" else { throw RadarError.badRequest("\(key) must be \"success\".") }
            if key == "challenge_status" { record.challengeStatus = "success" } else { record.attemptStatus = "success" }
        }
        record.updatedAt = tx.now
        try record.update(tx.db)
        return record
    }
}
