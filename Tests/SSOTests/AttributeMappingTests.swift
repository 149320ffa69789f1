import EmulatorCore
import EmulatorTesting
import Testing

/// A connection's `attribute_maps` decide which of the identity provider's attributes fill the profile.
@Suite struct AttributeMappingTests {
    @Test func mapsPickTheAttributesThatFillTheProfile() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api, [
                "organizations": ["acme": ["name": "Acme", "domains": ["acme.com"]]],
                "connections": ["acme_sso": [
                    "organization": "acme",
                    "attribute_maps": ["standard_attributes": ["first_name": "givenName"],
                                       "custom_attributes": ["department": "dept", "absent": "nowhere"]],
                    "profiles": [["email": "alice@acme.com", "first_name": "Alice",
                                  "raw_attributes": ["givenName": "Alicia", "dept": "R&D"]]],
                ]],
            ])
            let profile = try #require(try await world.exchange(try await world.code()).json["profile"])
            #expect(profile["first_name"] == "Alicia")
            #expect(profile["custom_attributes"] == ["department": "R&D"])
            #expect(profile["raw_attributes"]?["dept"] == "R&D")

            // An update of the maps applies from the next sign-in, to the same profile.
            let updated = try await world.api.request(.patch, "/connections/\(try world.connectionID)", json: [
                "attribute_maps": ["standard_attributes": ["first_name": "firstName"]],
            ])
            #expect(updated.status == .ok)
            let again = try #require(try await world.exchange(try await world.code()).json["profile"])
            #expect(again["first_name"] == "Alice")
            #expect(again["custom_attributes"] == ["department": "R&D"])
            #expect(again["id"] == profile["id"])
        }
    }
}
