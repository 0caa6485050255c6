// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore

/// Cases where the pipeline reduces to a closed form, checked against it within 4 standard errors.
///
/// The construction (checked against `TrialSimulator`): no capacity is ever touched, so results do
/// not interact and each one's fate is an independent draw.
/// - Every result is disclosed at TRL 7, so it skips proof of concept (needed below TRL 5) and the
///   pilot (needed below TRL 7).
/// - V is exactly `value_median` (log-scale sd 0, no Pareto tail), so a waiting result is abandoned
///   exactly `T = half_life × log2(V / floor)` months after disclosure.
/// - Intent arrives at rate `λ_i = intent_hazard × source multiplier (1) × (s_inv / s_ref)^ε`; no
///   "inventor may act" deadline, no empowerment.
/// - Matching arrives at rate `λ_m = base_hazard × (1 + broker_effect × density) × (s_tto / s_ref)^ε_tto
///   × reward effort (1: no rewards) × visibility (1: nothing registered)`; no roadshows, no listing
///   or licensing deadline. Intent (then approval) must come before `T`, and the match too.
/// - No spin-offs; no field fits local industry, so a matched result goes elsewhere with probability
///   `p = outflow_probability_no_fit`, and with one matching attempt it is otherwise abandoned. The
///   firm elsewhere can always pay (cash median 10⁶万), implements at once (0.01 months) and always
///   succeeds (implementation success 1, absorptive capacity Beta(1000, 10⁻⁴), within 10⁻⁶ of 1), so
///   conversion elsewhere, counted when implementation ends, follows the match at once.
/// - Disclosures do not respond to the share here (disclosure elasticity 0): the rate is the one set.
/// - Intake is one year and the horizon five, so every fate is settled by `T` (≈35 months).
///
/// Then `P(converted_elsewhere) = a × p × F(T − d)`, with `a` the approval probability and `d` the
/// (fixed) approval delay (a = 1, d = 0 when no source needs approval), and `F` the CDF of the sum
/// of two independent exponentials (hypoexponential):
/// `F(t) = 1 − (λ_m e^{−λ_i t} − λ_i e^{−λ_m t}) / (λ_m − λ_i)`.
@Suite("Analytic conversion")
struct AnalyticConversionTests {
    static let trials = 200
    static let disclosures = 150.0

    static let intentHazard = 0.05, inventorShare = 0.8, referenceShare = 0.5, intentElasticity = 0.631
    static let baseHazard = 0.04, brokerEffect = 0.25, brokerDensity = 2.0
    static let staffShare = 0.1, referenceStaffShare = 0.05, staffElasticity = 0.3
    static let valueMedian = 200.0, valueFloor = 10.0, halfLife = 8.0
    static let outflowNoFit = 0.6

    static var lambdaIntent: Double { intentHazard * pow(inventorShare / referenceShare, intentElasticity) }
    static var lambdaMatch: Double {
        baseHazard * (1 + brokerEffect * brokerDensity) * pow(staffShare / referenceStaffShare, staffElasticity)
    }
    /// Months from disclosure until the value decays below the floor: 8 × log2(20) ≈ 34.6.
    static var abandonAfter: Double { halfLife * log2(valueMedian / valueFloor) }

    /// CDF of Exp(λ_i) + Exp(λ_m) at `t` (0 for t ≤ 0).
    static func hypoexponentialCDF(_ t: Double) -> Double {
        guard t > 0 else { return 0 }
        let li = lambdaIntent, lm = lambdaMatch
        return 1 - (lm * exp(-li * t) - li * exp(-lm * t)) / (lm - li)
    }

    static var settings: Settings {
        var s: Settings = [
            "region.time.horizon_years": 5,
            "region.time.intake_years": 1,
            "region.arrivals.annual_disclosures": disclosures,
            "region.achievements.quality_slope": 0,
            "region.achievements.value_median": valueMedian,
            "region.achievements.value_sigma": 0,
            "region.achievements.value_tail_probability": 0,
            "region.achievements.value_half_life_months": halfLife,
            "region.achievements.value_floor": valueFloor,
            "region.poc.needs_below_trl": 5,
            "region.pilot.needs_below_trl": 7,
            "region.behaviour.intent_hazard": intentHazard,
            "region.behaviour.reference_share": referenceShare,
            "region.behaviour.intent_elasticity": intentElasticity,
            "region.behaviour.reference_staff_share": referenceStaffShare,
            "region.behaviour.staff_elasticity": staffElasticity,
            "policy.income.inventor_share": inventorShare,
            "policy.income.transfer_staff_share": staffShare,
            "policy.income.office_retention": 0,
            "policy.empowerment.mode": 0,
            "policy.time_limits.inventor_may_act_months": 0,
            "policy.time_limits.listing_months": 0,
            "policy.time_limits.licensing_months": 0,
            "region.matching.base_hazard": baseHazard,
            "region.matching.broker_effect": brokerEffect,
            "policy.brokers.density": brokerDensity,
            "policy.registration.rate": 0,
            "policy.roadshows.per_year": 0,
            "policy.institution_reward.per_local_conversion": 0,
            "region.route.spinoff_probability": 0,
            "region.firms.outflow_probability_no_fit": outflowNoFit,
            "region.firms.max_match_attempts": 1,
            "region.behaviour.disclosure_elasticity": 0,
            "region.firms.cash_median": 1e6,
            "region.firms.absorptive_a": 1000, "region.firms.absorptive_b": 0.0001,
            "region.licensing.implementation_success": 1,
            "region.licensing.implementation_median_months": 0.01,
        ]
        s.merge(Fixture.onlyTRL(7)) { $1 }
        s.merge(Fixture.allSources("intent_multiplier", 1)) { $1 }
        s.merge(Fixture.allSources("needs_approval", 0)) { $1 }
        s.merge(Fixture.allFields("local_fit", 0)) { $1 }
        return s
    }

    /// Checks the mean of `values` against `expected` within 4 standard errors of the mean.
    static func expectMean(_ values: [Double], _ expected: Double, _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let s = Summary(values)
        #expect(s.n == values.count, "\(what): undefined in some trials", sourceLocation: sourceLocation)
        margin("\(what): \((s.mean - expected) / s.se) SE from \(expected)")
        #expect(abs(s.mean - expected) <= 4 * s.se,
                "\(what): mean \(s.mean), expected \(expected), SE \(s.se), off by \((s.mean - expected) / s.se) SE",
                sourceLocation: sourceLocation)
    }

    /// Per-trial share of disclosed results in one funnel cell.
    static func funnelShare(_ r: RunResult, _ stage: FunnelStage, _ column: FunnelColumn) -> [Double] {
        (0..<r.trials).map { r.funnel(stage, column, trial: $0) / r.value(.disclosed, trial: $0) }
    }

    /// No approval step: conversion (all of it outflow) = p × F(T) ≈ 0.6 × 0.699 ≈ 0.419; abandoned is
    /// the rest; intent before T has probability 1 − e^{−λ_i T}. Measured: −0.49, −0.49, +0.49 and +0.27 SE
    /// off; disclosures −0.29 SE.
    @Test func conversionWithoutApprovalMatchesClosedForm() throws {
        let r = try Fixture.run(Self.settings, trials: Self.trials, seed: 20_240_601)
        let expected = Self.outflowNoFit * Self.hypoexponentialCDF(Self.abandonAfter)
        Self.expectMean(r.values(.conversionShare), expected, "conversion_share")
        Self.expectMean(r.values(.outflowShare), expected, "outflow_share")
        Self.expectMean(r.values(.localConversionShare), 0, "local_conversion_share")
        // Abandoned: no intent or no match before T, or matched and not taken elsewhere.
        let abandoned = (0..<r.trials).map { r.value(.abandoned, trial: $0) / r.value(.disclosed, trial: $0) }
        Self.expectMean(abandoned, 1 - expected, "abandoned share")
        // Intent before T (the disclosure stage passes exactly then).
        Self.expectMean(Self.funnelShare(r, .disclosure, .passed), 1 - exp(-Self.lambdaIntent * Self.abandonAfter),
                        "disclosure passed share")
        #expect(r.values(.inProgress).allSatisfy { $0 == 0 }, "every fate is settled before the horizon")
        #expect(r.values(.failedTechnical).allSatisfy { $0 == 0 })
        // Disclosures are Poisson(150 × 1 year): the Poisson SE of the mean is √(150 / trials).
        let disclosed = Summary(r.values(.disclosed))
        margin("disclosed: \((disclosed.mean - Self.disclosures) / (Self.disclosures / Double(Self.trials)).squareRoot()) SE")
        #expect(abs(disclosed.mean - Self.disclosures) < 4 * (Self.disclosures / Double(Self.trials)).squareRoot(),
                "mean disclosures \(disclosed.mean), expected \(Self.disclosures)")
    }

    /// Every source needs approval, granted with probability a after a fixed delay d, both set through
    /// single-list management (单列管理): a = 1 − (1 − 0.7) × 0.6 = 0.82, d = 6 × 0.5 = 3 months.
    /// Conversion = a × p × F(T − d) ≈ 0.82 × 0.6 × 0.651 ≈ 0.320; refused at approval = (1 − a)(1 − e^{−λ_i T}).
    /// Measured: +0.35, +0.35, −0.87 and −0.29 SE off.
    @Test func conversionWithApprovalMatchesClosedForm() throws {
        let approval = 0.7, rejectionFactor = 0.6, delay = 6.0, delayFactor = 0.5
        var s = Self.settings
        s.merge(Fixture.allSources("needs_approval", 1)) { $1 }
        s.merge([
            "region.approval.probability": approval,
            "region.approval.delay_median_months": delay,
            "region.approval.delay_sigma": 0,
            "policy.approval.single_list": 1,
            "policy.approval.single_list_delay_factor": delayFactor,
            "policy.approval.single_list_rejection_factor": rejectionFactor,
            "policy.approval.one_stop": 0,
            "policy.approval.fault_tolerance": 0,
        ]) { $1 }
        let r = try Fixture.run(s, trials: Self.trials, seed: 20_240_602)
        let a = 1 - (1 - approval) * rejectionFactor, d = delay * delayFactor
        let expected = a * Self.outflowNoFit * Self.hypoexponentialCDF(Self.abandonAfter - d)
        Self.expectMean(r.values(.conversionShare), expected, "conversion_share")
        Self.expectMean(r.values(.outflowShare), expected, "outflow_share")
        let intentBeforeT = 1 - exp(-Self.lambdaIntent * Self.abandonAfter)
        Self.expectMean(Self.funnelShare(r, .approval, .abandoned), (1 - a) * intentBeforeT, "refused at approval")
        Self.expectMean(Self.funnelShare(r, .approval, .passed), a * intentBeforeT, "approved")
        #expect(r.values(.inProgress).allSatisfy { $0 == 0 }, "every fate is settled before the horizon")
    }

    /// Roadshows alone (no matching hazard): 4 a year, evenly spaced (months 1.5, 4.5, …, 22.5 of a
    /// 2-year horizon: 8 shows), each showing 10 waiting results, each matched with probability 0.3.
    /// Intent comes at once (hazard 10 a month) and results never decay, so every show finds at least
    /// 10 results waiting; with one matching attempt nobody is shown twice after a match. Matches per
    /// trial are then Binomial(8 × 10, 0.3): mean 24, SE of the mean √(80 × 0.3 × 0.7 / trials).
    /// Measured: −0.93 SE off.
    @Test func roadshowMatchesAreBinomial() throws {
        var s = Self.settings
        s.merge([
            "region.time.horizon_years": 2, "region.time.intake_years": 2,
            "region.arrivals.annual_disclosures": 120,
            "region.behaviour.intent_hazard": 10,
            "region.achievements.value_half_life_months": 1200,
            "region.matching.base_hazard": 0,
            "policy.roadshows.per_year": 4, "policy.roadshows.results_per_show": 10,
            "policy.roadshows.match_probability": 0.3,
        ]) { $1 }
        let trials = 200
        let r = try Fixture.run(s, trials: trials, seed: 20_240_603)
        let shown = 8.0 * 10, p = 0.3
        let matches = r.values(.deal, .entered)
        let mean = matches.reduce(0, +) / Double(trials)
        let se = (shown * p * (1 - p) / Double(trials)).squareRoot()
        margin("roadshow matches: \((mean - shown * p) / se) SE from \(shown * p)")
        #expect(abs(mean - shown * p) <= 4 * se, "mean matches \(mean), expected \(shown * p), SE \(se)")
        #expect(matches.allSatisfy { $0 <= shown }, "never more matches than results shown")
    }
}
