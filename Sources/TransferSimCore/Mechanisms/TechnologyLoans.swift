// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Bank technology loans (科技贷, MODEL.md §4.1, §5.10): interest subsidies and a risk-compensation
/// pool, and the cash constraints they relax.
///
/// A loan reaches four borrowers: a new venture (at creation, a lognormal amount; it raises the
/// venture's chance of closing a round and is part of its cash for a pilot), a venture that missed
/// its round before the market (a bridge loan: it keeps going for `bridge_months` more and tries
/// the round once again, on its own draws), a local firm whose cash
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
    /// Months a bridge loan adds to a venture's patience for a second attempt at its round (0 = no
    /// bridge loans).
    public var bridgeMonths: Double
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
        .amount("region.loan.amount_median", 100, unit: "万元", "Median technology loan to a new venture (and of a bridge loan).", source: "assumption"),
        .amount("region.loan.bridge_months", 12, unit: "months",
                "Months a bridge loan adds to the patience of a venture that missed its round before the market; it then tries the round once more (0 = no bridge loans).",
                source: "assumption: MODEL.md §4.1 (loans bridge ventures between rounds); 12 months ≈ a loan's runway at a seed venture's burn", max: 600),
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
        bridgeMonths = r["region.loan.bridge_months"]
        interestSubsidyShare = r["policy.tech_loan.interest_subsidy_share"]
        riskCompensationShare = r["policy.tech_loan.risk_compensation_share"]
        riskCompensationApprovalEffect = r["region.loan.risk_compensation_approval_effect"]
    }

    /// What a loan of `amount` costs the borrower in interest over its term, after the interest
    /// subsidy (万元): a borrower weighs it against what the loan lets it do.
    public func borrowerInterest(_ amount: Double) -> Double {
        (1 - interestSubsidyShare) * rate * amount * termMonths / 12
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

    /// Venture `v` missed round `round` before the market: the bank may lend it a bridge (once per
    /// venture), and it tries the round again within its patience plus `bridge_months`, on the
    /// draws of the round's second occasion. Returns whether the venture goes on.
    func bridgeLoan(_ v: Int, round: Int, at t: Double) -> Bool {
        guard p.loans.enabled, p.loans.bridgeMonths > 0, !ventures[v].bridged else { return false }
        let i = Int(ventures[v].result)
        random.seek(entity: results[i].entity, purpose: .loan, occasion: 0x80 + UInt32(round))
        let approvedU = random.uniform()
        let amount = random.lognormal(median: p.loans.amountMedian, sigma: 0.5)
        guard approvedU < p.loans.approval else { return false }
        ventures[v].bridged = true
        ventures[v].loanAmount += amount
        ventures[v].loanEndsAt = t + p.loans.termMonths
        grantLoan(amount, at: t)
        book(.bridgeLoans, 1, at: t)
        random.seek(entity: results[i].entity, purpose: .financing, occasion: Self.retryOccasion + UInt32(round))
        let duration = random.lognormal(median: p.financing.rounds[round].durationMedianMonths, sigma: 0.5)
        let resolveAt = min(t + duration, patienceEnd(v))
        if resolveAt <= horizon { schedule(.roundResolve, at: resolveAt, subject: Int32(v), tag: UInt16(round)) }
        return true
    }

    /// The financing stream's occasions of a round's second attempt (after a bridge loan).
    static var retryOccasion: UInt32 { 8 }

    /// When venture `v` gives up on its current round: its patience, plus a bridge loan's months.
    func patienceEnd(_ v: Int) -> Double {
        ventures[v].roundStartedAt + p.financing.patienceMonths + (ventures[v].bridged ? p.loans.bridgeMonths : 0)
    }

    /// A loan of `amount` made at `t`: counted, and the interest subsidy over its term booked now.
    func grantLoan(_ amount: Double, firm: Bool = false, at t: Double) {
        book(.loansGranted, 1, at: t)
        if firm { book(.firmLoansGranted, 1, at: t) }
        // Cut to the fiscal envelope's room: the loan is still made (docs/budget.md).
        let subsidy = p.loans.interestSubsidyShare * p.loans.rate * amount * p.loans.termMonths / 12
        spend(.fiscalLoanInterestSubsidies, envelopeCut(.loanInterestSubsidies, subsidy, at: t), at: t)
    }

    /// A loan to result `i`'s adopting firm (or venture, for its pilot), kept for risk compensation.
    func lend(_ i: Int, _ amount: Double, at t: Double) {
        results[i].loanAmount += amount
        results[i].loanEndsAt = t + p.loans.termMonths
        grantLoan(amount, firm: true, at: t)
    }

    /// A borrower failed within its loan's term: the pool pays its share of the unrecovered principal.
    func compensateDefault(_ amount: Double, at t: Double) {
        let payout = p.loans.riskCompensationShare * amount * (1 - p.loans.recovery)
        spend(.fiscalRiskCompensation, envelopeCut(.riskCompensation, payout, at: t), at: t)
    }
}
