// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Revenue of converted results (MODEL.md §5.12).
public struct Market: Sendable {
    /// Annual revenue of a converted result as a share of its value at conversion.
    public var revenueShareOfValue: Double
    public var revenueSigma: Double

    static let parameters: [ParameterSpec] = [
        .probability("region.market.annual_revenue_share", 0.2,
                     "Annual revenue of a converted result as a share of its value at conversion (royalties are paid on it).",
                     source: "assumption"),
        .amount("region.market.revenue_sigma", 0.5, unit: "log-scale sd", "Log-scale noise of revenue around that.",
                source: "assumption", max: 10),
    ]

    init(_ r: ParameterReader) {
        revenueShareOfValue = r["region.market.annual_revenue_share"]
        revenueSigma = r["region.market.revenue_sigma"]
    }
}

extension TrialSimulator {
    // MARK: - Production and revenue

    /// Result `i` reaches production locally: counted, rewarded, and (for a licence) pays royalties
    /// on its revenue until the horizon.
    func convertLocally(_ i: Int, at t: Double) {
        finish(i, .convertedLocal, at: t)
        guard t <= horizon else { return }
        if results[i].producesHere { out.add(.pilotRetainedLocal, 1) }
        payLocalConversionReward(at: t)
        guard results[i].venture < 0 else { return }
        random.seek(entity: results[i].entity, purpose: .market)
        let annualRevenue = p.market.revenueShareOfValue * value(i, at: t)
            * random.lognormal(median: 1, sigma: p.market.revenueSigma)
        let royaltyRate = results[i].contract == .licence ? p.route.royaltyRate : 0
        var start = t
        while start < horizon {
            let end = min(Double(Int(start / 12) + 1) * 12, horizon)
            let revenue = annualRevenue * (end - start) / 12
            let royalty = royaltyRate * revenue
            payRightsHolders(i, royalty, at: start)
            book(.firmIncome, revenue - royalty, at: start)
            start = end
        }
    }
}
