/// A slice of a botocore model shape: enough to check a request body as the service would.
indirect enum Shape: Sendable {
    /// A JSON object; members not listed are reported, unless `open` (a model too big to list).
    case structure(members: [String: Shape], required: Set<String> = [], open: Bool = false)
    /// A JSON string with the model's constraints.
    case string(StringRules = StringRules())
    /// A JSON integer within the bounds.
    case integer(min: Int? = nil, max: Int? = nil)
    /// A JSON number.
    case double
    /// A JSON Boolean.
    case boolean
    /// A string holding an ISO 8601 date-time (`timestampFormat: iso8601`).
    case timestamp
    /// A JSON array of `member`, with the model's length bounds.
    case list(Shape, min: Int? = nil, max: Int? = nil)
    /// A JSON object whose values are all `value`.
    case map(value: Shape)
    /// Anything: a part of the model the sandbox does not check.
    case any
}

/// The constraints a model puts on a string.
struct StringRules: Sendable {
    var allowed: [String]? = nil
    var pattern: String? = nil
    var min: Int? = nil
    var max: Int? = nil
}

extension Shape {
    /// A string limited to the model's `enum` values.
    static func enumeration(_ values: [String]) -> Shape {
        .string(StringRules(allowed: values))
    }

    /// A string matching the model's `pattern`.
    static func pattern(_ pattern: String, min: Int? = nil, max: Int? = nil) -> Shape {
        .string(StringRules(pattern: pattern, min: min, max: max))
    }

    /// A string with length bounds only.
    static func text(min: Int? = nil, max: Int? = nil) -> Shape {
        .string(StringRules(min: min, max: max))
    }
}
