import Hummingbird

extension Request {
    /// The emulator's own address as this caller reached it (`http://127.0.0.1:4100`): the base of the
    /// links it hands out (invitation and password-reset pages), so they work from wherever the caller runs.
    public var emulatorBaseURL: String {
        "http://" + (head.authority ?? "localhost")
    }
}
