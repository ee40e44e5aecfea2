import Foundation

/// Reads a `.env` file: `NAME=value` lines for the commands' settings, under the real environment.
///
/// The format is the common subset: blank lines and `#` comments; an optional `export ` before the name;
/// values bare (trimmed, a ` #` starts a comment), in single quotes (taken as written) or in double quotes
/// (with `\n`, `\t`, `\r`, `\"` and `\\` escapes). One line per value; no `${VAR}` expansion.
enum DotEnv {
    /// Read when `--env-file` is not given, if it exists.
    static let defaultPath = ".env"

    /// The variables of `text`; a later line for the same name wins, as when a shell sources the file.
    static func parse(_ text: String, path: String = defaultPath) throws(DotEnvError) -> [String: String] {
        var variables: [String: String] = [:]
        // `\r\n` is one Character in Swift, and a newline: Windows line ends split like Unix ones.
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).drop { $0 == " " || $0 == "\t" } }
            let fail = { (reason: DotEnvError.Reason) in DotEnvError(path: path, line: index + 1, reason: reason) }
            guard let equals = line.firstIndex(of: "=") else { throw fail(.missingEquals) }
            let name = String(line[..<equals]).trimmingCharacters(in: .whitespaces)
            guard isName(name) else { throw fail(.invalidName(name)) }
            do {
                variables[name] = try value(line[line.index(after: equals)...])
            } catch {
                throw fail(error)
            }
        }
        return variables
    }

    /// A command's environment: `environment`, with the file's variables filling in the names it
    /// leaves unset or empty (flags, read later, win over both). `path` nil reads `fallback` (`./.env`)
    /// if there is one; a path that was given must exist.
    static func environment(
        file path: String?, over environment: [String: String], fallback: String = defaultPath
    ) throws(DotEnvError) -> [String: String] {
        let chosen = path ?? fallback
        let text: String
        switch readFile(chosen) {
        case .success(let contents):
            text = contents
        case .failure(let error):
            if path == nil, error.code == .ENOENT { return environment }
            throw DotEnvError(path: chosen, line: 0, reason: .unreadable(String(cString: strerror(error.code.rawValue))))
        }
        return merged(try parse(text, path: chosen), under: environment)
    }

    /// The variables that together name the store: one of them set in the environment names it there,
    /// and the file's other one must not then pull the store elsewhere.
    static let storeNames = ["MONGO_URI", "MSGSVC_DATA_DIR"]

    /// `environment` wins wherever it has a non-empty value (an empty one counts as unset, as the settings
    /// themselves treat it). The store is named by one layer only: when the environment names it (a data
    /// directory, say), a `MONGO_URI` in the file does not override that.
    static func merged(_ file: [String: String], under environment: [String: String]) -> [String: String] {
        var file = file
        if storeNames.contains(where: { !(environment[$0] ?? "").isEmpty }) {
            for name in storeNames { file[name] = nil }
        }
        return environment.merging(file) { current, fromFile in current.isEmpty ? fromFile : current }
    }

    /// The whole file, read with POSIX calls: Foundation's readers refuse character devices, and
    /// `--env-file /dev/null` is the way to read no file at all.
    private static func readFile(_ path: String) -> Result<String, POSIXError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
            }
            bytes += chunk[..<count]
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    private static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    private static func value(_ text: Substring) throws(DotEnvError.Reason) -> String {
        let text = text.drop { $0 == " " || $0 == "\t" }
        guard let quote = text.first, quote == "\"" || quote == "'" else {
            // Bare: up to a comment that follows whitespace, trimmed.
            var end = text.endIndex
            var index = text.startIndex
            while index < text.endIndex {
                if text[index] == "#", index == text.startIndex || text[text.index(before: index)].isWhitespace {
                    end = index
                    break
                }
                index = text.index(after: index)
            }
            return text[..<end].trimmingCharacters(in: .whitespaces)
        }
        var result = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == quote {
                let rest = text[text.index(after: index)...].drop { $0 == " " || $0 == "\t" }
                guard rest.isEmpty || rest.hasPrefix("#") else { throw .textAfterQuote }
                return result
            }
            if quote == "\"", character == "\\", text.index(after: index) < text.endIndex {
                index = text.index(after: index)
                switch text[index] {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "\"", "\\": result.append(text[index])
                // Any other pair is kept as written (a Windows path in quotes stays intact).
                default: result.append("\\"); result.append(text[index])
                }
            } else {
                result.append(character)
            }
            index = text.index(after: index)
        }
        throw .unterminatedQuote
    }
}
