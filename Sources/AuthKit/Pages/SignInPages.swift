/// The first pages: sign in (password, or a code by email), sign up, and a social provider's consent.
enum SignInPages {
    static func signIn(_ request: AuthorizationRequestRecord, email: String? = nil, error: String? = nil) -> String {
        let id = request.id
        let providers = AuthenticationMethod.oauthProviders.map { provider in
            "<li><a href=\"/authkit/provider?request=\(HTML.escape(id))&amp;provider=\(provider.rawValue)\">Continue with \(provider.providerName)</a></li>"
        }.joined()
        return HTML.page(title: "Sign in", error: error, """
        <form method="post" action="/authkit/sign-in">
        \(HTML.hidden("request", id))
        \(HTML.field("email", label: "Email", type: "email", value: email ?? request.parameters.loginHint, autocomplete: "email"))
        \(HTML.field("password", label: "Password", type: "password", autocomplete: "current-password", required: false))
        <p>An address of an organization that uses single sign-on needs no password: it continues at its identity provider.</p>
        <button type="submit">Sign in</button>
        </form>
        <form method="post" action="/authkit/magic-code/send">
        \(HTML.hidden("request", id))
        \(HTML.field("email", label: "Or get a sign-in code by email", id: "field-code-email", type: "email", value: email ?? request.parameters.loginHint, autocomplete: "email"))
        <button type="submit" class="secondary">Email me a code</button>
        </form>
        <nav aria-label="Other ways to sign in"><ul>\(providers)</ul></nav>
        <p>No account? <a href="/authkit/sign-up?request=\(HTML.escape(id))">Sign up</a></p>
        """)
    }

    static func signUp(_ request: AuthorizationRequestRecord, fields: FormBody? = nil, error: String? = nil) -> String {
        HTML.page(title: "Sign up", error: error, """
        <form method="post" action="/authkit/sign-up">
        \(HTML.hidden("request", request.id))
        \(HTML.field("email", label: "Email", type: "email", value: fields?["email"] ?? request.parameters.loginHint, autocomplete: "email"))
        \(HTML.field("first_name", label: "First name", value: fields?["first_name"], autocomplete: "given-name", required: false))
        \(HTML.field("last_name", label: "Last name", value: fields?["last_name"], autocomplete: "family-name", required: false))
        \(HTML.field("password", label: "Password", type: "password", autocomplete: "new-password"))
        <button type="submit">Create account</button>
        </form>
        <p>Have an account? <a href="/authkit/sign-in?request=\(HTML.escape(request.id))">Sign in</a></p>
        """)
    }

    static func magicCode(_ request: AuthorizationRequestRecord, email: String, error: String? = nil) -> String {
        HTML.page(title: "Check your email", error: error, """
        <p>We sent a six-digit code to \(HTML.escape(email)). (The emulator keeps it in its outbox.)</p>
        <form method="post" action="/authkit/magic-code">
        \(HTML.hidden("request", request.id))
        \(HTML.hidden("email", email))
        \(HTML.field("code", label: "Code", value: nil, autocomplete: "one-time-code"))
        <button type="submit">Continue</button>
        </form>
        """)
    }

    /// The emulated provider: whoever stands at the keyboard says which account they are.
    static func consent(_ request: AuthorizationRequestRecord, provider: AuthenticationMethod, error: String? = nil) -> String {
        HTML.page(title: "Continue with \(provider.providerName)", error: error, """
        <p>This stands in for \(HTML.escape(provider.providerName))'s consent screen: the account you enter signs in, and is created if it is new.</p>
        <form method="post" action="/authkit/provider">
        \(HTML.hidden("request", request.id))
        \(HTML.hidden("provider", provider.rawValue))
        \(HTML.field("email", label: "\(provider.providerName) account email", type: "email", value: request.parameters.loginHint, autocomplete: "email"))
        \(HTML.field("first_name", label: "First name", autocomplete: "given-name", required: false))
        \(HTML.field("last_name", label: "Last name", autocomplete: "family-name", required: false))
        <button type="submit">Allow and continue</button>
        </form>
        """)
    }

    static func expired() -> String {
        HTML.page(title: "Sign-in expired", error: "This sign-in has expired or is unknown.",
                  "<p>Go back to the application and start signing in again.</p>")
    }

    static func authorizeError(_ message: String) -> String {
        HTML.page(title: "Cannot sign in", error: message,
                  "<p>The application sent an authorization request the emulator cannot serve.</p>")
    }
}
