import Foundation
import JSON
import Testing

/// The parser must read every JSON file of the repository as FoundationEssentials'
/// `JSONDecoder` (through `JSONValue`'s `Decodable` conformance) does, and agree with it on
/// which awkward inputs to refuse.
@Suite("JSONParser agrees with JSONDecoder")
struct JSONDecoderAgreementTests {
    /// The package root, three levels above this file.
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/*/Fixtures/**/*.json` and `scenarios/*.json`, as paths relative to the root.
    static let fixtures: [String] = {
        let manager = FileManager.default
        var paths: [String] = []
        let tests = root.appendingPathComponent("Tests")
        for target in (try? manager.contentsOfDirectory(atPath: tests.path)) ?? [] {
            let folder = "Tests/\(target)/Fixtures"
            let files = manager.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let file = files?.nextObject() as? String {
                if file.hasSuffix(".json") { paths.append("\(folder)/\(file)") }
            }
        }
        let scenarios = root.appendingPathComponent("scenarios").path
        for file in (try? manager.contentsOfDirectory(atPath: scenarios)) ?? []
        where file.hasSuffix(".json") {
            paths.append("scenarios/\(file)")
        }
        return paths.sorted()
    }()

    private func decoded(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    @Test("finds the repository's JSON fixtures")
    func findsFixtures() {
        #expect(Self.fixtures.count >= 20)
        #expect(Self.fixtures.contains("scenarios/bench-instant.json"))
    }

    @Test("reads each fixture as JSONDecoder does", arguments: fixtures)
    func agreesOnFixture(path: String) throws {
        let bytes = Array(try Data(contentsOf: Self.root.appendingPathComponent(path)))

        let parsed = try JSONValue(parsing: bytes)

        #expect(parsed == decoded(bytes))
    }

    @Test("re-parses its own encoding of each fixture to the same value", arguments: fixtures)
    func encodingRoundTrips(path: String) throws {
        let bytes = Array(try Data(contentsOf: Self.root.appendingPathComponent(path)))
        let parsed = try JSONValue(parsing: bytes)

        let encoded = parsed.encoded()

        #expect(try JSONValue(parsing: encoded) == parsed)
        #expect(decoded(encoded) == parsed)
    }

    @Test(
        "accepts and refuses the same awkward inputs",
        arguments: [
            "-0", "1E+2", "0.000001", "123456789012345678901234567890",
            "1e400", "01", "1.", "{} x", #""\ud83d""#, #""\ude42""#,
            #""\ud83d\ude42""#, #""\u0000""#, "\"\u{7F}\"", "\"\t\"", #""\x""#, " [ ] ",
            "\u{FEFF}{}",
        ])
    func agreesOnEdge(text: String) {
        let bytes = Array(text.utf8)

        let parsed = try? JSONValue(parsing: bytes)

        #expect(parsed == decoded(bytes))
    }

    @Test("differs only where JSONDecoder is lenient or keeps the first duplicate name")
    func deliberateDifferences() throws {
        // JSONDecoder accepts a trailing comma; RFC 8259 does not.
        #expect(decoded(Array("[1,]".utf8)) == [1])
        #expect((try? JSONValue(parsing: Array("[1,]".utf8))) == nil)
        // JSONDecoder refuses a number that underflows; rounding it to zero loses nothing.
        #expect(decoded(Array("1e-400".utf8)) == nil)
        #expect(try JSONValue(parsing: Array("1e-400".utf8)) == 0)
        // RFC 8259 leaves duplicate names open; the last one wins, as most parsers do.
        #expect(decoded(Array(#"{"a":1,"a":2}"#.utf8)) == ["a": 1])
        #expect(try JSONValue(parsing: Array(#"{"a":1,"a":2}"#.utf8)) == ["a": 2])
    }

    @Test("refuses bytes that are not UTF-8 as JSONDecoder does")
    func agreesOnInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22]] {
            #expect((try? JSONValue(parsing: bytes)) == decoded(bytes))
        }
    }
}
