#if canImport(Glibc)
    import Glibc
#endif

/// A figure's goal: its median must stay below `limit`.
public struct Target: Sendable {
    /// The bound the median must stay under.
    public var limit: Double

    /// A target of below `limit`.
    public init(below limit: Double) {
        self.limit = limit
    }
}

/// The rows of the benchmark table, printed as Markdown so they paste into the README.
public enum ResultTable {
    /// One row: median, min and max with `decimals` digits and whether the median met `target`.
    public static func row(
        _ name: String, unit: String, _ samples: Samples, decimals: Int = 2,
        target: Target? = nil
    ) -> String {
        let figures = [samples.median, samples.minimum, samples.maximum]
            .map { formatted($0, decimals: decimals) }
        var verdict = "-"
        var goal = "-"
        if let target {
            goal = "< \(formatted(target.limit, decimals: 0)) \(unit)"
            verdict =
                samples.median < target.limit
                ? "met"
                : "**NOT MET** (\(formatted(samples.median / target.limit, decimals: 1))x)"
        }
        return "| \(name) (\(unit)) | \(figures.joined(separator: " | ")) | \(goal) | \(verdict) |"
    }

    /// `value` with `decimals` digits after the point.
    public static func formatted(_ value: Double, decimals: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = buffer.withUnsafeMutableBufferPointer { pointer in
            withVaList([value]) { arguments in
                vsnprintf(pointer.baseAddress, pointer.count, "%.\(decimals)f", arguments)
            }
        }
        return String(
            decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Writes `line` and a newline to standard output at once, so rows appear as measured.
    public static func print(_ line: String) {
        writeAll(line + "\n", to: 1)
    }

    /// Writes `line` to standard error: progress that must stay out of the table.
    public static func note(_ line: String) {
        writeAll(line + "\n", to: 2)
    }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                write(descriptor, $0.baseAddress, $0.count)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
