import EmulatorCore
import EmulatorTesting
import Testing

/// `/organizations/{organization_id}/it_contacts`: adding, listing and removing contacts, and the Admin
/// Portal invitation mailed to one (at most one active per organization), revoked or not.
@Suite struct ITContactsTests {
    @Test func contactsAreAddedListedAndRemovedWithoutMail() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let dana = try await api.contact(" Dana@Acme.com ", of: acme)
            let danaID = try dana.id
            #expect(dana["object"] == "it_contact" && dana["email"] == "dana@acme.com")
            #expect(danaID.hasPrefix("it_contact_") && dana["created_at"] == dana["updated_at"])
            let erin = try await api.contact("erin@acme.com", of: acme)
            let erinID = try erin.id
            let listed = try await api.get("/organizations/\(acme)/it_contacts").json
            #expect(listed["object"] == "list" && listed.ids == [erinID, danaID])
            #expect(listed["list_metadata"]?["before"] == .null && listed["list_metadata"]?["after"] == .null)
            #expect(try await api.invitationMail().isEmpty)

            let duplicate = try await api.post("/organizations/\(acme)/it_contacts", ["email": "DANA@acme.com"])
            #expect(duplicate.status == .conflict && duplicate.json["code"] == "it_contact_already_exists")
            let invalid = try await api.post("/organizations/\(acme)/it_contacts", ["email": "dana"])
            #expect(invalid.status == .unprocessableContent && invalid.json["errors"]?.arrayValue?.first?["field"] == "email")
            #expect(try await api.post("/organizations/\(acme)/it_contacts", [:]).status == .unprocessableContent)
            #expect(try await api.post("/organizations/org_missing/it_contacts", ["email": "a@b.com"]).status == .notFound)
            #expect(try await api.get("/organizations/org_missing/it_contacts").status == .notFound)

            // Another organization may have the same address; a contact is reached through its own one.
            let globex = try await api.organization("Globex")
            let elsewhere = try await api.contact("dana@acme.com", of: globex)
            let elsewhereID = try elsewhere.id
            #expect(try await api.delete("/organizations/\(acme)/it_contacts/\(elsewhereID)").status == .notFound)
            #expect(try await api.delete("/organizations/\(acme)/it_contacts/\(danaID)").status == .noContent)
            #expect(try await api.delete("/organizations/\(acme)/it_contacts/\(danaID)").status == .notFound)
            #expect(try await api.get("/organizations/\(acme)/it_contacts").json.ids == [erinID])

            // Deleting the organization takes its contacts.
            #expect(try await api.delete("/organizations/\(globex)").status == .accepted)
            #expect(try await api.get("/organizations/\(globex)/it_contacts").status == .notFound)
        }
    }

    @Test func invitingMailsAPortalLinkAndOneInvitationIsActiveAtATime() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let dana = try await api.contact("dana@acme.com", of: acme)
            let danaID = try dana.id
            let erin = try await api.contact("erin@acme.com", of: acme)
            let erinID = try erin.id
            let invite = "/organizations/\(acme)/it_contacts/\(danaID)/invite"
            let sent = try await api.post(invite, ["intents": ["sso", "directory_sync"]])
            #expect(sent.status == .noContent)
            let mail = try await api.invitationMail()
            #expect(mail.count == 1 && mail.first?["to"] == "dana@acme.com")
            #expect(mail.first?["related"]?["it_contact_id"] == dana["id"] && mail.first?["related"]?["intents"] == ["sso", "directory_sync"])
            let link = try #require(mail.first?["url"]?.stringValue)
            #expect(link.contains("/portal/launch?token="))
            #expect(try await api.open(link) == .ok)

            let busy = try await api.post("/organizations/\(acme)/it_contacts/\(erinID)/invite", ["intents": ["sso"]])
            #expect(busy.status == .conflict && busy.json["code"] == "active_invitation_exists")
            // Revoking another contact's invitation leaves this one standing.
            #expect(try await api.post("/organizations/\(acme)/it_contacts/\(erinID)/revoke").status == .noContent)
            #expect(try await api.post(invite, ["intents": ["sso"]]).status == .conflict)

            #expect(try await api.post("/organizations/\(acme)/it_contacts/\(danaID)/revoke").status == .noContent)
            #expect(try await api.open(link) == .gone)
            #expect(try await api.post("/organizations/\(acme)/it_contacts/\(erinID)/invite", ["intents": ["log_streams"]]).status
                == .noContent)
            let erinLink = try #require(try await api.invitationMail().first?["url"]?.stringValue)

            // Deleting the contact revokes its invitation.
            #expect(try await api.delete("/organizations/\(acme)/it_contacts/\(erinID)").status == .noContent)
            #expect(try await api.open(erinLink) == .gone)
            #expect(try await api.post(invite, ["intents": ["domain_verification"]]).status == .noContent)
        }
    }

    @Test func anUnopenedInvitationLapsesAfterAWeek() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let dana = try await api.contact("dana@acme.com", of: acme)
            let danaID = try dana.id
            let invite = "/organizations/\(acme)/it_contacts/\(danaID)/invite"
            #expect(try await api.post(invite, ["intents": ["sso"]]).status == .noContent)
            #expect(try await api.post("/_emulator/clock", ["advance_seconds": .int(6 * 24 * 3600)]).status == .ok)
            #expect(try await api.post(invite, ["intents": ["sso"]]).status == .conflict)
            #expect(try await api.post("/_emulator/clock", ["advance_seconds": .int(24 * 3600)]).status == .ok)
            #expect(try await api.post(invite, ["intents": ["sso"]]).status == .noContent)
            #expect(try await api.invitationMail().count == 2)
        }
    }

    @Test func badInvitationsAreRefused() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let dana = try await api.contact("dana@acme.com", of: acme)
            let danaID = try dana.id
            let invite = "/organizations/\(acme)/it_contacts/\(danaID)/invite"
            for body: JSON in [[:], ["intents": []], ["intents": ["audit_logs"]], ["intents": ["bring_your_own_key"]],
                               ["intents": "sso"]] {
                let refused = try await api.post(invite, body)
                #expect(refused.status == .unprocessableContent && refused.json["errors"]?.arrayValue?.first?["field"] == "intents")
            }
            #expect(try await api.post("/organizations/\(acme)/it_contacts/it_contact_missing/invite", ["intents": ["sso"]]).status
                == .notFound)
            #expect(try await api.post("/organizations/org_missing/it_contacts/\(danaID)/invite", ["intents": ["sso"]]).status
                == .notFound)
            #expect(try await api.post("/organizations/\(acme)/it_contacts/it_contact_missing/revoke").status == .notFound)
            #expect(try await api.invitationMail().isEmpty)
        }
    }
}
