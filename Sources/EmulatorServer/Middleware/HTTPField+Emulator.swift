import HTTPTypes

/// Header names the emulator reads or writes beyond the standard ones.
extension HTTPField.Name {
    static let requestID = Self("X-Request-ID")!
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
    static let emulatorFault = Self("X-Emulator-Fault")!
    static let controlToken = Self("X-Emulator-Control-Token")!
}
