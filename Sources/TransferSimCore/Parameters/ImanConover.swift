// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Rank correlations between parameters given as distributions, imposed by the Iman–Conover method
/// (R. L. Iman and W. J. Conover, "A distribution-free approach to inducing rank correlation among
/// input variables", Commun. Statist. B 11, 1982), the method @RISK uses.
///
/// Iman–Conover rearranges a *sample*: it keeps each parameter's drawn values and re-pairs them so
/// that their ranks follow van der Waerden scores with the target correlation. To stay a pure
/// function of the trial index (byte-identical for any thread count and shard split), trials are
/// taken in fixed blocks of `blockSize` consecutive indices: a trial's values are those its block
/// would have drawn independently (each parameter from its own stream, exactly as without
/// correlations), re-paired within the block. The block's score permutations come from their own
/// stream (block index, a fixed entity, `.parameters`).
///
/// The stated figures are rank (Spearman) correlations; the scores' target Pearson correlation is
/// 2 sin(π ρ / 6), which gives normal scores that rank correlation.
struct ImanConoverPlan: Sendable {
    /// Trials per block of the rearrangement.
    static let blockSize = 128
    /// The correlated parameters' entry indices.
    let entries: [Int]
    /// Each one's draw entity (hash of its path), as in `ResolvedParameters.draw`.
    let entities: [UInt32]
    /// Each one's distribution.
    let distributions: [Distribution]
    /// Each one's allowed range and whether it is a whole number.
    let ranges: [ClosedRange<Double>]
    let integers: [Bool]
    /// The Cholesky factor of the scores' target correlation matrix.
    let target: Cholesky
    /// van der Waerden scores Φ⁻¹(j / (B + 1)), j = 1…B.
    let scores: [Double]
    static let scoreEntity = fnv1a32("iman-conover scores")

    /// The target correlation matrix of the scores, for `correlations` among `paths`, or a message.
    static func targetMatrix(paths: [String], correlations: [RankCorrelation]) -> Result<Cholesky, ScenarioError> {
        let m = paths.count
        var c = [Double](repeating: 0, count: m * m)
        for i in 0..<m { c[i * m + i] = 1 }
        for r in correlations {
            guard let i = paths.firstIndex(of: r.first), let j = paths.firstIndex(of: r.second) else { continue }
            let pearson = 2 * sin(Double.pi * r.rho / 6)
            c[i * m + j] = pearson
            c[j * m + i] = pearson
        }
        guard let chol = Cholesky(c, n: m) else {
            return .failure(ScenarioError("the rank correlations stated between \(paths.joined(separator: ", ")) are not consistent with one another (their matrix is not positive definite)",
                                          at: correlations.first?.origin))
        }
        return .success(chol)
    }

    init(entries: [Int], entities: [UInt32], distributions: [Distribution], ranges: [ClosedRange<Double>],
         integers: [Bool], target: Cholesky) {
        self.entries = entries
        self.entities = entities
        self.distributions = distributions
        self.ranges = ranges
        self.integers = integers
        self.target = target
        let b = Self.blockSize
        self.scores = (1...b).map { gsl_cdf_ugaussian_Pinv(Double($0) / Double(b + 1)) }
    }

    /// Sets the correlated parameters of `trial` in `out`. Leaves `random.trial` at `trial`.
    func apply(_ out: inout [Double], trial: UInt32, random: RandomSource) {
        let b = Self.blockSize, m = entries.count
        let block = trial / UInt32(b), position = Int(trial % UInt32(b))
        let first = block &* UInt32(b)
        // The block's independent draws, each parameter from its own stream.
        var sortedDraws = [[Double]](repeating: [], count: m)
        for k in 0..<m {
            var column = [Double](repeating: 0, count: b)
            for j in 0..<b {
                random.trial = first &+ UInt32(j)
                random.seek(entity: entities[k], purpose: .parameters)
                let x = distributions[k].draw(random, within: ranges[k])
                column[j] = integers[k] ? x.rounded() : x
            }
            column.sort()
            sortedDraws[k] = column
        }
        // Scores: one random permutation of the van der Waerden scores per parameter.
        random.trial = block
        var r = [Double](repeating: 0, count: b * m)
        for k in 0..<m {
            random.seek(entity: Self.scoreEntity, purpose: .parameters, occasion: UInt32(k))
            var perm = Array(0..<b)
            for i in stride(from: b - 1, to: 0, by: -1) {
                let j = min(Int(random.uniform() * Double(i + 1)), i)
                perm.swapAt(i, j)
            }
            for j in 0..<b { r[j * m + k] = scores[perm[j]] }
        }
        random.trial = trial
        // The scores' own correlation T = Q Qᵀ; the rearranged scores R* = R (P Q⁻¹)ᵀ.
        var t = [Double](repeating: 0, count: m * m)
        for j in 0..<b { for i in 0..<m { for k in 0..<m { t[i * m + k] += r[j * m + i] * r[j * m + k] } } }
        let scale = scores.reduce(0) { $0 + $1 * $1 }
        for i in t.indices { t[i] /= scale }
        let q = Cholesky(t, n: m)
        var adjusted = [Double](repeating: 0, count: b * m)
        for j in 0..<b {
            let row = Array(r[(j * m)..<((j + 1) * m)])
            let y = q?.solveLower(row) ?? row
            for i in 0..<m {
                var s = 0.0
                for k in 0...i { s += target.lower[i * m + k] * y[k] }
                adjusted[j * m + i] = s
            }
        }
        // Each parameter takes the drawn value whose rank matches its adjusted score's rank.
        for k in 0..<m {
            let mine = adjusted[position * m + k]
            var rank = 0
            for j in 0..<b {
                let other = adjusted[j * m + k]
                if other < mine || (other == mine && j < position) { rank += 1 }
            }
            out[entries[k]] = sortedDraws[k][rank]
        }
    }
}
