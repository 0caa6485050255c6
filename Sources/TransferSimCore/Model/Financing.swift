// SPDX-License-Identifier: GPL-3.0-or-later

/// One financing round of a spin-off venture.
public struct FinancingRound: Sendable {
    public var graduationProbability: Double
    public var durationMedianMonths: Double
    public var size: Double
    public var preMoney: Double
}

/// Spin-off ventures and their financing (MODEL.md §5.10: rounds, 科技贷 technology loans), market
/// entry and exits (§5.12). The government funds that invest in rounds are in `Funds`.
///
/// A venture raises a seed round, then tries to enter the market (conversion), then raises the
/// later rounds, and exits at a time drawn at creation. A round succeeds with a quality-adjusted
/// probability scaled by capital availability: private venture capital, plus the cover of the funds
/// that would invest (stage focus, ticket rules, budget), plus a bank technology loan's boost.
public struct Financing: Sendable {
    public static let roundKeys = ["seed", "series_a", "series_b"]
    public var rounds: [FinancingRound]
    public var patienceMonths: Double
    public var privateAvailability: Double
    public var relocateForCapitalProbability: Double
    public var marketEntryProbability: Double
    public var marketEntryMedianMonths: Double
    public var exitMedianMonths: Double
    public var exitSigma: Double
    /// Exit multiple buckets (of the last post-money valuation): <1×, 1–5×, 5–10×, ≥10× (Pareto tail).
    public var bucketProbabilities: [Double]
    public var tailAlpha: Double
    public var tailCap: Double
    /// Above this government share of a round, exit chances fall (Brander, Du & Hellmann 2015).
    public var dominantShareThreshold: Double
    public var dominantPenalty: Double
    /// Bank technology loans.
    public var loanApproval: Double
    public var loanAmountMedian: Double
    public var loanRate: Double
    public var loanTermMonths: Double
    public var loanRecovery: Double
    public var loanRaiseBoost: Double
    public var interestSubsidyShare: Double
    public var riskCompensationShare: Double
    public var riskCompensationApprovalEffect: Double

    static let roundDefaults: [(grad: Double, months: Double, size: Double, pre: Double)] = [
        (0.45, 9, 300, 1200),
        (0.35, 15, 1500, 5000),
        (0.45, 18, 5000, 15000),
    ]

    static var parameters: [ParameterSpec] {
        var specs: [ParameterSpec] = []
        for (key, d) in zip(roundKeys, roundDefaults) {
            let base = "region.venture.\(key)"
            specs += [
                .probability("\(base).graduation_probability", d.grad,
                             "Probability that a venture of mean quality raises its \(key) round with full capital availability.",
                             source: "Carta: seed to Series A within two years 15–31 % (CALIBRATION.md), before availability; assumption for other rounds"),
                .amount("\(base).duration_median_months", d.months, unit: "months", "Median time to close the \(key) round.",
                        source: "assumption", max: 600),
                .amount("\(base).size", d.size, unit: "万元", "Size of the \(key) round.", source: "assumption"),
                .amount("\(base).pre_money", d.pre, unit: "万元", "Pre-money valuation at the \(key) round.",
                        source: "assumption: dilution ≈20 % a round (Carta, CALIBRATION.md)"),
            ]
        }
        specs += [
            .amount("region.venture.patience_months", 18, unit: "months",
                    "A venture that has not raised its next round within this window fails.", source: "MODEL.md §5.10; value an assumption", max: 600),
            .probability("region.venture.private_availability", 0.3,
                         "Private venture capital availability index: chance a fundable round finds private money.",
                         source: "assumption for a mid-size city; 001 (Gansu ≈60 VC firms, Zhejiang ≈10,000)"),
            .probability("region.venture.relocate_for_capital_probability", 0.2,
                         "Probability that a venture that fails to raise locally moves to a region with capital (outflow).",
                         source: "assumption: 001 (scarce capital drives results away)"),
            .probability("region.venture.market_entry_probability", 0.6,
                         "Probability that a seed-funded venture of mean quality enters the market (conversion).",
                         source: "assumption"),
            .amount("region.venture.market_entry_median_months", 12, unit: "months",
                    "Median time from the seed round to market entry.", source: "assumption", max: 600),
            .amount("region.venture.exit_median_months", 84, unit: "months", "Median time from creation to exit.",
                    source: "CALIBRATION.md: lognormal with a median of 6–8 years", max: 1200),
            .amount("region.venture.exit_sigma", 0.4, unit: "log-scale sd", "Log-scale spread of time to exit.",
                    source: "assumption", max: 10),
            .probability("region.venture.exit_below_1x", 0.65, "Share of exits returning under 1× the last post-money.",
                         source: "Correlation Ventures 2004–13: 65 % <1× (CALIBRATION.md)"),
            .probability("region.venture.exit_1x_5x", 0.25, "Share of exits returning 1–5×.",
                         source: "Correlation Ventures: about 25 % (CALIBRATION.md)"),
            .probability("region.venture.exit_5x_10x", 0.06, "Share of exits returning 5–10×.",
                         source: "Correlation Ventures: about 6 % (CALIBRATION.md)"),
            .probability("region.venture.exit_10x_plus", 0.04, "Share of exits returning ≥10× (truncated Pareto tail).",
                         source: "Correlation Ventures: 4 % (CALIBRATION.md)"),
            .amount("region.venture.tail_alpha", 1.5, unit: "", "Pareto shape of the ≥10× tail.",
                    source: "CALIBRATION.md: α 1.0–1.5; 1.5 with cap 300 gives a gross mean multiple ≈2.5", max: 20),
            .amount("region.venture.tail_cap", 300, unit: "×", "Cap of the exit-multiple tail.",
                    source: "CALIBRATION.md: cap 300–1000×", max: 1e6),
            .probability("region.venture.dominant_share_threshold", 0.5,
                         "Government share of a round above which it is dominant.",
                         source: "Brander, Du & Hellmann 2015 (CALIBRATION.md); threshold an assumption"),
            .probability("region.venture.dominant_penalty", 0.8,
                         "Multiplier on the chance of a ≥1× exit for a venture whose rounds the government dominated.",
                         source: "Brander, Du & Hellmann 2015: a dominant government share lowers exit rates (size an assumption)"),
            .probability("region.loan.approval_probability", 0.3, "Probability a new venture gets a bank technology loan.",
                         source: "assumption"),
            .amount("region.loan.amount_median", 100, unit: "万元", "Median technology loan.", source: "assumption"),
            .probability("region.loan.rate", 0.0385, "Annual interest rate of technology loans.",
                         source: "000 (Yunnan: average 3.85 % at 4 partner banks)"),
            .amount("region.loan.term_months", 36, unit: "months", "Loan term.", source: "assumption", max: 600),
            .probability("region.loan.recovery", 0.3, "Share of principal recovered when a borrower fails.", source: "assumption"),
            .amount("region.loan.raise_boost", 1.2, unit: "×", "Multiplier on the chance of raising a round for a venture with a loan.",
                    source: "assumption", max: 100),
            .probability("policy.tech_loan.interest_subsidy_share", 0.3,
                         "Share of technology-loan interest paid by the government (0 = off).",
                         source: "assumption; MODEL.md §5.10", neutral: 0),
            .probability("policy.tech_loan.risk_compensation_share", 0.3,
                         "Share of a defaulted loan's loss the risk-compensation pool pays (0 = off).",
                         source: "assumption; 004 (risk compensation)", neutral: 0),
            .amount("region.loan.risk_compensation_approval_effect", 1.0, unit: "",
                    "Loan approval odds multiplier per unit of risk-compensation share: odds × (1 + effect × share).",
                    source: "assumption: MODEL.md §5.10 (a risk-compensation pool raises approval)", max: 100),
        ]
        return specs
    }

    init(_ r: ParameterReader) {
        rounds = Financing.roundKeys.map { key in
            let base = "region.venture.\(key)"
            return FinancingRound(graduationProbability: r["\(base).graduation_probability"],
                                  durationMedianMonths: r["\(base).duration_median_months"],
                                  size: r["\(base).size"], preMoney: r["\(base).pre_money"])
        }
        patienceMonths = r["region.venture.patience_months"]
        privateAvailability = r["region.venture.private_availability"]
        relocateForCapitalProbability = r["region.venture.relocate_for_capital_probability"]
        marketEntryProbability = r["region.venture.market_entry_probability"]
        marketEntryMedianMonths = r["region.venture.market_entry_median_months"]
        exitMedianMonths = r["region.venture.exit_median_months"]
        exitSigma = r["region.venture.exit_sigma"]
        bucketProbabilities = ["exit_below_1x", "exit_1x_5x", "exit_5x_10x", "exit_10x_plus"].map { r["region.venture.\($0)"] }
        tailAlpha = r["region.venture.tail_alpha"]
        tailCap = r["region.venture.tail_cap"]
        dominantShareThreshold = r["region.venture.dominant_share_threshold"]
        dominantPenalty = r["region.venture.dominant_penalty"]
        loanApproval = r["region.loan.approval_probability"]
        loanAmountMedian = r["region.loan.amount_median"]
        loanRate = r["region.loan.rate"]
        loanTermMonths = r["region.loan.term_months"]
        loanRecovery = r["region.loan.recovery"]
        loanRaiseBoost = r["region.loan.raise_boost"]
        interestSubsidyShare = r["policy.tech_loan.interest_subsidy_share"]
        riskCompensationShare = r["policy.tech_loan.risk_compensation_share"]
        riskCompensationApprovalEffect = r["region.loan.risk_compensation_approval_effect"]
    }

    /// Loan approval probability with the risk-compensation pool's effect on the odds.
    var effectiveLoanApproval: Double {
        let p = loanApproval
        guard p < 1 else { return 1 }
        let odds = p / (1 - p) * (1 + riskCompensationApprovalEffect * riskCompensationShare)
        return odds / (1 + odds)
    }
}
