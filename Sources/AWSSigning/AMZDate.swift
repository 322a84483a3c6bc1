import FoundationEssentials

/// The two date forms SigV4 uses: `20150830T123600Z` (`X-Amz-Date`) and `20150830` (scope).
///
/// Computed from the Unix time with the proleptic Gregorian calendar, so signing needs no
/// time zone database and no formatter.
struct AMZDate: Equatable {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    var secondsSince1970: Int64

    init(_ date: Date) {
        // Clamped to years 0000–9999, the range the four-digit form can write; a date outside
        // it (or not a number) must not trap the conversion to an integer.
        let seconds = date.timeIntervalSince1970
        let bounded = seconds.isNaN ? 0 : min(max(seconds, -62_167_219_200), 253_402_300_799)
        secondsSince1970 = Int64(bounded.rounded(.down))
    }

    init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    /// Parses the `X-Amz-Date` form; nil for anything that is not exactly `YYYYMMDDTHHMMSSZ`
    /// with a real calendar date and time.
    init?(amzDate text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
            (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }

        let days = Self.daysSince1970(year: year, month: month, day: day)
        secondsSince1970 = days * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// The `Date` this stands for.
    var date: Date { Date(timeIntervalSince1970: Double(secondsSince1970)) }

    /// `YYYYMMDDTHHMMSSZ`, the value of `X-Amz-Date`.
    var timestamp: String {
        let (year, month, day) = civil
        let seconds = secondsSince1970 - Self.floorDivide(secondsSince1970, 86_400) * 86_400
        return padded(year, 4) + padded(month, 2) + padded(day, 2) + "T"
            + padded(seconds / 3_600, 2) + padded(seconds / 60 % 60, 2) + padded(seconds % 60, 2)
            + "Z"
    }

    /// `YYYYMMDD`, the date of the credential scope.
    var dateStamp: String {
        let (year, month, day) = civil
        return padded(year, 4) + padded(month, 2) + padded(day, 2)
    }

    private var civil: (year: Int64, month: Int64, day: Int64) {
        Self.civilDate(daysSince1970: Self.floorDivide(secondsSince1970, 86_400))
    }

    private func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Counts days in 400-year eras that start on 1 March, so the leap day falls last.
    private static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of ``daysSince1970(year:month:day:)``.
    private static func civilDate(daysSince1970 days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra =
            (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
