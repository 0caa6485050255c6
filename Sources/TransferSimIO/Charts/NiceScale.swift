// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Axis ranges and ticks at "nice" numbers (1, 2 or 5 times a power of ten), by Heckbert's
/// loose labelling ("Nice numbers for graph labels", Graphics Gems, 1990): the axis runs from a
/// multiple of the tick step at or below the data's minimum to one at or above its maximum.
public struct NiceScale: Sendable, Equatable {
    /// The axis minimum (a multiple of `step`).
    public let lower: Double
    /// The axis maximum (a multiple of `step`).
    public let upper: Double
    /// The distance between ticks.
    public let step: Double
    /// The decimals a tick label needs to show the step exactly.
    public let decimals: Int

    /// A scale covering `minimum...maximum` with about `ticks` ticks. A degenerate range (equal
    /// ends, or non-finite values) is widened around its value (to `0...1` when nothing is finite).
    public init(minimum: Double, maximum: Double, ticks: Int = 5) {
        var low = minimum.isFinite ? minimum : (maximum.isFinite ? maximum : 0)
        var high = maximum.isFinite ? maximum : low
        if low > high { swap(&low, &high) }
        if high - low < 1e-12 * max(1, abs(high)) {
            let pad = abs(low) > 0 ? abs(low) * 0.1 : 1
            low -= pad
            high += pad
        }
        let range = Self.nice(high - low, round: false)
        let step = Self.nice(range / Double(max(2, ticks) - 1), round: true)
        self.step = step
        self.lower = (low / step).rounded(.down) * step
        self.upper = (high / step).rounded(.up) * step
        self.decimals = max(0, -Int(floor(log10(step))))
    }

    /// The tick values from `lower` to `upper` (computed from the index, so no rounding drift).
    public var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded()) + 1
        return (0..<max(count, 1)).map { lower + Double($0) * step }
    }

    /// The tick `value` as a label (fixed decimals, thousands separators).
    public func label(_ value: Double) -> String {
        ChartNumber.tick(abs(value) < step * 1e-9 ? 0 : value, decimals: decimals)
    }

    /// Heckbert's nice number near `x`: 1, 2, 5 or 10 times a power of ten, the nearest one when
    /// `round`, else the smallest not below `x`.
    static func nice(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = floor(log10(x))
        let power = pow(10, exponent)
        let fraction = x / power
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * power
    }
}
