import AWSSigning
import Foundation

/// A realistic signed request for the sensitivity and verifier tests.
enum SigningExamples {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let token = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENVALUE1234567890+/=="
    static let credentials = AWSCredentials(
        accessKeyID: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: secret, sessionToken: token)
    static let longTerm = AWSCredentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: secret)
    /// Another long-term key the verifier knows.
    static let longTermOther = AWSCredentials(
        accessKeyID: "AKIAI44QH8DHBEXAMPLE",
        secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")
    /// 2026-12-03T17:40:00Z.
    static let date = Date(timeIntervalSince1970: 1_796_319_600)

    static let request = SigningRequest(
        method: "POST", path: "/investigations/startInvestigation",
        headers: [
            ("Host", "api.detective.eu-west-2.amazonaws.com"),
            ("Content-Type", "application/json"),
        ],
        body: Array(
            #"{"GraphArn":"arn:aws:detective:eu-west-2:111122223333:graph:abc","Note":"Prüfung ✓"}"#
                .utf8))

    static func signer(_ credentials: AWSCredentials = credentials) -> SigV4Signer {
        SigV4Signer(credentials: credentials, region: "eu-west-2", service: "detective")
    }

    /// `request` with the signer's headers added, as it goes on the wire.
    static func signed(
        _ request: SigningRequest = request, by signer: SigV4Signer = signer(), at date: Date = date
    ) -> SigningRequest {
        var wire = request
        wire.headers += signer.signingHeaders(for: request, date: date)
        return wire
    }

    static func signature(of request: SigningRequest, by signer: SigV4Signer = signer()) -> String {
        let authorization = signer.signingHeaders(for: request, date: date).last?.value ?? ""
        return String(authorization.split(separator: "=").last ?? "")
    }
}
