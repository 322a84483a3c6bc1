import AWSSigning
import JSON

/// Reads members of a scenario document, naming the path of anything wrong.
struct ScenarioReader {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String = "") {
        self.value = value
        self.path = path
    }

    func at(_ key: String) -> ScenarioReader {
        ScenarioReader(value[key] ?? .null, path: path.isEmpty ? key : "\(path).\(key)")
    }

    var isPresent: Bool { value != .null }

    func fail(_ message: String) -> ScenarioError {
        ScenarioError(.invalid, path: path, message)
    }

    func string() throws(ScenarioError) -> String {
        guard let text = value.stringValue, !text.isEmpty else {
            throw fail("expected a non-empty string")
        }
        return text
    }

    func optionalString() throws(ScenarioError) -> String? {
        isPresent ? try string() : nil
    }

    func number(default fallback: Double, max: Double = 1e9) throws(ScenarioError) -> Double {
        guard isPresent else { return fallback }
        guard let number = value.numberValue, number >= 0, number <= max else {
            throw fail("expected a number from 0 to \(Int(max))")
        }
        return number
    }

    func integer(default fallback: Int) throws(ScenarioError) -> Int {
        let number = try number(default: Double(fallback))
        guard number == number.rounded(), number < 1e9 else { throw fail("expected an integer") }
        return Int(number)
    }

    func oneOf(_ allowed: [String], default fallback: String? = nil) throws(ScenarioError)
        -> String
    {
        if !isPresent, let fallback { return fallback }
        let text = try string()
        guard allowed.contains(text) else {
            throw fail("expected one of \(allowed.joined(separator: ", "))")
        }
        return text
    }

    func array() throws(ScenarioError) -> [ScenarioReader] {
        guard isPresent else { return [] }
        guard let elements = value.arrayValue else { throw fail("expected a list") }
        return elements.indices.map { ScenarioReader(elements[$0], path: "\(path)[\($0)]") }
    }

    func strings() throws(ScenarioError) -> [String] {
        var result: [String] = []
        for element in try array() { result.append(try element.string()) }
        return result
    }

    func stringMap() throws(ScenarioError) -> [String: String] {
        guard isPresent else { return [:] }
        guard let object = value.objectValue else { throw fail("expected an object") }
        var result: [String: String] = [:]
        for key in object.keys.sorted() { result[key] = try at(key).string() }
        return result
    }

    func timestamp(default fallback: Double) throws(ScenarioError) -> Double {
        guard isPresent else { return fallback }
        guard let seconds = Timestamp.parse(try string()) else {
            throw fail("expected an ISO 8601 timestamp")
        }
        return seconds
    }
}
