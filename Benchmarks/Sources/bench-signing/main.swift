import AWSSigning
import BenchSupport
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

// SigV4 signatures per second of the request the function sends most: StartInvestigation,
// signed with session credentials as Lambda provides them. Each round signs for one second.
let rounds = Int(CommandLine.arguments.dropFirst().first ?? "5") ?? 5

let credentials = AWSCredentials(
    accessKeyID: "ASIABENCHEXAMPLE0001", secretAccessKey: "bench-only-secret-not-an-aws-key",
    sessionToken: String(repeating: "IQoJb3JpZ2luX2VjEBenchToken", count: 30))
let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "detective")
let body = Array(
    """
    {"GraphArn":"arn:aws:detective:us-east-1:644160558196:graph:00b18e61ef8d604ecda990595827c43a",\
    "EntityArn":"arn:aws:iam::644160558196:user/ci-deployer",\
    "ScopeStartTime":"2025-11-19T08:14:03Z","ScopeEndTime":"2025-11-20T09:02:41Z"}
    """.utf8)
let request = SigningRequest(
    method: "POST", path: "/investigations/startInvestigation",
    headers: [
        ("Host", "api.detective.us-east-1.amazonaws.com"), ("Content-Type", "application/json"),
    ],
    body: body)

let clock = ContinuousClock()
var rates: [Double] = []
// Summed so the optimiser cannot drop the signing.
var checksum = 0
for _ in 0..<rounds {
    var count = 0
    let started = clock.now
    var elapsed = Duration.zero
    while elapsed < .seconds(1) {
        for _ in 0..<100 {
            checksum &+=
                signer.signingHeaders(for: request, date: Date()).last?.value.utf8.count ?? 0
        }
        count += 100
        elapsed = clock.now - started
    }
    let parts = elapsed.components
    rates.append(Double(count) / (Double(parts.seconds) + Double(parts.attoseconds) / 1e18))
}
ResultTable.print(
    ResultTable.row(
        "SigV4 signing, StartInvestigation request", unit: "signatures/s", Samples(rates),
        decimals: 0))
ResultTable.note("bench-signing: \(rounds) rounds of 1 s (checksum \(checksum % 10))")
