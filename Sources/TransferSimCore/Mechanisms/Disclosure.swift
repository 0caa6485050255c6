// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Disclosure (MODEL.md §3, §4.1): results arrive, draw their attributes, and go through intent and
/// approval.
///
/// How many results are disclosed responds to the inventor's share (and to empowerment, which raises
/// the effective share): inventors who keep more of the income disclose more of their work (Hvide &
/// Jones 2018: patents fell about half when Norway cut the share from all to a third).
///
/// Common random numbers need a higher share to *add* results and leave the others as they were.
/// Candidates arrive in two Poisson streams: the reference stream at the rate of
/// `annual_disclosures` (the reference share's), and an extra stream at the rate a share of 1 would
/// add. A result whose share gives multiplier m is disclosed from the reference stream with
/// probability min(m, 1), and from the extra stream with probability (m − 1) / (m at share 1 − 1)
/// when m > 1, each decided by a uniform of the candidate's own. Raising the share only turns
/// candidates into results; a result's entity (its stream identity) is its candidate's number
/// (extra-stream candidates from `extraEntityBase`), the same under every policy. At the reference
/// share without empowerment no candidate is ever refused and the extra stream is not drawn.
extension TrialSimulator {
    /// Extra-stream candidates' entities start here (far from the reference stream's 1, 2, …).
    static let extraEntityBase: UInt32 = 0x8000_0000

    /// A candidate arrives at `t`: disclosed with probability `accept.base` (`accept.empowered` if
    /// its result is empowered, never less).
    func disclose(entity: UInt32, accept: (base: Double, empowered: Double), at t: Double) {
        var u = 0.0
        if accept.base < 1 {
            guard accept.empowered > 0 else { return }
            random.seek(entity: entity, purpose: .disclosure)
            u = random.uniform()
            guard u < accept.empowered else { return }
        }
        random.seek(entity: entity, purpose: .attributes)
        // Drawn into the store's next slot; it becomes a result only if disclosed.
        let i = results.prepareNext()
        results[i].entity = entity
        results[i].disclosedAt = t
        results[i].source = UInt8(random.categorical(cumulativeWeights: tables.sourceCumulative))
        let empowermentU = random.uniform()
        let eligible = results[i].source == UInt8(ResultSource.university.rawValue) || results[i].source == UInt8(ResultSource.institute.rawValue)
        results[i].empowered = eligible && empowermentU < p.empowerment.eligibleFraction
        guard u < accept.base || results[i].empowered else { return }
        results[i].inventorShare = results[i].empowered ? max(p.income.inventorShare, p.empowerment.empoweredShare) : p.income.inventorShare
        results[i].field = UInt8(random.categorical(cumulativeWeights: tables.fieldCumulative))
        results[i].trl = Int8(Region.lowestTRL + random.categorical(cumulativeWeights: tables.trlCumulative))
        results[i].quality = random.beta(p.region.qualityA, p.region.qualityB)
        results[i].qualityShift = p.region.qualitySlope * (results[i].quality - meanQuality)
        var v = random.lognormal(median: p.region.valueMedian, sigma: p.region.valueSigma)
        let tailU = random.uniform(), paretoU = random.uniform()   // both always drawn: fixed stream layout
        if tailU < p.region.valueTailProbability {
            let x = truncatedParetoQuantile(paretoU, alpha: p.region.valueTailAlpha, minimum: 1,
                                            cap: max(p.region.valueTailCapMultiple, 1 + 1e-9))
            v = p.region.valueMedian * exp(1.6448536269514722 * p.region.valueSigma) * x
        }
        results[i].value0 = v
        results[i].localFit = random.bernoulli(tables.localFit(results[i].field))
        results[i].needsLand = random.bernoulli(tables.needsLand(results[i].field))
        results[i].registered = random.bernoulli(p.matching.registrationRate)
        results[i].abandonAt = v > p.region.valueFloor ? t + p.region.valueHalfLifeMonths * log2(v / p.region.valueFloor) : t
        results.commitNext()
        onDisclosure?(i, results[i])
        out.add(.disclosed, 1)
        enter(i, .disclosure, at: t)

        // Intent: a hazard scaled by the inventor's share; after the "inventor may act" deadline the
        // inventor's own attempt, with the full share, adds its hazard (MODEL.md §5.1, §5.4).
        let sourceMultiplier = tables.sourceIntent(results[i].source)
        let rate = sourceMultiplier * (results[i].empowered ? intentRateEmpowered : intentRateBase)
        let actDeadline = p.timeLimits.inventorActMonths > 0 ? t + p.timeLimits.inventorActMonths : Double.infinity
        let ownRate = actDeadline.isFinite ? sourceMultiplier * intentRateFull : 0
        // One stream for the early stages, every value always drawn in this order (so its layout
        // never depends on policy): intent, approval, then the first matching attempt.
        random.seek(entity: entity, purpose: .intent)
        let exposure = -log(random.uniformPositive())
        let whoU = random.uniform()
        let approvalZ = random.standardNormal(), grantedU = random.uniform()
        results[i].firstMatchExposure = -log(random.uniformPositive())
        results[i].brokerU = random.uniform()
        let intentAt = hazardTime(start: t, exposure: exposure, rate: rate, extra1: (actDeadline, ownRate), extra2: (.infinity, 0))
        if intentAt >= results[i].abandonAt {
            finish(i, .abandoned, at: results[i].abandonAt)
            return
        }
        if intentAt > actDeadline && whoU < ownRate / (rate + ownRate) {
            // The inventor acted alone: the inventor keeps all but the transfer staff's share.
            results[i].inventorShare = 1 - p.income.transferStaffShare - p.income.officeRetention
        }
        pass(i, to: .approval, at: intentAt)

        // State-asset approval (MODEL.md §5.3), shortened or removed by empowerment (§5.2).
        var delayFactor = 1.0
        if !tables.sourceNeedsApproval(results[i].source) { delayFactor = 0 }
        if results[i].empowered { delayFactor *= p.empowerment.approvalDelayFactor }
        var approvedAt = intentAt
        if delayFactor > 0 {
            let delay = delayFactor * p.approval.delayMedianMonths * exp(p.approval.delaySigma * approvalZ)
            approvedAt += delay
            if grantedU >= p.approval.probability {
                finish(i, .abandoned, at: approvedAt)
                return
            }
        }
        if approvedAt > horizon {   // still in approval at the horizon
            results[i].phase = .pending
            return
        }
        afterApproval(i, at: approvedAt)
    }
}
