import Testing

@testable import AWSClient

@Suite("Partition")
struct PartitionTests {
    @Test(
        "a region maps to its partition, DNS suffix and console host",
        arguments: [
            ("us-east-1", Partition.aws, "amazonaws.com", "us-east-1.console.aws.amazon.com"),
            ("eu-west-2", .aws, "amazonaws.com", "eu-west-2.console.aws.amazon.com"),
            ("cn-north-1", .awsCN, "amazonaws.com.cn", "cn-north-1.console.amazonaws.cn"),
            (
                "us-gov-west-1", .awsUSGov, "amazonaws.com",
                "us-gov-west-1.console.amazonaws-us-gov.com"
            ),
        ])
    func regionTable(region: String, partition: Partition, suffix: String, console: String) {
        #expect(Partition(region: region) == partition)
        #expect(Partition(region: region)?.dnsSuffix == suffix)
        #expect(Partition.consoleHost(region: region) == console)
    }

    @Test(
        "names that are not regions never become a partition or a host",
        arguments: [
            "", "us-east", "US-EAST-1", "us-east-1a", "useast-1", "u-east-1", "us--1",
            "us-east-1.evil.com", "us-east-1/x", "evil.com/us-east-1", "us-east-1 ", "-east-1",
            "us-east-", "us-1",
        ])
    func invalidRegions(name: String) {
        #expect(!Partition.isValidRegionName(name))
        #expect(Partition(region: name) == nil)
        #expect(Partition.consoleHost(region: name) == nil)
        #expect(AWSEndpoint.standard(for: .detective, region: name) == nil)
    }

    @Test("isolated partitions are refused rather than sent to a commercial host")
    func isolatedPartitions() {
        #expect(Partition.isValidRegionName("us-iso-east-1"))
        #expect(Partition(region: "us-iso-east-1") == nil)
        #expect(Partition(region: "us-isob-east-1") == nil)
        #expect(Partition(region: "eusc-de-east-1") == nil)
    }

    @Test(
        "an ARN's partition field names the partition",
        arguments: [
            ("arn:aws:iam::123456789012:user/alice", Partition.aws),
            ("arn:aws-cn:iam::123456789012:role/r", .awsCN),
            ("arn:aws-us-gov:detective:us-gov-west-1:123456789012:graph:abc", .awsUSGov),
        ])
    func arnPartition(arn: String, partition: Partition) {
        #expect(Partition(arn: arn) == partition)
    }

    @Test(
        "text that is not an ARN of a known partition has none",
        arguments: ["", "arn", "arn:aws", "arn:aws-iso:iam::1:user/a", "urn:aws:iam::1:user/a"])
    func notAnARN(text: String) {
        #expect(Partition(arn: text) == nil)
    }

    @Test("a console URL names the region twice and keeps the fragment")
    func consoleURL() {
        let url = Partition.consoleURL(
            region: "eu-west-2", servicePath: "detective/home",
            fragment: "investigationReport/000123")
        #expect(
            url == "https://eu-west-2.console.aws.amazon.com/detective/home?region=eu-west-2"
                + "#investigationReport/000123")
        let china = Partition.consoleURL(region: "cn-north-1", servicePath: "/detective/home")
        #expect(china == "https://cn-north-1.console.amazonaws.cn/detective/home?region=cn-north-1")
    }

    @Test("a console URL escapes what a path or fragment may not hold")
    func consoleURLEscaping() {
        let url = Partition.consoleURL(
            region: "us-east-1", servicePath: "detective/home page", fragment: "a b#c<d>")
        #expect(
            url == "https://us-east-1.console.aws.amazon.com/detective/home%20page"
                + "?region=us-east-1#a%20b%23c%3Cd%3E")
        #expect(Partition.consoleURL(region: "evil.com#", servicePath: "x") == nil)
    }
}
