import Testing

@testable import AWSClient

@Suite("AWSEndpoint")
struct AWSEndpointTests {
    @Test(
        "standard endpoints follow botocore's rules for each partition",
        arguments: [
            (AWSService.detective, "us-east-1", "https://api.detective.us-east-1.amazonaws.com"),
            (.securityHub, "us-east-1", "https://securityhub.us-east-1.amazonaws.com"),
            (.detective, "eu-west-2", "https://api.detective.eu-west-2.amazonaws.com"),
            (.securityHub, "eu-west-2", "https://securityhub.eu-west-2.amazonaws.com"),
            (.detective, "cn-north-1", "https://api.detective.cn-north-1.amazonaws.com.cn"),
            (.securityHub, "cn-north-1", "https://securityhub.cn-north-1.amazonaws.com.cn"),
            (.detective, "us-gov-west-1", "https://api.detective.us-gov-west-1.amazonaws.com"),
            (.securityHub, "us-gov-west-1", "https://securityhub.us-gov-west-1.amazonaws.com"),
        ])
    func standardTable(service: AWSService, region: String, expected: String) throws {
        let endpoint = try #require(AWSEndpoint.standard(for: service, region: region))
        #expect(endpoint.description == expected)
        #expect(endpoint.url(for: "/graphs/list") == expected + "/graphs/list")
        #expect(endpoint.hostHeader == String(expected.dropFirst("https://".count)))
    }

    @Test("an override keeps its port and path prefix")
    func overrideParts() throws {
        let endpoint = try #require(AWSEndpoint(url: "http://127.0.0.1:4566/prefix/"))
        #expect(endpoint.scheme == "http")
        #expect(endpoint.host == "127.0.0.1")
        #expect(endpoint.port == 4566)
        #expect(endpoint.basePath == "/prefix")
        #expect(endpoint.hostHeader == "127.0.0.1:4566")
        #expect(endpoint.wirePath(for: "/graphs/list") == "/prefix/graphs/list")
        #expect(endpoint.url(for: "/graphs/list") == "http://127.0.0.1:4566/prefix/graphs/list")
    }

    @Test("a default port is left out of the Host header")
    func defaultPort() throws {
        let endpoint = try #require(AWSEndpoint(url: "HTTPS://Example.com:443"))
        #expect(endpoint.scheme == "https")
        #expect(endpoint.hostHeader == "Example.com")
        #expect(endpoint.basePath == "")
        let ipv6 = try #require(AWSEndpoint(url: "http://[::1]:8080"))
        #expect(ipv6.hostHeader == "[::1]:8080")
    }

    @Test(
        "URLs that are not plain http(s) endpoints are refused",
        arguments: [
            "", "localhost:4566", "ftp://example.com", "file:///etc/passwd", "http://",
            "http://:80", "http://example.com:0", "http://example.com:99999",
            "http://example.com:8a", "http://user:pw@example.com", "http://example.com/?x=1",
            "http://example.com/#x", "http://exa mple.com", "http://example.com/\n",
            "http://[::1", "http://ex_ample.com",
        ])
    func invalidOverrides(url: String) {
        #expect(AWSEndpoint(url: url) == nil)
    }
}
