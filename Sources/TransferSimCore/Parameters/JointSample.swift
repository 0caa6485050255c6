// SPDX-License-Identifier: GPL-3.0-or-later

/// A weighted sample of several parameters' values, drawn together: each trial takes one row (with
/// probability proportional to its weight) and gives every parameter of the group that row's value,
/// so the correlations between the parameters in the sample are kept. A calibration's posterior is
/// such a sample (`transfersim calibrate` writes one); an analyst may supply their own.
///
/// The marginal of each column is a discrete distribution over the column's values with the rows'
/// weights; that is how the parameter appears in `params`, reports and checks. The row is drawn
/// from the group's own stream (trial, hash of `name`, `.parameters`), so every policy set sees the
/// same row on the same trial (common random numbers).
public struct JointSample: Sendable, Equatable {
    /// The sample's name as the scenario gives it (its file), for messages and its stream.
    public let name: String
    /// The parameter of each column, by dotted path.
    public let paths: [String]
    /// rows × paths values, row-major.
    public let values: [Double]
    /// One non-negative weight per row, with a positive sum.
    public let weights: [Double]
    /// Where the scenario names the sample.
    public let origin: Origin?

    public init(name: String, paths: [String], values: [Double], weights: [Double], origin: Origin? = nil) {
        self.name = name
        self.paths = paths
        self.values = values
        self.weights = weights
        self.origin = origin
    }

    /// The number of rows.
    public var rows: Int { weights.count }

    /// One column's values, in row order.
    public func column(_ c: Int) -> [Double] { (0..<rows).map { values[$0 * paths.count + c] } }

    /// The column's marginal: its values with the rows' weights.
    public func marginal(_ c: Int) -> Distribution { .discrete(values: column(c), weights: weights) }

    /// Problems with the sample's shape and weights (empty when it is well formed).
    public var problems: [String] {
        if paths.isEmpty { return ["the joint sample '\(name)' names no parameters"] }
        if rows == 0 { return ["the joint sample '\(name)' has no rows"] }
        if values.count != rows * paths.count { return ["the joint sample '\(name)' has rows of the wrong length"] }
        if Set(paths).count != paths.count { return ["the joint sample '\(name)' names a parameter twice"] }
        if weights.contains(where: { !$0.isFinite || $0 < 0 }) || !(weights.reduce(0, +) > 0) {
            return ["the joint sample '\(name)' needs finite non-negative weights with a positive sum"]
        }
        if values.contains(where: { !$0.isFinite }) { return ["the joint sample '\(name)' holds a value that is not a finite number"] }
        return []
    }

    /// The row drawn by the uniform `u` in (0, 1): the first whose running weight exceeds u × total.
    func row(for u: Double, cumulative: [Double]) -> Int {
        let target = u * (cumulative.last ?? 0)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        // Rows of weight zero are never drawn: step back over them (only at the end, by rounding).
        while lo > 0 && weights[lo] == 0 { lo -= 1 }
        return lo
    }
}

/// A rank (Spearman) correlation a scenario states between two parameters given as distributions,
/// imposed on the draws by the Iman–Conover method (as @RISK does).
public struct RankCorrelation: Sendable, Equatable {
    public let first: String
    public let second: String
    /// The target rank correlation, in (−1, 1).
    public let rho: Double
    public let origin: Origin?

    public init(_ first: String, _ second: String, rho: Double, origin: Origin? = nil) {
        self.first = first
        self.second = second
        self.rho = rho
        self.origin = origin
    }
}
