import EmulatorCore
import Foundation

/// A provider the environment's apps can connect accounts to. The emulator keeps a fixed catalogue of
/// well-known OAuth providers (WorkOS's are configured in its dashboard, which the API cannot do), so
/// their IDs and timestamps are constants.
struct DataProvider: Sendable {
    let slug: String
    let name: String
    let description: String
    let scopes: [String]?

    static let catalogue: [DataProvider] = [
        DataProvider(slug: "github", name: "GitHub", description: "Connect your GitHub account to access repositories.",
                     scopes: ["repo", "user:email"]),
        DataProvider(slug: "google-drive", name: "Google Drive", description: "Connect Google Drive to access files.",
                     scopes: ["https://www.googleapis.com/auth/drive.readonly"]),
        DataProvider(slug: "notion", name: "Notion", description: "Connect Notion to access pages and databases.",
                     scopes: nil),
        DataProvider(slug: "slack", name: "Slack", description: "Connect Slack to read channels and post messages.",
                     scopes: ["channels:read", "chat:write"]),
    ]

    /// When the catalogue came to be, as every provider's `created_at` and `updated_at` shows.
    static let configuredAt = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z

    static func id(of slug: String) -> String { "data_integration_\(slug)" }

    /// The provider of this slug; 404 as WorkOS words an unknown integration.
    static func find(_ slug: String) throws -> DataProvider {
        guard let provider = catalogue.first(where: { $0.slug == slug }) else {
            throw APIError.notFound("Data integration", slug)
        }
        return provider
    }

    /// The provider as a `data_providers` list shows it to an owner, with the owner's connection.
    func wire(for owner: ConnectedAccountOwner, account: ConnectedAccountRecord?) -> JSON {
        [
            "object": "data_provider",
            "id": .string(Self.id(of: slug)),
            "name": .string(name),
            "description": .string(description),
            "slug": .string(slug),
            "integration_type": .string(slug),
            "credentials_type": "oauth2",
            "scopes": scopes.map(JSON.strings) ?? .null,
            "auth_methods": ["oauth"],
            "ownership": owner.connectionOwner == "user" ? "userland_user" : "organization",
            "connection_owner": .string(owner.connectionOwner),
            "connected_account": account?.wire ?? .null,
            "connected_accounts": .array(account.map { [$0.wire] } ?? []),
            "created_at": .timestamp(Self.configuredAt),
            "updated_at": .timestamp(Self.configuredAt),
        ]
    }
}
