// SPDX-License-Identifier: GPL-3.0-or-later

/// Return metrics of one fund, or one LP class in it, from its monthly cash flows (MODEL.md §6;
/// CALIBRATION.md, Funds, ILPA definitions). Money in 万元.
public struct FundMetrics: Sendable, Equatable {
    /// Capital paid in (contributions), distributions received, and net asset value at the horizon.
    public let paidIn: Double
    public let distributed: Double
    public let nav: Double
    /// distributions / paid-in, NAV / paid-in, their sum; NaN (undefined) without paid-in capital.
    public let dpi: Double
    public let rvpi: Double
    public let tvpi: Double
    /// Effective annual IRR, (1 + monthly IRR)^12 − 1, of the monthly flows with the horizon NAV as a
    /// final inflow; `nil` when undefined (no sign change).
    public let irr: Double?
    /// Cumulative net cash flow (distributions − contributions) at the end of each year: the J-curve.
    public let jCurve: [Double]

    /// Metrics of monthly `contributions` and `distributions` (both ≥ 0, index = month from the
    /// start of the simulation) and the NAV at the horizon (the end of the last month).
    public init(contributions: [Double], distributions: [Double], navAtHorizon nav: Double) {
        precondition(contributions.count == distributions.count, "one contribution and one distribution a month")
        paidIn = contributions.reduce(0, +)
        distributed = distributions.reduce(0, +)
        self.nav = nav
        dpi = paidIn > 0 ? distributed / paidIn : .nan
        rvpi = paidIn > 0 ? nav / paidIn : .nan
        tvpi = paidIn > 0 ? (distributed + nav) / paidIn : .nan
        // Net flow of month m is paid at the end of month m; the NAV comes with the last month.
        var flows = zip(distributions, contributions).map { $0 - $1 }
        if !flows.isEmpty { flows[flows.count - 1] += nav }
        irr = InternalRateOfReturn.annual(monthlyFlows: flows)
        var curve: [Double] = []
        var running = 0.0
        for (m, (d, c)) in zip(distributions, contributions).enumerated() {
            running += d - c
            if (m + 1) % 12 == 0 || m == contributions.count - 1 { curve.append(running) }
        }
        jCurve = curve
    }
}
