/// Repeated measurements of one figure.
public struct Samples: Sendable {
    /// The values in the order measured.
    public var values: [Double]

    /// Measurements `values`; empty is allowed and reads as zero.
    public init(_ values: [Double]) {
        self.values = values
    }

    /// The middle value, or the mean of the two middle ones.
    public var median: Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The smallest value.
    public var minimum: Double { values.min() ?? 0 }

    /// The largest value.
    public var maximum: Double { values.max() ?? 0 }
}
