import EmulatorCore

/// The schemas the service provider serves: RFC 7643's User (§4.1), its enterprise extension (§4.3)
/// and Group (§4.2), attribute for attribute.
struct SCIMSchema: Sendable {
    let id: String
    let name: String
    let description: String
    let attributes: [SCIMAttribute]

    func attribute(_ name: String) -> SCIMAttribute? {
        attributes.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    func wire(location: String) -> JSON {
        [
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
            "id": .string(id),
            "name": .string(name),
            "description": .string(description),
            "attributes": .array(attributes.map(\.wire)),
            "meta": ["resourceType": "Schema", "location": .string(location)],
        ]
    }

    static let all = [user, enterpriseUser, group]

    static let user = SCIMSchema(
        id: "urn:ietf:params:scim:schemas:core:2.0:User", name: "User", description: "User Account",
        attributes: [
            {
                var userName = SCIMAttribute.string("userName", "Unique identifier for the User, as the service provider knows it.", required: true)
                userName.uniqueness = "server"
                return userName
            }(),
            .complex("name", "The components of the user's real name.", [
                .string("formatted", "The full name, formatted for display."),
                .string("familyName", "The family name of the User."),
                .string("givenName", "The given name of the User."),
                .string("middleName", "The middle name(s) of the User."),
                .string("honorificPrefix", "The honorific prefix(es) of the User."),
                .string("honorificSuffix", "The honorific suffix(es) of the User."),
            ]),
            .string("displayName", "The name of the User, suitable for display to end-users."),
            .string("nickName", "The casual way to address the user in real life."),
            .reference("profileUrl", "A fully qualified URL pointing to a page representing the User's online profile.", to: ["external"]),
            .string("title", "The user's title, such as \"Vice President\"."),
            .string("userType", "Used to identify the relationship between the organization and the user."),
            .string("preferredLanguage", "The User's preferred written or spoken language."),
            .string("locale", "The User's default location for localizing."),
            .string("timezone", "The User's time zone in the 'Olson' time zone database format."),
            SCIMAttribute(name: "active", kind: .boolean, description: "The User's administrative status."),
            {
                var password = SCIMAttribute.string("password", "The User's cleartext password.", mutability: .writeOnly)
                password.returned = .never
                password.caseExact = true
                return password
            }(),
            .plural("emails", "Email addresses for the user.", types: ["work", "home", "other"]),
            .plural("phoneNumbers", "Phone numbers for the User.", types: ["work", "home", "mobile", "fax", "pager", "other"]),
            .plural("ims", "Instant messaging addresses for the User.", types: ["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]),
            .plural("photos", "URLs of photos of the User.", value: .reference, types: ["photo", "thumbnail"]),
            .complex("addresses", "A physical mailing address for this User.", multiValued: true, [
                .string("formatted", "The full mailing address, formatted for display."),
                .string("streetAddress", "The full street address component."),
                .string("locality", "The city or locality component."),
                .string("region", "The state or region component."),
                .string("postalCode", "The zip code or postal code component."),
                .string("country", "The country name component."),
                .string("type", "A label indicating the attribute's function.", canonical: ["work", "home", "other"]),
                SCIMAttribute(name: "primary", kind: .boolean, description: "Whether this is the primary address."),
            ]),
            .complex("groups", "The groups the user belongs to directly.", multiValued: true, mutability: .readOnly, [
                {
                    var value = SCIMAttribute.string("value", "The identifier of the User's group.", mutability: .readOnly)
                    value.caseExact = true
                    return value
                }(),
                .reference("$ref", "The URI of the corresponding Group resource.", to: ["Group"], mutability: .readOnly),
                .string("display", "A human-readable name, primarily used for display purposes.", mutability: .readOnly),
                .string("type", "How the membership was derived.", mutability: .readOnly, canonical: ["direct", "indirect"]),
            ]),
            .plural("entitlements", "A list of entitlements for the User."),
            .plural("roles", "A list of roles for the User."),
            .plural("x509Certificates", "A list of certificates issued to the User.", value: .binary),
        ])

    static let enterpriseUser = SCIMSchema(
        id: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", name: "EnterpriseUser",
        description: "Enterprise User",
        attributes: [
            .string("employeeNumber", "Numeric or alphanumeric identifier assigned to a person."),
            .string("costCenter", "Identifies the name of a cost center."),
            .string("organization", "Identifies the name of an organization."),
            .string("division", "Identifies the name of a division."),
            .string("department", "Identifies the name of a department."),
            .complex("manager", "The User's manager.", [
                {
                    var value = SCIMAttribute.string("value", "The id of the SCIM resource representing the User's manager.")
                    value.caseExact = true
                    return value
                }(),
                .reference("$ref", "The URI of the SCIM resource representing the User's manager.", to: ["User"]),
                .string("displayName", "The displayName of the User's manager.", mutability: .readOnly),
            ]),
        ])

    static let group = SCIMSchema(
        id: "urn:ietf:params:scim:schemas:core:2.0:Group", name: "Group", description: "Group",
        attributes: [
            .string("displayName", "A human-readable name for the Group.", required: true),
            .complex("members", "A list of members of the Group.", multiValued: true, [
                {
                    var value = SCIMAttribute.string("value", "Identifier of the member of this Group.", mutability: .immutable)
                    value.caseExact = true
                    return value
                }(),
                .reference("$ref", "The URI corresponding to a SCIM resource that is a member of this Group.",
                           to: ["User", "Group"], mutability: .immutable),
                .string("type", "A label indicating the type of resource.", mutability: .immutable, canonical: ["User", "Group"]),
            ]),
        ])
}

/// The two resource types (RFC 7643 §6): where they live and which schemas describe them.
struct SCIMResourceType: Sendable {
    let name: String
    let endpoint: String
    let schema: SCIMSchema
    let extensions: [SCIMSchema]

    static let user = SCIMResourceType(name: "User", endpoint: "Users", schema: .user, extensions: [.enterpriseUser])
    static let group = SCIMResourceType(name: "Group", endpoint: "Groups", schema: .group, extensions: [])
    static let all = [user, group]

    func extensionSchema(_ urn: String) -> SCIMSchema? {
        extensions.first { $0.id.caseInsensitiveCompare(urn) == .orderedSame }
    }

    func wire(location: String) -> JSON {
        [
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": .string(name),
            "name": .string(name),
            "endpoint": .string("/\(endpoint)"),
            "description": .string(schema.description),
            "schema": .string(schema.id),
            "schemaExtensions": .array(extensions.map { ["schema": .string($0.id), "required": false] }),
            "meta": ["resourceType": "ResourceType", "location": .string(location)],
        ]
    }
}
