import EmulatorCore
import Foundation

/// Which Radar list a path names: `/radar/lists/{type}/{action}`.
struct RadarList: Sendable, Equatable {
    /// What an entry of the list matches.
    enum Kind: String, CaseIterable, Sendable {
        case ipAddress = "ip_address"
        case domain
        case email
        case device
        case userAgent = "user_agent"
        case deviceFingerprint = "device_fingerprint"
        case country
    }

    enum Action: String, CaseIterable, Sendable {
        case allow
        case block
    }

    let kind: Kind
    let action: Action

    init(type: String, action: String) throws {
        guard let kind = Kind(rawValue: type) else {
            throw RadarError.badRequest("Invalid list type '\(type)': expected one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let action = Action(rawValue: action) else {
            throw RadarError.badRequest("Invalid list action '\(action)': expected allow or block.")
        }
        self.kind = kind
        self.action = action
    }

    /// The entry as the list stores it, after checking it has the list's format. Emails, domains and
    /// country codes compare without regard to case, so they are stored lowercased.
    func normalized(_ entry: String) throws -> String {
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw RadarError.badRequest("entry must not be empty.") }
        switch kind {
        case .ipAddress:
            guard IPAddressFormat.isValid(trimmed) else { throw RadarError.badRequest("'\(entry)' is not a valid IP address.") }
            return trimmed
        case .email:
            let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") else {
                throw RadarError.badRequest("'\(entry)' is not a valid email address.")
            }
            return trimmed.lowercased()
        case .domain:
            guard !trimmed.contains("@"), trimmed.contains("."), !trimmed.contains(" ") else {
                throw RadarError.badRequest("'\(entry)' is not a valid domain.")
            }
            return trimmed.lowercased()
        case .country:
            guard trimmed.count == 2, trimmed.allSatisfy(\.isLetter) else {
                throw RadarError.badRequest("'\(entry)' is not an ISO 3166-1 alpha-2 country code.")
            }
            return trimmed.lowercased()
        case .device, .userAgent, .deviceFingerprint:
            return trimmed
        }
    }
}
