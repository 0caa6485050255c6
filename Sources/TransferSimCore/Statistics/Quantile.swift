// SPDX-License-Identifier: GPL-3.0-or-later

/// The `p`-quantile of values sorted in ascending order, by linear interpolation between order
/// statistics: Hyndman and Fan's type 7, the default of R's `quantile` and NumPy's `percentile`.
///
/// With `n` sorted values `x[0] ... x[n-1]`, the position is `h = (n - 1) p`, and the quantile is
/// `x[⌊h⌋] + (h - ⌊h⌋) (x[⌊h⌋ + 1] - x[⌊h⌋])`. The interpolation is written as NumPy writes it
/// (from the upper neighbour when the fraction is at least one half): exact at the order
/// statistics, monotone in `p`, and equal to `numpy.percentile(values, 100 * p)` up to rounding.
///
/// - Parameters:
///   - sorted: values in ascending order, without NaN (the caller filters and sorts them).
///   - p: the probability level, in [0, 1] (0.5 is the median).
/// - Returns: the quantile, or NaN when `sorted` is empty.
public func quantile(sorted: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "quantile level must lie in [0, 1] (got \(p))")
    let n = sorted.count
    guard n > 0 else { return .nan }
    let h = Double(n - 1) * p
    let lower = min(Int(h.rounded(.down)), n - 1)
    let upper = min(lower + 1, n - 1)
    let t = h - Double(lower)
    return interpolate(sorted[lower], sorted[upper], t)
}

/// The `p`-quantile of values sorted in ascending order (type 7); see
/// `quantile(sorted:_:)` for the definition.
public func quantile(sorted: [Double], _ p: Double) -> Double {
    sorted.withUnsafeBufferPointer { quantile(sorted: $0, p) }
}

/// `a + t (b - a)`, exact at both ends and monotone in `t` (NumPy's `_lerp`).
@inline(__always)
func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double {
    if a == b || t == 0 { return a }  // equal neighbours, even infinite ones, need no arithmetic
    let difference = b - a
    return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
}
