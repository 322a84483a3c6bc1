import AWSClient

/// An IAM user or role that Detective can investigate, every part validated.
struct IAMEntity: Sendable, Hashable {
    enum Kind: String, Sendable {
        case role
        case user

        /// How a note names the kind.
        var label: String { "IAM \(rawValue)" }
    }

    var kind: Kind
    var partition: Partition
    var accountID: String
    /// `/` or `/segment/.../`, as IAM writes it.
    var path: String
    var name: String

    /// Builds an entity from parts already read; nil when any part is not what IAM allows.
    init?(kind: Kind, partition: Partition, accountID: String, path: String = "/", name: String) {
        guard IAMNames.isAccountID(accountID), IAMNames.isPath(path), IAMNames.isName(name) else {
            return nil
        }
        self.kind = kind
        self.partition = partition
        self.accountID = accountID
        self.path = path
        self.name = name
    }

    /// Reads an IAM role or user ARN (`arn:aws:iam::123456789012:role/path/Name`); nil for any
    /// other ARN or one with a part IAM would not accept.
    init?(arn: String) {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", fields[2] == "iam", fields[3].isEmpty,
            let partition = Partition(rawValue: String(fields[1]))
        else { return nil }
        let resource = fields[5]
        guard let slash = resource.firstIndex(of: "/"),
            let kind = Kind(rawValue: String(resource[..<slash]))
        else { return nil }
        let pathAndName = resource[slash...]
        guard let lastSlash = pathAndName.lastIndex(of: "/") else { return nil }
        let path = String(pathAndName[...lastSlash])
        let name = String(pathAndName[pathAndName.index(after: lastSlash)...])
        self.init(
            kind: kind, partition: partition, accountID: String(fields[4]), path: path, name: name)
    }

    /// The canonical ARN Detective takes as `EntityArn`.
    var arn: String {
        "arn:\(partition.rawValue):iam::\(accountID):\(kind.rawValue)\(path)\(name)"
    }
}

/// IAM's own rules for the parts of a user or role ARN.
enum IAMNames {
    /// `[\w+=,.@-]{1,64}`: the characters IAM allows in user and role names.
    static func isName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard (1...64).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            isASCIIWordCharacter(byte) || "+=,.@-".utf8.contains(byte)
        }
    }

    /// `/` alone, or `/…/` of printable ASCII without spaces, at most 512 characters.
    static func isPath(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        guard bytes.count == 1 || (3...512).contains(bytes.count), bytes.first == UInt8(ascii: "/"),
            bytes.last == UInt8(ascii: "/")
        else { return false }
        return bytes.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// Twelve ASCII digits.
    static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    private static func isASCIIWordCharacter(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
            || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_")
    }
}
