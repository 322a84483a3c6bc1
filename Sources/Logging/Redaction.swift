/// The guard that keeps credentials, signatures and tokens out of every log line.
///
/// Field names that denote a secret have their values replaced whole; free text is
/// scanned for the shapes a leaked secret takes (an `Authorization` header, a SigV4
/// signature, a `Credential=` scope, long base64 runs such as secret keys and tokens).
public enum Redaction {
    /// What a redacted value is replaced with.
    public static let marker = "[REDACTED]"

    private static let secretKeyWords = [
        "secret", "token", "signature", "authorization", "password", "credential",
        "x-amz-security-token", "session",
    ]

    /// True when a field with this name must never show its value.
    public static func isSecretField(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return secretKeyWords.contains { lowered.contains($0) }
    }

    /// Returns `text` with every secret-looking part replaced by ``marker``.
    public static func redact(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var token = ""
        for character in text {
            if isTokenCharacter(character) {
                token.append(character)
            } else {
                output += redactToken(token)
                token = ""
                output.append(character)
            }
        }
        output += redactToken(token)
        return redactAssignments(output)
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"),
            UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    /// A run of 40 or more base64 characters mixing cases and digits is a secret key or a
    /// session token, and 64 or more lowercase hex digits a signature: never something an
    /// operator needs to read. Lowercase ARN paths (GuardDuty finding IDs) are not hex runs.
    private static func redactToken(_ token: String) -> String {
        guard token.count >= 40 else { return token }
        var lower = false
        var upper = false
        var digit = false
        var nonHex = false
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "f"): lower = true
            case UInt8(ascii: "g")...UInt8(ascii: "z"): lower = true; nonHex = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true; nonHex = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            default: nonHex = true
            }
        }
        let isHexDigest = token.count >= 64 && !nonHex
        let isMixedBase64 = lower && upper && digit
        return isHexDigest || isMixedBase64 ? marker : token
    }

    /// Values after `Signature=`, `Credential=`, `Authorization:` and security-token keys go
    /// whatever their shape: a short or percent-encoded secret is still a secret.
    private static func redactAssignments(_ text: String) -> String {
        var result = text
        let keys = [
            "Signature=", "Credential=", "Security-Token=", "SessionToken=", "Authorization:",
            "authorization:", "Security-Token:", "security-token:",
        ]
        for key in keys {
            var searchStart = result.startIndex
            while let range = result.range(of: key, range: searchStart..<result.endIndex) {
                var valueStart = range.upperBound
                while valueStart < result.endIndex && result[valueStart] == " " {
                    valueStart = result.index(after: valueStart)
                }
                var valueEnd = valueStart
                let stopCharacters: Set<Character> =
                    key.hasSuffix(":")
                    ? ["\n", "\r", "\""] : [",", " ", "&", "\n", "\r", "\""]
                while valueEnd < result.endIndex && !stopCharacters.contains(result[valueEnd]) {
                    valueEnd = result.index(after: valueEnd)
                }
                if valueStart == valueEnd || result[valueStart..<valueEnd] == marker {
                    searchStart = valueEnd
                    continue
                }
                result.replaceSubrange(valueStart..<valueEnd, with: marker)
                searchStart = result.index(valueStart, offsetBy: marker.count)
            }
        }
        return result
    }
}

extension String {
    func range(of needle: String, range: Range<String.Index>) -> Range<String.Index>? {
        let haystack = self[range]
        guard let first = needle.first else { return nil }
        var index = haystack.startIndex
        while index < haystack.endIndex {
            if haystack[index] == first && haystack[index...].hasPrefix(needle) {
                return index..<self.index(index, offsetBy: needle.count)
            }
            index = haystack.index(after: index)
        }
        return nil
    }
}
