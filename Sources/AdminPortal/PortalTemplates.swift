/// The page of each intent, in one template: the frame (organization, notices, the way back to the
/// application) and one section per intent, each a plain form posting back to the portal.
enum PortalTemplates {
    static let intent = """
        {{<layout}}{{$title}}{{title}}{{/title}}{{$body}}
        <header>
        <p>{{organization}}{{#return_url}} · <a href="{{return_url}}">Back to the application</a>{{/return_url}}</p>
        <h1>{{title}}</h1>
        </header>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}

        {{#sso}}
        <h2>Connections</h2>
        {{#has_connections}}<table><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">State</th></tr></thead><tbody>
        {{#connections}}<tr><td>{{name}}</td><td>{{type}}</td><td>{{state}}</td></tr>{{/connections}}
        </tbody></table>{{/has_connections}}
        {{^connections}}<p>No connection yet.</p>{{/connections}}
        <form method="post" action="/portal/sso?token={{token}}">
        <fieldset><legend>Add a connection</legend>
        <label for="connection_type">Identity provider</label>
        <select id="connection_type" name="connection_type">
        <option value="TestIdp">The emulator's test identity provider</option>
        {{#saml_types}}<option value="{{.}}">{{.}}</option>{{/saml_types}}
        </select>
        <label for="idp_metadata_url">IdP metadata URL (SAML types; leave empty to save a draft)</label>
        <input id="idp_metadata_url" name="idp_metadata_url" type="url">
        <button type="submit">Create connection</button>
        </fieldset>
        </form>
        {{/sso}}

        {{#dsync}}
        <h2>Directories</h2>
        {{#directories}}
        <section aria-label="Directory {{name}}">
        <p><strong>{{name}}</strong> ({{type}}, {{state}})</p>
        <p>SCIM endpoint: <code data-field="scim_endpoint">{{scim_url}}</code></p>
        <p>Bearer token: <code data-field="bearer_token">{{bearer_token}}</code></p>
        </section>
        {{/directories}}
        {{^directories}}<p>No directory yet.</p>{{/directories}}
        <form method="post" action="/portal/dsync?token={{token}}">
        <fieldset><legend>Add a directory</legend>
        <label for="directory_type">Directory type</label>
        <select id="directory_type" name="type">
        <option value="generic scim v2.0">Generic SCIM v2.0</option>
        <option value="okta scim v2.0">Okta SCIM v2.0</option>
        <option value="azure scim v2.0">Azure SCIM v2.0</option>
        </select>
        <button type="submit">Create directory</button>
        </fieldset>
        </form>
        {{/dsync}}

        {{#domain_verification}}
        <h2>Domains</h2>
        {{#has_domains}}<table><thead><tr><th scope="col">Domain</th><th scope="col">State</th></tr></thead><tbody>
        {{#domains}}<tr><td>{{domain}}</td><td>{{state}}</td></tr>{{/domains}}
        </tbody></table>{{/has_domains}}
        {{^domains}}<p>No domain yet.</p>{{/domains}}
        <form method="post" action="/portal/domains?token={{token}}">
        <fieldset><legend>Add and verify a domain</legend>
        <label for="domain">Domain</label>
        <input id="domain" name="domain" required placeholder="example.com">
        <button type="submit">Verify domain</button>
        </fieldset>
        </form>
        {{/domain_verification}}

        {{#audit_logs}}
        <h2>Recent events</h2>
        {{#has_events}}<table><thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Actor</th>
        <th scope="col">Targets</th><th scope="col">Location</th></tr></thead><tbody>
        {{#events}}<tr><td>{{occurred_at}}</td><td>{{action}}</td><td>{{actor}}</td><td>{{targets}}</td><td>{{location}}</td></tr>{{/events}}
        </tbody></table>{{/has_events}}
        {{^events}}<p>No event yet.</p>{{/events}}
        <form method="post" action="/portal/audit_logs/export?token={{token}}">
        <fieldset><legend>Export to CSV</legend>
        <label for="range_start">From (ISO-8601)</label>
        <input id="range_start" name="range_start" required value="{{range_start}}">
        <label for="range_end">To (ISO-8601)</label>
        <input id="range_end" name="range_end" required value="{{range_end}}">
        <label for="actions">Actions (comma-separated, optional)</label>
        <input id="actions" name="actions">
        <button type="submit">Export</button>
        </fieldset>
        </form>
        {{#export_url}}<p><a href="{{export_url}}" id="export_download">Download the CSV</a></p>{{/export_url}}
        {{/audit_logs}}

        {{#certificate_renewal}}
        <h2>SAML connections</h2>
        {{#saml_connections}}<p><strong>{{name}}</strong> ({{type}}): IdP signing certificates expire {{expiries}}</p>{{/saml_connections}}
        {{^saml_connections}}<p>No SAML connection yet.</p>{{/saml_connections}}
        {{#has_saml_connections}}
        <form method="post" action="/portal/certificates?token={{token}}">
        <fieldset><legend>Upload the identity provider's new signing certificate</legend>
        <label for="connection_id">Connection</label>
        <select id="connection_id" name="connection_id">
        {{#saml_connections}}<option value="{{id}}">{{name}} ({{type}})</option>{{/saml_connections}}
        </select>
        <label for="certificate">Certificate (PEM)</label>
        <textarea id="certificate" name="certificate" rows="8" cols="64" required></textarea>
        <button type="submit">Upload certificate</button>
        </fieldset>
        </form>
        {{/has_saml_connections}}
        {{/certificate_renewal}}

        {{#not_emulated}}
        <p role="alert">The emulator does not emulate {{not_emulated}}: there is nothing to set up here.</p>
        {{/not_emulated}}

        {{#success_url}}<p><a href="{{success_url}}" id="finish">Finish</a></p>{{/success_url}}
        {{/body}}{{/layout}}
        """
}
