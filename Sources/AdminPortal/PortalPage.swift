import Hummingbird
import Mustache

/// The portal's server-rendered pages: plain HTML forms that work without JavaScript, labelled fields,
/// landmarks and a visible focus ring. Mustache escapes every value.
enum PortalPage {
    /// Parsed once; they are constants of this target, so a parse failure is a bug its tests catch.
    private static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in [("layout", layout), ("message", message), ("intent", PortalTemplates.intent)] {
            do { try library.register(text, named: name) } catch { fatalError("The \(name) template does not parse: \(error)") }
        }
        return library
    }()

    static func render(_ template: String, _ context: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let bytes = Array((library.render(context, withTemplate: template) ?? "").utf8)
        return Response(status: status,
                        headers: [.contentType: "text/html; charset=utf-8", .contentLength: String(bytes.count),
                                  .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A page that ends the visit: an expired, revoked, already used or unknown link.
    static func message(title: String, _ text: String, status: HTTPResponse.Status) -> Response {
        render("message", ["title": title, "message": text], status: status)
    }

    private static let message = """
        {{<layout}}{{$title}}{{title}}{{/title}}{{$body}}
        <h1>{{title}}</h1>
        <p role="alert">{{message}}</p>
        {{/body}}{{/layout}}
        """

    private static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{$title}}{{/title}} · Admin Portal · workos-emulator</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #f6f6f8; margin: 0; }
        main { max-width: 46rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: 8px;
               box-shadow: 0 1px 3px rgba(0, 0, 0, .15); }
        h1 { font-size: 1.4rem; margin-top: 0; }
        h2 { font-size: 1.1rem; }
        fieldset { border: 1px solid #c8c8d0; border-radius: 6px; margin: 1rem 0; padding: .75rem 1rem; }
        legend { font-weight: 600; padding: 0 .25rem; }
        label { display: block; margin-top: .6rem; font-weight: 500; }
        input, select, textarea { font: inherit; width: 100%; box-sizing: border-box; padding: .4rem .5rem; border: 1px solid #767680;
                        border-radius: 4px; }
        button { font: inherit; padding: .45rem .9rem; margin-top: .75rem; border: 1px solid #3b3bb3; border-radius: 4px;
                 background: #4040c0; color: #fff; cursor: pointer; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        th, td { text-align: left; border-bottom: 1px solid #ddd; padding: .3rem .4rem; vertical-align: top; }
        :focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
        .notice { background: #eef7ee; border: 1px solid #2a7a2a; padding: .5rem .75rem; border-radius: 4px; }
        .error { background: #fbeeee; border: 1px solid #a11; padding: .5rem .75rem; border-radius: 4px; }
        code { font-size: .85rem; overflow-wrap: anywhere; }
        </style>
        </head>
        <body>
        <main>
        {{$body}}{{/body}}
        </main>
        </body>
        </html>
        """
}
