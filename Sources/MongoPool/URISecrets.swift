import BSON
/// The secret parts of a connection string, found from its text alone so that even a string libmongoc
/// rejects can be shown safely: the password in the user info and the value of any option whose name
/// contains "password" (such as `tlsCertificateKeyFilePassword`).
///
/// The user info ends at the last `@`: a password with an unescaped `@`, `/` or `?` is a common mistake
/// and must still be hidden, so in doubt this hides too much rather than too little.
struct URISecrets: Sendable {
    /// The connection string with every secret replaced by `***`.
    let redacted: String
    /// The secrets as written and percent-decoded, longest first.
    let secrets: [String]

    static let mask = "***"

    /// - Parameter userInfoMayHavePassword: false when libmongoc parsed the string and found no password;
    ///   an `@` in the options then cannot be the end of a user info.
    init(_ uri: String, userInfoMayHavePassword: Bool = true) {
        var found: [String] = []
        let afterScheme = uri.firstRange(of: "://")?.upperBound ?? uri.startIndex
        // `head` is shown as is (with the password masked); options are looked for in `tail`.
        var head = String(uri[..<afterScheme])
        var tail = uri[afterScheme...]
        if userInfoMayHavePassword, let at = tail.lastIndex(of: "@"),
           let colon = tail[..<at].firstIndex(of: ":") {
            let passwordStart = uri.index(after: colon)
            found.append(contentsOf: Self.forms(of: uri[passwordStart..<at]))
            head = String(uri[..<passwordStart]) + Self.mask
            tail = uri[at...]
        }
        var redacted = head + tail
        if let question = tail.firstIndex(of: "?") {
            let options = Self.redactOptions(tail[uri.index(after: question)...], into: &found)
            redacted = head + tail[...question] + options
        }
        self.secrets = Self.ordered(found)
        // A secret can also appear outside its place (the password repeated as an option value).
        self.redacted = Self.scrub(redacted, secrets)
    }

    /// Adds a secret found another way (libmongoc's decoding of the password).
    init(_ base: URISecrets, alsoHiding secret: String) {
        secrets = Self.ordered(base.secrets + [secret])
        redacted = Self.scrub(base.redacted, secrets)
    }

    /// Without duplicates or empty strings, longest first so that a secret containing another goes whole.
    private static func ordered(_ secrets: [String]) -> [String] {
        Set(secrets.filter { !$0.isEmpty }).sorted { $0.count > $1.count }
    }

    private static func scrub(_ text: String, _ secrets: [String]) -> String {
        secrets.reduce(text) { partial, secret in partial.replacing(secret, with: mask) }
    }

    /// `text` with every secret replaced by `***`, for messages that may echo parts of the string.
    func scrub(_ text: String) -> String { Self.scrub(text, secrets) }

    /// Replaces the values of password options in a query string, keeping its separators.
    private static func redactOptions(_ query: Substring, into found: inout [String]) -> String {
        var result = ""
        var option = Substring()
        func flush() {
            if let equals = option.firstIndex(of: "="),
               option[..<equals].lowercased().contains("password") {
                found.append(contentsOf: forms(of: option[option.index(after: equals)...]))
                result += option[...equals] + mask
            } else {
                result += option
            }
        }
        var start = query.startIndex
        for index in query.indices where query[index] == "&" || query[index] == ";" {
            option = query[start..<index]
            flush()
            result.append(query[index])
            start = query.index(after: index)
        }
        option = query[start...]
        flush()
        return result
    }

    /// A secret as written and as libmongoc decodes it.
    private static func forms(of secret: Substring) -> [String] {
        [String(secret), percentDecoded(secret)]
    }

    /// Percent-decodes leniently: a malformed escape stays as written.
    static func percentDecoded(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = HexDigit.value(bytes[index + 1]), let low = HexDigit.value(bytes[index + 2]) {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
