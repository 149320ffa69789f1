import EmulatorCore

/// WorkOS's default password policy, as far as its documentation describes it: a minimum length, low
/// complexity rejected, breached passwords rejected. The emulator cannot ask haveibeenpwned, so a short
/// list of the most breached passwords stands in for it. A violation is one `{code, message}` entry.
enum PasswordPolicy {
    static let minimumLength = 8
    static let minimumDistinctCharacters = 4

    static let breached: Set<String> = [
        "password", "password1", "password12", "password123", "passw0rd", "12345678", "123456789",
        "1234567890", "qwerty123", "qwertyuiop", "iloveyou", "admin123", "welcome1", "letmein1",
        "abc12345", "sunshine", "football", "baseball", "princess", "trustno1", "changeme",
    ]

    static func violations(of password: String) -> [JSON] {
        var violations: [JSON] = []
        if password.count < minimumLength {
            violations.append(["code": "password_too_short",
                               "message": .string("Password must be at least \(minimumLength) characters long.")])
        }
        if Set(password).count < minimumDistinctCharacters {
            violations.append(["code": "password_too_weak",
                               "message": .string("Password must use at least \(minimumDistinctCharacters) different characters.")])
        }
        if breached.contains(password.lowercased()) {
            violations.append(["code": "password_breached",
                               "message": "Password has appeared in a data breach; choose another."])
        }
        return violations
    }

    /// WorkOS's 400 `password_strength_error`, as user create and update answer it.
    static func check(_ password: String) throws {
        let violations = violations(of: password)
        guard violations.isEmpty else {
            throw APIError(.badRequest, code: "password_strength_error",
                           message: "Password does not meet the strength requirements.",
                           extra: ["errors": .array(violations)])
        }
    }
}
