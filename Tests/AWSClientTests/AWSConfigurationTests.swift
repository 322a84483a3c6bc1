import AWSSigning
import Testing

@testable import AWSClient

@Suite("AWSConfiguration")
struct AWSConfigurationTests {
    static let base = [
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "AWS_REGION": "eu-west-2",
    ]

    private func configuration(_ extra: [String: String]) throws -> AWSConfiguration {
        try AWSConfiguration.fromEnvironment(Self.base.merging(extra) { _, new in new })
    }

    private func failure(_ environment: [String: String]) -> AWSConfigurationError? {
        do {
            _ = try AWSConfiguration.fromEnvironment(environment)
            return nil
        } catch {
            return error
        }
    }

    @Test("Lambda's variables give credentials, region and three attempts")
    func lambdaDefaults() throws {
        let config = try configuration(["AWS_SESSION_TOKEN": "token"])
        #expect(
            config.credentials
                == AWSCredentials(
                    accessKeyID: "AKIDEXAMPLE",
                    secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                    sessionToken: "token"))
        #expect(config.region == "eu-west-2")
        #expect(config.retryPolicy.maxAttempts == 3)
        #expect(config.endpointOverride == nil)
        #expect(config.serviceEndpointOverrides.isEmpty)
        #expect(try configuration([:]).credentials.sessionToken == nil)
        #expect(try configuration(["AWS_SESSION_TOKEN": ""]).credentials.sessionToken == nil)
    }

    @Test("AWS_REGION wins over AWS_DEFAULT_REGION, which is the fallback")
    func regionPrecedence() throws {
        #expect(try configuration(["AWS_DEFAULT_REGION": "us-east-1"]).region == "eu-west-2")
        var environment = Self.base
        environment["AWS_REGION"] = nil
        environment["AWS_DEFAULT_REGION"] = "cn-north-1"
        #expect(try AWSConfiguration.fromEnvironment(environment).region == "cn-north-1")
    }

    @Test("AWS_MAX_ATTEMPTS sets the attempts")
    func maxAttempts() throws {
        #expect(try configuration(["AWS_MAX_ATTEMPTS": "5"]).retryPolicy.maxAttempts == 5)
        #expect(try configuration(["AWS_MAX_ATTEMPTS": "1"]).retryPolicy.maxAttempts == 1)
    }

    @Test(
        "bad values are errors naming the variable and the value",
        arguments: [
            ("AWS_MAX_ATTEMPTS", "0"), ("AWS_MAX_ATTEMPTS", "-1"), ("AWS_MAX_ATTEMPTS", "3.5"),
            ("AWS_MAX_ATTEMPTS", "three"), ("AWS_REGION", "eu-west"),
            ("AWS_REGION", "evil.com/eu-west-2"), ("AWS_REGION", "us-iso-east-1"),
            ("AWS_ENDPOINT_URL", "localhost:4566"), ("AWS_ENDPOINT_URL_DETECTIVE", "ftp://x"),
            ("AWS_ENDPOINT_URL_SECURITYHUB", "http://x/?q"),
        ])
    func badValues(variable: String, value: String) throws {
        let error = try #require(failure(Self.base.merging([variable: value]) { _, new in new }))
        #expect(error.variable == variable)
        #expect(error.value == value)
        #expect(error.description.contains(variable))
        #expect(error.description.contains(value))
    }

    @Test(
        "missing credentials or region are errors naming the variable, never a secret",
        arguments: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"])
    func missing(variable: String) throws {
        var environment = Self.base
        environment[variable] = nil
        let error = try #require(failure(environment))
        #expect(error.variable == variable)
        #expect(error.value == nil)
        #expect(!error.description.contains("wJalrXUtnFEMI"))
    }

    @Test("the service override wins over the global one, which wins over AWS")
    func overridePrecedence() throws {
        let config = try configuration([
            "AWS_ENDPOINT_URL": "http://127.0.0.1:4566",
            "AWS_ENDPOINT_URL_SECURITYHUB": "https://hub.example.com/base/",
        ])
        let hub = try #require(config.endpoint(for: .securityHub, region: "eu-west-2"))
        #expect(hub.description == "https://hub.example.com/base")
        let detective = try #require(config.endpoint(for: .detective, region: "eu-west-2"))
        #expect(detective.description == "http://127.0.0.1:4566")

        let plain = try configuration([:])
        #expect(
            plain.endpoint(for: .detective, region: "us-gov-west-1")?.description
                == "https://api.detective.us-gov-west-1.amazonaws.com")
        #expect(plain.endpoint(for: .securityHub, region: "not a region") == nil)
    }
}
