import EmulatorCore

/// PATCH (RFC 7644 §3.5.2): `add`, `replace` and `remove` operations applied in order to a resource
/// document. Providers differ in how they write them, and all of these are accepted: operation names
/// in any case (Azure AD's `Replace`), paths with value filters (`emails[type eq "work"].value`),
/// operations without a path whose value names attributes, dotted or schema-qualified
/// (`{"name.givenName": …}`, `{"urn:…:enterprise:2.0:User:department": …}`), and `remove` of chosen
/// `members` given as a value. A filtered path that matches nothing in `add` or `replace` adds the
/// element the filter describes, as providers expect when a user has no work email yet.
struct SCIMPatch {
    enum Op: String { case add, replace, remove }

    struct Operation {
        var op: Op
        var path: String?
        var value: JSON?
    }

    let operations: [Operation]

    static let messageSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

    init(_ body: JSONObject) throws {
        if let schemas = body["schemas"]?.arrayValue, !schemas.contains(.string(Self.messageSchema)) {
            throw SCIMError.invalidValue("A PATCH request's schemas must be [\"\(Self.messageSchema)\"].")
        }
        guard let items = SCIMFilter.lookup("Operations", in: body)?.arrayValue, !items.isEmpty else {
            throw SCIMError.invalidSyntax("A PATCH request needs a non-empty Operations list.")
        }
        operations = try items.enumerated().map { index, item in
            guard let object = item.objectValue else { throw SCIMError.invalidSyntax("Operations[\(index)] must be an object.") }
            guard let name = SCIMFilter.lookup("op", in: object)?.stringValue, let op = Op(rawValue: name.lowercased()) else {
                throw SCIMError.invalidSyntax("Operations[\(index)].op must be add, replace or remove.")
            }
            let path = SCIMFilter.lookup("path", in: object)?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            let value = SCIMFilter.lookup("value", in: object)
            if op != .remove && (value == nil || value == .null) && path != nil {
                throw SCIMError.invalidSyntax("Operations[\(index)] (\(name)) needs a value.")
            }
            return Operation(op: op, path: path, value: value)
        }
    }

    /// The document after every operation, normalized again (types, required attributes, schemas).
    func apply(to document: JSONObject, type: SCIMResourceType) throws -> JSONObject {
        var editor = SCIMDocumentEditor(document: document, type: type)
        for operation in operations {
            if let path = operation.path {
                try editor.apply(operation.op, at: try SCIMPatchTarget(path, type: type), value: operation.value)
            } else {
                guard operation.op != .remove else { throw SCIMError.noTarget("A remove operation needs a path.") }
                guard let object = operation.value?.objectValue else {
                    throw SCIMError.invalidValue("An \(operation.op.rawValue) without a path needs an object value.")
                }
                for (key, value) in object.pairs {
                    if let schema = type.extensionSchema(key), let inner = value.objectValue {
                        // A whole extension object: each of its attributes, one by one.
                        for (name, innerValue) in inner.pairs {
                            try editor.apply(operation.op, at: try SCIMPatchTarget("\(schema.id):\(name)", type: type), value: innerValue)
                        }
                    } else if !["schemas", "id", "meta"].contains(key.lowercased()) {
                        try editor.apply(operation.op, at: try SCIMPatchTarget(key, type: type), value: value)
                    }
                }
            }
        }
        return try SCIMDocument(type: type).normalize(editor.document)
    }
}

/// Where a PATCH path points: an attribute (core or of an extension), maybe through a value filter,
/// maybe down to one sub-attribute; or a whole extension.
struct SCIMPatchTarget {
    var extensionURN: String?
    var attribute: SCIMAttribute?
    var filter: SCIMFilter?
    var sub: SCIMAttribute?

    /// `externalId` is common to every resource rather than declared by a schema.
    static let externalID = SCIMAttribute.string("externalId", "An identifier for the resource as defined by the provisioning client.")

    init(_ path: String, type: SCIMResourceType) throws {
        let schemas = [type.schema] + type.extensions
        var text = path
        var suffix: String?
        if let open = path.firstIndex(of: "["), let close = path.lastIndex(of: "]"), open < close {
            text = String(path[..<open])
            let rest = path[path.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(".") else { throw SCIMError.invalidPath("'\(path)' is not a valid path.") }
                suffix = String(rest.dropFirst())
            }
            filter = try SCIMFilter.parse(String(path[path.index(after: open)..<close]), schemas: schemas)
        }
        let parsed = SCIMAttributePath(text, schemas: schemas)
        if let urn = parsed.urn, urn != type.schema.id {
            guard let schema = type.extensionSchema(urn) else { throw SCIMError.invalidPath("'\(urn)' is not a schema of \(type.name).") }
            extensionURN = schema.id
            if parsed.name.isEmpty && filter == nil { return }
            attribute = schema.attribute(parsed.name)
        } else if parsed.name.caseInsensitiveCompare("externalId") == .orderedSame {
            attribute = Self.externalID
        } else {
            attribute = type.schema.attribute(parsed.name)
        }
        guard let attribute else { throw SCIMError.invalidPath("'\(path)' names no attribute of \(type.name).") }
        if attribute.mutability == .readOnly { throw SCIMError.mutability("\(attribute.name) is read-only.") }
        if filter != nil && !attribute.multiValued {
            throw SCIMError.invalidPath("'\(path)' filters \(attribute.name), which is not multi-valued.")
        }
        if let subName = suffix ?? parsed.sub {
            guard let sub = attribute.subAttribute(subName) else {
                throw SCIMError.invalidPath("'\(subName)' is not a sub-attribute of \(attribute.name).")
            }
            self.sub = sub
        }
    }
}

/// Applies single operations to a document in progress.
struct SCIMDocumentEditor {
    var document: JSONObject
    let type: SCIMResourceType

    mutating func apply(_ op: SCIMPatch.Op, at target: SCIMPatchTarget, value: JSON?) throws {
        guard let attribute = target.attribute else {
            try applyToExtension(op, target.extensionURN!, value: value)
            return
        }
        var container = target.extensionURN.flatMap { document[$0]?.objectValue } ?? (target.extensionURN == nil ? document : [:])
        try apply(op, to: &container, attribute: attribute, target: target, value: value)
        if let urn = target.extensionURN { document[urn] = .object(container) } else { document = container }
    }

    private mutating func applyToExtension(_ op: SCIMPatch.Op, _ urn: String, value: JSON?) throws {
        switch op {
        case .remove:
            document[urn] = nil
        case .add, .replace:
            guard let object = value?.objectValue else { throw SCIMError.invalidValue("\(urn) must be an object.") }
            var merged = op == .add ? document[urn]?.objectValue ?? [:] : [:]
            for (key, inner) in object.pairs { merged[key] = inner }
            document[urn] = .object(merged)
        }
    }

    private func apply(_ op: SCIMPatch.Op, to container: inout JSONObject, attribute: SCIMAttribute,
                       target: SCIMPatchTarget, value: JSON?) throws {
        let key = attribute.name
        let canonical = SCIMDocument(type: type)
        func normalized(_ value: JSON?, as definition: SCIMAttribute) throws -> JSON? {
            try value.flatMap { try canonical.normalize($0, as: definition, path: definition.name) }
        }

        // The whole attribute.
        guard target.filter != nil || target.sub != nil else {
            switch op {
            case .remove:
                if attribute.multiValued, let doomed = value?.arrayValue {
                    // `remove members` with the members to drop as its value.
                    let ids = Set(doomed.compactMap { $0["value"]?.stringValue })
                    let kept = (container[key]?.arrayValue ?? []).filter { !ids.contains($0["value"]?.stringValue ?? "") }
                    container[key] = kept.isEmpty ? nil : .array(kept)
                } else {
                    container[key] = nil
                }
            case .replace:
                container[key] = try normalized(value, as: attribute)
            case .add:
                let new = try normalized(value, as: attribute)
                if attribute.multiValued, let items = new?.arrayValue {
                    var existing = container[key]?.arrayValue ?? []
                    for item in items where !existing.contains(item) { existing.append(item) }
                    container[key] = .array(existing)
                } else if attribute.kind == .complex, let object = new?.objectValue {
                    var merged = container[key]?.objectValue ?? [:]
                    for (name, inner) in object.pairs { merged[name] = inner }
                    container[key] = .object(merged)
                } else {
                    container[key] = new
                }
            }
            return
        }

        // A single-valued complex attribute's sub-attribute (`name.givenName`).
        if !attribute.multiValued, let sub = target.sub {
            var object = container[key]?.objectValue ?? [:]
            object[sub.name] = op == .remove ? nil : try normalized(value, as: sub)
            container[key] = object.isEmpty ? nil : .object(object)
            return
        }

        // Elements of a multi-valued attribute: those the filter selects, or all of them.
        var elements = container[key]?.arrayValue ?? []
        let selected = elements.indices.filter { index in
            guard let filter = target.filter else { return true }
            guard let object = elements[index].objectValue else { return false }
            return filter.matches(object) { name, _ in attribute.subAttribute(name)?.caseExact ?? false }
        }
        var single = attribute
        single.multiValued = false
        switch (op, target.sub) {
        case (.remove, nil):
            for index in selected.reversed() { elements.remove(at: index) }
        case (.remove, let sub?):
            for index in selected { elements[index].set(sub.name, .null); elements[index] = Self.dropNulls(elements[index]) }
        case (_, let sub?):
            let new = try normalized(value, as: sub)
            if selected.isEmpty {
                var element = Self.described(by: target.filter)
                element[sub.name] = new
                elements.append(.object(element))
            }
            for index in selected { elements[index].set(sub.name, new ?? .null); elements[index] = Self.dropNulls(elements[index]) }
        case (_, nil):
            guard let new = try normalized(value, as: single)?.objectValue else {
                throw SCIMError.invalidValue("\(attribute.name) elements must be objects.")
            }
            if selected.isEmpty {
                var element = Self.described(by: target.filter)
                for (name, inner) in new.pairs { element[name] = inner }
                elements.append(.object(element))
            }
            for index in selected {
                var element = op == .add ? elements[index].objectValue ?? [:] : [:]
                for (name, inner) in new.pairs { element[name] = inner }
                elements[index] = .object(element)
            }
        }
        container[key] = elements.isEmpty ? nil : .array(elements)
    }

    /// The element a filter of equalities describes: `type eq "work"` → `{"type": "work"}`.
    private static func described(by filter: SCIMFilter?) -> JSONObject {
        switch filter {
        case .compare(let path, .eq, let value)?: return [path.name: value]
        case .and(let left, let right)?:
            var element = described(by: left)
            for (key, value) in described(by: right).pairs { element[key] = value }
            return element
        default: return [:]
        }
    }

    private static func dropNulls(_ element: JSON) -> JSON {
        guard let object = element.objectValue else { return element }
        return .object(JSONObject(object.pairs.filter { !$0.value.isNull }))
    }
}
