import UserManagement

/// The pages of the requirements between proving an identity and the session.
enum StepUpPages {
    static func page(for stepUp: StepUp, request: AuthorizationRequestRecord, error: String? = nil) -> String {
        let id = request.id
        switch stepUp {
        case .emailVerification(let user, _):
            return HTML.page(title: "Verify your email", error: error, """
            <p>We sent a six-digit code to \(HTML.escape(user.email)). (The emulator keeps it in its outbox.)</p>
            <form method="post" action="/authkit/verify-email">
            \(HTML.hidden("request", id))
            \(HTML.field("code", label: "Verification code", autocomplete: "one-time-code"))
            <button type="submit">Verify</button>
            </form>
            """)
        case .mfaChallenge:
            return HTML.page(title: "Two-factor authentication", error: error, """
            <form method="post" action="/authkit/mfa">
            \(HTML.hidden("request", id))
            \(HTML.field("code", label: "Code from your authenticator app", autocomplete: "one-time-code"))
            <button type="submit">Continue</button>
            </form>
            """)
        case .mfaEnrollment(let user):
            return enrollment(request: request, user: user, secret: TOTP.newSecret(), error: error)
        case .organizationSelection(_, let organizations):
            let options = organizations.enumerated().map { index, organization in
                "<div><input type=\"radio\" id=\"org-\(index)\" name=\"organization_id\" value=\"\(HTML.escape(organization.organizationID))\"\(index == 0 ? " checked" : "")>"
                    + "<label for=\"org-\(index)\">\(HTML.escape(organization.organizationName))</label></div>"
            }.joined()
            return HTML.page(title: "Choose an organization", error: error, """
            <form method="post" action="/authkit/organization">
            \(HTML.hidden("request", id))
            <fieldset><legend>Organizations</legend>\(options)</fieldset>
            <button type="submit">Continue</button>
            </form>
            """)
        }
    }

    /// Enrolment shows a fresh secret (its QR code, and the text for typing); the secret rides in the
    /// form and becomes the user's factor only once a code proves the app holds it.
    static func enrollment(request: AuthorizationRequestRecord, user: UserAccount, secret: String, error: String?) -> String {
        let uri = TOTP.uri(secret: secret, issuer: "WorkOS Emulator", user: user.email)
        return HTML.page(title: "Set up two-factor authentication", error: error, """
        <p>Scan the code with an authenticator app, or enter the key by hand.</p>
        <img src="\(QRCodeImage.dataURI(for: uri))" alt="QR code of the two-factor key" width="200" height="200">
        <p>Key: <code>\(HTML.escape(secret))</code></p>
        <form method="post" action="/authkit/mfa/enroll">
        \(HTML.hidden("request", request.id))
        \(HTML.hidden("secret", secret))
        \(HTML.field("code", label: "Code from your authenticator app", autocomplete: "one-time-code"))
        <button type="submit">Verify and continue</button>
        </form>
        """)
    }
}
