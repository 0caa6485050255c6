// SPDX-License-Identifier: GPL-3.0-or-later

/// The source of a research result (MODEL.md §3). Raw values index the per-source parameters.
public enum ResultSource: Int, CaseIterable, Sendable {
    case university = 0, institute, enterprise, newRD

    /// The key used in scenario files (`region.sources.<key>.*`).
    public var key: String {
        switch self {
        case .university: return "university"
        case .institute: return "institute"
        case .enterprise: return "enterprise"
        case .newRD: return "new_rd"
        }
    }
}

/// The region's environment: time frame, arrivals of results, their attributes, and the local firms
/// that could take them up. None of these is a policy lever.
public struct Region: Sendable {
    /// Months simulated.
    public var horizonMonths: Double
    /// Months during which results are disclosed (the intake window).
    public var intakeMonths: Double
    /// Mean results disclosed per month, at the reference inventor share.
    public var disclosuresPerMonth: Double
    /// Intake cohort: results disclosed in the first `cohortIntakeMonths`, each followed for
    /// `cohortFollowMonths` (shortened to fit the horizon).
    public var cohortIntakeMonths: Double
    public var cohortFollowMonths: Double

    /// Per source: running weight (cumulative share), approval needed, intent and spin-off multipliers.
    public var sourceCumulativeShare: [Double]
    public var sourceNeedsApproval: [Bool]
    public var sourceIntentMultiplier: [Double]
    public var sourceSpinoffMultiplier: [Double]

    /// TRL at disclosure: cumulative weights over `trlLevels`.
    public var trlCumulative: [Double]
    /// The lowest TRL a result can have at disclosure; the levels run consecutively from it to 7.
    static let lowestTRL = 2
    public static let trlLevels: [Int] = Array(lowestTRL...7)

    /// Latent quality q ~ Beta(a, b).
    public var qualityA: Double
    public var qualityB: Double
    /// Logit slope of every success probability in (q − mean q).
    public var qualitySlope: Double
    /// Market potential V (万元): lognormal body, with a Pareto tail above the body's 95th percentile.
    public var valueMedian: Double
    public var valueSigma: Double
    public var valueTailProbability: Double
    public var valueTailAlpha: Double
    public var valueTailCapMultiple: Double
    /// Value half-life while a result waits (months) and the floor below which it is abandoned (万元).
    public var valueHalfLifeMonths: Double
    public var valueFloor: Double

    /// Local firms: cash for an upfront fee (万元, lognormal), absorptive capacity ~ Beta(a, b), and
    /// the share of a result's value an adopting firm expects to capture.
    public var firmCashMedian: Double
    public var firmCashSigma: Double
    public var firmAbsorptiveA: Double
    public var firmAbsorptiveB: Double
    public var firmValueShare: Double
    /// Probability that a firm elsewhere bids for a matched result, by local fit.
    public var outflowProbabilityFit: Double
    public var outflowProbabilityNoFit: Double
    /// A bidding firm elsewhere's cash, as a multiple of a local firm's (same spread).
    public var outsideCashMultiple: Double
    /// Matching attempts before a result no firm takes is abandoned.
    public var maxMatchAttempts: Int

    public var meanQuality: Double { qualityA / (qualityA + qualityB) }
    public var meanAbsorptive: Double { firmAbsorptiveA / (firmAbsorptiveA + firmAbsorptiveB) }

    static let trlDefaults: [Double] = [0.10, 0.20, 0.25, 0.20, 0.15, 0.10]
    static let sourceDefaults: [(share: Double, approval: Bool, intent: Double, spinoff: Double)] = [
        (0.45, true, 1.0, 1.0),   // university
        (0.30, true, 1.0, 0.8),   // institute
        (0.15, false, 1.5, 0.3),  // enterprise: its own result, already inside a firm
        (0.10, false, 1.3, 1.5),  // new-type R&D institution: market-facing by design
    ]

    static var parameters: [ParameterSpec] {
        var specs: [ParameterSpec] = [
            ParameterSpec("region.time.horizon_years", .integer(1...50), unit: "years", default: .number(10),
                          meaning: "Years simulated; outputs are reported at the horizon.",
                          source: "MODEL.md §2 (default horizon 10 years)"),
            ParameterSpec("region.time.intake_years", .integer(0...50), unit: "years", default: .number(10),
                          meaning: "Years during which results are disclosed (at most the horizon).",
                          source: "MODEL.md §2 (default: the whole horizon)"),
            ParameterSpec("region.time.cohort_intake_years", .integer(0...50), unit: "years", default: .number(3),
                          meaning: "Intake cohort for cohort_conversion_share: results disclosed in the first this many years (0 = no cohort measure).",
                          source: "MODEL.md §4 (intake-cohort measures beside the censored shares); 3 years an assumption"),
            ParameterSpec("region.time.cohort_follow_years", .integer(0...50), unit: "years", default: .number(7),
                          meaning: "Years each cohort result is followed from its disclosure (shortened to horizon − intake years when longer).",
                          source: "MODEL.md §4; 7 years an assumption (3 + 7 fills the default 10-year horizon)"),
            .amount("region.arrivals.annual_disclosures", 800, unit: "results per year",
                    "Research results disclosed per year by the region's institutions and firms (Poisson arrivals), at the reference inventor share (region.behaviour.reference_share); the rate scales with (share / reference)^disclosure_elasticity.",
                    source: "assumption: ≈40 institutions × ≈9.4 contracts each a year (national report 2023, CALIBRATION.md) ≈ 375 contracts, at roughly 0.4 contracts per disclosure (AUTM FY2020 licences ≈37 % of disclosures)",
                    max: 1e6),
        ]
        for (s, d) in zip(ResultSource.allCases, sourceDefaults) {
            let base = "region.sources.\(s.key)"
            specs += [
                .amount("\(base).share", d.share, unit: "weight", "Relative weight of results from \(s.key) sources.",
                        source: "assumption: universities and institutes dominate disclosures (national report covers 4,028 of them, CALIBRATION.md)"),
                .flag("\(base).needs_approval", d.approval,
                      "Whether conversion needs state-asset approval by the institution.",
                      source: "MODEL.md §4 (an enterprise result skips approval); 000, 001 on state-asset approval"),
                .amount("\(base).intent_multiplier", d.intent, unit: "×", "Multiplier on the hazard of starting conversion.",
                        source: "assumption", max: 100),
                .amount("\(base).spinoff_multiplier", d.spinoff, unit: "×", "Multiplier on the spin-off probability at the route step.",
                        source: "assumption", max: 100),
            ]
        }
        for (level, w) in zip(trlLevels, trlDefaults) {
            specs.append(.amount("region.achievements.trl_weights.trl\(level)", w, unit: "weight",
                                 "Relative weight of TRL \(level) at disclosure.",
                                 source: "assumption: MODEL.md §3 (TRL at disclosure typically 2–6)"))
        }
        specs += [
            .amount("region.achievements.quality_a", 2, unit: "", "Beta shape a of latent quality q.",
                    source: "assumption: mean quality 2/7 ≈ 0.29", max: 1000),
            .amount("region.achievements.quality_b", 5, unit: "", "Beta shape b of latent quality q.",
                    source: "assumption", max: 1000),
            .amount("region.achievements.quality_slope", 3, unit: "logit per unit q",
                    "How strongly quality raises every success probability: logit p = logit p_base + slope × (q − mean q).",
                    source: "assumption", max: 100),
            .amount("region.achievements.value_median", 300, unit: "万元",
                    "Median market potential V of a result (lognormal body).",
                    source: "assumption: with price_share 0.15 gives contract values near the national mean of 63.9万 (2023, CALIBRATION.md)"),
            .amount("region.achievements.value_sigma", 1.2, unit: "log-scale sd", "Log-scale spread of V's lognormal body.",
                    source: "assumption: contract values are extremely concentrated (Valdivia 2013, CALIBRATION.md)", max: 10),
            .probability("region.achievements.value_tail_probability", 0.05,
                         "Share of results whose V is drawn from the Pareto tail above the body's 95th percentile.",
                         source: "assumption: lognormal body plus Pareto tail, MODEL.md §3"),
            .amount("region.achievements.value_tail_alpha", 1.2, unit: "", "Pareto shape of V's tail.",
                    source: "assumption: α 1.0–1.5 as for venture multiples (CALIBRATION.md)", max: 20),
            .amount("region.achievements.value_tail_cap", 100, unit: "× tail start", "Cap of V's Pareto tail, as a multiple of where it starts.",
                    source: "assumption", max: 1e6),
            .amount("region.achievements.value_half_life_months", 36, unit: "months",
                    "Half-life of a result's value while it waits (technology ages).",
                    source: "assumption: MODEL.md §4 (a few years)", max: 1200),
            .amount("region.achievements.value_floor", 20, unit: "万元",
                    "A waiting result whose value decays below this is abandoned.",
                    source: "assumption: MODEL.md §4"),
            .amount("region.firms.cash_median", 40, unit: "万元",
                    "Median cash a local firm can pay up front.",
                    source: "assumption: weak local firms (001)"),
            .amount("region.firms.cash_sigma", 1.0, unit: "log-scale sd", "Log-scale spread of local firms' cash.",
                    source: "assumption", max: 10),
            .amount("region.firms.absorptive_a", 4, unit: "", "Beta shape a of a local firm's absorptive capacity.",
                    source: "assumption: mean capacity 0.73, so a piloted result succeeds about 70 % of the time and an unpiloted one about 26 % (the folk 80 %/30 %, CALIBRATION.md)", max: 1000),
            .amount("region.firms.absorptive_b", 1.5, unit: "", "Beta shape b of a local firm's absorptive capacity.",
                    source: "assumption", max: 1000),
            .probability("region.firms.value_share", 0.8,
                         "Share of a result's current value an adopting firm expects to capture.",
                         source: "assumption"),
            .probability("region.firms.outflow_probability_fit", 0.2,
                         "Probability that a firm elsewhere bids for a matched result that fits local industry (it competes with the local firm; the holder takes the better offer).",
                         source: "assumption: MODEL.md §5.9 (the outside pull is stronger for results with poor local fit)"),
            .probability("region.firms.outflow_probability_no_fit", 0.4,
                         "Probability that a firm elsewhere bids for a matched result that does not fit local industry (no local firm bids for it).",
                         source: "assumption: MODEL.md §5.9; Lanzhou's ≈30 % coupling drives results away (001)"),
            .amount("region.firms.outside_cash_multiple", 2, unit: "×",
                    "Cash of a bidding firm elsewhere as a multiple of a local firm's (same log-scale spread).",
                    source: "assumption: firms that buy results across regions are larger than the weak local firms (001)", max: 1000),
            .count("region.firms.max_match_attempts", 3, unit: "attempts",
                   "Matching attempts before a result that no firm takes is abandoned.",
                   source: "assumption", max: 100),
        ]
        return specs
    }

    init(_ r: ParameterReader) {
        horizonMonths = 12 * r["region.time.horizon_years"]
        intakeMonths = 12 * min(r["region.time.intake_years"], r["region.time.horizon_years"])
        disclosuresPerMonth = r["region.arrivals.annual_disclosures"] / 12
        cohortIntakeMonths = 12 * r["region.time.cohort_intake_years"]
        cohortFollowMonths = 12 * r["region.time.cohort_follow_years"]
        var running = 0.0
        sourceCumulativeShare = []
        sourceNeedsApproval = []
        sourceIntentMultiplier = []
        sourceSpinoffMultiplier = []
        for s in ResultSource.allCases {
            let base = "region.sources.\(s.key)"
            running += r["\(base).share"]
            sourceCumulativeShare.append(running)
            sourceNeedsApproval.append(r.flag("\(base).needs_approval"))
            sourceIntentMultiplier.append(r["\(base).intent_multiplier"])
            sourceSpinoffMultiplier.append(r["\(base).spinoff_multiplier"])
        }
        running = 0
        trlCumulative = Region.trlLevels.map { level in
            running += r["region.achievements.trl_weights.trl\(level)"]
            return running
        }
        qualityA = r["region.achievements.quality_a"]
        qualityB = r["region.achievements.quality_b"]
        qualitySlope = r["region.achievements.quality_slope"]
        valueMedian = r["region.achievements.value_median"]
        valueSigma = r["region.achievements.value_sigma"]
        valueTailProbability = r["region.achievements.value_tail_probability"]
        valueTailAlpha = r["region.achievements.value_tail_alpha"]
        valueTailCapMultiple = r["region.achievements.value_tail_cap"]
        valueHalfLifeMonths = r["region.achievements.value_half_life_months"]
        valueFloor = r["region.achievements.value_floor"]
        firmCashMedian = r["region.firms.cash_median"]
        firmCashSigma = r["region.firms.cash_sigma"]
        firmAbsorptiveA = r["region.firms.absorptive_a"]
        firmAbsorptiveB = r["region.firms.absorptive_b"]
        firmValueShare = r["region.firms.value_share"]
        outflowProbabilityFit = r["region.firms.outflow_probability_fit"]
        outflowProbabilityNoFit = r["region.firms.outflow_probability_no_fit"]
        outsideCashMultiple = r["region.firms.outside_cash_multiple"]
        maxMatchAttempts = r.int("region.firms.max_match_attempts")
    }
}
