import Foundation

/// Email addresses as WorkOS stores them: trimmed and lower-cased, so every lookup and uniqueness check
/// is case-insensitive. The shape check is deliberately loose (one `@`, a dotted domain, no spaces): it
/// catches typos without rejecting addresses real mail servers accept.
public enum EmailAddress {
    public static func normalize(_ raw: String) -> String? {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, email.count <= 320,
              !email.contains(where: { $0.isWhitespace || $0.isNewline }) else { return nil }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return nil }
        return email
    }
}
