/// SplitMix64: a small generator whose sequence depends on its seed alone, on every platform
/// and Swift version, so a chaos seed names the same fault plan forever.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole sequence follows from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    // Swift's own `random(in:using:)` may change how it draws between versions; these do not.

    /// A value in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A whole number in `range`.
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// A value in `range`, rounded to tenths so a plan prints as it runs.
    mutating func tenths(_ range: ClosedRange<Double>) -> Double {
        ((range.lowerBound + unit() * (range.upperBound - range.lowerBound)) * 10).rounded() / 10
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of `choices`, each as likely as its weight.
    mutating func weighted<T>(_ choices: [(T, Int)]) -> T {
        let total = choices.reduce(0) { $0 + max(0, $1.1) }
        var draw = integer(0...max(0, total - 1))
        for (choice, weight) in choices {
            if draw < weight { return choice }
            draw -= max(0, weight)
        }
        return choices[choices.count - 1].0
    }
}
