import AWSClient

/// What a finding's resources make of it: an entity to investigate, or why there is none.
enum EntityResolution: Sendable, Equatable {
    case investigable(IAMEntity)
    case notInvestigable(reason: String)
}

/// Finds the IAM user or role a GuardDuty finding is about, in the order SPEC.md gives.
enum EntityResolver {
    /// Principal types whose name is a user or role we can build an ARN for; nil is absent.
    private static let roleTypes: Set<String?> = [nil, "AssumedRole", "Unknown"]
    /// The principal of EC2 instance identity credentials: no user or role to investigate.
    private static let instancePrincipal = "aws:ec2-instance"

    /// The first investigable entity among `finding.Resources`, or the reason there is none.
    static func resolve(_ finding: Finding) -> EntityResolution {
        guard finding.isGuardDuty else {
            return .notInvestigable(reason: "not a GuardDuty finding")
        }

        var firstReason: String?
        for resource in finding.resources {
            let resolution: EntityResolution?
            switch resource.type {
            case "AwsIamRole": resolution = named(resource, kind: .role, in: finding)
            case "AwsIamUser": resolution = named(resource, kind: .user, in: finding)
            case "AwsIamAccessKey": resolution = accessKey(resource, in: finding)
            default: resolution = nil
            }
            switch resolution {
            case .investigable(let entity)?: return .investigable(entity)
            case .notInvestigable(let reason)?: firstReason = firstReason ?? reason
            case nil: continue
            }
        }
        return .notInvestigable(reason: firstReason ?? "no IAM user, role or access key resource")
    }

    private static func named(
        _ resource: FindingResource, kind: IAMEntity.Kind, in finding: Finding
    ) -> EntityResolution {
        guard let id = resource.id else {
            return .notInvestigable(reason: "\(resource.type) resource without an Id")
        }
        if id.hasPrefix("arn:") {
            guard let entity = IAMEntity(arn: id), entity.kind == kind else {
                return .notInvestigable(
                    reason: "\(resource.type) Id is not a valid IAM \(kind) ARN")
            }
            return .investigable(entity)
        }
        return built(kind: kind, name: id, in: finding, resource: resource)
    }

    private static func accessKey(
        _ resource: FindingResource, in finding: Finding
    ) -> EntityResolution {
        let details = resource.accessKey ?? AccessKeyDetails()
        let type = details.principalType
        guard type == "IAMUser" || roleTypes.contains(type) else {
            return .notInvestigable(reason: "principal type \(type ?? "") is not investigable")
        }
        let names = [details.principalName, details.userName, details.sessionIssuerUserName]
        let issuerName = details.sessionIssuerARN?.split(separator: "/").last.map(String.init)
        guard !(names + [issuerName]).contains(instancePrincipal) else {
            return .notInvestigable(reason: "the principal is an EC2 instance identity")
        }

        // The issuer's ARN keeps the role's path, which a name alone loses.
        if let issuerARN = details.sessionIssuerARN, let entity = IAMEntity(arn: issuerARN) {
            return .investigable(entity)
        }
        guard let name = details.principalName ?? details.userName else {
            return .notInvestigable(reason: "access key resource names no principal")
        }
        let kind: IAMEntity.Kind = type == "IAMUser" ? .user : .role
        return built(kind: kind, name: name, in: finding, resource: resource)
    }

    private static func built(
        kind: IAMEntity.Kind, name: String, in finding: Finding, resource: FindingResource
    ) -> EntityResolution {
        guard IAMNames.isName(name) else {
            return .notInvestigable(reason: "principal name is not a valid IAM name")
        }
        guard let account = finding.accountID, IAMNames.isAccountID(account) else {
            return .notInvestigable(reason: "the finding has no valid AwsAccountId")
        }
        guard let partition = partition(of: finding, resource: resource) else {
            return .notInvestigable(reason: "the finding's ARNs name no known partition")
        }
        guard
            let entity = IAMEntity(kind: kind, partition: partition, accountID: account, name: name)
        else {
            return .notInvestigable(reason: "the IAM \(kind) ARN would not be valid")
        }
        return .investigable(entity)
    }

    /// The partition the finding's own ARNs name; never a default.
    static func partition(of finding: Finding, resource: FindingResource?) -> Partition? {
        if let partition = Partition(arn: finding.identifier.productARN) { return partition }
        if let partition = Partition(arn: finding.identifier.id) { return partition }
        return resource?.partition.flatMap(Partition.init(rawValue:))
    }
}
