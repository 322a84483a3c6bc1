/// An AWS partition: a group of regions sharing DNS names, ARNs and a console domain.
public enum Partition: String, Sendable, CaseIterable {
    case aws
    case awsCN = "aws-cn"
    case awsUSGov = "aws-us-gov"

    /// The partition of a region name, or nil for an invalid name or a partition not served.
    public init?(region: String) {
        guard Self.isValidRegionName(region) else { return nil }
        // Isolated and sovereign partitions have their own endpoints and consoles; a call
        // there must fail loudly rather than go to a commercial host.
        let unserved = ["us-iso-", "us-isob-", "us-isof-", "eu-isoe-", "eusc-"]
        if unserved.contains(where: { region.hasPrefix($0) }) { return nil }
        if region.hasPrefix("cn-") {
            self = .awsCN
        } else if region.hasPrefix("us-gov-") {
            self = .awsUSGov
        } else {
            self = .aws
        }
    }

    /// The partition named by an ARN's second field (`arn:aws-cn:...`), or nil.
    public init?(arn: String) {
        let fields = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == "arn" else { return nil }
        self.init(rawValue: String(fields[1]))
    }

    /// True when `name` has the shape of a region (`eu-west-2`, `us-gov-west-1`): two letters,
    /// one or more lower-case words and a number, each after a hyphen.
    public static func isValidRegionName(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let first = parts.first, let last = parts.last else {
            return false
        }
        guard first.utf8.count == 2, first.utf8.allSatisfy(isLowerLetter) else { return false }
        guard !last.isEmpty, last.utf8.allSatisfy(isDigit) else { return false }
        return parts.dropFirst().dropLast().allSatisfy { word in
            !word.isEmpty && word.utf8.allSatisfy(isLowerLetter)
        }
    }

    /// The DNS suffix of the partition's service endpoints.
    public var dnsSuffix: String {
        switch self {
        case .aws, .awsUSGov: "amazonaws.com"
        case .awsCN: "amazonaws.com.cn"
        }
    }

    /// The domain of the partition's management console.
    public var consoleDomain: String {
        switch self {
        case .aws: "console.aws.amazon.com"
        case .awsCN: "console.amazonaws.cn"
        case .awsUSGov: "console.amazonaws-us-gov.com"
        }
    }

    /// The regional console host (`eu-west-2.console.aws.amazon.com`), or nil for a region
    /// that is not valid or not in a served partition.
    public static func consoleHost(region: String) -> String? {
        guard let partition = Partition(region: region) else { return nil }
        return "\(region).\(partition.consoleDomain)"
    }

    /// A console link: `https://HOST/SERVICEPATH?region=REGION#FRAGMENT`, or nil for a region
    /// that is not valid. Characters not allowed in a path or fragment are percent-encoded.
    /// - Parameters:
    ///   - region: the region whose console opens.
    ///   - servicePath: the page within the console (`detective/home`).
    ///   - fragment: the part after `#` (`investigationReport/ID`), or nil for none.
    public static func consoleURL(
        region: String, servicePath: String, fragment: String? = nil
    ) -> String? {
        guard let host = consoleHost(region: region) else { return nil }
        var path = percentEncoded(servicePath, keeping: pathCharacters)
        while path.hasPrefix("/") { path.removeFirst() }
        var url = "https://\(host)/\(path)?region=\(region)"
        if let fragment {
            url += "#" + percentEncoded(fragment, keeping: fragmentCharacters)
        }
        return url
    }
}

// RFC 3986: pchar is unreserved, sub-delims, ":" and "@"; a path adds "/", a fragment "/" "?".
private let pcharCharacters = Set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@".utf8)
private let pathCharacters = pcharCharacters.union("/".utf8)
private let fragmentCharacters = pcharCharacters.union("/?".utf8)

private func percentEncoded(_ text: String, keeping allowed: Set<UInt8>) -> String {
    let hexDigits = Array("0123456789ABCDEF".utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
        if allowed.contains(byte) {
            bytes.append(byte)
        } else {
            bytes.append(UInt8(ascii: "%"))
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

private func isLowerLetter(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
}

private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}
