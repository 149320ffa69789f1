import Foundation
import GRDB
import Synchronization

/// The one clock of an environment. Every timestamp and every expiry reads it; the control API moves
/// it forward or pins it, so a test can expire a code without waiting. Its setting is kept in the
/// environment's database too, so it survives a restart and travels with snapshots.
public final class EnvironmentClock: Sendable {
    public enum Setting: Sendable, Equatable {
        case offset(milliseconds: Int64)   // real time shifted
        case frozen(at: Date)              // pinned by a test
    }

    private let setting = Mutex(Setting.offset(milliseconds: 0))

    public init() {}

    public func now() -> Date {
        switch setting.withLock({ $0 }) {
        case .offset(let offset): Date(unixMilliseconds: Date().unixMilliseconds + offset)
        case .frozen(let date): date
        }
    }

    public var current: Setting { setting.withLock { $0 } }

    public var isFrozen: Bool {
        if case .frozen = current { true } else { false }
    }

    /// Moves the clock by `seconds` (negative goes back), keeping it running or frozen.
    @discardableResult
    public func advance(by seconds: TimeInterval) -> Setting {
        let delta = Int64((seconds * 1000).rounded())
        return setting.withLock { setting in
            switch setting {
            case .offset(let offset): setting = .offset(milliseconds: offset + delta)
            case .frozen(let date): setting = .frozen(at: Date(unixMilliseconds: date.unixMilliseconds + delta))
            }
            return setting
        }
    }

    /// Sets the current time; the clock keeps running from there unless `frozen`.
    @discardableResult
    public func set(_ date: Date, frozen: Bool) -> Setting {
        setting.withLock { setting in
            setting = frozen ? .frozen(at: date.wholeMilliseconds)
                : .offset(milliseconds: date.unixMilliseconds - Date().unixMilliseconds)
            return setting
        }
    }

    /// Adopts the setting stored in the database (real time when none is).
    public func load(from db: Database) throws {
        let stored = try ClockSettingRecord.fetchOne(db)?.setting ?? .offset(milliseconds: 0)
        setting.withLock { $0 = stored }
    }

    public static func store(_ setting: Setting, in db: Database) throws {
        try ClockSettingRecord(setting).save(db)
    }
}

/// The single row that keeps an environment's clock setting.
struct ClockSettingRecord: EmulatorRecord {
    static let databaseTableName = "clock_setting"

    var id = 1
    var offsetMs: Int64?
    var frozenAtMs: Int64?

    init(_ setting: EnvironmentClock.Setting) {
        switch setting {
        case .offset(let offset): offsetMs = offset
        case .frozen(let date): frozenAtMs = date.unixMilliseconds
        }
    }

    var setting: EnvironmentClock.Setting {
        frozenAtMs.map { .frozen(at: Date(unixMilliseconds: $0)) } ?? .offset(milliseconds: offsetMs ?? 0)
    }

    static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("core.clock") { db in
            try db.create(table: databaseTableName) { t in
                t.primaryKey("id", .integer)
                t.column("offset_ms", .integer)
                t.column("frozen_at_ms", .integer)
            }
        }
    }
}
