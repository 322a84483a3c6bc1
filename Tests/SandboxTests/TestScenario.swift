import AWSSigning
import Foundation
import JSON

@testable import Sandbox

/// A small scenario for the stand-in tests, and helpers to sign requests to it.
enum TestScenario {
    static let credentials = AWSCredentials(
        accessKeyID: "AKIDSANDBOXTEST00001", secretAccessKey: "sandbox-test-secret-key")
    static let east =
        "arn:aws:detective:us-east-1:111122223333:graph:0123456789abcdef0123456789abcdef"
    static let east2 =
        "arn:aws:detective:us-east-1:111122223333:graph:1123456789abcdef0123456789abcdef"
    static let east3 =
        "arn:aws:detective:us-east-1:111122223333:graph:2123456789abcdef0123456789abcdef"
    static let west =
        "arn:aws:detective:us-west-2:111122223333:graph:3123456789abcdef0123456789abcdef"
    static let alice = "arn:aws:iam::111122223333:user/alice"
    static let builder = "arn:aws:iam::111122223333:role/builder"
    static let stuck = "arn:aws:iam::111122223333:role/stuck"
    static let broken = "arn:aws:iam::111122223333:user/broken"
    static let findingID = "arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/f1"
    static let productARN = "arn:aws:securityhub:us-east-1::product/aws/guardduty"

    /// Every indicator type once, shaped as the model says.
    static let indicators: JSONValue = [
        [
            "IndicatorType": "TTP_OBSERVED",
            "IndicatorDetail": [
                "TTPsObservedDetail": [
                    "Tactic": "Discovery", "IpAddress": "198.51.100.7",
                    "APIName": "iam:ListUsers", "APISuccessCount": 3, "APIFailureCount": 0,
                ]
            ],
        ],
        [
            "IndicatorType": "IMPOSSIBLE_TRAVEL",
            "IndicatorDetail": [
                "ImpossibleTravelDetail": [
                    "StartingIpAddress": "198.51.100.7", "EndingIpAddress": "203.0.113.9",
                    "StartingLocation": "Columbus, US", "EndingLocation": "Sydney, AU",
                    "HourlyTimeDelta": 1,
                ]
            ],
        ],
        [
            "IndicatorType": "FLAGGED_IP_ADDRESS",
            "IndicatorDetail": [
                "FlaggedIpAddressDetail": [
                    "IpAddress": "203.0.113.9", "Reason": "AWS_THREAT_INTELLIGENCE",
                ]
            ],
        ],
        [
            "IndicatorType": "NEW_GEOLOCATION",
            "IndicatorDetail": [
                "NewGeolocationDetail": [
                    "Location": "Sydney, AU", "IpAddress": "203.0.113.9",
                    "IsNewForEntireAccount": true,
                ]
            ],
        ],
        [
            "IndicatorType": "NEW_ASO",
            "IndicatorDetail": [
                "NewAsoDetail": ["Aso": "EXAMPLE-NET", "IsNewForEntireAccount": false]
            ],
        ],
        [
            "IndicatorType": "NEW_USER_AGENT",
            "IndicatorDetail": [
                "NewUserAgentDetail": ["UserAgent": "curl/8.0", "IsNewForEntireAccount": true]
            ],
        ],
        [
            "IndicatorType": "RELATED_FINDING",
            "IndicatorDetail": [
                "RelatedFindingDetail": [
                    "Arn": "arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/f2",
                    "Type": "Recon:IAMUser/MaliciousIPCaller", "IpAddress": "203.0.113.9",
                ]
            ],
        ],
        [
            "IndicatorType": "RELATED_FINDING_GROUP",
            "IndicatorDetail": ["RelatedFindingGroupDetail": ["Id": "group-1"]],
        ],
    ]

    static func document(
        faults: JSONValue = [], fieldsUpdate: String = "merge", pageSizes: JSONValue = [:]
    ) -> JSONValue {
        [
            "name": "stand-in tests",
            "credentials": [
                "accessKeyId": .string(credentials.accessKeyID),
                "secretAccessKey": .string(credentials.secretAccessKey),
            ],
            "securityHubRegion": "us-east-1",
            "graphs": [
                ["arn": .string(east), "createdTime": "2024-01-01T00:00:00Z"],
                ["arn": .string(east2)], ["arn": .string(east3)], ["arn": .string(west)],
            ],
            "findings": [
                [
                    "Id": .string(findingID), "ProductArn": .string(productARN),
                    "AwsAccountId": "111122223333", "UserDefinedFields": ["owner": "team-a"],
                ],
                [
                    "Id": "arn:aws:guardduty:us-east-1:111122223333:detector/d1/finding/f2",
                    "ProductArn": .string(productARN), "AwsAccountId": "111122223333",
                ],
            ],
            "investigations": [
                [
                    "entityArn": .string(alice), "status": "SUCCESSFUL", "runningPolls": 2,
                    "severity": "HIGH", "indicators": indicators,
                ],
                ["entityArn": .string(builder), "status": "SUCCESSFUL", "runningSeconds": 30],
                ["entityArn": .string(stuck), "status": "RUNNING"],
                ["entityArn": .string(broken), "status": "FAILED", "runningPolls": 0],
            ],
            "faults": faults,
            "pageSizes": pageSizes,
            "userDefinedFieldsUpdate": .string(fieldsUpdate),
        ]
    }

    static func scenario(
        faults: JSONValue = [], fieldsUpdate: String = "merge", pageSizes: JSONValue = [:]
    ) throws -> Scenario {
        try Scenario(
            json: document(faults: faults, fieldsUpdate: fieldsUpdate, pageSizes: pageSizes)
                .encoded())
    }

    /// A request signed as an AWS SDK signs it.
    static func signed(
        _ method: String, _ path: String, body: [UInt8], service: String = "detective",
        region: String = "us-east-1", credentials: AWSCredentials = credentials,
        date: Date = Date()
    ) -> ServerRequest {
        let host = "127.0.0.1:9"
        let headers: [(name: String, value: String)] = [
            ("Host", host), ("Content-Type", "application/json"),
        ]
        let signer = SigV4Signer(credentials: credentials, region: region, service: service)
        let signing = SigningRequest(method: method, path: path, headers: headers, body: body)
        let all = headers + signer.signingHeaders(for: signing, date: date)
        return ServerRequest(
            method: method, target: path, headers: all.map { ServerHeader($0.name, $0.value) },
            body: body)
    }

    static func signed(
        _ method: String, _ path: String, json: JSONValue, service: String = "detective",
        region: String = "us-east-1", credentials: AWSCredentials = credentials
    ) -> ServerRequest {
        signed(
            method, path, body: json.encoded(), service: service, region: region,
            credentials: credentials)
    }

    /// The JSON body of `response`.
    static func body(_ response: ServerResponse) throws -> JSONValue {
        try JSONValue(parsing: response.body)
    }
}

/// A sandbox that is shut down when the test ends.
final class HostFixture {
    let host: SandboxHost

    init(_ scenario: Scenario, clock: @escaping WallClock = systemWallClock) throws {
        host = try SandboxHost(scenario: scenario, clock: clock)
    }

    deinit {
        host.shutdown()
    }

    func detective(_ path: String, _ json: JSONValue, region: String = "us-east-1")
        -> ServerResponse
    {
        host.detectiveDoor.handle(TestScenario.signed("POST", path, json: json, region: region))
    }

    func securityHub(_ method: String, _ path: String, _ json: JSONValue) -> ServerResponse {
        host.securityHubDoor.handle(
            TestScenario.signed(method, path, json: json, service: "securityhub"))
    }
}
