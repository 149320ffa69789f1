import CQRencode
import Foundation

/// The QR code of an `otpauth://` URI as an image data URI (`data:image/svg+xml;base64,…`), for an
/// `<img>` on an enrolment page and for authenticator apps to scan. libqrencode makes the modules;
/// they are drawn as SVG squares with the standard four-module quiet zone.
enum QRCodeImage {
    static func dataURI(for text: String) -> String {
        "data:image/svg+xml;base64," + Data(svg(for: text).utf8).base64EncodedString()
    }

    static func svg(for text: String) -> String {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return "" }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let size = width + 8
        var squares = ""
        for row in 0..<width {
            for column in 0..<width where code.pointee.data[row * width + column] & 1 == 1 {
                squares += "M\(column + 4) \(row + 4)h1v1h-1z"
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(size) \(size)\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"\(size)\" height=\"\(size)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(squares)\"/></svg>"
    }
}
