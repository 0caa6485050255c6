// SPDX-License-Identifier: GPL-3.0-or-later

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

/// A capacity-limited maturation stage: proof of concept (概念验证, §5.6) and pilot (中试熟化, §5.7)
/// work the same way. Results below a TRL need the stage; a funded slot at a centre or base serves
/// them in arrival order within its yearly budget; a result that waits longer than the maximum runs
/// the stage on its own money with some probability, or otherwise drops out (PoC) or goes on
/// unpiloted (pilot).
public struct ScaleUpStage: Sendable {
    public enum Kind: Sendable { case proofOfConcept, pilot }
    public let kind: Kind
    /// Results with TRL below this need the stage.
    public var needsBelowTRL: Int
    public var successProbability: Double
    public var durationMedianMonths: Double
    public var durationSigma: Double
    public var costMedian: Double
    public var costSigma: Double
    /// Probability that a result without a funded slot runs the stage on its own money.
    public var selfFundedProbability: Double
    public var trlGain: Int
    /// Concurrent funded slots (centres' or bases' capacity), the share of cost they fund, their
    /// yearly budget (万元) and the longest a result waits for a slot.
    public var slots: Int
    public var fundedShare: Double
    public var annualBudget: Double
    public var maxWaitMonths: Double

    struct Defaults {
        let key: String, label: String, needsBelow: Double, success: Double, duration: Double, cost: Double
        let selfFunded: Double, slots: Double, fundedShare: Double, budget: Double, maxWait: Double
        let slotSource: String, shareSource: String
    }
    static let poc = Defaults(key: "poc", label: "proof of concept", needsBelow: 5, success: 0.5, duration: 9, cost: 50,
                              selfFunded: 0.5, slots: 15, fundedShare: 1.0, budget: 1000, maxWait: 6,
                              slotSource: "assumption: a mid-size city's PoC centres; MODEL.md §5.6",
                              shareSource: "MODEL.md §5.6 (grant per project)")
    static let pilot = Defaults(key: "pilot", label: "pilot (中试)", needsBelow: 7, success: 0.6, duration: 12, cost: 200,
                                selfFunded: 0.35, slots: 25, fundedShare: 0.3, budget: 2000, maxWait: 9,
                                slotSource: "assumption, scaled from Henan's 50 pilot bases province-wide (000)",
                                shareSource: "assumption: subsidy share of pilot cost, MODEL.md §5.7")

    static func parameters(_ d: Defaults) -> [ParameterSpec] {
        let r = "region.\(d.key)", p = "policy.\(d.key)"
        return [
            ParameterSpec("\(r).needs_below_trl", .integer(0...10), default: .number(d.needsBelow),
                          meaning: "Results with a TRL below this need \(d.label).", source: "assumption: MODEL.md §4 (stages a result does not need are skipped)"),
            .probability("\(r).success_probability", d.success, "Probability that \(d.label) succeeds for a result of mean quality.",
                         source: "assumption"),
            .amount("\(r).duration_median_months", d.duration, unit: "months", "Median duration of \(d.label).",
                    source: "assumption", max: 600),
            .amount("\(r).duration_sigma", 0.4, unit: "log-scale sd", "Log-scale spread of its duration.", source: "assumption", max: 10),
            .amount("\(r).cost_median", d.cost, unit: "万元", "Median cost of one \(d.label) project.", source: "assumption"),
            .amount("\(r).cost_sigma", 0.5, unit: "log-scale sd", "Log-scale spread of its cost.", source: "assumption", max: 10),
            .probability("\(r).self_funded_probability", d.selfFunded,
                         "Probability that a result without a funded slot runs \(d.label) on its own money.", source: "assumption"),
            ParameterSpec("\(r).trl_gain", .integer(0...9), default: .number(2),
                          meaning: "TRL levels gained by a successful \(d.label).", source: "assumption"),
            .count("\(p).slots", d.slots, unit: "concurrent projects",
                   "Funded \(d.label) slots (projects run at once); 0 switches the lever off.", source: d.slotSource, neutral: 0),
            .probability("\(p).funded_share", d.fundedShare, "Share of a project's cost the \(d.label) programme pays.",
                         source: d.shareSource),
            .amount("\(p).annual_budget", d.budget, unit: "万元 per year",
                    "Yearly budget of the \(d.label) programme; a project starts only while budget remains.", source: "assumption"),
            .amount("\(p).max_wait_months", d.maxWait, unit: "months",
                    "Longest a result waits for a funded \(d.label) slot before going on without one.", source: "assumption", max: 600),
        ]
    }

    init(_ r: ParameterReader, _ d: Defaults, kind: Kind) {
        self.kind = kind
        let rp = "region.\(d.key)", pp = "policy.\(d.key)"
        needsBelowTRL = r.int("\(rp).needs_below_trl")
        successProbability = r["\(rp).success_probability"]
        durationMedianMonths = r["\(rp).duration_median_months"]
        durationSigma = r["\(rp).duration_sigma"]
        costMedian = r["\(rp).cost_median"]
        costSigma = r["\(rp).cost_sigma"]
        selfFundedProbability = r["\(rp).self_funded_probability"]
        trlGain = r.int("\(rp).trl_gain")
        slots = r.int("\(pp).slots")
        fundedShare = r["\(pp).funded_share"]
        annualBudget = r["\(pp).annual_budget"]
        maxWaitMonths = r["\(pp).max_wait_months"]
    }
}

/// Proof-of-concept extras: "invest first, equity later" (先投后股, Wenzhou, 004).
public struct InvestFirstEquityLater: Sendable {
    /// Whether proof-of-concept grants convert (先投后股).
    public var enabled: Bool
    /// Whether pilot subsidies convert too (the "二次开发" project money of 004).
    public var pilotEnabled: Bool
    /// Annual return at which the government exits the converted stake "at preserved value" (按保值退出).
    public var exitReturnRate: Double

    static let parameters: [ParameterSpec] = [
        .flag("policy.poc.invest_first_equity_later", false,
              "Proof-of-concept grants to results that become ventures turn into equity at the first round (先投后股).",
              source: "004 (Wenzhou); 001 (Lanzhou proposal)"),
        .flag("policy.pilot.invest_first_equity_later", false,
              "Pilot subsidies to results that become ventures turn into equity at the first round, with PoC grants (先投后股).",
              source: "004: 先期以科技项目方式支持…“二次开发”，市场化融资阶段将投入的财政资金转换为股份"),
        .amount("policy.poc.preserved_value_rate", 0.03, unit: "per year",
                "Annual return at which the government exits a converted PoC stake (按保值退出).",
                source: "assumption: a deposit-like rate; 001 (exit at preserved value)", max: 1),
    ]

    init(_ r: ParameterReader) {
        enabled = r.flag("policy.poc.invest_first_equity_later")
        pilotEnabled = r.flag("policy.pilot.invest_first_equity_later")
        exitReturnRate = r["policy.poc.preserved_value_rate"]
    }
}
