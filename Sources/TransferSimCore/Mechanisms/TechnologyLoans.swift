// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Bank technology loans (科技贷, MODEL.md §4.1, §5.10): interest subsidies and a risk-compensation
/// pool, and the cash constraints they relax.
///
/// A loan reaches three borrowers: a new venture (at creation, a lognormal amount; it raises the
/// venture's chance of closing a round and is part of its cash for a pilot), a local firm whose cash
/// (with any local subsidy) falls short of the upfront fee for a result it wants (the shortfall, up
/// to `firm_loan_max`), and a local firm or venture that would pay for its own pilot but lacks the
/// cash (the shortfall, likewise). The bank approves with `approval_probability`, its odds raised by
/// the risk-compensation pool (odds × (1 + effect × share)): the pool covers part of the loss on a
/// default, so the bank lends to borrowers it would refuse. The government pays
/// `interest_subsidy_share` of the interest over the term (booked when the loan is made) and, when
/// a borrower fails within the term (a venture that fails, a firm whose implementation fails),
/// `risk_compensation_share` of the unrecovered principal.
public struct TechnologyLoans: Sendable {
    /// Whether the technology-loan programme runs (partner banks lend to ventures and firms).
    public var enabled: Bool
    public var approvalProbability: Double
    public var amountMedian: Double
    public var rate: Double
    public var termMonths: Double
    public var recovery: Double
    public var raiseBoost: Double
    /// The largest loan to a local firm for an upfront fee or its own pilot (万元).
    public var firmLoanMax: Double
    public var interestSubsidyShare: Double
    public var riskCompensationShare: Double
    public var riskCompensationApprovalEffect: Double

    static let parameters: [ParameterSpec] = [
        .flag("policy.tech_loan.enabled", true,
              "Technology loans (科技贷) through partner banks to ventures and to local firms short of cash for an upfront fee or a pilot.",
              source: "000 (Yunnan: technology loans at 4 partner banks); MODEL.md §5.10"),
        .probability("region.loan.approval_probability", 0.3, "Probability the bank approves a technology loan, without risk compensation.",
                     source: "assumption"),
        .amount("region.loan.amount_median", 100, unit: "万元", "Median technology loan to a new venture.", source: "assumption"),
        .amount("region.loan.firm_loan_max", 200, unit: "万元",
                "Largest technology loan to a local firm for an upfront fee or its own pilot.",
                source: "assumption: about twice the median venture loan"),
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

    init(_ r: ParameterReader) {
        enabled = r.flag("policy.tech_loan.enabled")
        approvalProbability = r["region.loan.approval_probability"]
        amountMedian = r["region.loan.amount_median"]
        firmLoanMax = r["region.loan.firm_loan_max"]
        rate = r["region.loan.rate"]
        termMonths = r["region.loan.term_months"]
        recovery = r["region.loan.recovery"]
        raiseBoost = r["region.loan.raise_boost"]
        interestSubsidyShare = r["policy.tech_loan.interest_subsidy_share"]
        riskCompensationShare = r["policy.tech_loan.risk_compensation_share"]
        riskCompensationApprovalEffect = r["region.loan.risk_compensation_approval_effect"]
    }

    /// Approval probability with the risk-compensation pool's effect on the odds.
    public var approval: Double {
        let p = approvalProbability
        guard p < 1 else { return 1 }
        let odds = p / (1 - p) * (1 + riskCompensationApprovalEffect * riskCompensationShare)
        return odds / (1 + odds)
    }
}

extension TrialSimulator {
    // MARK: - Technology loans

    /// Whether the bank lends result `i`'s local adopter `shortfall` 万元 (at most `firm_loan_max`),
    /// decided by the uniform of the adopter's `occasion` (each matching attempt's upfront fee, and
    /// the pilot, have their own, from the loan stream's later occasions).
    func firmLoanApproved(_ i: Int, shortfall: Double, occasion: UInt32) -> Bool {
        guard p.loans.enabled, shortfall > 0, shortfall <= p.loans.firmLoanMax else { return false }
        random.seek(entity: results[i].entity, purpose: .loan, occasion: occasion)
        return random.uniform() < p.loans.approval
    }

    /// A loan of `amount` made at `t`: counted, and the interest subsidy over its term booked now.
    func grantLoan(_ amount: Double, firm: Bool = false, at t: Double) {
        book(.loansGranted, 1, at: t)
        if firm { book(.firmLoansGranted, 1, at: t) }
        spend(.fiscalLoanInterestSubsidies, p.loans.interestSubsidyShare * p.loans.rate * amount * p.loans.termMonths / 12, at: t)
    }

    /// A loan to result `i`'s adopting firm (or venture, for its pilot), kept for risk compensation.
    func lend(_ i: Int, _ amount: Double, at t: Double) {
        results[i].loanAmount += amount
        results[i].loanEndsAt = t + p.loans.termMonths
        grantLoan(amount, firm: true, at: t)
    }

    /// A borrower failed within its loan's term: the pool pays its share of the unrecovered principal.
    func compensateDefault(_ amount: Double, at t: Double) {
        spend(.fiscalRiskCompensation, p.loans.riskCompensationShare * amount * (1 - p.loans.recovery), at: t)
    }
}
