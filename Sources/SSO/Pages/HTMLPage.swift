import EmulatorCore
import Hummingbird
import Mustache

/// The pages the SSO area shows a browser: the test identity provider, its error page, the
/// signed-out page. Plain server-rendered HTML that works without JavaScript; Mustache escapes every
/// value.
enum HTMLPage {
    /// The templates, parsed once. They are constants of this target, so a parse failure is a bug
    /// that the tests of each page catch.
    private static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in [("layout", layoutTemplate), ("test_idp", TestIdPPage.template),
                             ("message", messageTemplate)] {
            do { try library.register(text, named: name) } catch { fatalError("The \(name) template does not parse: \(error)") }
        }
        return library
    }()

    static func render(_ template: String, _ context: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        raw(library.render(context, withTemplate: template) ?? "", status: status)
    }

    /// A page rendered elsewhere (by the area a sign-in was handed back to).
    static func raw(_ html: String, status: HTTPResponse.Status) -> Response {
        let bytes = Array(html.utf8)
        return Response(status: status,
                        headers: [.contentType: "text/html; charset=utf-8", .contentLength: String(bytes.count),
                                  .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A page with a heading and a message: an error a browser cannot be redirected with (an unknown
    /// client, a bad redirect URI), or the end of a flow.
    static func message(title: String, _ message: String, status: HTTPResponse.Status) -> Response {
        render("message", ["title": title, "message": message, "is_error": status.code >= 400], status: status)
    }

    private static let messageTemplate = """
        {{<layout}}{{$title}}{{title}}{{/title}}{{$body}}
        <h1>{{title}}</h1>
        <p{{#is_error}} role="alert"{{/is_error}}>{{message}}</p>
        {{/body}}{{/layout}}
        """

    /// The frame every page shares: language, viewport, a readable and high-contrast style with a
    /// visible focus ring, and a landmark.
    private static let layoutTemplate = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{$title}}{{/title}} · workos-emulator</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #f6f6f8; margin: 0; }
        main { max-width: 34rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: 8px;
               box-shadow: 0 1px 3px rgba(0, 0, 0, .15); }
        h1 { font-size: 1.4rem; margin-top: 0; }
        fieldset { border: 1px solid #c8c8d0; border-radius: 6px; margin: 1rem 0; padding: .75rem 1rem; }
        legend { font-weight: 600; padding: 0 .25rem; }
        ul { list-style: none; padding: 0; margin: 0; }
        li { margin: .4rem 0; }
        label { display: block; margin-top: .6rem; font-weight: 500; }
        input { font: inherit; width: 100%; box-sizing: border-box; padding: .4rem .5rem; border: 1px solid #767680;
                border-radius: 4px; }
        button { font: inherit; padding: .45rem .9rem; margin-top: .75rem; border: 1px solid #3b3bb3; border-radius: 4px;
                 background: #4040c0; color: #fff; cursor: pointer; text-align: left; }
        button.user { width: 100%; background: #fff; color: #1a1a1a; border-color: #767680; margin-top: 0; }
        button.danger { background: #fff; color: #a11; border-color: #a11; }
        :focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
        .hint { color: #555; font-size: .9rem; }
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
