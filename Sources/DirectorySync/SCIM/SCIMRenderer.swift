import EmulatorCore
import Foundation

/// How directory users and groups look from the SCIM side: the stored document with `id`, the
/// memberships (`groups` of a user, `members` of a group) and `meta`, all under the directory's base URL.
struct SCIMRenderer {
    /// `http://host/scim/v2/<directory id>`
    let baseURL: String

    func user(_ record: DirectoryUserRecord, groups: [DirectoryGroupRecord]) -> JSONObject {
        var resource = start(record.rawAttributes, id: record.id, type: .user)
        if !groups.isEmpty {
            resource["groups"] = .array(groups.map { group in
                ["value": .string(group.id), "$ref": .string(location(.group, group.id)),
                 "display": .string(group.name), "type": "direct"]
            })
        }
        resource["meta"] = meta(.user, record.id, created: record.createdAt, modified: record.updatedAt)
        return resource
    }

    func group(_ record: DirectoryGroupRecord, members: [GroupMemberRecord]) -> JSONObject {
        var resource = start(record.rawAttributes, id: record.id, type: .group)
        if !members.isEmpty { resource["members"] = .array(members.map(member)) }
        resource["meta"] = meta(.group, record.id, created: record.createdAt, modified: record.updatedAt)
        return resource
    }

    /// A group member as the `members` attribute shows it.
    func member(_ link: GroupMemberRecord) -> JSON {
        let type: SCIMResourceType = link.memberType == .user ? .user : .group
        return ["value": .string(link.memberId), "$ref": .string(location(type, link.memberId)), "type": .string(type.name)]
    }

    func location(_ type: SCIMResourceType, _ id: String) -> String { "\(baseURL)/\(type.endpoint)/\(id)" }

    private func start(_ document: JSONObject, id: String, type: SCIMResourceType) -> JSONObject {
        var resource: JSONObject = ["schemas": document["schemas"] ?? .strings([type.schema.id]), "id": .string(id)]
        for (key, value) in document.pairs where key != "schemas" { resource[key] = value }
        return resource
    }

    private func meta(_ type: SCIMResourceType, _ id: String, created: Date, modified: Date) -> JSON {
        ["resourceType": .string(type.name), "created": .timestamp(created), "lastModified": .timestamp(modified),
         "location": .string(location(type, id))]
    }
}

/// `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5): which attributes a response carries.
/// `schemas` and `id` are always returned.
struct SCIMProjection {
    var attributes: [String] = []
    var excluded: [String] = []
    let schemas: [SCIMSchema]

    func apply(_ resource: JSONObject) -> JSONObject {
        if !attributes.isEmpty {
            var kept: JSONObject = ["schemas": resource["schemas"] ?? .null, "id": resource["id"] ?? .null]
            for text in attributes { copy(SCIMAttributePath(text, schemas: schemas), from: resource, into: &kept) }
            return kept
        }
        var kept = resource
        for text in excluded { remove(SCIMAttributePath(text, schemas: schemas), from: &kept) }
        return kept
    }

    private func key(_ name: String, in object: JSONObject) -> String? {
        object.keys.first { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    private func copy(_ path: SCIMAttributePath, from resource: JSONObject, into kept: inout JSONObject) {
        if let urn = path.urn, let extensionKey = key(urn, in: resource), let source = resource[extensionKey]?.objectValue {
            var target = kept[extensionKey]?.objectValue ?? [:]
            if path.name.isEmpty { target = source } else { copy(SCIMAttributePath(name: path.name, sub: path.sub), from: source, into: &target) }
            if !target.isEmpty { kept[extensionKey] = .object(target) }
            return
        }
        guard let name = key(path.name, in: resource), name != "schemas", let value = resource[name] else { return }
        guard let sub = path.sub else { kept[name] = value; return }
        // Several sub-attributes of one attribute (`emails.value`, `emails.type`) share its elements.
        func pick(_ element: JSON, into existing: JSON?) -> JSON? {
            guard let object = element.objectValue, let subKey = key(sub, in: object) else { return existing }
            var picked = existing?.objectValue ?? [:]
            picked[subKey] = object[subKey]
            return .object(picked)
        }
        if let items = value.arrayValue {
            let existing = kept[name]?.arrayValue ?? []
            kept[name] = .array(items.indices.map { pick(items[$0], into: $0 < existing.count ? existing[$0] : nil) ?? [:] })
        } else if let picked = pick(value, into: kept[name]) {
            kept[name] = picked
        }
    }

    private func remove(_ path: SCIMAttributePath, from resource: inout JSONObject) {
        if let urn = path.urn, let extensionKey = key(urn, in: resource), var object = resource[extensionKey]?.objectValue {
            if path.name.isEmpty { resource[extensionKey] = nil; return }
            remove(SCIMAttributePath(name: path.name, sub: path.sub), from: &object)
            resource[extensionKey] = .object(object)
            return
        }
        guard let name = key(path.name, in: resource), name != "id", name != "schemas" else { return }
        guard let sub = path.sub else { resource[name] = nil; return }
        func strip(_ element: JSON) -> JSON {
            guard var object = element.objectValue, let subKey = key(sub, in: object) else { return element }
            object[subKey] = nil
            return .object(object)
        }
        if let items = resource[name]?.arrayValue { resource[name] = .array(items.map(strip)) } else if let value = resource[name] { resource[name] = strip(value) }
    }
}
