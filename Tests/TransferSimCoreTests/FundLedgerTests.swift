// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import TransferSimCore

/// The fund ledger on hand-worked cases: each expected number is worked out in the comment above it.
@Suite struct FundLedgerTests {
    /// A fund of 600 (government) + 400 (private), no fees, 8 % simple hurdle, no catch-up, 20 % carry.
    static func terms(style: WaterfallStyle = .european, concessions: FundConcessions = FundConcessions(),
                      government: Double = 600, privateLP: Double = 400) -> FundTerms {
        FundTerms(id: "t", governmentCommitment: government, privateCommitment: privateLP, investmentPeriodMonths: 60,
                  lifeMonths: 120, feeRate: 0, feeRateAfter: 0,
                  waterfall: WaterfallTerms(hurdleRate: 0.08, compounding: false, catchUp: 0, carry: 0.2),
                  style: style, ticketMax: 1000, maxShareOfRound: 1, cover: 1, followOnReserve: 0,
                  concessions: concessions)
    }

    static func noValue(_ venture: Int32) -> Double { 0 }

    static func total(_ ledger: FundLedger, _ c: LPClass, _ flows: KeyPath<FundLedger, [[Double]]>) -> Double {
        ledger[keyPath: flows][c.rawValue].reduce(0, +)
    }

    /// One deal of 500 at month 0 sold for 1000 at month 24. LPs are owed 500 × (1 + 0.08 × 2) = 580;
    /// the 420 left splits 84 carry / 336 LPs; the LPs' 916 splits 60/40: 549.6 and 366.4.
    @Test func europeanWaterfallSplitsByInterest() {
        var ledger = FundLedger(terms: Self.terms(), months: 120)
        ledger.invest(1, amount: 500, units: 1, at: 0, Self.noValue)
        ledger.realise(1, valuePerUnit: 1000, at: 24, Self.noValue)
        #expect(abs(Self.total(ledger, .government, \.contributions) - 300) < 1e-9)
        #expect(abs(Self.total(ledger, .private, \.contributions) - 200) < 1e-9)
        #expect(abs(ledger.carryPaid - 84) < 1e-9)
        #expect(abs(Self.total(ledger, .government, \.distributions) - 549.6) < 1e-9)
        #expect(abs(Self.total(ledger, .private, \.distributions) - 366.4) < 1e-9)
    }

    /// Capped government return at 3 %: the government gets at most 300 × 1.03² = 318.27; the
    /// private LPs get the rest of the LPs' 916: 597.73.
    @Test func returnCapMovesTheExcessToPrivateLPs() {
        var ledger = FundLedger(terms: Self.terms(concessions: FundConcessions(returnCap: true, returnCapRate: 0.03)), months: 120)
        ledger.invest(1, amount: 500, units: 1, at: 0, Self.noValue)
        ledger.realise(1, valuePerUnit: 1000, at: 24, Self.noValue)
        let capped = 300 * 1.03 * 1.03
        #expect(abs(Self.total(ledger, .government, \.distributions) - capped) < 1e-9)
        #expect(abs(Self.total(ledger, .private, \.distributions) - (916 - capped)) < 1e-9)
    }

    /// Excess-return concession of one half above 8 % (compounding at the concession's hurdle):
    /// the government is owed 300 × 1.08² = 349.92 and keeps half of its 549.6 pro-rata share above
    /// that: 349.92 + (549.6 − 349.92) / 2.
    @Test func excessConcessionGivesHalfTheExcess() {
        var ledger = FundLedger(terms: Self.terms(concessions: FundConcessions(excessShare: 0.5, excessHurdle: 0.08)), months: 120)
        ledger.invest(1, amount: 500, units: 1, at: 0, Self.noValue)
        ledger.realise(1, valuePerUnit: 1000, at: 24, Self.noValue)
        let owed = 300 * 1.08 * 1.08
        #expect(abs(Self.total(ledger, .government, \.distributions) - (owed + (549.6 - owed) / 2)) < 1e-9)
        #expect(abs(Self.total(ledger, .government, \.distributions) + Self.total(ledger, .private, \.distributions) - 916) < 1e-9)
    }

    /// Two deals of 100 (months 0), one sold for 300 and one for 0 at month 12, hurdle 0:
    /// American carry is 20 % of the winner's 200 profit = 40; European carry is 20 % of the fund's
    /// 100 profit = 20.
    @Test func americanCarryIsDealByDeal() {
        for (style, carry) in [(WaterfallStyle.american, 40.0), (.european, 20.0)] {
            var t = Self.terms(style: style)
            t.waterfall.hurdleRate = 0
            var ledger = FundLedger(terms: t, months: 120)
            ledger.invest(1, amount: 100, units: 1, at: 0, Self.noValue)
            ledger.invest(2, amount: 100, units: 1, at: 0, Self.noValue)
            ledger.realise(1, valuePerUnit: 300, at: 12, Self.noValue)
            ledger.realise(2, valuePerUnit: 0, at: 12, Self.noValue)
            #expect(abs(ledger.carryPaid - carry) < 1e-9, "\(style)")
            #expect(abs(Self.total(ledger, .government, \.distributions) + Self.total(ledger, .private, \.distributions)
                        - (300 - carry)) < 1e-9, "\(style)")
        }
    }

    /// Buy-back: the deal is worth 1000 at the year-2 offer; the government's interest (its 60 % of
    /// the LPs' 916 if sold then: 549.6) exceeds the price 300 × 1.05², so the private LPs buy it
    /// and receive every later distribution. Government IRR falls to the buy-back rate, private rises.
    @Test func buybackRaisesPrivateAndLowersGovernmentReturns() throws {
        func run(_ buyback: Bool) -> (government: Double, private: Double) {
            let c = FundConcessions(buyback: buyback, buybackRate: 0.05, buybackFromYear: 0, buybackUntilYear: 5)
            var ledger = FundLedger(terms: Self.terms(concessions: c), months: 120)
            ledger.invest(1, amount: 500, units: 1, at: 0, Self.noValue)
            ledger.offerBuyback(at: 24) { _ in 1000 }
            ledger.realise(1, valuePerUnit: 1000, at: 36, Self.noValue)
            ledger.close(at: 120, Self.noValue)
            let g = FundMetrics(contributions: ledger.contributions[0], distributions: ledger.distributions[0], navAtHorizon: 0)
            let p = FundMetrics(contributions: ledger.contributions[1], distributions: ledger.distributions[1], navAtHorizon: 0)
            if buyback {
                #expect(ledger.buybackExercised)
                #expect(abs((g.irr ?? .nan) - 0.05) < 1e-9, "the government earns the buy-back rate")
            }
            return (g.irr ?? .nan, p.irr ?? .nan)
        }
        let without = run(false), with = run(true)
        #expect(with.private > without.private)
        #expect(with.government < without.government)
    }

    /// First loss up to 20 % of commitments (200): the deal returns 250 of 500; the private LPs got
    /// 100 of their 200, so the government pays their 100 loss at liquidation (less than the cap).
    @Test func firstLossCoversPrivateLossAtLiquidation() {
        var ledger = FundLedger(terms: Self.terms(concessions: FundConcessions(firstLossShare: 0.2)), months: 120)
        ledger.invest(1, amount: 500, units: 1, at: 0, Self.noValue)
        ledger.realise(1, valuePerUnit: 250, at: 24, Self.noValue)
        ledger.liquidate(at: 60, Self.noValue)
        #expect(abs(ledger.firstLossPaid - 100) < 1e-9)
        #expect(abs(Self.total(ledger, .private, \.distributions) - 200) < 1e-9)
        #expect(abs(Self.total(ledger, .government, \.contributions) - 400) < 1e-9)
    }

    /// Contributions and no distribution: the IRR is undefined — NaN in the metrics, flagged 1.
    @Test func irrWithoutSignChangeIsUndefined() throws {
        var t = Self.terms()
        t.feeRate = 0.02
        var ledger = FundLedger(terms: t, months: 24)
        ledger.close(at: 24, Self.noValue)
        let layout = FundLayout(funds: ["t"], years: 2)
        var metrics: [Double] = []
        let yearly = UnsafeMutableBufferPointer<Double>.allocate(capacity: layout.yearlyWidth)
        defer { yearly.deallocate() }
        ledger.report(Self.noValue, layout: layout, fund: 0, metrics: &metrics, yearly: yearly)
        func government(_ metric: FundMetric) throws -> Double {
            metrics[try #require(layout.columns.firstIndex { $0.lpClass == .government && $0.metric == metric })]
        }
        #expect(try government(.irr).isNaN)
        #expect(try government(.irrUndefined) == 1)
        #expect(abs(try government(.paidIn) - 0.02 * 1000 * 2 * 0.6) < 1e-9)
    }

    /// 返投 of 0.5 × 600 = 300 on investable capital 1,000: outside deals are allowed while local
    /// investment plus what would remain covers 300. After 600 outside, a further 200 would leave
    /// 0 + 200 < 300. After a local deal of 100, an outside 100 leaves 100 + 200 = 300 (allowed) and
    /// an outside 200 leaves 100 + 100 < 300 (refused).
    @Test func localReinvestmentRuleBoundsOutsideDeals() {
        var t = Self.terms()
        t.localReinvestmentMultiple = 0.5
        var ledger = FundLedger(terms: t, months: 120)
        #expect(ledger.mayInvestOutside(600, at: 1))
        ledger.invest(1, amount: 600, units: 1, at: 1, local: false, Self.noValue)
        #expect(!ledger.mayInvestOutside(200, at: 2))
        ledger.invest(2, amount: 100, units: 1, at: 2, Self.noValue)
        #expect(ledger.mayInvestOutside(100, at: 3))
        #expect(!ledger.mayInvestOutside(200, at: 3))
        #expect(abs(ledger.localInvested - 100) < 1e-12)
    }

    /// Fill rate: odds 0.6/0.4 = 1.5, × (1 + 2 × 0.4) with 40 % first loss = 2.7, so 2.7/3.7.
    @Test func firstLossRaisesTheFill() {
        let fill = Funds.fillRate(base: 0.6, FundConcessions(firstLossShare: 0.4), firstLossEffect: 2, buybackEffect: 0.5,
                                  returnCapEffect: 0.3, excessEffect: 0.5)
        #expect(abs(fill - 2.7 / 3.7) < 1e-12)
        #expect(abs(Funds.fillRate(base: 0.6, FundConcessions(), firstLossEffect: 2, buybackEffect: 0.5,
                                   returnCapEffect: 0.3, excessEffect: 0.5) - 0.6) < 1e-12)
    }
}
