import EmulatorCore

/// `urn:ietf:params:oauth:grant-type:device_code`: a device polling for the sign-in a user makes on
/// the device page. OAuth's answers while it waits: `authorization_pending`, `slow_down` (polled
/// sooner than the interval), `expired_token`; an unknown code is `invalid_grant`. No secret: devices
/// are public clients.
enum DeviceCodeGrant {
    static func run(_ grant: GrantRequest) async throws -> AuthenticateOutcome {
        let deviceCode = try grant.body.requiredString("device_code")
        return try await grant.environment.write { tx -> AuthenticateOutcome in
            func oauth(_ error: String, _ description: String) -> AuthenticateOutcome {
                .failure(APIError.oauth(error: error, description: description))
            }
            guard var device = try DeviceAuthorizationRecord.find(deviceCode: deviceCode, in: tx.db),
                  device.clientId == grant.environment.clientID else {
                return oauth("invalid_grant", "The device code is invalid.")
            }
            guard tx.now < device.expiresAt else { return oauth("expired_token", "The device code has expired.") }
            guard let attempt = device.attempt else {
                let tooSoon = device.lastPolledAt.map {
                    tx.now.timeIntervalSince($0) < Double(DeviceAuthorizationRecord.interval)
                } ?? false
                device.lastPolledAt = tx.now
                try device.update(tx.db)
                return tooSoon ? oauth("slow_down", "Poll at most every \(DeviceAuthorizationRecord.interval) seconds.")
                    : oauth("authorization_pending", "The user has not signed in on the device page yet.")
            }
            try device.delete(tx.db)
            return try SignIn.complete(attempt, issuer: grant.issuer, in: tx)
        }
    }
}
