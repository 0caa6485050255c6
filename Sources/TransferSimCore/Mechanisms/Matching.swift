// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Matching a result with a counterpart: brokers, roadshows and public registration
/// (技术经纪人, 路演, 成果汇交; MODEL.md §5.5).
public struct Matching: Sendable {
    /// Monthly matching hazard of an unregistered result at broker density 0 and effort 1.
    public var baseHazard: Double
    /// Visibility multiplier of a result registered in the public results database.
    public var registeredVisibility: Double
    /// Probability a result is registered (成果汇交).
    public var registrationRate: Double
    /// Certified brokers per 100 annual disclosures, and the hazard gained per unit of that density.
    public var brokerDensity: Double
    public var brokerEffect: Double
    /// Broker commission on the contracts they broker (a cost to the parties).
    public var brokerCommission: Double
    /// Roadshows per year, results shown at each, and the match probability of a shown result.
    public var roadshowsPerYear: Double
    public var resultsPerRoadshow: Int
    public var roadshowMatchProbability: Double

    static let parameters: [ParameterSpec] = [
        .amount("region.matching.base_hazard", 0.05, unit: "per month",
                "Monthly hazard that a result with intent finds a counterpart, without brokers or registration.",
                source: "assumption: mean 20 months to a counterpart without brokers", max: 10),
        .amount("region.matching.registered_visibility", 1.5, unit: "×",
                "Matching hazard multiplier for a result registered in the public results database.",
                source: "assumption: MODEL.md §5.5 (registered results are easier to find)", max: 100),
        .amount("region.matching.broker_effect", 0.25, unit: "× per unit density",
                "Matching hazard gained per certified broker per 100 annual disclosures: factor 1 + effect × density.",
                source: "assumption", max: 100),
        .probability("region.matching.broker_commission", 0.03,
                     "Commission brokers take on the contracts they broker.", source: "assumption"),
        .probability("policy.registration.rate", 0.3,
                     "Probability that a result is registered in the public results database (成果汇交).",
                     source: "002 (national results registration); rate is an assumption", neutral: 0),
        .amount("policy.brokers.density", 1, unit: "brokers per 100 disclosures a year",
                "Certified technology brokers per 100 annual disclosures.",
                source: "assumption; 002 (broker training)", max: 1e4, neutral: 0),
        .amount("policy.roadshows.per_year", 4, unit: "roadshows per year",
                "Roadshows a year, evenly spaced (0 = none).",
                source: "002 (national plan: ≥80 roadshows by 2025), scaled to one city", max: 365, neutral: 0),
        .count("policy.roadshows.results_per_show", 30, unit: "results",
               "Results shown at each roadshow, taken in turn from those waiting for a counterpart.",
               source: "002 (3000 results over 80 roadshows ≈ 37 a show)", max: 1e6),
        .probability("policy.roadshows.match_probability", 0.2,
                     "Probability that a shown result finds a counterpart at the roadshow.",
                     source: "assumption: 002 targets 1000 of 3000 shown converted (a third) over several years"),
    ]

    init(_ r: ParameterReader) {
        baseHazard = r["region.matching.base_hazard"]
        registeredVisibility = r["region.matching.registered_visibility"]
        registrationRate = r["policy.registration.rate"]
        brokerDensity = r["policy.brokers.density"]
        brokerEffect = r["region.matching.broker_effect"]
        brokerCommission = r["region.matching.broker_commission"]
        roadshowsPerYear = r["policy.roadshows.per_year"]
        resultsPerRoadshow = r.int("policy.roadshows.results_per_show")
        roadshowMatchProbability = r["policy.roadshows.match_probability"]
    }

    /// Share of hazard-driven matches that brokers make.
    var brokerShareOfMatches: Double {
        let extra = brokerEffect * brokerDensity
        return extra / (1 + extra)
    }
    var brokerFactor: Double { 1 + brokerEffect * brokerDensity }
}

extension TrialSimulator {
    // MARK: - Matching (brokers, roadshows, registration, time limits)

    /// Result `i` starts waiting for a counterpart at `t` (which may be later than the event being
    /// handled: the wait involves no shared capacity until a roadshow or a match).
    func enterMatching(_ i: Int, at t: Double) {
        if results[i].attempts == 0 { pass(i, to: .matching, at: t) }
        results[i].phase = .waitingMatch
        results[i].enqueuedAt = t
        let attempt = UInt16(results[i].attempts)
        if p.matching.roadshowsPerYear > 0 && !results[i].inRoadshowPool {
            results[i].inRoadshowPool = true
            var k = max(0, Int(((t - roadshowGap / 2) / roadshowGap).rounded(.up)))
            if roadshowTime(k) < t { k += 1 }
            k = max(k, roadshowsAdmitted)
            if k < poolArrivals.count { poolArrivals[k].append((t, Int32(i))) }
        }
        // The office's effort: in general (staff shares, retention, brokers), and towards local
        // counterparts for a result local firms could use (rewards for local conversions, §5.13).
        // An unproven result is harder to match (§5.6).
        let visibility = results[i].registered ? p.matching.registeredVisibility : 1
        var rate = matchingRate * visibility
        if results[i].localFit { rate *= localEffort }
        if results[i].unproven { rate *= p.proof.unprovenMatchFactor }
        let d = results[i].disclosedAt
        let listing = p.timeLimits.listingMonths > 0 ? (d + p.timeLimits.listingMonths, p.timeLimits.listingHazard) : (Double.infinity, 0)
        let licensing = p.timeLimits.licensingMonths > 0 ? (d + p.timeLimits.licensingMonths, p.timeLimits.licensingHazard) : (Double.infinity, 0)
        // The first attempt's draws were made at disclosure; later attempts have their own streams.
        var exposure = results[i].firstMatchExposure
        if attempt > 0 {
            random.seek(entity: results[i].entity, purpose: .matching, occasion: UInt32(attempt))
            exposure = -log(random.uniformPositive())
            results[i].brokerU = random.uniform()   // whether a hazard-driven match is a broker's
        }
        let matchAt = hazardTime(start: t, exposure: exposure, rate: rate, extra1: listing, extra2: licensing)
        // Without a match before its value floor, the result is abandoned at `abandonAt`. That needs
        // no event: roadshows skip it from then on, and the end of the trial records it.
        if matchAt < results[i].abandonAt {
            schedule(.matchDue, at: matchAt, subject: Int32(i), tag: attempt)
        }
    }

    /// Time of roadshow `k`: evenly spaced, the first half a gap into the year.
    @inline(__always) func roadshowTime(_ k: Int) -> Double { roadshowGap / 2 + Double(k) * roadshowGap }

    /// Moves the results that started waiting since the previous roadshow into the pool, in order of time.
    func admitToRoadshowPool(_ k: Int) {
        // Swift's sort is stable: results entering at the same instant keep the order in which the
        // events put them there, which is deterministic.
        poolArrivals[k].sort { $0.at < $1.at }
        for a in poolArrivals[k] { roadshowPool.push(a.result) }
        poolArrivals[k].removeAll(keepingCapacity: true)
        roadshowsAdmitted = k + 1
    }

    /// A result still waiting for a counterpart is abandoned when its value reached the floor (at
    /// the latest when it started waiting); dated after the horizon, it stays in progress.
    func abandonWhileWaiting(_ i: Int) {
        finish(i, .abandoned, at: max(results[i].abandonAt, results[i].enqueuedAt))
    }

    func holdRoadshow(_ k: Int, at t: Double) {
        admitToRoadshowPool(k)
        roadshowsHeld += 1
        var shown = 0
        requeue.removeAll(keepingCapacity: true)
        while shown < p.matching.resultsPerRoadshow, let j = roadshowPool.popFirst() {
            let i = Int(j)
            guard results[i].phase == .waitingMatch else {
                results[i].inRoadshowPool = false
                continue
            }
            if results[i].abandonAt <= t {
                results[i].inRoadshowPool = false
                abandonWhileWaiting(i)
                continue
            }
            shown += 1
            random.seek(entity: results[i].entity, purpose: .roadshow, occasion: roadshowsHeld)
            let chance = p.matching.roadshowMatchProbability * (results[i].unproven ? p.proof.unprovenMatchFactor : 1)
            if random.bernoulli(chance) {
                results[i].inRoadshowPool = false
                matched(i, at: t, brokerDraw: false)
            } else {
                requeue.append(j)
            }
        }
        for j in requeue { roadshowPool.push(j) }
    }

    func matched(_ i: Int, at t: Double, brokerDraw: Bool) {
        results[i].phase = .pending
        // Brokers make part of the hazard-driven matches; a roadshow match is nobody's commission.
        results[i].brokered = false
        if brokerDraw { results[i].brokered = results[i].brokerU < p.matching.brokerShareOfMatches }
        if results[i].attempts > 0 {
            offerToFirms(i, at: t)   // the route was settled on the first attempt
            return
        }
        // Proof of concept after matching, where the scenario puts it there (§5.6; not the default).
        if p.proof.afterMatching {
            pass(i, to: .proofOfConcept, at: t)
            if needsProofOfConcept(i) {
                requestProofOfConcept(i, at: t)
                return
            }
        }
        chooseRoute(i, at: t)
    }
}
