// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Numbers rounded for people reading a terminal (the CSV files keep full precision).
///
/// - shares (unit `share`) as percentages with one decimal: `0.1234` → `12.3 %`;
/// - from 1,000 up, whole numbers with thousands separators: `12345.6` → `12,346`;
/// - from 10 up, one decimal: `812.34` → `812.3`; below, two decimals: `3.456` → `3.46`;
/// - NaN (undefined) as `n/a`, infinities as `inf` and `-inf`.
///
/// The output does not depend on the locale (always `.` and `,`).
public enum ReadableNumber {
    /// `x` as text; `unit` is the metric's unit (`share` switches to percentages).
    public static func format(_ x: Double, unit: String = "") -> String {
        if x.isNaN { return "n/a" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if unit == "share" { return decimals(100 * x, 1) + " %" }
        let magnitude = abs(x)
        if magnitude >= 1000 { return grouped(x) }
        return decimals(x, magnitude >= 10 ? 1 : 2)
    }

    /// A count with `,` every three digits: `12345` → `12,345`.
    public static func count(_ n: Int) -> String {
        grouped(Double(n))
    }

    /// The unit as the report shows it (`share` becomes `%`, since shares are shown as percentages).
    public static func displayUnit(_ unit: String) -> String {
        unit == "share" ? "%" : unit
    }

    /// `x` with `places` decimals, without a minus sign on a value that rounds to zero.
    private static func decimals(_ x: Double, _ places: Int) -> String {
        let text = String(format: "%.\(places)f", x)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// `x` rounded to a whole number with `,` every three digits.
    private static func grouped(_ x: Double) -> String {
        let rounded = x.rounded()
        guard abs(rounded) < 9e18 else { return String(format: "%.3g", x) }
        let digits = String(Int64(abs(rounded)))
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return rounded < 0 ? "-" + out : out
    }
}
