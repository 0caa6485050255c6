// SPDX-License-Identifier: GPL-3.0-or-later

/// A per-trial fund metric (MODEL.md §6–7), reported per fund and LP class as
/// `fund.<fund id>.<lp class>.<metric>` in `summary.csv` and `trials.csv`.
public enum FundMetric: Int, CaseIterable, Sendable {
    case paidIn, distributions, nav, dpi, rvpi, tvpi, irr, irrUndefined, netCost
    case deals, followOns, grossMoic, lossRatio, managementFees, carry
    case privatePerFiscalYuan, firstLossPaid, buybackExercised, localReinvestment
    case pipelineDeals, outsideDeals, pipelineMoic, outsideMoic, undeployedShare

    public var name: String {
        ["paid_in", "distributions", "nav", "dpi", "rvpi", "tvpi", "irr", "irr_undefined", "net_cost",
         "deals", "follow_ons", "gross_moic", "loss_ratio", "management_fees", "carry",
         "private_per_fiscal_yuan", "first_loss_paid", "buyback_exercised", "local_reinvestment",
         "pipeline_deals", "outside_deals", "pipeline_moic", "outside_moic", "undeployed_share"][rawValue]
    }

    public var unit: String {
        switch self {
        case .paidIn, .distributions, .nav, .netCost, .managementFees, .carry, .firstLossPaid: return "万元"
        case .dpi, .rvpi, .tvpi, .grossMoic, .privatePerFiscalYuan, .localReinvestment, .pipelineMoic, .outsideMoic: return "×"
        case .irr, .lossRatio, .undeployedShare: return "share"
        case .irrUndefined, .buybackExercised: return "0/1"
        case .deals, .followOns, .pipelineDeals, .outsideDeals: return "deals"
        }
    }

    public var meaning: String {
        switch self {
        case .paidIn: return "Capital paid in by the class up to the horizon (for gross: invested in deals)."
        case .distributions: return "Distributions received up to the horizon (for gross: deal proceeds)."
        case .nav: return "Net asset value at the horizon: the class's share if the fund were liquidated at its valuation."
        case .dpi: return "distributions / paid_in (undefined without paid-in capital)."
        case .rvpi: return "nav / paid_in."
        case .tvpi: return "(distributions + nav) / paid_in."
        case .irr: return "Effective annual IRR, (1 + monthly IRR)^12 − 1, of the monthly flows with the horizon NAV as a final inflow; empty when undefined."
        case .irrUndefined: return "1 when the IRR is undefined in the trial (the flows never change sign), else 0: its mean × trials counts such trials."
        case .netCost: return "paid_in − distributions − nav: for the government, the fund's net fiscal cost."
        case .deals: return "Ventures the fund invested in."
        case .followOns: return "Follow-on investments in ventures already held."
        case .grossMoic: return "Deal proceeds plus unrealised value over invested capital, all deals."
        case .lossRatio: return "Share of invested capital in deals returning below 1× (unrealised deals at their value)."
        case .managementFees: return "Management fees paid to the manager."
        case .carry: return "Carried interest paid to the manager (realised)."
        case .privatePerFiscalYuan: return "Private LP paid-in / government LP paid-in: private capital drawn in per fiscal yuan."
        case .firstLossPaid: return "First-loss cover the government paid to private LPs at liquidation."
        case .buybackExercised: return "1 when the private LPs bought the government's interest."
        case .localReinvestment: return "Invested in local ventures / the government's commitment: the 返投 multiple achieved."
        case .pipelineDeals: return "Ventures of the simulated results pipeline the fund invested in (part of deals)."
        case .outsideDeals: return "Deals outside the results pipeline: local start-ups the pipeline did not create, and deals in other regions (part of deals)."
        case .pipelineMoic: return "Gross multiple (proceeds plus unrealised value over cost) of the pipeline deals."
        case .outsideMoic: return "Gross multiple of the deals outside the pipeline."
        case .undeployedShare: return "Share of the new-deal budget (investable capital less the follow-on reserve) not invested in new deals by the end of the investment period (or the horizon, if earlier): what the pipeline and the outside-deal rule could not absorb."
        }
    }

    /// The metrics reported for each class: return metrics for all, deal statistics and fees for
    /// the fund gross, concessions and leverage for the government.
    public static func reported(for lpClass: LPClass) -> [FundMetric] {
        let common: [FundMetric] = [.paidIn, .distributions, .nav, .dpi, .rvpi, .tvpi, .irr, .irrUndefined, .netCost]
        switch lpClass {
        case .government: return common + [.privatePerFiscalYuan, .firstLossPaid, .buybackExercised]
        case .private: return common
        case .gross: return common + [.deals, .followOns, .grossMoic, .lossRatio, .managementFees, .carry, .localReinvestment,
                                      .pipelineDeals, .outsideDeals, .pipelineMoic, .outsideMoic, .undeployedShare]
        }
    }

    /// The direction in which the metric improves for a policy comparison (the same for every class).
    public var betterDirection: BetterDirection {
        switch self {
        case .distributions, .nav, .dpi, .rvpi, .tvpi, .irr, .grossMoic, .privatePerFiscalYuan: return .higher
        case .netCost, .lossRatio, .irrUndefined, .undeployedShare: return .lower
        default: return .none
        }
    }
}

/// The yearly fund columns of `fund_cashflows.csv`.
public enum FundYearly: Int, CaseIterable, Sendable {
    case contributions, distributions, nav, netCumulative
    public static let count = 4
    public var name: String { ["contributions", "distributions", "nav", "net_cumulative"][rawValue] }
}

/// The layout of a run's fund outputs: one column per (fund, class, metric), and per (fund, class,
/// year) the yearly block.
public struct FundLayout: Sendable {
    public let funds: [String]
    public let years: Int
    /// (fund index, class, metric) of each per-trial column, in output order.
    public let columns: [(fund: Int, lpClass: LPClass, metric: FundMetric)]

    public init(funds: [String], years: Int) {
        self.funds = funds
        self.years = years
        var columns: [(Int, LPClass, FundMetric)] = []
        for f in funds.indices {
            for c in LPClass.allCases {
                for m in FundMetric.reported(for: c) { columns.append((f, c, m)) }
            }
        }
        self.columns = columns
    }

    /// `fund.<id>.<class>.<metric>` for each column.
    public var columnNames: [String] {
        columns.map { "fund.\(funds[$0.fund]).\($0.lpClass.name).\($0.metric.name)" }
    }

    public var yearlyWidth: Int { funds.count * LPClass.count * years * FundYearly.count }

    /// Values per month in the monthly flows block (`run --fund-flows`): contribution, distribution, NAV.
    public static let flowValues = 3

    /// Width of a trial's monthly flows block over `months` months.
    public func flowWidth(months: Int) -> Int { funds.count * LPClass.count * months * Self.flowValues }

    /// Index in a trial's monthly flows block of fund `fund`, class `c`, month `month`'s first value.
    public func flowIndex(fund: Int, _ c: LPClass, month: Int, months: Int) -> Int {
        ((fund * LPClass.count + c.rawValue) * months + month) * Self.flowValues
    }

    /// Index in a trial's yearly block.
    public func yearlyIndex(fund: Int, _ c: LPClass, year: Int, _ y: FundYearly) -> Int {
        ((fund * LPClass.count + c.rawValue) * years + year) * FundYearly.count + y.rawValue
    }
}

extension FundLedger {
    /// This trial's values of `layout`'s columns for fund `f` (appended in column order), and its
    /// yearly block, from the ledger closed at the horizon.
    func report(_ valuePerUnit: (Int32) -> Double, layout: FundLayout, fund f: Int,
                metrics: inout [Double], yearly: UnsafeMutableBufferPointer<Double>) {
        var results: [LPClass: FundMetrics] = [:]
        for c in LPClass.allCases {
            results[c] = FundMetrics(contributions: contributions[c.rawValue], distributions: distributions[c.rawValue],
                                     navAtHorizon: nav[c.rawValue][months - 1])
        }
        let multiples = dealMultiples(valuePerUnit)
        let cost = multiples.reduce(0) { $0 + $1.cost }
        let value = multiples.reduce(0) { $0 + $1.cost * ($1.multiple.isNaN ? 0 : $1.multiple) }
        let lost = multiples.reduce(0) { $0 + ($1.multiple < 1 ? $1.cost : 0) }
        func moic(pipeline: Bool) -> Double {
            let part = multiples.filter { $0.pipeline == pipeline }
            let cost = part.reduce(0) { $0 + $1.cost }
            return cost > 0 ? part.reduce(0) { $0 + $1.cost * ($1.multiple.isNaN ? 0 : $1.multiple) } / cost : .nan
        }
        let pipelineDeals = multiples.filter(\.pipeline).count
        for (fund, c, metric) in layout.columns where fund == f {
            guard let r = results[c] else { continue }
            let x: Double
            switch metric {
            case .paidIn: x = r.paidIn
            case .distributions: x = r.distributed
            case .nav: x = r.nav
            case .dpi: x = r.dpi
            case .rvpi: x = r.rvpi
            case .tvpi: x = r.tvpi
            case .irr: x = r.irr ?? .nan
            case .irrUndefined: x = r.irr == nil ? 1 : 0
            case .netCost: x = r.paidIn - r.distributed - r.nav
            case .deals: x = Double(deals)
            case .followOns: x = Double(followOns)
            case .grossMoic: x = cost > 0 ? value / cost : .nan
            case .lossRatio: x = cost > 0 ? lost / cost : .nan
            case .managementFees: x = feesPaid
            case .carry: x = carryPaid
            case .privatePerFiscalYuan:
                let g = results[.government]?.paidIn ?? 0
                x = g > 0 ? (results[.private]?.paidIn ?? 0) / g : .nan
            case .firstLossPaid: x = firstLossPaid
            case .buybackExercised: x = buybackExercised ? 1 : 0
            case .localReinvestment: x = terms.governmentCommitment > 0 ? localInvested / terms.governmentCommitment : .nan
            case .pipelineDeals: x = Double(pipelineDeals)
            case .outsideDeals: x = Double(multiples.count - pipelineDeals)
            case .pipelineMoic: x = moic(pipeline: true)
            case .outsideMoic: x = moic(pipeline: false)
            case .undeployedShare:
                let budget = (1 - terms.followOnReserve) * terms.investableCapital
                x = budget > 0 ? max(0, 1 - newDealsInvested / budget) : .nan
            }
            metrics.append(x)
        }
        for c in LPClass.allCases {
            // The J-curve (cumulative net flow at each year's end) is FundMetrics'.
            let curve = results[c]?.jCurve ?? []
            for year in 0..<layout.years {
                var contributed = 0.0, distributed = 0.0
                for m in (12 * year)..<min(12 * (year + 1), months) {
                    contributed += contributions[c.rawValue][m]
                    distributed += distributions[c.rawValue][m]
                }
                let end = min(12 * (year + 1), months) - 1
                yearly[layout.yearlyIndex(fund: f, c, year: year, .contributions)] = contributed
                yearly[layout.yearlyIndex(fund: f, c, year: year, .distributions)] = distributed
                yearly[layout.yearlyIndex(fund: f, c, year: year, .nav)] = end >= 0 ? nav[c.rawValue][end] : 0
                yearly[layout.yearlyIndex(fund: f, c, year: year, .netCumulative)] = year < curve.count ? curve[year] : .nan
            }
        }
    }
}
