import Foundation
import EmulatorCore

/// Normalises and checks a domain name given to the API (`Foo.COM` → `foo.com`).
enum DomainName {
    static func normalize(_ raw: String, field: String) throws -> String {
        let domain = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let valid = labels.count >= 2 && domain.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        guard valid else {
            throw APIError.invalidParameter(field, code: "invalid_domain", "'\(raw)' is not a valid domain.")
        }
        return domain
    }

    /// Domains under the reserved `.invalid` top-level domain (RFC 2606) fail verification, so tests
    /// can reach the `verification_failed` path; every other domain verifies at once.
    static func failsVerification(_ domain: String) -> Bool { domain.hasSuffix(".invalid") }
}
