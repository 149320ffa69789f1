import Foundation
import Logging

/// Log lines on standard error in swift-log's `StreamLogHandler` format, with one difference: metadata is
/// formatted when a line is written. `StreamLogHandler` formats it whenever it is set, and the HTTP server
/// sets a request ID on every request's logger, so every request paid for text that was never written.
struct StandardErrorLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { $1 } }
        if let explicit = event.metadata { fields.merge(explicit) { $1 } }
        if let error = event.error {
            fields["error.message"] = "\(error)"
            fields["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let pretty = fields.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let line = "\(Date().ISO8601Format()) \(event.level) \(label):\(pretty) [\(event.source)] \(event.message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
