import Crypto
import EmulatorCore
import Foundation
import UserManagement

/// The social providers, emulated: no Google or GitHub is asked; the person at the consent page (or
/// `login_hint`, in automatic sign-in) says which account they are. The provider vouches for the
/// address, so the user is verified, created if new, and linked to a stable identity of that provider.
enum EmulatedProvider {
    static func signIn(email: String, firstName: String? = nil, lastName: String? = nil,
                       provider: AuthenticationMethod, in tx: Transaction) throws -> UserAccount {
        let account = try UserManagementAPI.findOrSignUp(email: email, firstName: firstName, lastName: lastName,
                                                          emailVerified: true, in: tx)
        try UserManagementAPI.linkIdentity(userID: account.id, idpID: idpID(email: account.email, provider: provider),
                                           provider: provider.rawValue, in: tx)
        return account
    }

    /// The same account of the same provider always has the same ID, as a real provider's does.
    static func idpID(email: String, provider: AuthenticationMethod) -> String {
        let digest = SHA256.hash(data: Data("\(provider.rawValue):\(email)".utf8))
        return digest.prefix(10).map { String(format: "%02x", $0) }.joined()
    }
}
