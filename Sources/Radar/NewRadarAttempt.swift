import EmulatorCore

/// The body of `POST /radar/attempts`: who is signing in or up, from where, and how.
struct NewRadarAttempt: Sendable {
    static let authMethods = ["Password", "Passkey", "Authenticator", "SMS_OTP", "Email_OTP", "Social", "SSO", "Other"]
    static let actions = ["sign-up", "sign-in"]

    let email: String
    let ipAddress: String
    let userAgent: String
    let authMethod: String
    let action: String
    let signalsID: String?

    init(_ body: JSONBody) throws {
        email = try Self.required("email", in: body)
        ipAddress = try Self.required("ip_address", in: body)
        userAgent = try Self.required("user_agent", in: body)
        authMethod = try Self.required("auth_method", in: body, oneOf: Self.authMethods)
        action = try Self.required("action", in: body, oneOf: Self.actions)
        signalsID = try Self.string("signals_id", in: body)
        guard IPAddressFormat.isValid(ipAddress) else { throw RadarError.badRequest("ip_address must be a valid IP address.") }
        guard email.split(separator: "@", omittingEmptySubsequences: false).count == 2 else {
            throw RadarError.badRequest("email must be a valid email address.")
        }
    }

    /// The values the attempt offers to each kind of list. Devices are known by the Radar signals ID; the
    /// emulator has no geolocation, so country lists match nothing.
    var listValues: [(RadarList.Kind, String)] {
        let lowered = email.lowercased()
        var values: [(RadarList.Kind, String)] = [(.email, lowered), (.ipAddress, ipAddress), (.userAgent, userAgent)]
        if let domain = lowered.split(separator: "@").last { values.append((.domain, String(domain))) }
        if let signalsID { values += [(.deviceFingerprint, signalsID), (.device, signalsID)] }
        return values
    }

    private static func string(_ key: String, in body: JSONBody) throws -> String? {
        guard let value = body.object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw RadarError.badRequest("\(key) must be a string.") }
        return text
    }

    private static func required(_ key: String, in body: JSONBody, oneOf allowed: [String]? = nil) throws -> String {
        guard let value = try string(key, in: body), !value.isEmpty else { throw RadarError.badRequest("\(key) is required.") }
        if let allowed, !allowed.contains(value) {
            throw RadarError.badRequest("\(key) must be one of \(allowed.joined(separator: ", ")).")
        }
        return value
    }
}
