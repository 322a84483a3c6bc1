import AWSSigning
import FoundationEssentials

/// Verifies a request's SigV4 signature for one service and a set of regions.
enum SignatureCheck {
    /// The credential scope's region when `request` is signed by `credentials` for `service`
    /// in one of `regions`, else the error AWS answers with.
    static func verify(
        _ request: ServerRequest, credentials: AWSCredentials, service: String,
        regions: Set<String>
    ) -> Result<String, ErrorAnswer> {
        // One endpoint serves every region of the scenario, so the verifier accepts any
        // region and the scope's region is checked against the scenario's afterwards.
        let verifier = SigV4Verifier(service: service, region: nil, known: [credentials])
        let signed = SigningRequest(
            method: request.method, path: request.path, query: request.query,
            headers: request.headers.map { (name: $0.name, value: $0.value) }, body: request.body)
        switch verifier.verify(signed, now: Date()) {
        case .failure(let failure):
            return .failure(
                ErrorAnswer(
                    status: failure.status, code: failure.code.rawValue, message: failure.message))
        case .success(let verified):
            guard regions.contains(verified.region) else {
                return .failure(
                    ErrorAnswer(
                        status: 403, code: "InvalidSignatureException",
                        message: "Credential should be scoped to a valid region. "
                            + "This \(service) endpoint serves "
                            + regions.sorted().joined(separator: ", ") + "."
                    ))
            }
            return .success(verified.region)
        }
    }
}
