import JSON

/// The pair that addresses a finding in `BatchUpdateFindings`.
struct FindingIdentifier: Sendable, Hashable {
    var id: String
    var productARN: String
}

/// The note a finding holds.
struct FindingNote: Sendable, Hashable {
    var text: String
    var updatedBy: String
    var updatedAt: String?
}

/// `Details.AwsIamAccessKey` of an access-key resource.
struct AccessKeyDetails: Sendable, Hashable {
    var principalType: String?
    var principalName: String?
    /// Deprecated in ASFF; older GuardDuty findings carry only this.
    var userName: String?
    var sessionIssuerARN: String?
    var sessionIssuerType: String?
    var sessionIssuerUserName: String?
}

/// One entry of a finding's `Resources`.
struct FindingResource: Sendable, Hashable {
    var type: String
    var id: String?
    var partition: String?
    var region: String?
    var accessKey: AccessKeyDetails?
}

/// The parts of an ASFF finding this function reads.
struct Finding: Sendable {
    var identifier: FindingIdentifier
    var productName: String?
    var accountID: String?
    var region: String?
    var resources: [FindingResource]
    var firstObservedAt: Timestamp?
    var createdAt: Timestamp?
    var processedAt: Timestamp?
    var updatedAt: Timestamp?
    var severityLabel: String?
    var note: FindingNote?
    var userDefinedFields: [String: String]

    /// True for GuardDuty's findings: by `ProductName`, or by product ARN in older findings.
    var isGuardDuty: Bool {
        if let productName { return productName == "GuardDuty" }
        return identifier.productARN.hasSuffix(":product/aws/guardduty")
    }

    /// The observation the investigation scope starts from.
    var observedAt: Timestamp? {
        firstObservedAt ?? createdAt ?? processedAt ?? updatedAt
    }
}

/// Why a finding entry could not be read.
struct FindingDecodingError: Error, Sendable {
    /// The identifier, when the entry had a usable one.
    var identifier: FindingIdentifier?
    var reason: String
}

extension Finding {
    /// Reads one ASFF finding: unused fields are ignored, a used field of the wrong shape is an
    /// error naming it.
    init(json: JSONValue) throws(FindingDecodingError) {
        guard case .object = json else {
            throw FindingDecodingError(identifier: nil, reason: "the finding is not an object")
        }
        let reader = FieldReader(json)
        let id = try? reader.nonEmptyString("Id")
        let productARN = try? reader.nonEmptyString("ProductArn")
        guard let id, let productARN else {
            throw FindingDecodingError(
                identifier: nil, reason: "the finding has no Id or no ProductArn")
        }
        let identifier = FindingIdentifier(id: id, productARN: productARN)

        do {
            try self.init(identifier: identifier, reader: reader)
        } catch {
            throw FindingDecodingError(identifier: identifier, reason: error.reason)
        }
    }

    private init(identifier: FindingIdentifier, reader: FieldReader) throws(FieldError) {
        self.identifier = identifier
        productName = try reader.string("ProductName")
        accountID = try reader.string("AwsAccountId")
        region = try reader.string("Region")
        resources = try reader.objects("Resources").map { resource throws(FieldError) in
            try FindingResource(reader: resource)
        }
        firstObservedAt = try reader.timestamp("FirstObservedAt")
        createdAt = try reader.timestamp("CreatedAt")
        processedAt = try reader.timestamp("ProcessedAt")
        updatedAt = try reader.timestamp("UpdatedAt")
        severityLabel = try Self.severityLabel(reader)
        note = try reader.object("Note").flatMap { note throws(FieldError) in
            guard let text = try note.string("Text"), let by = try note.string("UpdatedBy") else {
                return nil
            }
            return FindingNote(text: text, updatedBy: by, updatedAt: try note.string("UpdatedAt"))
        }
        userDefinedFields = try reader.stringMap("UserDefinedFields")
    }

    // Older findings carry only the normalized score; the label follows ASFF's own mapping.
    private static func severityLabel(_ reader: FieldReader) throws(FieldError) -> String? {
        guard let severity = try reader.object("Severity") else { return nil }
        if let label = try severity.string("Label") { return label }
        guard let normalized = try severity.number("Normalized") else { return nil }
        switch normalized {
        case ..<1: return "INFORMATIONAL"
        case ..<40: return "LOW"
        case ..<70: return "MEDIUM"
        case ..<90: return "HIGH"
        default: return "CRITICAL"
        }
    }
}

extension FindingResource {
    fileprivate init(reader: FieldReader) throws(FieldError) {
        guard let type = try reader.string("Type") else {
            throw FieldError(reason: "\(reader.path).Type is missing")
        }
        self.type = type
        id = try reader.string("Id")
        partition = try reader.string("Partition")
        region = try reader.string("Region")
        guard type == "AwsIamAccessKey" else {
            accessKey = nil
            return
        }
        let details = try reader.object("Details")?.object("AwsIamAccessKey")
        let issuer = try details?.object("SessionContext")?.object("SessionIssuer")
        accessKey = AccessKeyDetails(
            principalType: try details?.string("PrincipalType"),
            principalName: try details?.string("PrincipalName"),
            userName: try details?.string("UserName"),
            sessionIssuerARN: try issuer?.string("Arn"),
            sessionIssuerType: try issuer?.string("Type"),
            sessionIssuerUserName: try issuer?.string("UserName"))
    }
}

/// A used field had the wrong shape.
struct FieldError: Error, Sendable {
    var reason: String
}

/// Reads typed members of a JSON object, naming the path of any member of the wrong shape.
struct FieldReader: Sendable {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String = "finding") {
        self.value = value
        self.path = path
    }

    private func member(_ key: String) -> JSONValue? {
        guard let member = value[key], member != .null else { return nil }
        return member
    }

    func string(_ key: String) throws(FieldError) -> String? {
        guard let member = member(key) else { return nil }
        guard let text = member.stringValue else {
            throw FieldError(reason: "\(path).\(key) is not a string")
        }
        return text
    }

    func nonEmptyString(_ key: String) throws(FieldError) -> String {
        guard let text = try string(key), !text.allSatisfy(\.isWhitespace) else {
            throw FieldError(reason: "\(path).\(key) is missing")
        }
        return text
    }

    func number(_ key: String) throws(FieldError) -> Double? {
        guard let member = member(key) else { return nil }
        guard let number = member.numberValue else {
            throw FieldError(reason: "\(path).\(key) is not a number")
        }
        return number
    }

    func timestamp(_ key: String) throws(FieldError) -> Timestamp? {
        guard let text = try string(key) else { return nil }
        guard let time = Timestamp(iso8601: text) else {
            throw FieldError(reason: "\(path).\(key) is not an ISO 8601 time")
        }
        return time
    }

    func object(_ key: String) throws(FieldError) -> FieldReader? {
        guard let member = member(key) else { return nil }
        guard case .object = member else {
            throw FieldError(reason: "\(path).\(key) is not an object")
        }
        return FieldReader(member, path: "\(path).\(key)")
    }

    func objects(_ key: String) throws(FieldError) -> [FieldReader] {
        guard let member = member(key) else { return [] }
        guard let elements = member.arrayValue else {
            throw FieldError(reason: "\(path).\(key) is not a list")
        }
        var readers: [FieldReader] = []
        for (index, element) in elements.enumerated() {
            guard case .object = element else {
                throw FieldError(reason: "\(path).\(key)[\(index)] is not an object")
            }
            readers.append(FieldReader(element, path: "\(path).\(key)[\(index)]"))
        }
        return readers
    }

    func stringMap(_ key: String) throws(FieldError) -> [String: String] {
        guard let member = member(key) else { return [:] }
        guard let members = member.objectValue else {
            throw FieldError(reason: "\(path).\(key) is not an object")
        }
        var map: [String: String] = [:]
        for (name, value) in members {
            guard let text = value.stringValue else {
                throw FieldError(reason: "\(path).\(key).\(name) is not a string")
            }
            map[name] = text
        }
        return map
    }
}
