import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/vault/v1/keys`: data keys made for a context, given back from their encrypted form, re-sealed for
/// another context, and refused when the encrypted form was tampered with.
@Suite struct DataKeyTests {
    @Test func aDataKeyComesBackFromItsEncryptedForm() async throws {
        try await TestEmulator.run { api in
            let context: JSON = ["organization_id": "org_1", "tenant": "acme"]
            let made = try await api.expect(200, post: "/vault/v1/keys/data-key", ["context": context])
            let key = try #require(Data(base64Encoded: try made.string("data_key")))
            #expect(key.count == 32)
            #expect(made["context"] == ["organization_id": "org_1", "tenant": "acme"])
            let encrypted = try made.string("encrypted_keys")
            // The blob holds the key sealed, never in the clear.
            #expect(try #require(Data(base64Encoded: encrypted)).range(of: key) == nil)

            let decrypted = try await api.expect(200, post: "/vault/v1/keys/decrypt", ["keys": .string(encrypted)])
            #expect(Set(decrypted.objectValue?.keys ?? []) == ["data_key", "id"])
            #expect(decrypted["data_key"] == made["data_key"] && decrypted["id"] == made["id"])

            let other = try await api.expect(200, post: "/vault/v1/keys/data-key", ["context": context])
            #expect(other["data_key"] != made["data_key"] && other["id"] != made["id"])

            let events = try await api.vaultEvents()
            #expect(events.map(\.event) == ["vault.kek.created", "vault.dek.read", "vault.dek.decrypted", "vault.dek.read"])
            #expect(events[1].data["key_ids"] == .array([made["id"]!]) && events[1].data["key_context"] == context)
            #expect(events[2].data["key_id"] == made["id"] && events[2].data["actor_source"] == "api")
        }
    }

    @Test func rekeyingSealsTheSameKeyForANewContext() async throws {
        try await TestEmulator.run { api in
            let made = try await api.expect(200, post: "/vault/v1/keys/data-key", ["context": ["organization_id": "org_1"]])
            let rekeyed = try await api.expect(200, post: "/vault/v1/keys/rekey", [
                "context": ["organization_id": "org_2"], "encrypted_keys": made["encrypted_keys"]!,
            ])
            #expect(rekeyed["id"] == made["id"] && rekeyed["data_key"] == made["data_key"])
            #expect(rekeyed["context"] == ["organization_id": "org_2"] && rekeyed["encrypted_keys"] != made["encrypted_keys"])
            let decrypted = try await api.expect(200, post: "/vault/v1/keys/decrypt", ["keys": rekeyed["encrypted_keys"]!])
            #expect(decrypted["data_key"] == made["data_key"])
        }
    }

    /// The context is the sealed key's associated data: a blob whose context was swapped does not open.
    @Test func aBlobWithAnotherContextOrFromAnotherEnvironmentDoesNotOpen() async throws {
        try await TestEmulator.run { api in
            let made = try await api.expect(200, post: "/vault/v1/keys/data-key", ["context": ["org": "aaaa"]])
            var bytes = try #require(Data(base64Encoded: try made.string("encrypted_keys")))
            let original = Data("{\"org\":\"aaaa\"}".utf8)
            let range = try #require(bytes.range(of: original))
            bytes.replaceSubrange(range, with: Data("{\"org\":\"bbbb\"}".utf8))
            let swapped = try await api.post("/vault/v1/keys/decrypt", ["keys": .string(bytes.base64EncodedString())])
            #expect(swapped.status == .badRequest && swapped.json["error"] != nil)
            let rekey = try await api.post("/vault/v1/keys/rekey", [
                "context": ["org": "cccc"], "encrypted_keys": .string(bytes.base64EncodedString()),
            ])
            #expect(rekey.status == .badRequest)

            for junk in ["not base64!", "aGVsbG8=", ""] {
                let answer = try await api.post("/vault/v1/keys/decrypt", ["keys": .string(junk)])
                #expect(answer.status == .badRequest && answer.json["error"] != nil, "\(junk)")
            }

            let elsewhere = try await api.newEnvironment()
            let foreign = try await elsewhere.post("/vault/v1/keys/decrypt", ["keys": made["encrypted_keys"]!])
            #expect(foreign.status == .badRequest)
        }
    }

    @Test func aContextMustBeASmallMapOfStrings() async throws {
        try await TestEmulator.run { api in
            var eleven: JSONObject = [:]
            for index in 0..<11 { eleven["k\(index)"] = "v" }
            for context: JSON in [nil, "org_1", ["n": 1], .object(eleven), ["long": .string(String(repeating: "x", count: 501))]] {
                let answer = try await api.post("/vault/v1/keys/data-key", context.isNull ? [:] : ["context": context])
                #expect(answer.status == .unprocessableContent && answer.json["error"]?.stringValue != nil, "\(context)")
            }
            let missing = try await api.post("/vault/v1/keys/rekey", ["context": ["a": "b"]])
            #expect(missing.status == .badRequest)
            #expect(try await api.vaultEvents().isEmpty)
        }
    }

    /// A data key's header gives its context two bytes of length: a longer key or a short value of many
    /// bytes (characters carrying combining marks) is refused, and the emulator goes on serving.
    @Test func aContextTooLongForAKeyHeaderIsRefused() async throws {
        try await TestEmulator.run { api in
            let heavy = String(repeating: "e" + String(repeating: "\u{301}", count: 200), count: 500)
            for context: JSON in [[String(repeating: "k", count: 70_000): "v"], ["heavy": .string(heavy)]] {
                let answer = try await api.post("/vault/v1/keys/data-key", ["context": context])
                #expect(answer.status == .unprocessableContent)
            }
            _ = try await api.expect(200, post: "/vault/v1/keys/data-key", ["context": ["organization_id": "org_1"]])
        }
    }
}
