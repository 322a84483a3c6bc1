/// One header line; names keep the case they were given or received in.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    /// A header line `name: value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// A header line `name: value`.
    public init(_ name: String, _ value: String) {
        self.init(name: name, value: value)
    }
}

extension [HTTPHeader] {
    /// The value of the first header called `name`, compared case-insensitively.
    func firstValue(named name: String) -> String? {
        let wanted = name.lowercased()
        return first { $0.name.lowercased() == wanted }?.value
    }
}
