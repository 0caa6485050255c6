// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

extension TrialSimulator {
    // MARK: - Disclosure, intent and approval

    func disclose(at t: Double) {
        let i = results.count
        let entity = UInt32(i + 1)
        random.seek(entity: entity, purpose: .attributes)
        var r = ResultRecord()
        r.disclosedAt = t
        r.source = UInt8(random.categorical(cumulativeWeights: tables.sourceCumulative))
        r.field = UInt8(random.categorical(cumulativeWeights: tables.fieldCumulative))
        r.trl = Int8(Region.lowestTRL + random.categorical(cumulativeWeights: tables.trlCumulative))
        r.quality = random.beta(p.region.qualityA, p.region.qualityB)
        var v = random.lognormal(median: p.region.valueMedian, sigma: p.region.valueSigma)
        let tailU = random.uniform(), paretoU = random.uniform()   // both always drawn: fixed stream layout
        if tailU < p.region.valueTailProbability {
            let x = truncatedParetoQuantile(paretoU, alpha: p.region.valueTailAlpha, minimum: 1,
                                            cap: max(p.region.valueTailCapMultiple, 1 + 1e-9))
            v = p.region.valueMedian * exp(1.6448536269514722 * p.region.valueSigma) * x
        }
        r.value0 = v
        r.localFit = random.bernoulli(tables.localFit(r.field))
        r.needsLand = random.bernoulli(tables.needsLand(r.field))
        r.registered = random.bernoulli(p.matching.registrationRate)
        let empowermentU = random.uniform()
        let eligible = r.source == UInt8(ResultSource.university.rawValue) || r.source == UInt8(ResultSource.institute.rawValue)
        r.empowered = eligible && empowermentU < p.empowerment.eligibleFraction
        r.inventorShare = r.empowered ? max(p.income.inventorShare, p.empowerment.empoweredShare) : p.income.inventorShare
        r.abandonAt = v > p.region.valueFloor ? t + p.region.valueHalfLifeMonths * log2(v / p.region.valueFloor) : t
        results.append(r)
        onDisclosure?(i, r)
        out.add(.disclosed, 1)
        enter(i, .disclosure, at: t)

        // Intent: a hazard scaled by the inventor's share; after the "inventor may act" deadline the
        // inventor's own attempt, with the full share, adds its hazard (MODEL.md §5.1, §5.4).
        let sourceMultiplier = tables.sourceIntent(r.source)
        let rate = sourceMultiplier * (r.empowered ? intentRateEmpowered : intentRateBase)
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
        if intentAt >= r.abandonAt {
            finish(i, .abandoned, at: r.abandonAt)
            return
        }
        if intentAt > actDeadline && whoU < ownRate / (rate + ownRate) {
            // The inventor acted alone: the inventor keeps all but the transfer staff's share.
            results[i].inventorShare = 1 - p.income.transferStaffShare - p.income.officeRetention
        }
        pass(i, to: .approval, at: intentAt)

        // State-asset approval (MODEL.md §5.3), shortened or removed by empowerment (§5.2).
        var delayFactor = 1.0
        if !tables.sourceNeedsApproval(r.source) { delayFactor = 0 }
        if r.empowered { delayFactor *= p.empowerment.approvalDelayFactor }
        var matchingAt = intentAt
        if delayFactor > 0 {
            let delay = delayFactor * p.approval.delayMedianMonths * exp(p.approval.delaySigma * approvalZ)
            matchingAt += delay
            if grantedU >= p.approval.probability {
                finish(i, .abandoned, at: matchingAt)
                return
            }
        }
        if matchingAt > horizon {   // still in approval at the horizon
            results[i].phase = .pending
            return
        }
        enterMatching(i, at: matchingAt)
    }
}
