import EmulatorCore
import GRDB
import Organizations

/// An organization's connections go with it, each with its `connection.deleted` event, in the
/// transaction that deletes the organization.
enum OrganizationDeletion {
    static let observer: EventObserver = { tx, event in
        guard event.event == "organization.deleted", let organizationID = event.data["id"]?.stringValue else { return }
        // The organization's domains are already gone; its event still lists them.
        let domains = (event.data["domains"]?.arrayValue ?? []).compactMap { domain -> OrganizationsAPI.Domain? in
            guard domain["state"] == "verified", let id = domain["id"]?.stringValue,
                  let name = domain["domain"]?.stringValue else { return nil }
            return OrganizationsAPI.Domain(id: id, domain: name)
        }
        for connection in try ConnectionRecord.all(ofOrganization: organizationID, in: tx.db) {
            try ConnectionLifecycle.delete(connection, domains: domains, in: tx)
        }
    }
}
