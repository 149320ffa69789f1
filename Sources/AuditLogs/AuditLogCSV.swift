import EmulatorCore

/// The CSV an export downloads: a header, then one row per event, oldest first. Targets and metadata
/// are JSON in their cells, so nothing the application sent is lost. Cells are quoted as RFC 4180 says.
enum AuditLogCSV {
    static let header = ["occurred_at", "action", "actor_id", "actor_type", "actor_name", "actor_metadata",
                         "targets", "location", "user_agent", "metadata", "version"]

    static func render(_ events: [AuditLogEventRecord]) -> String {
        var lines = [line(header)]
        for event in events {
            lines.append(line([
                Timestamp.format(event.occurredAt), event.action, event.actorId, event.actorType, event.actorName ?? "",
                event.actorMetadata.map { JSON.object($0).text } ?? "", event.targets.text, event.location,
                event.userAgent ?? "", event.metadata.map { JSON.object($0).text } ?? "", event.version.map(String.init) ?? "",
            ]))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func line(_ cells: [String]) -> String {
        cells.map { cell in
            guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
