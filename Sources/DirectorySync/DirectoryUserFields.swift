import EmulatorCore

/// What a directory user is in WorkOS's terms, read from the SCIM User document an identity provider
/// pushed (RFC 7643 §4.1 and the enterprise extension, §4.3). The control API and scenario files
/// build such a document too, so every path maps users the same way.
struct DirectoryUserFields: Equatable, Sendable {
    var externalId: String?
    var username: String
    var email: String?
    var firstName: String?
    var lastName: String?
    var name: String?
    var jobTitle: String?
    var state: DirectoryUserRecord.State
    var emails: JSON
    var customAttributes: JSONObject
    var rawAttributes: JSONObject
    var roles: [String] = []

    init(scim document: JSONObject) {
        let string = { (value: JSON?) in value?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
        externalId = string(document["externalId"])
        username = string(document["userName"]) ?? ""
        let emailEntries = document["emails"]?.arrayValue ?? []
        let primary = emailEntries.first { $0["primary"]?.boolValue == true } ?? emailEntries.first
        email = string(primary?["value"]) ?? (username.contains("@") ? username : nil)
        emails = .array(emailEntries.compactMap { entry in
            guard let value = string(entry["value"]) else { return nil }
            return ["primary": .bool(entry["primary"]?.boolValue ?? false), "type": .string(string(entry["type"])),
                    "value": .string(value)]
        })
        if emailEntries.isEmpty, let email {
            emails = [["primary": true, "type": "work", "value": .string(email)]]
        }
        let fullName = document["name"]
        firstName = string(fullName?["givenName"])
        lastName = string(fullName?["familyName"])
        let joined = [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        name = string(fullName?["formatted"]) ?? (joined.isEmpty ? string(document["displayName"]) : joined)
        jobTitle = string(document["title"])
        state = document["active"]?.boolValue == false ? .inactive : .active
        customAttributes = Self.customAttributes(of: document, jobTitle: jobTitle)
        rawAttributes = document
    }

    /// WorkOS's auto-mapped custom attributes: the job title and the enterprise extension's fields.
    private static func customAttributes(of document: JSONObject, jobTitle: String?) -> JSONObject {
        var attributes = JSONObject()
        if let jobTitle { attributes["job_title"] = .string(jobTitle) }
        guard let enterprise = document[SCIMSchema.enterpriseUser.id]?.objectValue else { return attributes }
        let mapping = [("department", "department"), ("division", "division"), ("costCenter", "cost_center"),
                       ("employeeNumber", "employee_number"), ("organization", "organization")]
        for (scim, workos) in mapping {
            if let value = enterprise[scim]?.stringValue, !value.isEmpty { attributes[workos] = .string(value) }
        }
        if let manager = enterprise["manager"]?["value"]?.stringValue { attributes["manager_id"] = .string(manager) }
        return attributes
    }
}

/// What a directory group is in WorkOS's terms, read from a SCIM Group document (RFC 7643 §4.2).
struct DirectoryGroupFields: Equatable, Sendable {
    var externalId: String?
    var name: String
    var rawAttributes: JSONObject

    init(scim document: JSONObject) {
        externalId = document["externalId"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        name = document["displayName"]?.stringValue ?? ""
        rawAttributes = document
    }
}
