import Foundation
import Synchronization

/// The one clock of an environment. Every timestamp and every expiry reads it; the control API moves
/// it forward or pins it, so a test can expire a code without waiting.
public final class EnvironmentClock: Sendable {
    private enum Mode: Sendable {
        case offset(TimeInterval)     // real time shifted
        case frozen(Date)             // pinned by a test
    }

    private let mode = Mutex(Mode.offset(0))

    public init() {}

    public func now() -> Date {
        let mode = mode.withLock { $0 }
        switch mode {
        case .offset(let offset): return Date(timeIntervalSinceNow: offset).wholeMilliseconds
        case .frozen(let date): return date
        }
    }

    /// Moves the clock forward (or back, with a negative interval), keeping it running or frozen.
    public func advance(by seconds: TimeInterval) {
        mode.withLock { mode in
            switch mode {
            case .offset(let offset): mode = .offset(offset + seconds)
            case .frozen(let date): mode = .frozen(date.addingTimeInterval(seconds).wholeMilliseconds)
            }
        }
    }

    /// Sets the current time; the clock keeps running from there unless `frozen`.
    public func set(_ date: Date, frozen: Bool = false) {
        mode.withLock { mode in
            mode = frozen ? .frozen(date.wholeMilliseconds) : .offset(date.timeIntervalSinceNow)
        }
    }

    public var isFrozen: Bool {
        mode.withLock { if case .frozen = $0 { true } else { false } }
    }

    /// Back to real time.
    public func reset() { mode.withLock { $0 = .offset(0) } }
}
