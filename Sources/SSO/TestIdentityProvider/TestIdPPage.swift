import EmulatorCore
import Hummingbird

/// The test identity provider's sign-in page: which connection and organization the sign-in is for,
/// a button per user the connection offers, a form to sign in as anyone else (a guest from another
/// domain too), and a button that makes the identity provider fail.
struct TestIdPPage {
    var connection: ConnectionRecord
    var organizationName: String?
    var users: [IdPUser]
    var loginHint: String?
    var redirectURI: String
    /// Where the page's forms post (the page's own URL).
    var action: String
    /// What was wrong with the last answer, shown above the forms.
    var error: String?

    func response(status: HTTPResponse.Status = .ok) -> Response {
        let hint = loginHint?.lowercased()
        return HTMLPage.render("test_idp", [
            "connection_name": connection.name,
            "connection_type": connection.connectionType,
            "connection_id": connection.id,
            "organization_name": organizationName ?? "no organization",
            "has_users": !users.isEmpty,
            "users": users.map { user -> [String: Any] in
                ["email": user.email, "display_name": user.displayName, "hinted": user.email.lowercased() == hint]
            },
            "login_hint": loginHint ?? "",
            "redirect_uri": redirectURI,
            "action": action,
            "error": error ?? false,
        ], status: status)
    }

    static let template = """
        {{<layout}}{{$title}}Test identity provider{{/title}}{{$body}}
        <h1>Test identity provider</h1>
        <p>Sign in to <strong>{{organization_name}}</strong> through the connection <strong>{{connection_name}}</strong>
        ({{connection_type}}, <code>{{connection_id}}</code>).</p>
        {{#error}}<p role="alert"><strong>{{error}}</strong></p>{{/error}}
        {{#has_users}}
        <form method="post" action="{{action}}">
        <input type="hidden" name="action" value="sign_in">
        <fieldset>
        <legend>Sign in as a user of this connection</legend>
        <ul>
        {{#users}}
        <li><button type="submit" class="user" name="email" value="{{email}}"{{#hinted}} autofocus{{/hinted}}>{{display_name}} ({{email}})</button></li>
        {{/users}}
        </ul>
        </fieldset>
        </form>
        {{/has_users}}
        <form method="post" action="{{action}}">
        <input type="hidden" name="action" value="sign_in">
        <fieldset>
        <legend>Sign in as someone else</legend>
        <label for="email">Email</label>
        <input id="email" name="email" type="email" required autocomplete="email" value="{{login_hint}}">
        <label for="first_name">First name <span class="hint">(optional)</span></label>
        <input id="first_name" name="first_name" type="text" autocomplete="given-name">
        <label for="last_name">Last name <span class="hint">(optional)</span></label>
        <input id="last_name" name="last_name" type="text" autocomplete="family-name">
        <button type="submit">Sign in</button>
        </fieldset>
        </form>
        <form method="post" action="{{action}}">
        <input type="hidden" name="action" value="fail">
        <button type="submit" class="danger">Fail: the identity provider denies access</button>
        </form>
        <p class="hint">The answer goes back to <code>{{redirect_uri}}</code>.</p>
        {{/body}}{{/layout}}
        """
}
