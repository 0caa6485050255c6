// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
import TransferSimCore

/// Hand-worked waterfall examples, reproduced exactly (to rounding), and conservation.
@Suite("Distribution waterfall")
struct WaterfallTests {
    static let standard = WaterfallTerms(hurdleRate: 0.08, compounding: true, catchUp: 1, carry: 0.2)

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    /// 100 in at month 0, 150 out at month 12, 8 % compounding hurdle, full catch-up, 20 % carry:
    /// LPs first get 100 × 1.08 = 108; catch-up until the manager has 20 % of the profit so far
    /// (0.2 × 8 / 0.8 = 2); the last 40 splits 8 / 32. LPs 140, manager 10 = 20 % of 50.
    @Test func europeanWithFullCatchUp() {
        var w = Waterfall(terms: Self.standard)
        w.contribute(100, month: 0)
        let s = w.distribute(150, month: 12)
        #expect(close(s.toLimitedPartners, 108) && close(s.catchUp, 2) && close(s.carry, 8))
        #expect(close(s.limitedPartners, 140) && close(s.manager, 10))
    }

    /// The same without catch-up: 108 to LPs, then 42 split 8.4 / 33.6.
    @Test func europeanWithoutCatchUp() {
        var w = Waterfall(terms: WaterfallTerms(hurdleRate: 0.08, compounding: true, catchUp: 0, carry: 0.2))
        w.contribute(100, month: 0)
        let s = w.distribute(150, month: 12)
        #expect(close(s.limitedPartners, 141.6) && close(s.manager, 8.4) && s.catchUp == 0)
    }

    /// Simple 8 % over 24 months: the hurdle is 100 × (1 + 0.16) = 116; the remaining 4 all goes to
    /// catch-up (the manager's target is 0.2 × 16 / 0.8 = 4). LPs 116, manager 4.
    @Test func simplePreferredReturn() {
        var w = Waterfall(terms: WaterfallTerms(hurdleRate: 0.08, compounding: false, catchUp: 1, carry: 0.2))
        w.contribute(100, month: 0)
        let s = w.distribute(120, month: 24)
        #expect(close(s.limitedPartners, 116) && close(s.manager, 4))
    }

    /// Two distributions: 60 at month 12 is all hurdle (108 owed); at month 24 the LPs are owed
    /// 100 × 1.08² − 60 × 1.08 = 51.84; catch-up 0.2 × 11.84 / 0.8 = 2.96; the last 45.2 splits
    /// 9.04 / 36.16. Totals: LPs 148, manager 12 = 20 % of the 60 profit.
    @Test func europeanOverTwoDistributions() {
        var w = Waterfall(terms: Self.standard)
        w.contribute(100, month: 0)
        let first = w.distribute(60, month: 12)
        #expect(close(first.limitedPartners, 60) && first.manager == 0)
        let second = w.distribute(100, month: 24)
        #expect(close(second.toLimitedPartners, 51.84) && close(second.catchUp, 2.96) && close(second.carry, 9.04))
        #expect(close(w.distributedToLimitedPartners, 148) && close(w.distributedToManager, 12))
    }

    /// American (deal by deal): deal A, 50 → 100 after a year, pays the manager 1 (catch-up) + 9
    /// (carry); deal B, 50 → 0, pays nothing back. The fund broke even (100 in, 100 out), so the
    /// European waterfall pays the manager nothing, but the American one paid 10: no clawback.
    @Test func americanPaysCarryOnABreakEvenFund() {
        var dealA = Waterfall(terms: Self.standard), dealB = Waterfall(terms: Self.standard)
        dealA.contribute(50, month: 0)
        dealB.contribute(50, month: 0)
        let a = dealA.distribute(100, month: 12)
        let b = dealB.distribute(0, month: 12)
        #expect(close(a.toLimitedPartners, 54) && close(a.catchUp, 1) && close(a.carry, 9))
        #expect(b.limitedPartners == 0 && b.manager == 0)
        var fund = Waterfall(terms: Self.standard)
        fund.contribute(100, month: 0)
        let whole = fund.distribute(100, month: 12)
        #expect(close(whole.limitedPartners, 100) && whole.manager == 0)
    }

    /// Conservation over random streams: every distribution is paid out in full to LPs and manager,
    /// and nothing is negative. When all capital is called before the first distribution, with full
    /// catch-up the manager never holds more than `carry` of the profit distributed so far (capital
    /// called later can leave it above that share: there is no clawback).
    @Test func conservation() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {   // splitmix64 → [0, 1)
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / 9_007_199_254_740_992
        }
        for _ in 0..<200 {
            let terms = WaterfallTerms(hurdleRate: 0.12 * next(), compounding: next() < 0.5, catchUp: next() < 0.5 ? 1 : 0,
                                       carry: 0.3 * next())
            var w = Waterfall(terms: terms)
            var month = 0.0, paidOut = 0.0
            let callsFirst = next() < 0.5
            if callsFirst { for k in 0..<4 { w.contribute(100 * next(), month: Double(k)) } }
            for _ in 0..<20 {
                month += 1 + 12 * next()
                if !callsFirst && next() < 0.4 { w.contribute(100 * next(), month: month) }
                let amount = 150 * next()
                let s = w.distribute(amount, month: month)
                paidOut += amount
                #expect(abs(s.limitedPartners + s.manager - amount) < 1e-9)
                #expect(s.toLimitedPartners >= 0 && s.catchUp >= 0 && s.carry >= 0 && s.limitedPartnersProfitShare >= -1e-12)
                let profit = w.distributedToLimitedPartners + w.distributedToManager - w.contributed
                if callsFirst && terms.catchUp == 1 { #expect(w.distributedToManager <= terms.carry * max(profit, 0) + 1e-9) }
            }
            #expect(abs(w.distributedToLimitedPartners + w.distributedToManager - paidOut) < 1e-7)
        }
    }
}
