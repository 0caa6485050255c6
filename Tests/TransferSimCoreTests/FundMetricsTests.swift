// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore

@Suite("Fund metrics")
struct FundMetricsTests {
    /// 100 paid in at month 0; 30 distributed at month 23 (end of year 2); NAV 90 at the end of month
    /// 35. DPI 0.3, RVPI 0.9, TVPI 1.2. The J-curve: −100, −70, −70. IRR: −100 now, +30 after 23
    /// months, +90 after 35 months — checked by the NPV at the returned rate being zero.
    @Test func handWorkedFund() throws {
        var contributions = [Double](repeating: 0, count: 36), distributions = contributions
        contributions[0] = 100
        distributions[23] = 30
        let m = FundMetrics(contributions: contributions, distributions: distributions, navAtHorizon: 90)
        #expect(m.paidIn == 100 && m.distributed == 30 && m.nav == 90)
        #expect(abs(m.dpi - 0.3) < 1e-12 && abs(m.rvpi - 0.9) < 1e-12 && abs(m.tvpi - 1.2) < 1e-12)
        #expect(m.jCurve == [-100, -70, -70])
        let annual = try #require(m.irr)
        let monthly = pow(1 + annual, 1.0 / 12) - 1
        let npv = -100 + 30 * pow(1 + monthly, -23) + 90 * pow(1 + monthly, -35)
        #expect(abs(npv) < 1e-9)
        #expect(abs(annual - 0.07094089656) < 1e-9)   // scipy.optimize.brentq on the same equation
    }

    /// Nothing paid in: ratios undefined (NaN), IRR undefined — never a silent zero.
    @Test func undefinedWithoutPaidIn() {
        let m = FundMetrics(contributions: [0, 0, 0], distributions: [0, 0, 0], navAtHorizon: 0)
        #expect(m.dpi.isNaN && m.rvpi.isNaN && m.tvpi.isNaN)
        #expect(m.irr == nil)
    }

    /// A total loss: TVPI 0, and an IRR undefined (all flows negative).
    @Test func totalLoss() {
        let m = FundMetrics(contributions: [50, 50, 0], distributions: [0, 0, 0], navAtHorizon: 0)
        #expect(m.tvpi == 0 && m.irr == nil && m.jCurve == [-100])
    }
}
