// SPDX-License-Identifier: GPL-3.0-or-later

/// A fiscal envelope (docs/budget.md): one yearly cap on the government's spending across its budget
/// lines, the constraint city staff actually face, under which programmes compete. Per-line caps
/// still apply inside it. Fund commitments are outside it (a fund's money is committed when it is
/// raised, `docs/funds.md`).
///
/// A request the envelope refuses follows the path the line takes when its own budget is exhausted:
/// a PoC project or a subsidised pilot does not start (the result waits in the queue or goes on
/// without a slot, as with an empty programme budget); a local-conversion subsidy is not offered;
/// an institution reward, a loan's interest subsidy and a risk-compensation payout are cut to what
/// the envelope has left (the loan itself is still made).
public struct FiscalEnvelope: Sendable {
    /// How the envelope is shared when demand exceeds it.
    public enum Allocation: Int, Sendable, CaseIterable {
        /// Each request is met while the year's envelope has room, in event order.
        case firstCome
        /// Lines in a stated order: a line may spend only what is left after reserving, for every
        /// line above it, what that line's own annual budget has not yet spent this year.
        case priority
        /// Each line may spend at most its share of the envelope.
        case proportional

        public static let names = ["first_come", "priority", "proportional"]
    }

    /// 万元 a year; 0 = no envelope (each line only its own cap).
    public var annualCap: Double
    public var allocation: Allocation
    /// Rank of each line under `priority` (1 is served first; ties in line order), by `BudgetLine`.
    public var priority: [Double]
    /// Stated share of each line under `proportional` (all 0: shares proportional to the lines' own
    /// annual budgets), by `BudgetLine`.
    public var share: [Double]

    public var isActive: Bool { annualCap > 0 }

    static var parameters: [ParameterSpec] {
        [
            .amount("policy.budget.annual_cap", 0, unit: "万元 per year",
                    "Fiscal envelope: the most the government spends in a year across PoC grants, pilot subsidies, local-conversion subsidies, institution rewards, loan interest subsidies and risk compensation (fund commitments excluded); per-line caps still apply inside it. 0 = no envelope.",
                    source: "issue 18; docs/budget.md", neutral: 0),
            ParameterSpec("policy.budget.allocation", .choice(Allocation.names), default: .number(0),
                          meaning: "How the envelope is shared when demand exceeds it: first_come (each request met while the year's envelope has room, in event order), priority (lines in the order of policy.budget.priority.*; a line may spend only what is left after reserving each higher line's unspent own annual budget), proportional (each line at most its share, policy.budget.share.*).",
                          source: "issue 18; docs/budget.md"),
        ]
        + BudgetLine.allCases.map {
            ParameterSpec("policy.budget.priority.\($0.key)", .integer(1...Double(BudgetLine.allCases.count)),
                          default: .number(Double($0.rawValue + 1)),
                          meaning: "Rank of \($0.label) under allocation: priority (1 is served first; ties keep the order of this list).",
                          source: "assumption: the order of the budget lines")
        }
        + BudgetLine.allCases.map {
            .probability("policy.budget.share.\($0.key)", 0,
                         "Share of the envelope \($0.label) may spend under allocation: proportional. When every share is 0, the shares are proportional to the lines' own annual budgets (lines without one, the loan lines, then get none).",
                         source: "assumption")
        }
    }

    init(_ r: ParameterReader) {
        annualCap = r["policy.budget.annual_cap"]
        allocation = Allocation(rawValue: r.int("policy.budget.allocation")) ?? .firstCome
        priority = BudgetLine.allCases.map { r["policy.budget.priority.\($0.key)"] }
        share = BudgetLine.allCases.map { r["policy.budget.share.\($0.key)"] }
    }
}

/// The budget lines inside the envelope, in their default priority order.
public enum BudgetLine: Int, CaseIterable, Sendable {
    case pocGrants, pilotSubsidies, localSubsidies, institutionRewards, loanInterestSubsidies, riskCompensation

    public var key: String {
        ["poc_grants", "pilot_subsidies", "local_subsidies", "institution_rewards", "loan_interest_subsidies",
         "risk_compensation"][rawValue]
    }

    var label: String {
        ["proof-of-concept grants", "pilot subsidies", "local-conversion subsidies", "institution rewards",
         "loan interest subsidies", "risk compensation"][rawValue]
    }

    /// The line's spending metric.
    public var metric: Metric {
        [.fiscalPocGrants, .fiscalPilotSubsidies, .fiscalLocalSubsidies, .fiscalInstitutionRewards,
         .fiscalLoanInterestSubsidies, .fiscalRiskCompensation][rawValue]
    }

    init?(_ metric: Metric) {
        switch metric {
        case .fiscalPocGrants: self = .pocGrants
        case .fiscalPilotSubsidies: self = .pilotSubsidies
        case .fiscalLocalSubsidies: self = .localSubsidies
        case .fiscalInstitutionRewards: self = .institutionRewards
        case .fiscalLoanInterestSubsidies: self = .loanInterestSubsidies
        case .fiscalRiskCompensation: self = .riskCompensation
        default: return nil
        }
    }

    /// Metrics of the envelope, per line: months it bound, and (lines with an own annual budget) its
    /// unspent allowance.
    public var bindingMetric: Metric { Metric(rawValue: Metric.budgetBindingMonthsPocGrants.rawValue + rawValue)! }
    public var unspentMetric: Metric? {
        rawValue < 4 ? Metric(rawValue: Metric.budgetUnspentPocGrants.rawValue + rawValue) : nil
    }
}

/// One trial's envelope accounts: spending by year and line, and the months in which the envelope
/// refused or cut a request.
struct EnvelopeLedger {
    static let lines = BudgetLine.allCases.count
    var years = 0
    /// years × lines, then the year's total.
    var spent: [Double] = []
    var total: [Double] = []
    /// months × (lines + 1): whether the envelope bound on the line (or on any, last column).
    var bound: [Bool] = []

    mutating func reset(years: Int, months: Int) {
        self.years = years
        spent = [Double](repeating: 0, count: years * Self.lines)
        total = [Double](repeating: 0, count: years)
        bound = [Bool](repeating: false, count: (months + 1) * (Self.lines + 1))
    }
}

extension TrialSimulator {
    // MARK: - The fiscal envelope

    /// The line's own annual budget (∞ for the lines that have none).
    func ownBudget(_ line: BudgetLine) -> Double {
        switch line {
        case .pocGrants: return p.proofOfConcept.annualBudget
        case .pilotSubsidies: return p.pilot.annualBudget
        case .localSubsidies: return p.adoption.subsidyAnnualBudget
        case .institutionRewards: return p.rewards.annualCap
        case .loanInterestSubsidies, .riskCompensation: return .infinity
        }
    }

    /// What `line` may still spend at `t` under the envelope (∞ without one, or beyond the horizon).
    func envelopeRoom(_ line: BudgetLine, at t: Double) -> Double {
        let e = p.budget
        guard e.isActive, t <= horizon else { return .infinity }
        let y = year(of: t), n = EnvelopeLedger.lines
        let left = e.annualCap - envelope.total[y]
        switch e.allocation {
        case .firstCome:
            return max(0, left)
        case .priority:
            var reserved = 0.0
            let rank = e.priority[line.rawValue]
            for other in BudgetLine.allCases where other != line {
                let r = e.priority[other.rawValue]
                guard r < rank || (r == rank && other.rawValue < line.rawValue) else { continue }
                let own = ownBudget(other)
                if own.isFinite { reserved += max(0, own - envelope.spent[y * n + other.rawValue]) }
            }
            return max(0, left - reserved)
        case .proportional:
            return max(0, min(left, envelopeShare(line) * e.annualCap - envelope.spent[y * n + line.rawValue]))
        }
    }

    /// The line's share of the envelope under `proportional`: as stated, or (every share 0) its own
    /// annual budget over the sum of the lines' own budgets.
    func envelopeShare(_ line: BudgetLine) -> Double {
        let stated = p.budget.share
        if stated.contains(where: { $0 > 0 }) { return stated[line.rawValue] }
        let own = BudgetLine.allCases.map { ownBudget($0) }.filter(\.isFinite)
        let sum = own.reduce(0, +)
        let mine = ownBudget(line)
        return mine.isFinite && sum > 0 ? mine / sum : 0
    }

    /// Whether the envelope lets `line` spend `amount` at `t`; a refusal is recorded (binding month).
    @inline(__always) func envelopeAllows(_ line: BudgetLine, _ amount: Double, at t: Double) -> Bool {
        guard p.budget.isActive, amount > 0 else { return true }
        if envelopeRoom(line, at: t) >= amount * (1 - 1e-12) { return true }
        envelopeBound(line, at: t)
        return false
    }

    /// `amount` cut to what the envelope lets `line` spend at `t` (a cut is recorded).
    @inline(__always) func envelopeCut(_ line: BudgetLine, _ amount: Double, at t: Double) -> Double {
        guard p.budget.isActive, amount > 0 else { return amount }
        let room = envelopeRoom(line, at: t)
        if room >= amount { return amount }
        envelopeBound(line, at: t)
        return room
    }

    func envelopeBound(_ line: BudgetLine, at t: Double) {
        guard t <= horizon else { return }
        let m = min(Int(t), Int(horizon.rounded(.up))), w = EnvelopeLedger.lines + 1
        envelope.bound[m * w + line.rawValue] = true
        envelope.bound[m * w + EnvelopeLedger.lines] = true
    }

    /// Records spending on an envelope line (called by `spend` when an envelope is active).
    func envelopeRecord(_ metric: Metric, _ amount: Double, at t: Double) {
        guard let line = BudgetLine(metric), t <= horizon else { return }
        let y = year(of: t)
        envelope.spent[y * EnvelopeLedger.lines + line.rawValue] += amount
        envelope.total[y] += amount
    }

    /// The envelope's metrics at the end of a trial: months it bound, and what it left unspent.
    func tallyEnvelope() {
        guard p.budget.isActive else {
            out[.budgetBindingMonths] = 0
            out[.budgetUnspent] = .nan
            for line in BudgetLine.allCases {
                out[line.bindingMetric] = 0
                if let m = line.unspentMetric { out[m] = .nan }
            }
            return
        }
        let w = EnvelopeLedger.lines + 1, months = envelope.bound.count / w
        for c in 0..<w {
            var n = 0.0
            for m in 0..<months where envelope.bound[m * w + c] { n += 1 }
            out[c == EnvelopeLedger.lines ? .budgetBindingMonths : BudgetLine(rawValue: c)!.bindingMetric] = n
        }
        let cap = p.budget.annualCap, years = envelope.years
        out[.budgetUnspent] = (0..<years).reduce(0) { $0 + max(0, cap - envelope.total[$1]) }
        for line in BudgetLine.allCases {
            guard let metric = line.unspentMetric else { continue }
            var limit = min(ownBudget(line), cap)
            if p.budget.allocation == .proportional { limit = min(limit, envelopeShare(line) * cap) }
            out[metric] = (0..<years).reduce(0) { $0 + max(0, limit - envelope.spent[$1 * EnvelopeLedger.lines + line.rawValue]) }
        }
    }
}
