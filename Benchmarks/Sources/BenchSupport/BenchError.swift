/// Why a benchmark could not produce its figure.
public struct BenchError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for the person running the benchmark.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
