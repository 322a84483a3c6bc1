import Foundation
import JSON
import Testing

/// Reads the copied public fixtures and edits copies of them.
enum Fixtures {
    static func bytes(_ path: String) throws -> [UInt8] {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return Array(try Data(contentsOf: folder.appendingPathComponent(path)))
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONValue(parsing: bytes(path))
    }

    /// The old-form GuardDuty IAM event (one finding, `UserName` only).
    static func iamKeyEvent() throws -> JSONValue {
        try json("events/event-securityhub-iamkey-finding-action.json")
    }

    /// The modern GuardDuty finding with a `PrincipalType` `Unknown` access key.
    static func modernFinding() throws -> JSONValue {
        try json("findings/security_hub_finding.json")
    }

    /// `finding` wrapped as the envelope of the public Imported event carries it.
    static func event(
        findings: [JSONValue], region: String = "us-east-1",
        detailType: String = "Security Hub Findings - Imported"
    ) throws -> [UInt8] {
        var envelope = try iamKeyEvent()
        envelope = envelope.setting(["detail-type"], to: .string(detailType))
        envelope = envelope.setting(["region"], to: .string(region))
        envelope = envelope.setting(["detail", "findings"], to: .array(findings))
        return envelope.encoded()
    }
}

/// One step of a path into a JSON document: a member name or an array index.
enum JSONPathItem: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
}

extension JSONValue {
    /// A copy with the value at `path` replaced (objects on the way are created).
    func setting(_ path: [JSONPathItem], to value: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch first {
        case .key(let key):
            var members = objectValue ?? [:]
            members[key] = (members[key] ?? .null).setting(rest, to: value)
            return .object(members)
        case .index(let index):
            var elements = arrayValue ?? []
            guard elements.indices.contains(index) else { return self }
            elements[index] = elements[index].setting(rest, to: value)
            return .array(elements)
        }
    }

    /// A copy without the member at `path`.
    func removing(_ path: [JSONPathItem]) -> JSONValue {
        guard let first = path.first else { return self }
        switch (first, self) {
        case (.key(let key), .object(var members)):
            if path.count == 1 {
                members[key] = nil
            } else if let member = members[key] {
                members[key] = member.removing(Array(path.dropFirst()))
            }
            return .object(members)
        case (.index(let index), .array(var elements)) where elements.indices.contains(index):
            elements[index] = elements[index].removing(Array(path.dropFirst()))
            return .array(elements)
        default:
            return self
        }
    }
}
