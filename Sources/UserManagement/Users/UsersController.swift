import EmulatorCore
import GRDB
import Hummingbird

/// `/user_management/users`: create, read, update, delete and list users, and their identities.
public struct UsersController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("user_management/users")
        group.get(use: list)
        group.post(use: create)
        group.get("external_id/:external_id", use: getByExternalID)
        group.get(":id", use: get)
        group.put(":id", use: update)
        group.delete(":id", use: delete)
        group.get(":id/identities", use: identities)
    }

    /// Filters `email` and `organization_id` (or its deprecated name `organization`): the users with a
    /// membership, of any status, in that organization.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let email = query.string("email").map { EmailAddress.normalize($0) ?? $0.lowercased() }
        let organizationID = query.string("organization_id") ?? query.string("organization")
        let page = try await context.env().read { db in
            var users = UserRecord.all()
            if let email { users = users.filter(Column("email") == email) }
            if let organizationID {
                users = users.filter(sql: "id IN (SELECT user_id FROM organization_memberships WHERE organization_id = ?)",
                                     arguments: [organizationID])
            }
            return try users.page(list, in: db)
        }
        return .json(page.wire(\.wire))
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let email = try UserFields.email(try body.requiredString("email"))
        let firstName = try body.string("first_name")
        let lastName = try body.string("last_name")
        let name = try body.string("name")
        let emailVerified = try body.bool("email_verified") ?? false
        let metadata = try body.objectValue("metadata").map(Metadata.validate) ?? [:]
        let externalID = try body.string("external_id").map(UserFields.externalID)
        let password = try PasswordInput.read(from: body)?.stored()
        let user = try await context.env().write { tx in
            // WorkOS reports every reason a create failed at once, inside `user_creation_error`.
            var problems: [JSON] = []
            if try UserRecord.emailTaken(email, in: tx.db) {
                problems.append(["code": "email_not_available", "message": "This email is not available."])
            }
            if try UserRecord.externalIDTaken(externalID, in: tx.db) {
                problems.append(["code": "external_id_already_used",
                                 "message": .string("A user with external ID '\(externalID ?? "")' already exists.")])
            }
            guard problems.isEmpty else {
                throw APIError(.badRequest, code: "user_creation_error", message: "Could not create the user.",
                               extra: ["errors": .array(problems)])
            }
            return try UserRecord.signUp(email: email, emailVerified: emailVerified, in: tx) { user in
                user.firstName = firstName
                user.lastName = lastName
                user.name = name
                user.metadata = metadata
                user.externalId = externalID
                user.password = password
            }.wire
        }
        return .json(user, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try UserRecord.find(id, in: db).wire })
    }

    @Sendable func getByExternalID(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let externalID = try context.parameter("external_id")
        return .json(try await context.env().read { db in
            guard let record = try UserRecord.find(externalID: externalID, in: db) else {
                throw APIError.notFound("User", externalID)
            }
            return record.wire
        })
    }

    /// Applies only the fields the body names; `null` clears the nullable ones. A new `email` takes
    /// effect at once (the verified flow is `email_change/send` + `confirm`).
    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let body = try await JSONBody.read(request)
        let email = try body.string("email").map { raw in
            guard let email = EmailAddress.normalize(raw) else {
                throw APIError(.badRequest, code: "invalid_email", message: "'\(raw)' is not a valid email address.")
            }
            return email
        }
        let firstName = try body.update("first_name", body.string)
        let lastName = try body.update("last_name", body.string)
        let name = try body.update("name", body.string)
        let emailVerified = try body.bool("email_verified")
        let metadata = try body.update("metadata") { try body.objectValue($0).map(Metadata.validate) }
        let externalID = try body.update("external_id") { try body.string($0).map(UserFields.externalID) }
        let locale = try body.update("locale") { try body.string($0).map(UserFields.locale) }
        let password = try PasswordInput.read(from: body)?.stored()
        let user = try await context.env().write { tx in
            var record = try UserRecord.find(id, in: tx.db)
            let before = record
            if let email, email != record.email {
                guard try !UserRecord.emailTaken(email, except: id, in: tx.db) else {
                    throw APIError(.badRequest, code: "email_not_available", message: "This email is not available.")
                }
                record.email = email
            }
            record.firstName = firstName.applied(to: record.firstName)
            record.lastName = lastName.applied(to: record.lastName)
            record.name = name.applied(to: record.name)
            record.emailVerified = emailVerified ?? record.emailVerified
            record.metadata = metadata.applied(to: record.metadata) ?? [:]
            record.externalId = externalID.applied(to: record.externalId)
            guard try !UserRecord.externalIDTaken(record.externalId, except: id, in: tx.db) else {
                throw APIError(.badRequest, code: "external_id_already_used",
                               message: "A user with external ID '\(record.externalId ?? "")' already exists.")
            }
            record.locale = locale.applied(to: record.locale)
            if let password { record.password = password }
            try record.save(changedFrom: before, in: tx)
            return record.wire
        }
        return .json(user)
    }

    /// The user's memberships, codes and identities go with it; each membership is announced deleted.
    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in
            let record = try UserRecord.find(id, in: tx.db)
            let memberships = try MembershipRecord.all(ofUser: id, in: tx.db)
            try record.delete(tx.db)
            try tx.emit("user.deleted", record.wire)
            for membership in memberships { try tx.emit("organization_membership.deleted", membership.eventWire) }
        }
        return Response(status: .ok)
    }

    /// A bare array, as the spec has it.
    @Sendable func identities(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in
            _ = try UserRecord.find(id, in: db)
            return .array(try UserIdentityRecord.all(of: id, in: db).map(\.wire))
        })
    }
}
