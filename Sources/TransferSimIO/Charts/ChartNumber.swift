// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Fixed, locale-independent number formatting for charts, so that the same data always gives
/// byte-identical SVG (golden files stay stable).
enum ChartNumber {
    /// A coordinate in SVG user units: at most two decimals, trailing zeros removed
    /// (`12.50` → `12.5`, `3.00` → `3`, `-0.00` → `0`).
    static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        return trimmed(String(format: "%.2f", x))
    }

    /// The minus sign charts and the report print before a negative number: U+2212 MINUS SIGN, as
    /// wide as the plus sign, never the hyphen (which reads as a dash beside a range).
    static let minus = "\u{2212}"

    /// A tick label with `decimals` decimals and `,` every three digits in the whole part
    /// (`12500` → `12,500`, `0.25` with 2 decimals → `0.25`, `-3` → `−3` with U+2212).
    static func tick(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "" }
        let text = String(format: "%.\(max(0, decimals))f", x)
        var digits = Substring(text)
        var sign = ""
        if digits.hasPrefix("-") {
            digits = digits.dropFirst()
            sign = digits.allSatisfy { $0 == "0" || $0 == "." } ? "" : minus
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(parts[0])
        var grouped = ""
        for (i, digit) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A value for a label next to a mark: about three significant digits
    /// (`183.46` → `183`, `0.0412` → `0.0412`, `12345` → `12,345`).
    static func label(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let magnitude = abs(x)
        if magnitude >= 100 || magnitude == 0 { return tick(x.rounded(), decimals: 0) }
        let decimals = min(4, 2 - Int(floor(log10(magnitude))))
        return trimmed(tick(x, decimals: decimals))
    }

    /// `text` without trailing zeros after a decimal point, and without a minus on zero.
    private static func trimmed(_ text: String) -> String {
        var out = Substring(text)
        if out.contains(".") {
            while out.hasSuffix("0") { out = out.dropLast() }
            if out.hasSuffix(".") { out = out.dropLast() }
        }
        if out == "-0" || out == minus + "0" { return "0" }
        return String(out)
    }
}
