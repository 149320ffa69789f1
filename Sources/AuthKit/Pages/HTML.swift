import Hummingbird
import NIOCore

/// The hosted pages' HTML: one plain layout, forms that work without JavaScript, every field labelled,
/// errors announced (`role="alert"`). Every interpolated value goes through `escape`.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func page(title: String, error: String? = nil, _ body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · WorkOS Emulator</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
        form{display:grid;gap:.5rem;margin:1rem 0}label{font-weight:600}
        input{font:inherit;padding:.5rem;border:1px solid #8c959f;border-radius:6px}
        button{font:inherit;padding:.55rem;border-radius:6px;border:1px solid #1f2328;background:#1f2328;color:#fff;cursor:pointer}
        button.secondary{background:#fff;color:#1f2328}
        .error{color:#a40e26;border:1px solid #a40e26;border-radius:6px;padding:.5rem}
        :focus-visible{outline:3px solid #0969da;outline-offset:2px}
        </style>
        </head>
        <body>
        <main>
        <h1>\(escape(title))</h1>
        \(error.map { "<p class=\"error\" role=\"alert\">\(escape($0))</p>" } ?? "")
        \(body)
        </main>
        </body>
        </html>
        """
    }

    /// A labelled input.
    /// A labelled input; `id` tells two fields of one name on a page apart.
    static func field(_ name: String, label: String, id: String? = nil, type: String = "text", value: String? = nil,
                      autocomplete: String? = nil, required: Bool = true) -> String {
        let id = id ?? "field-\(name)"
        return "<label for=\"\(id)\">\(escape(label))</label>"
            + "<input id=\"\(id)\" name=\"\(name)\" type=\"\(type)\"\(value.map { " value=\"\(escape($0))\"" } ?? "")"
            + "\(autocomplete.map { " autocomplete=\"\($0)\"" } ?? "")\(required ? " required" : "")>"
    }

    static func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(escape(value))\">"
    }
}

extension Response {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        let bytes = Array(text.utf8)
        return Response(status: status,
                        headers: [.contentType: "text/html; charset=utf-8", .contentLength: String(bytes.count),
                                  .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }
}
