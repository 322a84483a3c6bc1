import JSON

/// One way a request body breaks its operation's input shape.
struct ShapeProblem: Sendable, Equatable {
    /// The kinds AWS tells apart: a body of the wrong JSON type cannot be read at all.
    enum Kind: Sendable, Equatable {
        /// Wrong JSON type, not a timestamp: the body cannot be deserialised.
        case type
        /// A required member is missing.
        case missing
        /// A value breaks a constraint: length, range, pattern, enum.
        case constraint
        /// A member the model does not have; AWS ignores it, the sandbox reports it.
        case unknown
    }

    var kind: Kind
    /// Where, as a dotted path (`FilterCriteria.CreatedTime.StartInclusive`).
    var path: String
    var message: String
}

/// Checks a JSON document against a ``Shape``, collecting every problem.
enum ShapeValidator {
    /// Every problem of `value` against `shape`, in document order.
    static func problems(_ value: JSONValue, against shape: Shape, at path: String = "")
        -> [ShapeProblem]
    {
        var found: [ShapeProblem] = []
        check(value, shape, path, &found)
        return found
    }

    private static func check(
        _ value: JSONValue, _ shape: Shape, _ path: String, _ found: inout [ShapeProblem]
    ) {
        let name = path.isEmpty ? "body" : path
        switch shape {
        case .any:
            return
        case .structure(let members, let required, let open):
            guard let object = value.objectValue else {
                return found.append(.init(kind: .type, path: name, message: "expected an object"))
            }
            for member in required.sorted() where object[member] == nil || object[member] == .null {
                found.append(
                    .init(
                        kind: .missing, path: join(path, member),
                        message: "Member must not be null"))
            }
            for key in object.keys.sorted() {
                guard let memberValue = object[key] else { continue }
                if let memberShape = members[key] {
                    if memberValue != .null {
                        check(memberValue, memberShape, join(path, key), &found)
                    }
                } else if !open {
                    found.append(
                        .init(
                            kind: .unknown, path: join(path, key),
                            message: "is not a member of the operation's input"))
                }
            }
        case .string(let rules):
            guard let text = value.stringValue else {
                return found.append(.init(kind: .type, path: name, message: "expected a string"))
            }
            checkString(text, rules, name, &found)
        case .integer(let min, let max):
            guard let number = value.numberValue, number == number.rounded() else {
                return found.append(.init(kind: .type, path: name, message: "expected an integer"))
            }
            if let min, number < Double(min) {
                found.append(
                    .init(
                        kind: .constraint, path: name,
                        message: "Member must have value greater than or equal to \(min)"))
            }
            if let max, number > Double(max) {
                found.append(
                    .init(
                        kind: .constraint, path: name,
                        message: "Member must have value less than or equal to \(max)"))
            }
        case .double:
            if value.numberValue == nil {
                found.append(.init(kind: .type, path: name, message: "expected a number"))
            }
        case .boolean:
            if value.boolValue == nil {
                found.append(.init(kind: .type, path: name, message: "expected a Boolean"))
            }
        case .timestamp:
            guard let text = value.stringValue else {
                return found.append(
                    .init(
                        kind: .type, path: name,
                        message: "expected an ISO 8601 timestamp string, got \(describe(value))"))
            }
            if Timestamp.parse(text) == nil {
                found.append(
                    .init(
                        kind: .type, path: name,
                        message: "'\(text)' is not an ISO 8601 timestamp"))
            }
        case .list(let member, let min, let max):
            guard let elements = value.arrayValue else {
                return found.append(.init(kind: .type, path: name, message: "expected a list"))
            }
            checkLength(elements.count, min, max, name, &found)
            for (index, element) in elements.enumerated() {
                check(element, member, "\(name)[\(index)]", &found)
            }
        case .map(let valueShape):
            guard let object = value.objectValue else {
                return found.append(.init(kind: .type, path: name, message: "expected a map"))
            }
            for key in object.keys.sorted() {
                if key.isEmpty {
                    found.append(.init(kind: .constraint, path: name, message: "empty map key"))
                }
                if let element = object[key] { check(element, valueShape, join(path, key), &found) }
            }
        }
    }

    private static func checkString(
        _ text: String, _ rules: StringRules, _ name: String, _ found: inout [ShapeProblem]
    ) {
        checkLength(text.count, rules.min, rules.max, name, &found)
        if let allowed = rules.allowed, !allowed.contains(text) {
            found.append(
                .init(
                    kind: .constraint, path: name,
                    message:
                        "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]"
                ))
        }
        if let pattern = rules.pattern, !matches(text, pattern) {
            found.append(
                .init(
                    kind: .constraint, path: name,
                    message: "Member must satisfy regular expression pattern: \(pattern)"))
        }
    }

    private static func checkLength(
        _ count: Int, _ min: Int?, _ max: Int?, _ name: String, _ found: inout [ShapeProblem]
    ) {
        if let min, count < min {
            found.append(
                .init(
                    kind: .constraint, path: name,
                    message: "Member must have length greater than or equal to \(min)"))
        }
        if let max, count > max {
            found.append(
                .init(
                    kind: .constraint, path: name,
                    message: "Member must have length less than or equal to \(max)"))
        }
    }

    /// True when `pattern` (a botocore regular expression) finds a match in `text`.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.firstMatch(in: text)) != nil
    }

    private static func join(_ path: String, _ member: String) -> String {
        path.isEmpty ? member : path + "." + member
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .number: "a number"
        case .bool: "a Boolean"
        case .array: "a list"
        case .object: "an object"
        case .null: "null"
        case .string: "a string"
        }
    }
}
