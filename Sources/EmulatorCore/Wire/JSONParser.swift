/// A JSON parser over UTF-8 bytes (RFC 8259, top-level scalars allowed). It replaces a round trip
/// through Foundation's `JSONDecoder` and `Codable`, which cost more than the query on every stored
/// metadata column and every request body. Object keys come back sorted, so re-encoding a stored
/// value is deterministic; a repeated key keeps its last value.
struct JSONParser {
    struct Invalid: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Deeper nesting is refused rather than recursed into, so hostile input cannot exhaust the stack.
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Invalid) -> JSON {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.invalid("unexpected text after the value") }
        return value
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func invalid(_ reason: String) -> Invalid { Invalid(offset: position, reason: reason) }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func value(depth: Int) throws(Invalid) -> JSON {
        skipWhitespace()
        guard let byte = current else { throw invalid("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return .object(try object(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try array(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw invalid("unexpected character")
        }
    }

    private mutating func literal(_ word: String) throws(Invalid) {
        for byte in word.utf8 {
            guard current == byte else { throw invalid("unknown literal") }
            position += 1
        }
    }

    private mutating func object(depth: Int) throws(Invalid) -> JSONObject {
        guard depth <= Self.maximumDepth else { throw invalid("nested too deeply") }
        position += 1
        var members: [String: JSON] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return JSONObject()
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw invalid("expected a key") }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw invalid("expected ':'") }
            position += 1
            members[key] = try value(depth: depth)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return JSONObject(members.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
            default: throw invalid("expected ',' or '}'")
            }
        }
    }

    private mutating func array(depth: Int) throws(Invalid) -> [JSON] {
        guard depth <= Self.maximumDepth else { throw invalid("nested too deeply") }
        position += 1
        var items: [JSON] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return items
        }
        while true {
            items.append(try value(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return items
            default: throw invalid("expected ',' or ']'")
            }
        }
    }

    private mutating func string() throws(Invalid) -> String {
        position += 1
        let start = position
        // Most strings hold no escape: they are validated and copied whole.
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw invalid("control character in a string") }
            position += 1
        }
        guard let stop = current else { throw invalid("unterminated string") }
        var utf8 = Array(bytes[start..<position])
        if stop == UInt8(ascii: "\\") { try appendEscapedRemainder(to: &utf8) }
        position += 1
        guard let text = String(validating: utf8, as: UTF8.self) else { throw invalid("string is not UTF-8") }
        return text
    }

    /// The rest of a string that holds escapes, up to (not past) its closing quote.
    private mutating func appendEscapedRemainder(to utf8: inout [UInt8]) throws(Invalid) {
        while let byte = current, byte != UInt8(ascii: "\"") {
            guard byte >= 0x20 else { throw invalid("control character in a string") }
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                position += 1
                continue
            }
            position += 1
            guard let escaped = current else { break }
            position += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"): utf8.append(contentsOf: String(try unicodeScalar()).utf8)
            default: throw invalid("unknown escape")
            }
        }
        guard current != nil else { throw invalid("unterminated string") }
    }

    /// The scalar of a `\u` escape (its `\u` already read), joining a surrogate pair.
    private mutating func unicodeScalar() throws(Invalid) -> Unicode.Scalar {
        let high = try hexQuad()
        if (0xD800..<0xDC00).contains(high) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                  bytes[position + 1] == UInt8(ascii: "u") else { throw invalid("unpaired surrogate") }
            position += 2
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low),
                  let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
                throw invalid("unpaired surrogate")
            }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw invalid("unpaired surrogate") }
        return scalar
    }

    private mutating func hexQuad() throws(Invalid) -> UInt32 {
        guard position + 4 <= bytes.count else { throw invalid("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw invalid("bad \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// An integer that fits in `Int` is `.int`; a fraction, an exponent or a larger integer is `.double`.
    private mutating func number() throws(Invalid) -> JSON {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, first.isDigit else { throw invalid("expected a digit") }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        var integral = true
        if current == UInt8(ascii: ".") {
            integral = false
            position += 1
            guard current?.isDigit == true else { throw invalid("expected a digit after '.'") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard current?.isDigit == true else { throw invalid("expected a digit in the exponent") }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if integral, let int = Int(text) { return .int(int) }
        guard let double = Double(text), double.isFinite else { throw invalid("number out of range") }
        return .double(double)
    }

    private mutating func skipDigits() {
        while current?.isDigit == true { position += 1 }
    }
}

private extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}
