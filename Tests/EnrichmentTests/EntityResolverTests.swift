import AWSClient
import JSON
import Testing

@testable import Enrichment

@Suite("Finding the IAM entity of a finding")
struct EntityResolverTests {
    private static let keyDetails: [JSONPathItem] = ["Resources", 0, "Details", "AwsIamAccessKey"]

    private func resolve(_ finding: JSONValue) throws -> EntityResolution {
        EntityResolver.resolve(try Finding(json: finding))
    }

    private func entityARN(_ finding: JSONValue) throws -> String? {
        guard case .investigable(let entity) = try resolve(finding) else { return nil }
        return entity.arn
    }

    /// The modern public finding with its access key details replaced.
    private func modern(_ details: JSONValue) throws -> JSONValue {
        try Fixtures.modernFinding().setting(Self.keyDetails, to: details)
    }

    @Test("old-form key with UserName only and no principal type is a role, as SPEC.md orders")
    func oldForm() throws {
        let finding = try #require(Fixtures.iamKeyEvent()["detail"]?["findings"]?[0])
        #expect(try entityARN(finding) == "arn:aws:iam::644160558196:role/kapil")
    }

    @Test("principal type Unknown names a role in the finding's account")
    func unknownIsRole() throws {
        #expect(
            try entityARN(Fixtures.modernFinding())
                == "arn:aws:iam::061039776389:role/"
                + "GuardDutyTesterStack-driverClusterInstanceRole0AF55-BBc1BjBUOvw5"
        )
    }

    @Test("an EC2 instance listed first is passed over for the assumed role after it")
    func instanceFirst() throws {
        let finding = try #require(
            Fixtures.json("findings/finding_enrichment.json")["SecurityHubFinding"])
        #expect(
            try entityARN(finding)
                == "arn:aws:iam::061039776389:role/GuardDutyTesterStack-Role8C6B06EB-w1hOHDtSfdmA")
    }

    @Test("principal type IAMUser names a user")
    func iamUser() throws {
        let finding = try modern(["PrincipalType": "IAMUser", "PrincipalName": "alice.ops"])
        #expect(try entityARN(finding) == "arn:aws:iam::061039776389:user/alice.ops")
    }

    @Test("the session issuer's ARN wins over the principal name and keeps the role's path")
    func sessionIssuer() throws {
        let finding = try modern([
            "PrincipalType": "AssumedRole", "PrincipalName": "session-name",
            "SessionContext": [
                "SessionIssuer": [
                    "Arn": "arn:aws:iam::061039776389:role/service/ci/Deployer", "Type": "Role",
                    "UserName": "Deployer",
                ]
            ],
        ])
        #expect(try entityARN(finding) == "arn:aws:iam::061039776389:role/service/ci/Deployer")
    }

    @Test(
        "root, federated and other principal types are not investigable",
        arguments: ["Root", "FederatedUser", "AWSService", "AWSAccount", ""])
    func uninvestigableTypes(type: String) throws {
        let finding = try modern([
            "PrincipalType": .string(type), "PrincipalName": "someone",
            "SessionContext": ["SessionIssuer": ["Arn": "arn:aws:iam::061039776389:role/R"]],
        ])
        guard case .notInvestigable(let reason) = try resolve(finding) else {
            Issue.record("\(type) was investigated")
            return
        }
        #expect(reason.contains("principal type"))
    }

    @Test("EC2 instance identity credentials are not investigable, whatever the issuer says")
    func instanceIdentity() throws {
        let finding = try modern([
            "PrincipalType": "AssumedRole", "PrincipalName": "aws:ec2-instance",
            "SessionContext": ["SessionIssuer": ["Arn": "arn:aws:iam::061039776389:role/R"]],
        ])
        #expect(
            try resolve(finding)
                == .notInvestigable(reason: "the principal is an EC2 instance identity"))
    }

    @Test(
        "a principal name built to break a URL or JSON is not investigable",
        arguments: [
            #"x"},"EntityArn":"arn:aws:iam::1:root"#, "a/../../b", "name?x=1#frag", "two words",
            "tab\there", "nul\u{0}", "Ünïcode", String(repeating: "a", count: 65), "",
            "role%2F..", "<script>",
        ])
    func hostileNames(name: String) throws {
        let finding = try modern(["PrincipalType": "AssumedRole", "PrincipalName": .string(name)])
        #expect(try entityARN(finding) == nil)
    }

    @Test("a session issuer ARN that is not a clean role or user ARN is not used as is")
    func hostileIssuer() throws {
        let finding = try modern([
            "PrincipalType": "AssumedRole", "PrincipalName": "Fallback",
            "SessionContext": [
                "SessionIssuer": ["Arn": "arn:aws:iam::061039776389:role/x\"y/Name with space"]
            ],
        ])
        #expect(try entityARN(finding) == "arn:aws:iam::061039776389:role/Fallback")
    }

    @Test("IAM paths follow IAM's own pattern")
    func paths() {
        #expect(IAMNames.isPath("/"))
        #expect(IAMNames.isPath("/service-role/"))
        #expect(IAMNames.isPath("/aws-reserved/sso.amazonaws.com/eu-west-1/"))
        #expect(!IAMNames.isPath("//"))
        #expect(!IAMNames.isPath("/a b/"))
        #expect(!IAMNames.isPath("no-slashes"))
        #expect(!IAMNames.isPath("/" + String(repeating: "p", count: 511) + "/"))
        #expect(IAMEntity(arn: "arn:aws:iam::061039776389:role//Name") == nil)
        #expect(IAMEntity(arn: "arn:aws:iam::61039776389:role/Name") == nil)
        #expect(IAMEntity(arn: "arn:aws:sts::061039776389:assumed-role/Name/session") == nil)
    }

    @Test("IAM user and role resources: an ARN Id is used, a bare name is built into one")
    func userAndRoleResources() throws {
        let base = try Fixtures.modernFinding()
        let user = base.setting(
            ["Resources"],
            to: [["Type": "AwsIamUser", "Id": "arn:aws:iam::061039776389:user/ops/carol"]])
        #expect(try entityARN(user) == "arn:aws:iam::061039776389:user/ops/carol")
        let role = base.setting(["Resources"], to: [["Type": "AwsIamRole", "Id": "Admin"]])
        #expect(try entityARN(role) == "arn:aws:iam::061039776389:role/Admin")
        let mismatch = base.setting(
            ["Resources"], to: [["Type": "AwsIamRole", "Id": "arn:aws:iam::061039776389:user/u"]])
        #expect(try entityARN(mismatch) == nil)
    }

    @Test("a root key followed by a user resource investigates the user")
    func firstInvestigable() throws {
        let finding = try Fixtures.modernFinding().setting(
            ["Resources"],
            to: [
                [
                    "Type": "AwsIamAccessKey",
                    "Details": ["AwsIamAccessKey": ["PrincipalType": "Root"]],
                ],
                ["Type": "AwsIamUser", "Id": "bob"],
            ])
        #expect(try entityARN(finding) == "arn:aws:iam::061039776389:user/bob")
    }

    @Test("the partition comes from the finding's ARNs")
    func partitionFromARNs() throws {
        let gov = try Fixtures.modernFinding()
            .setting(
                ["ProductArn"],
                to: "arn:aws-us-gov:securityhub:us-gov-west-1::product/aws/guardduty")
        #expect(try entityARN(gov)?.hasPrefix("arn:aws-us-gov:iam::061039776389:role/") == true)
        let china = try Fixtures.modernFinding()
            .setting(["ProductArn"], to: "arn:aws-cn:securityhub:cn-north-1::product/aws/guardduty")
        #expect(try entityARN(china)?.hasPrefix("arn:aws-cn:iam::") == true)
        let unknown = try Fixtures.modernFinding()
            .setting(["ProductArn"], to: "product/aws/guardduty")
            .setting(["Id"], to: "finding-1")
            .removing(["Resources", 0, "Partition"])
        #expect(
            try resolve(unknown)
                == .notInvestigable(reason: "the finding's ARNs name no known partition"))
    }

    @Test(
        "Security Hub's own findings about IAM users are not GuardDuty's",
        arguments: [
            "events/cis1314-save.json",
            "events/imported_new_automated_standard_check.template.json",
        ])
    func controlFindings(path: String) throws {
        let event = try SecurityHubEvent(bytes: Fixtures.bytes(path))
        let finding = try event.findings[0].get()
        #expect(
            EntityResolver.resolve(finding) == .notInvestigable(reason: "not a GuardDuty finding"))
    }

    @Test("ProductName decides GuardDuty; the product ARN only when the name is absent")
    func guardDutyByName() throws {
        let named = try Fixtures.modernFinding()
            .setting(["ProductArn"], to: "arn:aws:securityhub:us-east-2::product/acme/scanner")
        #expect(try Finding(json: named).isGuardDuty)
        let renamed = try Fixtures.modernFinding().setting(["ProductName"], to: "Inspector")
        #expect(try Finding(json: renamed).isGuardDuty == false)
    }

    @Test("a GuardDuty finding about an EC2 instance has no entity")
    func ec2Finding() throws {
        let event = try SecurityHubEvent(bytes: Fixtures.bytes("events/vumdao-testsample.json"))
        #expect(
            EntityResolver.resolve(try event.findings[0].get())
                == .notInvestigable(reason: "no IAM user, role or access key resource"))
    }
}
