// SPDX-License-Identifier: GPL-3.0-or-later

/// Saltelli's sampling scheme for Sobol indices (A. Saltelli et al., "Variance based sensitivity
/// analysis of model output. Design and estimator for the total sensitivity index", Computer
/// Physics Communications 181, 2010), on GSL's (plain, unscrambled) Sobol sequence.
///
/// The first `N` points of a Sobol sequence of dimension `2k` give two independent-looking
/// matrices: `A` (the first `k` coordinates) and `B` (the last `k`). `A_B^i` is `A` with column `i`
/// taken from `B`; with second-order indices, `B_A^i` is `B` with column `i` taken from `A`. The
/// rows are laid out in SALib's order, one block per base row `j`:
///
///     A_j, A_B^1_j, …, A_B^k_j, [B_A^1_j, …, B_A^k_j,] B_j
///
/// so a block has `k + 2` rows (`2k + 2` with second order) and the design `N (k + 2)` (or
/// `N (2k + 2)`) rows: exactly what `SALib.analyze.sobol.analyze(problem, Y, calc_second_order=…)`
/// expects, so SALib can analyse the same evaluations.
public struct SaltelliSample: Sendable, Equatable {
    /// `k`, the number of parameters.
    public let dimensions: Int
    /// `N`, the base sample size (a power of two).
    public let baseSamples: Int
    /// Whether the `B_A^i` rows for second-order indices are included.
    public let secondOrder: Bool
    /// The points in the unit hypercube (levels `u` in [0, 1) per parameter), in SALib's row order.
    public let unitPoints: [[Double]]

    /// The most parameters a Saltelli design can have: the Sobol sequence has dimension `2k`, and
    /// GSL's supports at most 40.
    public static var maximumDimensions: Int { SweepDesign.sobolDimensionLimit / 2 }

    /// Rows per base row `j`: `k + 2`, or `2k + 2` with second order.
    public var rowsPerBlock: Int { secondOrder ? 2 * dimensions + 2 : dimensions + 2 }

    /// The number of model evaluations, `N × rowsPerBlock`.
    public var count: Int { baseSamples * rowsPerBlock }

    /// Builds the design; `baseSamples` must be a power of two (at least 2), `dimensions` between
    /// 1 and `maximumDimensions`.
    public init(dimensions: Int, baseSamples: Int, secondOrder: Bool) throws(SensitivityProblem) {
        guard dimensions >= 1 else { throw SensitivityProblem("a Sobol analysis needs at least one parameter") }
        guard dimensions <= Self.maximumDimensions else {
            throw SensitivityProblem("a Sobol analysis of \(dimensions) parameters needs a Sobol sequence of dimension \(2 * dimensions); GSL's supports at most \(SweepDesign.sobolDimensionLimit), so at most \(Self.maximumDimensions) parameters: use morris, or fewer parameters")
        }
        guard baseSamples >= 2, baseSamples & (baseSamples - 1) == 0 else {
            throw SensitivityProblem("the Sobol base sample size N must be a power of two, at least 2 (got \(baseSamples)): the Sobol sequence's balance holds at powers of two")
        }
        let base: [[Double]]
        do throws(SweepDesign.Problem) {
            base = try SweepDesign.sobol(points: baseSamples).unitPoints(dimensions: 2 * dimensions, seed: 0) ?? []
        } catch {
            throw SensitivityProblem(error.description)
        }
        self.dimensions = dimensions
        self.baseSamples = baseSamples
        self.secondOrder = secondOrder
        var rows: [[Double]] = []
        rows.reserveCapacity(baseSamples * (secondOrder ? 2 * dimensions + 2 : dimensions + 2))
        for point in base {
            let a = Array(point[0..<dimensions]), b = Array(point[dimensions..<(2 * dimensions)])
            rows.append(a)
            for i in 0..<dimensions {
                var ab = a
                ab[i] = b[i]
                rows.append(ab)
            }
            if secondOrder {
                for i in 0..<dimensions {
                    var ba = b
                    ba[i] = a[i]
                    rows.append(ba)
                }
            }
            rows.append(b)
        }
        unitPoints = rows
    }
}
