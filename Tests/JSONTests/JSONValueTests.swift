import JSON
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test("parses every JSON type and reads members back")
    func parsesAndReads() throws {
        let text = #"{"a":[1,2.5,true,null,"x"],"b":{"c":"d"},"e":-3}"#
        let value = try JSONValue(parsing: Array(text.utf8))

        #expect(value["a"]?[0]?.numberValue == 1)
        #expect(value["a"]?[1]?.numberValue == 2.5)
        #expect(value["a"]?[2]?.boolValue == true)
        #expect(value["a"]?[3] == .null)
        #expect(value["a"]?[4]?.stringValue == "x")
        #expect(value["a"]?[5] == nil)
        #expect(value["b"]?["c"]?.stringValue == "d")
        #expect(value["e"]?.numberValue == -3)
        #expect(value["missing"] == nil)
    }

    @Test("encodes compactly with sorted keys and integral numbers without a fraction")
    func encodesStably() {
        let value: JSONValue = ["z": 1, "a": [true, nil, 2.5], "m": "text"]

        #expect(value.jsonText == #"{"a":[true,null,2.5],"m":"text","z":1}"#)
    }

    @Test("escapes quotes, backslashes and control characters so the output parses back")
    func escapesStrings() throws {
        let awkward = "quote \" backslash \\ newline \n tab \t bell \u{07} del \u{7F} é ሴ 🙂"
        let value: JSONValue = ["message": .string(awkward)]

        let text = value.jsonText
        let parsed = try JSONValue(parsing: Array(text.utf8))

        #expect(parsed["message"]?.stringValue == awkward)
        #expect(!text.contains("\n"))
        #expect(text.contains(#"\u0007"#))
    }

    @Test("rejects text that is not JSON")
    func rejectsInvalid() {
        for text in ["", "{", "not json", #"{"a":}"#] {
            #expect(throws: (any Error).self) { try JSONValue(parsing: Array(text.utf8)) }
        }
    }

    @Test("round-trips through Codable")
    func roundTripsCodable() throws {
        let value: JSONValue = ["list": [1, "two", ["three": 3]], "flag": false]

        let reparsed = try JSONValue(parsing: value.encoded())

        #expect(reparsed == value)
    }
}
