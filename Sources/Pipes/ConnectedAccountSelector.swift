import EmulatorCore

/// Which of an owner's accounts a request means, from its query: `connected_account_id` names one
/// exactly, else the compatibility connection is meant. `supports_multiple_connections` is accepted (and
/// must be a boolean) but changes nothing while an owner holds one connection per provider; an update's
/// `connection_intent` may only be `reauthorize`, with an ID.
struct ConnectedAccountSelector: Sendable {
    var connectedAccountID: String?

    init(_ query: QueryParameters, forUpdate: Bool = false) throws {
        _ = try query.bool("supports_multiple_connections")
        connectedAccountID = query.string("connected_account_id")
        guard forUpdate, let intent = query.string("connection_intent") else { return }
        guard intent == "reauthorize" else {
            throw APIError.invalidParameter("connection_intent", code: "invalid_value",
                                            "connection_intent must be reauthorize, not '\(intent)'.")
        }
        guard connectedAccountID != nil else {
            throw APIError.invalidParameter("connected_account_id", code: "required",
                                            "connection_intent reauthorize needs the connected_account_id to update.")
        }
    }
}
