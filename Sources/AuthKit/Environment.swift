import EmulatorCore

/// Hummingbird also names a type `Environment` (process variables); here it is always the emulated one.
typealias Environment = EmulatorCore.Environment
