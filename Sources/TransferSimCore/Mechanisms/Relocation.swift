// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Relocation (MODEL.md §4, §5.10, §5.11): a result that leaves the region after commitment, for
/// lack of land or of capital, converts elsewhere only if it is implemented (or, for a venture,
/// enters the market) there. The new start takes an implementation time and succeeds with the
/// chance the result already had (the firm's implementation chance, or the venture's market-entry
/// chance), less without a needed pilot, never for a concept that does not work.
extension TrialSimulator {
    /// Result `i` leaves at `t`; nothing here is shared any more, so its outcome elsewhere is
    /// resolved at once, dated when the new implementation ends.
    func relocate(_ i: Int, at t: Double) {
        random.seek(entity: results[i].entity, purpose: .relocation)
        let duration = random.lognormal(median: p.adoption.implementationMedianMonths, sigma: p.adoption.implementationSigma)
        let successU = random.uniform()
        let chance = results[i].implementProbability * (results[i].unpiloted ? p.unpilotedFactor : 1)
        finish(i, !results[i].conceptFlaw && successU < chance ? .convertedElsewhere : .failedTechnical, at: t + duration)
    }
}
