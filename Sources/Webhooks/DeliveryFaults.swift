import EmulatorCore

/// The faults one delivery was queued with. `drop`, `delay_seconds` and `reorder` act when it is
/// queued; `duplicate`, `bad_signature` and `stale_timestamp_seconds` act on its first attempt only,
/// so the retry that follows a rejection is genuine, as it would be from WorkOS.
struct DeliveryFaults: Codable, Sendable, Equatable {
    var duplicate: Bool
    var reorder: Bool
    var drop: Bool
    var badSignature: Bool
    var delaySeconds: Int
    var staleTimestampSeconds: Int

    var isEmpty: Bool {
        !duplicate && !reorder && !drop && !badSignature && delaySeconds == 0 && staleTimestampSeconds == 0
    }

    /// Only the faults that are on.
    var wire: JSON {
        var object = JSONObject()
        if duplicate { object["duplicate"] = true }
        if reorder { object["reorder"] = true }
        if drop { object["drop"] = true }
        if badSignature { object["bad_signature"] = true }
        if delaySeconds > 0 { object["delay_seconds"] = .int(delaySeconds) }
        if staleTimestampSeconds > 0 { object["stale_timestamp_seconds"] = .int(staleTimestampSeconds) }
        return .object(object)
    }
}
