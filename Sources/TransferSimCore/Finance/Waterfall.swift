// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// The terms of a fund's distribution waterfall (MODEL.md §6; CALIBRATION.md, Funds).
public struct WaterfallTerms: Sendable, Equatable {
    /// Preferred return (hurdle), a year: e.g. 0.08.
    public var hurdleRate: Double
    /// Whether the preferred return compounds (else it is simple interest).
    public var compounding: Bool
    /// Share of each yuan paid to the manager in the catch-up tier (1 = full catch-up, 0 = none).
    public var catchUp: Double
    /// The manager's carried interest: its share of profit once caught up (e.g. 0.2).
    public var carry: Double

    public init(hurdleRate: Double, compounding: Bool = true, catchUp: Double = 1, carry: Double = 0.2) {
        self.hurdleRate = hurdleRate
        self.compounding = compounding
        self.catchUp = catchUp
        self.carry = carry
    }

    /// Growth of one yuan at the hurdle over `months`.
    func growth(months: Double) -> Double {
        compounding ? pow(1 + hurdleRate, months / 12) : 1 + hurdleRate * months / 12
    }
}

/// One distribution split by the waterfall: to the limited partners (LPs) and to the manager (GP).
public struct WaterfallSplit: Sendable, Equatable {
    /// Return of capital and preferred return to the LPs (tiers 1 and 2).
    public var toLimitedPartners: Double
    /// Catch-up to the manager (tier 3).
    public var catchUp: Double
    /// Carried interest to the manager in the final split (tier 4).
    public var carry: Double
    /// The LPs' share of the final split (tier 4).
    public var limitedPartnersProfitShare: Double

    public var limitedPartners: Double { toLimitedPartners + limitedPartnersProfitShare }
    public var manager: Double { catchUp + carry }
}

/// A distribution waterfall applied to a stream of dated distributions.
///
/// Tiers, in order, for each distribution at month t:
/// 1–2. Return of capital with the preferred return, as one hurdle: the LPs receive what brings the
///      future value at the hurdle of their contributions less their earlier distributions (all
///      valued at t) to zero — their IRR reaches the hurdle (compounding), or the simple-interest
///      equivalent.
/// 3.   Catch-up: the manager receives `catchUp` of each yuan (the LPs the rest) until it holds
///      `carry` of all profit distributed so far (profit = distributions − contributions). Skipped
///      when `catchUp` ≤ `carry`.
/// 4.   The rest is split: `carry` to the manager, the remainder to the LPs.
///
/// European (whole-fund) use: one `Waterfall` for the fund, fed every contribution and distribution.
/// American (deal-by-deal) use: one per deal, fed that deal's contributions and proceeds; there is no
/// clawback, so the manager can earn carry on a fund that lost money overall. For the same reason,
/// capital called after carry was paid can leave the manager above `carry` of the profit to date.
public struct Waterfall: Sendable {
    public let terms: WaterfallTerms
    private var contributions: [(month: Double, amount: Double)] = []
    private var lpDistributions: [(month: Double, amount: Double)] = []
    private(set) public var contributed = 0.0
    private(set) public var distributedToLimitedPartners = 0.0
    private(set) public var distributedToManager = 0.0

    public init(terms: WaterfallTerms) { self.terms = terms }

    /// Capital paid in by the LPs at `month` (万元).
    public mutating func contribute(_ amount: Double, month: Double) {
        precondition(amount >= 0, "contributions are non-negative")
        contributions.append((month, amount))
        contributed += amount
    }

    /// Splits `amount` distributed at `month` (after all contributions so far).
    public mutating func distribute(_ amount: Double, month: Double) -> WaterfallSplit {
        precondition(amount >= 0, "distributions are non-negative")
        var left = amount
        var split = WaterfallSplit(toLimitedPartners: 0, catchUp: 0, carry: 0, limitedPartnersProfitShare: 0)

        // Tiers 1–2: bring the LPs to the hurdle.
        let owed = contributions.reduce(0) { $0 + $1.amount * terms.growth(months: month - $1.month) }
            - lpDistributions.reduce(0) { $0 + $1.amount * terms.growth(months: month - $1.month) }
        let hurdle = min(left, max(0, owed))
        split.toLimitedPartners = hurdle
        left -= hurdle

        // Tier 3: catch-up to `carry` of all profit distributed so far.
        if left > 0 && terms.catchUp > terms.carry {
            let distributedBefore = distributedToLimitedPartners + distributedToManager + hurdle
            let shortfall = terms.carry * (distributedBefore - contributed) - distributedToManager
            if shortfall > 0 {
                let tier = min(left, shortfall / (terms.catchUp - terms.carry))
                split.catchUp = terms.catchUp * tier
                split.limitedPartnersProfitShare = tier - split.catchUp
                left -= tier
            }
        }

        // Tier 4: the split.
        split.carry = terms.carry * left
        split.limitedPartnersProfitShare += left - split.carry

        distributedToLimitedPartners += split.limitedPartners
        distributedToManager += split.manager
        lpDistributions.append((month, split.limitedPartners))
        return split
    }
}
