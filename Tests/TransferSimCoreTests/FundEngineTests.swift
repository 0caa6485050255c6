// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import TransferSimCore

/// Funds inside the engine: conservation in every trial, the directional checks of the funds issue
/// on common random numbers, and the default seed fund's J-curve.
@Suite struct FundEngineTests {
    static let trials = 120

    /// A small region whose seed fund makes outside deals with fast exits, so every trial has flows.
    static var fundRegion: Settings {
        Fixture.merged(Fixture.small, [
            "region.time.horizon_years": 8,
            "region.route.spinoff_probability": 0.3,
            "policy.funds.seed.government_commitment": 4000, "policy.funds.seed.private_commitment": 4000,
            "policy.funds.seed.market_deals_per_year": 6, "policy.funds.seed.investment_period_years": 3,
            "policy.funds.seed.term_years": 5, "policy.funds.seed.extension_years": 1,
            "region.venture.exit_median_months": 36,
            "region.fund_raising.buyback_effect": 0,
        ])
    }

    static func column(_ r: RunResult, _ name: String) -> [Double] {
        guard let k = r.fundLayout.columnNames.firstIndex(of: name) else {
            Issue.record("no fund column \(name)")
            return []
        }
        return r.fundValues(column: k)
    }

    static func paired(_ pair: (base: RunResult, variant: RunResult), _ name: String) -> PairedDifference {
        let d = PairedDifference(column(pair.base, name), column(pair.variant, name))
        margin("\(name): \(d)")
        return d
    }

    /// In every trial of random fund terms (styles, concessions, fees): LP contributions = deals +
    /// fees + LP-to-LP transfers; LP distributions + carry = deal proceeds + transfers; the LPs' NAV
    /// is at most the portfolio's (the rest is the manager's accrued carry), equal without carry.
    @Test func moneyIsConservedInEveryTrial() throws {
        for (k, extra) in [
            ["policy.funds.seed.waterfall": 1.0, "policy.funds.seed.carry": 0.2],
            ["policy.funds.seed.concessions.buyback": 1, "policy.funds.seed.concessions.first_loss_share": 0.3],
            ["policy.funds.seed.concessions.return_cap": 1, "policy.funds.seed.concessions.excess_share": 0.5,
             "policy.funds.seed.catch_up": 1, "policy.funds.seed.hurdle_compounding": 1],
            ["policy.funds.seed.carry": 0, "policy.funds.seed.term_years": 20],
        ].enumerated() {
            let settings = Fixture.merged(Self.fundRegion, extra)
            let parameters = try Fixture.resolve(settings)
            let simulator = TrialSimulator(seed: 900 + UInt64(k))
            let values = parameters.centralValues
            let model = ModelParameters(catalogue: parameters.catalogue, values: values)
            let years = Int(parameters.centralValue("region.time.horizon_years"))
            let m = UnsafeMutableBufferPointer<Double>.allocate(capacity: Metric.allCases.count)
            let y = UnsafeMutableBufferPointer<Double>.allocate(capacity: years * YearlyMetric.count)
            let f = UnsafeMutableBufferPointer<Double>.allocate(capacity: FunnelStage.allCases.count * FunnelColumn.count)
            defer { m.deallocate(); y.deallocate(); f.deallocate() }
            for trial in 0..<30 {
                simulator.run(trial: UInt32(trial), parameters: model, into: TrialRecord(metrics: m, yearly: y, funnel: f, years: years))
                let ledger = simulator.funds[0]
                func sum(_ c: LPClass, _ flows: KeyPath<FundLedger, [[Double]]>) -> Double { ledger[keyPath: flows][c.rawValue].reduce(0, +) }
                let tolerance = 1e-7 * max(1, ledger.terms.commitments)
                let context = "case \(k) trial \(trial)"
                #expect(abs(sum(.government, \.contributions) + sum(.private, \.contributions)
                            - (ledger.invested + ledger.feesPaid + ledger.transfers)) < tolerance, "\(context)")
                #expect(abs(sum(.gross, \.contributions) - ledger.invested) < tolerance, "\(context)")
                #expect(abs(sum(.government, \.distributions) + sum(.private, \.distributions) + ledger.carryPaid
                            - (sum(.gross, \.distributions) + ledger.transfers)) < tolerance, "\(context)")
                let last = ledger.months - 1
                let lpNAV = ledger.nav[0][last] + ledger.nav[1][last]
                #expect(lpNAV <= ledger.nav[2][last] + tolerance, "\(context)")
                if ledger.terms.waterfall.carry == 0 { #expect(abs(lpNAV - ledger.nav[2][last]) < tolerance, "\(context)") }
                #expect(ledger.called <= ledger.terms.commitments + tolerance, "\(context)")
                #expect(sum(.government, \.distributions) >= 0 && sum(.private, \.distributions) >= 0, "\(context)")
            }
        }
    }

    /// A Yozma buy-back (with no effect on fund raising, so both sides hold the same commitments):
    /// private LPs' IRR rises and the government's IRR and TVPI fall, paired over trials (the
    /// private LPs buy the government's interest at cost plus 3 % when it is worth more).
    @Test func buybackRaisesPrivateIRRAndLowersGovernmentIRR() throws {
        let pair = try Fixture.runPair(Self.fundRegion, variant: [
            "policy.funds.seed.concessions.buyback": 1, "policy.funds.seed.concessions.buyback_rate": 0.03,
        ], trials: Self.trials, seed: 611)
        #expect(Self.paired(pair, "fund.seed.private.irr").z > 3)
        #expect(Self.paired(pair, "fund.seed.government.irr").z < -3)
        #expect(Self.paired(pair, "fund.seed.government.tvpi").z < -3)
    }

    /// First-loss cover raises the private commitment raised (fill odds × (1 + 2 × 0.4)), hence the
    /// private capital drawn in per fiscal yuan.
    @Test func firstLossRaisesPrivateCapitalDrawnIn() throws {
        let pair = try Fixture.runPair(Self.fundRegion, variant: ["policy.funds.seed.concessions.first_loss_share": 0.4],
                                       trials: Self.trials, seed: 612)
        #expect(Self.paired(pair, "fund.seed.government.private_per_fiscal_yuan").z > 3)
        #expect(Self.paired(pair, "fund.seed.private.paid_in").z > 3)
    }

    /// MODEL.md §4.1, funds: with six local start-ups a year from outside the pipeline competing for
    /// the same budget, first come first served (reserve 0) lets them take most of it before the
    /// pipeline's ventures ask; keeping 80 % of the new-deal budget for pipeline ventures moves
    /// deals from outside the pipeline to its ventures.
    @Test func pipelineReserveMovesDealsToPipelineVentures() throws {
        let base = Fixture.merged(Self.fundRegion, [
            "policy.funds.seed.pipeline_reserve": 0, "policy.funds.seed.market_deals_per_year": 20,
            "policy.funds.seed.investment_period_years": 6, "region.route.spinoff_probability": 0.6,
        ])
        let pair = try Fixture.runPair(base, variant: ["policy.funds.seed.pipeline_reserve": 0.8],
                                       trials: Self.trials, seed: 615)
        #expect(Self.paired(pair, "fund.seed.gross.pipeline_deals").z > 3)
        #expect(Self.paired(pair, "fund.seed.gross.outside_deals").z < -3)
    }

    /// Brander, Du & Hellmann (CALIBRATION.md): with the scenario's dominance effect on (penalty
    /// 0.3), taking 90 % of each round instead of 30 % makes the government dominant (0.9 × its
    /// interest > 0.5) and more of the fund's capital returns below 1×.
    @Test func dominantGovernmentShareLowersExits() throws {
        let base = Fixture.merged(Self.fundRegion, [
            "region.venture.dominant_penalty": 0.3, "policy.funds.seed.private_commitment": 1000,
            "policy.funds.seed.max_share_of_round": 0.3, "policy.funds.seed.ticket_max": 1000,
        ])
        let pair = try Fixture.runPair(base, variant: ["policy.funds.seed.max_share_of_round": 0.9], trials: Self.trials, seed: 613)
        #expect(Self.paired(pair, "fund.seed.gross.loss_ratio").z > 3)
    }

    /// Local reinvestment (返投): a 2× rule on a fund whose manager also sees deals elsewhere bars
    /// those deals (2 × 4,000 exceeds the investable capital) and deters private LPs (fill odds
    /// ÷ (1 + 0.3 × 2) instead of ÷ 1), so the fund invests more locally per government yuan and
    /// draws less private money than with no rule.
    @Test func localReinvestmentRuleKeepsMoneyLocalAndDetersPrivateLPs() throws {
        let base = Fixture.merged(Self.fundRegion, [
            "policy.funds.seed.outside_deals_per_year": 6, "policy.funds.seed.local_reinvestment_multiple": 0,
        ])
        let pair = try Fixture.runPair(base, variant: ["policy.funds.seed.local_reinvestment_multiple": 2],
                                       trials: Self.trials, seed: 614)
        #expect(Self.paired(pair, "fund.seed.gross.local_reinvestment").z > 3)
        #expect(Self.paired(pair, "fund.seed.private.paid_in").z < -3)
    }

    /// The default scenario's seed fund: its government J-curve (median cumulative net cash flow)
    /// is negative in each of the first three years — fees and deals before exits.
    @Test func defaultSeedFundJCurveStartsNegative() throws {
        let resolved = try Scenario(name: "default").resolve()
        let r = Simulation.run(resolved, RunConfiguration(trials: 24, seed: 20260101, threads: 2))
        for year in 0..<3 {
            let curve = BandSummary(r.fundValues(fund: 0, .government, year: year, .netCumulative))
            #expect(curve.p50 < 0, "year \(year + 1): \(curve.p50)")
            #expect(curve.p95 < 0, "year \(year + 1): \(curve.p95)")
        }
    }
}
