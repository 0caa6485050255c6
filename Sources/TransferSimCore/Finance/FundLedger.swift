// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// The classes of money a fund's metrics are reported for: its two limited-partner (LP) classes,
/// and the fund gross of fees and carry (its deals' cost, proceeds and value).
public enum LPClass: Int, CaseIterable, Sendable {
    case government, `private`, gross

    public static let count = 3
    public var name: String { ["government", "private", "gross"][rawValue] }
}

/// One fund's ledger of dated monthly cash flows over one trial (MODEL.md §6): capital calls by LP
/// class for investments and management fees, distributions through the waterfall and the
/// concessions, and the net asset value (NAV) of unrealised stakes.
///
/// Money in 万元; times in months from the start of the simulation; month `m` covers `[m, m + 1)`.
/// Flows are booked in the month they happen; the NAV of month `m` is the value at its end.
///
/// Accounting identities, which hold at every step (see `Conservation`):
/// - LP contributions = deal investments + management fees (+ LP-to-LP transfers: buy-back
///   payments and first-loss cover, which pass between the classes and never through the fund);
/// - deal proceeds = LP distributions + carry (less the same transfers);
/// - portfolio value = the LPs' NAV + the manager's accrued carry (the NAV is split as if the fund
///   were liquidated at that value).
///
/// The engine feeds it: `invest`, `realise`, `liquidate`, `offerBuyback` at year ends and `close`
/// at the horizon, each of which records the month-end NAVs before it acts; and `markNAV` before a
/// round changes a held venture's value without the fund trading.
/// Venture stakes are held as units of the venture's equity before dilution: the stake now is
/// `units × dilution`, and the engine's valuation function gives `dilution × post-money` per unit.
public struct FundLedger: Sendable {
    /// A venture held: its units, what it cost, what it returned, and (American waterfall) its own
    /// waterfall.
    struct Holding: Sendable {
        var venture: Int32
        var units: Double
        var cost: Double
        var proceeds = 0.0
        var realised = false
        var deal: Waterfall?
    }

    public let terms: FundTerms
    public let months: Int
    /// Monthly flows by class (`LPClass.rawValue`): contributions, distributions and NAV at month end.
    public private(set) var contributions: [[Double]]
    public private(set) var distributions: [[Double]]
    public private(set) var nav: [[Double]]
    /// Share of the LP interest the government holds: its commitment share, 0 after a buy-back.
    public private(set) var governmentInterest: Double
    public private(set) var called = 0.0
    public private(set) var invested = 0.0
    public private(set) var newDealsInvested = 0.0
    /// New deals outside the results pipeline (local start-ups it did not create, deals elsewhere),
    /// for the pipeline reserve.
    public private(set) var nonPipelineInvested = 0.0
    /// Invested in local ventures (spin-offs and local start-ups), for the 返投 rule.
    public private(set) var localInvested = 0.0
    public private(set) var feesPaid = 0.0
    public private(set) var carryPaid = 0.0
    /// Payments from one LP class to the other (buy-back price, first-loss cover), for the identities.
    public private(set) var transfers = 0.0
    public private(set) var deals = 0
    public private(set) var followOns = 0
    public private(set) var buybackExercised = false
    public private(set) var firstLossPaid = 0.0
    public private(set) var liquidated = false
    /// The government's dated flows as an LP (contributions negative), for the concession balances.
    private var governmentFlows: [(month: Double, amount: Double)] = []
    private var holdings: [Holding] = []
    private var fund: Waterfall
    private var nextFeeMonth: Int
    private var navMarkedThrough = 0

    public init(terms: FundTerms, months: Int) {
        self.terms = terms
        self.months = max(months, 1)
        let zeros = [[Double]](repeating: [Double](repeating: 0, count: self.months), count: LPClass.count)
        contributions = zeros
        distributions = zeros
        nav = zeros
        governmentInterest = terms.governmentShare
        fund = Waterfall(terms: terms.waterfall)
        nextFeeMonth = Int(terms.startMonth.rounded(.up))
    }

    public var isActive: Bool { terms.governmentCommitment > 0 }

    private func slot(_ t: Double) -> Int { min(max(Int(t), 0), months - 1) }

    // MARK: - Capital calls and fees

    /// Calls `amount` from the LPs in proportion to their interest (at most what remains uncalled).
    /// Returns what was called.
    @discardableResult
    private mutating func call(_ amount: Double, at t: Double) -> Double {
        let x = min(amount, max(0, terms.commitments - called))
        guard x > 0 else { return 0 }
        called += x
        let g = x * governmentInterest
        contributions[LPClass.government.rawValue][slot(t)] += g
        contributions[LPClass.private.rawValue][slot(t)] += x - g
        if g > 0 { governmentFlows.append((t, -g)) }
        if terms.style == .european { fund.contribute(x, month: t) }
        return x
    }

    /// Charges the management fee of every month that starts at or before `t` (and before the fund's
    /// liquidation and the horizon): on commitments in the investment period, then on the cost of
    /// the unrealised portfolio.
    public mutating func accrueFees(through t: Double) {
        guard isActive, !liquidated else { return }
        let last = min(Int(t.rounded(.down)), months - 1, Int(terms.endMonth.rounded(.up)) - 1)
        guard nextFeeMonth <= last else { return }
        for m in nextFeeMonth...last {
            let inPeriod = Double(m) < terms.startMonth + terms.investmentPeriodMonths
            let base = inPeriod ? terms.commitments : unrealisedCost
            let fee = call((inPeriod ? terms.feeRate : terms.feeRateAfter) * base / 12, at: Double(m))
            feesPaid += fee
        }
        nextFeeMonth = last + 1
    }

    private var unrealisedCost: Double {
        holdings.reduce(0) { $0 + ($1.realised ? 0 : $1.cost) }
    }

    // MARK: - Investing

    public func holds(_ venture: Int32) -> Bool {
        holdings.contains { $0.venture == venture && !$0.realised }
    }

    /// Whether the fund may make a new investment of `amount` at `t`: within its investment period,
    /// within the new-deal budget (investable capital less the follow-on reserve).
    /// A deal outside the results pipeline (`pipeline` false) may use only the part of that budget
    /// the pipeline reserve leaves.
    public func mayInvestNew(_ amount: Double, at t: Double, pipeline: Bool = true) -> Bool {
        guard isActive, !liquidated, amount > 0 else { return false }
        guard t >= terms.startMonth, t < terms.startMonth + terms.investmentPeriodMonths else { return false }
        let investable = terms.investableCapital
        let newDealBudget = (1 - terms.followOnReserve) * investable
        if !pipeline && nonPipelineInvested + amount > (1 - terms.pipelineReserve) * newDealBudget + 1e-9 { return false }
        return newDealsInvested + amount <= newDealBudget + 1e-9
            && invested + amount <= investable + 1e-9
    }

    /// Whether the fund may make a new deal of `amount` in another region at `t`: a new deal it may
    /// make whose cost still leaves enough investable capital to meet the local reinvestment rule.
    public func mayInvestOutside(_ amount: Double, at t: Double) -> Bool {
        guard mayInvestNew(amount, at: t, pipeline: false) else { return false }
        let required = terms.localReinvestmentMultiple * terms.governmentCommitment
        return localInvested + (terms.investableCapital - invested - amount) >= required - 1e-9
    }

    /// Whether the fund may follow on in `venture` with `amount` at `t`: it holds the venture, the
    /// fund is alive, and investable capital remains.
    public func mayFollowOn(_ venture: Int32, _ amount: Double, at t: Double) -> Bool {
        guard isActive, !liquidated, amount > 0, t < terms.endMonth, holds(venture) else { return false }
        return invested + amount <= terms.investableCapital + 1e-9
    }

    /// Invests `amount` for `units` of `venture` at `t` (a new deal, or a follow-on if held); the
    /// month-end NAVs before `t` are recorded first, at `valuePerUnit`.
    public mutating func invest(_ venture: Int32, amount: Double, units: Double, at t: Double, local: Bool = true,
                                _ valuePerUnit: (Int32) -> Double) {
        markNAV(through: t, valuePerUnit)
        let paid = call(amount, at: t)
        invested += paid
        if local { localInvested += paid }
        contributions[LPClass.gross.rawValue][slot(t)] += paid
        if let k = holdings.firstIndex(where: { $0.venture == venture && !$0.realised }) {
            holdings[k].units += units
            holdings[k].cost += paid
            holdings[k].deal?.contribute(paid, month: t)
            followOns += 1
        } else {
            var deal: Waterfall?
            if terms.style == .american {
                deal = Waterfall(terms: terms.waterfall)
                deal?.contribute(paid, month: t)
            }
            holdings.append(Holding(venture: venture, units: units, cost: paid, deal: deal))
            newDealsInvested += paid
            if venture < 0 { nonPipelineInvested += paid }
            deals += 1
        }
    }

    // MARK: - Distributions

    /// `venture` is sold for `valuePerUnit` per unit held (0 when it failed): the proceeds go
    /// through the waterfall to the manager and the LPs. The month-end NAVs before `t` are recorded
    /// first, at `valuation` (the values before the sale).
    public mutating func realise(_ venture: Int32, valuePerUnit: Double, at t: Double, _ valuation: (Int32) -> Double) {
        guard let k = holdings.firstIndex(where: { $0.venture == venture && !$0.realised }) else { return }
        markNAV(through: t, valuation)
        let proceeds = holdings[k].units * valuePerUnit
        holdings[k].realised = true
        holdings[k].proceeds = proceeds
        distribute(proceeds, holding: k, at: t, book: true)
    }

    /// Splits deal proceeds: waterfall (whole fund or this deal), then between the LP classes by
    /// their interest and the concessions. Books the flows when `book` (else only computes them).
    @discardableResult
    private mutating func distribute(_ proceeds: Double, holding k: Int, at t: Double, book: Bool)
        -> (government: Double, private: Double, carry: Double) {
        guard proceeds > 0 else { return (0, 0, 0) }
        let split: WaterfallSplit
        if terms.style == .american, var deal = holdings[k].deal {
            split = deal.distribute(proceeds, month: t)
            holdings[k].deal = deal
        } else {
            split = fund.distribute(proceeds, month: t)
        }
        let (g, p) = splitBetweenLPs(split.limitedPartners, at: t)
        if book {
            carryPaid += split.manager
            distributions[LPClass.gross.rawValue][slot(t)] += proceeds
            distributions[LPClass.government.rawValue][slot(t)] += g
            distributions[LPClass.private.rawValue][slot(t)] += p
            if g > 0 { governmentFlows.append((t, g)) }
        }
        return (g, p, split.manager)
    }

    /// The LPs' share `x` split by interest, then the concessions on the government's part.
    func splitBetweenLPs(_ x: Double, at t: Double) -> (government: Double, private: Double) {
        let pro = x * governmentInterest
        var kept = pro
        let c = terms.concessions
        if c.excessShare > 0 {
            let balance = max(0, governmentBalance(rate: c.excessHurdle, at: t))
            kept = min(pro, balance) + (1 - c.excessShare) * max(0, pro - balance)
        }
        if c.returnCap { kept = min(kept, max(0, governmentBalance(rate: c.returnCapRate, at: t))) }
        return (kept, x - kept)
    }

    /// The government's contributions less its distributions, each compounded at `rate` a year to
    /// `t`: what it is still owed at that rate.
    func governmentBalance(rate: Double, at t: Double) -> Double {
        governmentFlows.reduce(0) { $0 - $1.amount * pow(1 + rate, (t - $1.month) / 12) }
    }

    // MARK: - Valuation

    /// The unrealised portfolio at `valuePerUnit` (after the haircut).
    public func portfolioValue(_ valuePerUnit: (Int32) -> Double) -> Double {
        holdings.reduce(0) { $0 + ($1.realised ? 0 : $1.units * valuePerUnit($1.venture)) } * (1 - terms.valuationHaircut)
    }

    /// The NAV by class if the fund sold everything now at `valuePerUnit` (after the haircut):
    /// government, private, and the gross portfolio value; the difference is the manager's carry.
    /// First-loss cover the government would owe is moved from its NAV to the private LPs'.
    public func navSplit(at t: Double, _ valuePerUnit: (Int32) -> Double) -> (government: Double, private: Double, gross: Double) {
        var copy = self
        var g = 0.0, p = 0.0, gross = 0.0
        for k in copy.holdings.indices where !copy.holdings[k].realised {
            let value = copy.holdings[k].units * valuePerUnit(copy.holdings[k].venture) * (1 - terms.valuationHaircut)
            gross += value
            let s = copy.distribute(value, holding: k, at: t, book: false)
            copy.holdings[k].realised = true
            g += s.government
            p += s.private
        }
        let cover = firstLossCover(privateValueAdded: p)
        return (g - cover, p + cover, gross)
    }

    /// The first-loss cover owed if the private LPs ended with their distributions so far plus
    /// `privateValueAdded`: their capital loss, up to the cover's share of commitments.
    private func firstLossCover(privateValueAdded: Double) -> Double {
        let share = terms.concessions.firstLossShare
        guard share > 0 else { return 0 }
        let paidIn = contributions[LPClass.private.rawValue].reduce(0, +)
        let received = distributions[LPClass.private.rawValue].reduce(0, +) + privateValueAdded
        return min(max(0, paidIn - received), share * terms.commitments)
    }

    /// Charges the fees due by `t`, then records the NAV by class for every month ending at or
    /// before `t`, at the current values. Call before any change to a held venture's value.
    public mutating func markNAV(through t: Double, _ valuePerUnit: (Int32) -> Double) {
        accrueFees(through: t)   // the split of the NAV depends on what the LPs have paid in
        let last = min(Int(t.rounded(.down)), months) - 1
        guard isActive, navMarkedThrough <= last else { return }
        let split = liquidated ? (government: 0.0, private: 0.0, gross: 0.0) : navSplit(at: t, valuePerUnit)
        for m in navMarkedThrough...last {
            nav[LPClass.government.rawValue][m] = split.government
            nav[LPClass.private.rawValue][m] = split.private
            nav[LPClass.gross.rawValue][m] = split.gross
        }
        navMarkedThrough = last + 1
    }

    // MARK: - Concessions and the end of the fund

    /// At a year end in the buy-back window: the private LPs buy the government's interest if its
    /// share of the fund's value exceeds the price (cost plus interest, less distributions received).
    public mutating func offerBuyback(at t: Double, _ valuePerUnit: (Int32) -> Double) {
        let c = terms.concessions
        guard isActive, c.buyback, !liquidated, governmentInterest > 0 else { return }
        let year = (t - terms.startMonth) / 12
        guard year >= c.buybackFromYear - 1e-9, year <= c.buybackUntilYear + 1e-9 else { return }
        accrueFees(through: t)
        let value = navSplit(at: t, valuePerUnit).government
        let price = governmentBalance(rate: c.buybackRate, at: t)
        guard price > 0, value > price else { return }
        markNAV(through: t, valuePerUnit)
        distributions[LPClass.government.rawValue][slot(t)] += price
        contributions[LPClass.private.rawValue][slot(t)] += price
        governmentFlows.append((t, price))
        transfers += price
        governmentInterest = 0
        buybackExercised = true
    }

    /// The fund's end of life: every unrealised stake is sold at its value (after the haircut), then
    /// the first-loss cover is paid. No fees or investments after this.
    public mutating func liquidate(at t: Double, _ valuePerUnit: (Int32) -> Double) {
        guard isActive, !liquidated else { return }
        markNAV(through: t, valuePerUnit)   // fees too: their months end with the fund's life
        for k in holdings.indices where !holdings[k].realised {
            let value = holdings[k].units * valuePerUnit(holdings[k].venture) * (1 - terms.valuationHaircut)
            holdings[k].realised = true
            holdings[k].proceeds = value
            distribute(value, holding: k, at: t, book: true)
        }
        let cover = firstLossCover(privateValueAdded: 0)
        if cover > 0 {
            contributions[LPClass.government.rawValue][slot(t)] += cover
            distributions[LPClass.private.rawValue][slot(t)] += cover
            governmentFlows.append((t, -cover))
            transfers += cover
            firstLossPaid = cover
        }
        liquidated = true
    }

    /// The horizon: fees up to it, and the NAV of every remaining month.
    public mutating func close(at horizon: Double, _ valuePerUnit: (Int32) -> Double) {
        markNAV(through: horizon, valuePerUnit)   // fees too: their months end with the horizon's last
    }

    // MARK: - Deal statistics

    /// Gross multiple of each deal (proceeds, or value at the horizon if unrealised, over cost).
    /// Each deal's cost, its multiple (proceeds, or the unrealised value, over cost) and whether it is
    /// a venture of the results pipeline (held as a non-negative id) or a deal outside it.
    public func dealMultiples(_ valuePerUnit: (Int32) -> Double) -> [(cost: Double, multiple: Double, pipeline: Bool)] {
        holdings.map { h in
            let value = h.realised ? h.proceeds : h.units * valuePerUnit(h.venture) * (1 - terms.valuationHaircut)
            return (h.cost, h.cost > 0 ? value / h.cost : .nan, h.venture >= 0)
        }
    }
}
