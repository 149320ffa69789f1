/// Endpoint secrets look like WorkOS's: `whsec_` and 25 letters and digits.
enum WebhookSecret {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + String((0..<25).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
