// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// The route a matched result takes (转让 / 许可 / 作价投资, MODEL.md §5.8) and the terms of a
/// licence or transfer.
public struct Route: Sendable {
    /// Base probability that a matched result becomes a spin-off venture.
    public var spinoffProbability: Double
    /// Among licences and transfers, the share that are licences.
    public var licenceShare: Double
    /// Contract price as a share of the result's current value.
    public var priceShare: Double
    /// Share of a licence's price paid up front (a transfer is paid in full up front).
    public var licenceUpfrontShare: Double
    /// Royalty on the licensee's revenue.
    public var royaltyRate: Double
    /// Value of the IP contributed to a spin-off (作价投资), as a share of the result's value.
    public var equityValueShare: Double

    static let parameters: [ParameterSpec] = [
        .probability("region.route.spinoff_probability", 0.04,
                     "Probability that a matched result becomes a spin-off (before source, field and empowerment multipliers).",
                     source: "assumption between China's 2023 equity deals (≈1.3 % of contracts) and AUTM FY2020 (start-ups ≈10 % of licences plus start-ups), CALIBRATION.md"),
        .probability("region.route.licence_share", 0.383,
                     "Share of licences among licences and transfers.",
                     source: "national report 2023: 14,263 licences, 23,006 transfers (CALIBRATION.md)"),
        .probability("region.route.price_share", 0.1,
                     "Contract price as a share of the result's current value V.",
                     source: "assumption: calibrated to the national mean contract value 63.9万 (2023, CALIBRATION.md)"),
        .probability("region.route.licence_upfront_share", 0.4,
                     "Share of a licence's price paid up front; the rest is the licence's share of royalties.",
                     source: "assumption"),
        .probability("region.route.royalty_rate", 0.03, "Royalty on the licensee's revenue.", source: "assumption"),
        .amount("region.route.equity_value_share", 1.0, unit: "× V",
                "Value of the IP put into a spin-off (作价投资) as a multiple of the result's current value.",
                source: "assumption: equity contracts average 946万 against 46.1万 for transfers (2023, CALIBRATION.md)", max: 100),
    ]

    init(_ r: ParameterReader) {
        spinoffProbability = r["region.route.spinoff_probability"]
        licenceShare = r["region.route.licence_share"]
        priceShare = r["region.route.price_share"]
        licenceUpfrontShare = r["region.route.licence_upfront_share"]
        royaltyRate = r["region.route.royalty_rate"]
        equityValueShare = r["region.route.equity_value_share"]
    }
}

/// Local adoption under first-use-then-pay and the local-conversion subsidy
/// (先使用后付费, 就地转化补助; MODEL.md §5.9), and implementation by the adopting firm.
public struct LocalAdoption: Sendable {
    public var firstUseThenPay: Bool
    public var trialMonths: Double
    public var paymentCompliance: Double
    public var subsidyRate: Double
    public var subsidyCap: Double
    public var subsidyAnnualBudget: Double
    /// Implementation: success probability at mean quality and capacity 1, duration.
    public var implementationSuccess: Double
    public var implementationMedianMonths: Double
    public var implementationSigma: Double

    static let parameters: [ParameterSpec] = [
        .flag("policy.licensing.first_use_then_pay", false,
              "Licences to local firms need no upfront fee; after a trial period the firm pays only if implementation succeeded.",
              source: "000, 001, 003, 004 (先使用后付费)"),
        .amount("policy.licensing.trial_months", 12, unit: "months",
                "Trial period before a first-use-then-pay licensee pays.", source: "MODEL.md §5.9 (default 12 months)", max: 600),
        .probability("region.licensing.payment_compliance", 0.8,
                     "Probability that a first-use-then-pay licensee whose implementation succeeded pays.",
                     source: "assumption"),
        .probability("policy.licensing.local_subsidy_rate", 0,
                     "Local-conversion subsidy as a share of contract value (0 = off). Hefei: 0.15.",
                     source: "001 (Hefei: ≤15 % of contract value, ≤150万 per project)", neutral: 0),
        .amount("policy.licensing.local_subsidy_cap", 150, unit: "万元",
                "Largest local-conversion subsidy per project.", source: "001 (Hefei: 150万)"),
        .amount("policy.licensing.local_subsidy_annual_budget", 3000, unit: "万元 per year",
                "Yearly budget of the local-conversion subsidy.", source: "assumption"),
        .probability("region.licensing.implementation_success", 0.95,
                     "Probability that a firm with full absorptive capacity implements a piloted result of mean quality.",
                     source: "assumption: SBIR Phase II ≈48 % with some commercial outcome (CALIBRATION.md) at mean capacity and a mix of piloted and unpiloted results"),
        .amount("region.licensing.implementation_median_months", 12, unit: "months",
                "Median time from adoption to implementation.", source: "assumption", max: 600),
        .amount("region.licensing.implementation_sigma", 0.5, unit: "log-scale sd",
                "Log-scale spread of implementation time.", source: "assumption", max: 10),
    ]

    init(_ r: ParameterReader) {
        firstUseThenPay = r.flag("policy.licensing.first_use_then_pay")
        trialMonths = r["policy.licensing.trial_months"]
        paymentCompliance = r["region.licensing.payment_compliance"]
        subsidyRate = r["policy.licensing.local_subsidy_rate"]
        subsidyCap = r["policy.licensing.local_subsidy_cap"]
        subsidyAnnualBudget = r["policy.licensing.local_subsidy_annual_budget"]
        implementationSuccess = r["region.licensing.implementation_success"]
        implementationMedianMonths = r["region.licensing.implementation_median_months"]
        implementationSigma = r["region.licensing.implementation_sigma"]
    }
}

/// Industrial land supply (土地供应, MODEL.md §5.11).
public struct LandSupply: Sendable {
    /// Land released each year (亩); unused quota does not carry over.
    public var annualQuotaMu: Double
    public var patienceMonths: Double
    public var relocationProbability: Double

    static let parameters: [ParameterSpec] = [
        .amount("policy.land.annual_quota_mu", 150, unit: "亩 per year",
                "Industrial land released each year for scale-up, served in request order while it lasts. A quota above total demand (e.g. 1000000) removes land as a constraint.",
                source: "assumption; 001 (Lanzhou: land shortage drives results away)", neutral: 1e9),
        .amount("region.land.patience_months", 12, unit: "months",
                "How long a result waits for land before it relocates or stalls.", source: "assumption", max: 600),
        .probability("region.land.relocation_probability", 0.6,
                     "Probability that a result not served in time relocates to another region (else it stalls and is abandoned).",
                     source: "assumption: 001 names land as a major reason results leave Lanzhou"),
    ]

    init(_ r: ParameterReader) {
        annualQuotaMu = r["policy.land.annual_quota_mu"]
        patienceMonths = r["region.land.patience_months"]
        relocationProbability = r["region.land.relocation_probability"]
    }
}

/// Revenue of converted results (MODEL.md §5.12).
public struct Market: Sendable {
    /// Annual revenue of a converted result as a share of its value at conversion.
    public var revenueShareOfValue: Double
    public var revenueSigma: Double

    static let parameters: [ParameterSpec] = [
        .probability("region.market.annual_revenue_share", 0.2,
                     "Annual revenue of a converted result as a share of its value at conversion (royalties are paid on it).",
                     source: "assumption"),
        .amount("region.market.revenue_sigma", 0.5, unit: "log-scale sd", "Log-scale noise of revenue around that.",
                source: "assumption", max: 10),
    ]

    init(_ r: ParameterReader) {
        revenueShareOfValue = r["region.market.annual_revenue_share"]
        revenueSigma = r["region.market.revenue_sigma"]
    }
}

/// Rewards to institutions for local conversions (MODEL.md §5.13).
public struct InstitutionRewards: Sendable {
    public var perLocalConversion: Double
    public var annualCap: Double
    public var effortReference: Double
    public var effortElasticity: Double

    static let parameters: [ParameterSpec] = [
        .amount("policy.institution_reward.per_local_conversion", 0, unit: "万元",
                "Reward paid to the institution for each local conversion (0 = off).",
                source: "001 (Wuhan: up to 3000万 by local-contribution rating)", neutral: 0),
        .amount("policy.institution_reward.annual_cap", 3000, unit: "万元 per year",
                "Largest total of rewards paid in a year.", source: "001 (Wuhan: up to 3000万)"),
        .amount("region.behaviour.reward_reference", 10, unit: "万元",
                "Reward per conversion at which transfer-office effort rises by 2^elasticity.",
                source: "assumption"),
        .amount("region.behaviour.reward_elasticity", 0.2, unit: "",
                "Elasticity of transfer-office effort to rewards: effort × (1 + reward / reference)^ε.",
                source: "assumption", max: 10),
    ]

    init(_ r: ParameterReader) {
        perLocalConversion = r["policy.institution_reward.per_local_conversion"]
        annualCap = r["policy.institution_reward.annual_cap"]
        effortReference = r["region.behaviour.reward_reference"]
        effortElasticity = r["region.behaviour.reward_elasticity"]
    }

    var effortMultiplier: Double {
        pow(1 + perLocalConversion / max(effortReference, 1e-9), effortElasticity)
    }
}
