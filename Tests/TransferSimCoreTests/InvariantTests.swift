// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
import TransferSimCore

/// Accounting invariants that must hold in every trial of every scenario, checked property-style
/// over randomly drawn scenarios (a seeded loop: the same scenarios every run).
///
/// Each scenario switches levers on and off at random and draws the region's parameters over wide
/// ranges, so every branch of the pipeline (approval, roadshows, deadlines, PoC and pilot queues,
/// self-funding, spin-offs and their rounds, loans, first-use-then-pay, subsidies, land, rewards)
/// is exercised somewhere.
@Suite("Invariants")
struct InvariantTests {
    static let scenarioCount = 16
    static let trialsPerScenario = 24

    /// Random scenario number `index`, drawn from its own Philox stream.
    static func randomScenario(_ index: Int) -> Settings {
        let random = RandomSource(seed: 0x1_5EED)
        random.trial = UInt32(index)
        random.seek(entity: 0, purpose: .parameters)
        func u(_ low: Double, _ high: Double) -> Double { low + (high - low) * random.uniform() }
        func int(_ low: Int, _ high: Int) -> Double { Double(low + Int(random.uniform() * Double(high - low + 1))) }
        func coin(_ p: Double = 0.5) -> Double { random.uniform() < p ? 1 : 0 }
        /// Off (0) with probability 1/3, else uniform on [low, high].
        func maybe(_ low: Double, _ high: Double) -> Double { random.uniform() < 1.0 / 3 ? 0 : u(low, high) }

        let horizon = int(3, 7)
        let staff = u(0, 0.15), office = maybe(0, 0.1)
        var s: Settings = [
            "region.time.horizon_years": horizon,
            "region.time.intake_years": int(1, Int(horizon)),
            "region.arrivals.annual_disclosures": u(20, 90),
            "region.achievements.quality_a": u(0.5, 4),
            "region.achievements.quality_b": u(0.5, 6),
            "region.achievements.quality_slope": u(0, 5),
            "region.achievements.value_median": u(50, 800),
            "region.achievements.value_sigma": u(0, 1.5),
            "region.achievements.value_tail_probability": u(0, 0.2),
            "region.achievements.value_half_life_months": u(12, 120),
            "region.achievements.value_floor": u(1, 40),
            "region.behaviour.intent_hazard": u(0.01, 0.2),
            "region.behaviour.intent_elasticity": u(0, 1.5),
            "region.behaviour.staff_elasticity": u(0, 1),
            "policy.income.inventor_share": u(0.1, 1 - staff - office),
            "policy.income.transfer_staff_share": staff,
            "policy.income.office_retention": office,
            "policy.empowerment.mode": int(0, 3),
            "policy.empowerment.eligible_fraction": u(0, 1),
            "policy.empowerment.empowered_share": u(0, 1 - staff - office),
            "policy.empowerment.approval_delay_factor_joint": u(0, 1),
            "region.route.empowered_spinoff_multiplier": u(1, 4),
            "region.approval.delay_median_months": u(0.5, 18),
            "region.approval.delay_sigma": u(0, 1),
            "region.approval.probability": u(0.3, 1),
            "policy.approval.single_list": coin(),
            "policy.approval.one_stop": coin(),
            "policy.approval.fault_tolerance": coin(),
            "policy.time_limits.inventor_may_act_months": maybe(3, 36),
            "policy.time_limits.listing_months": maybe(3, 36),
            "policy.time_limits.listing_hazard": u(0, 0.2),
            "policy.time_limits.licensing_months": maybe(3, 48),
            "policy.time_limits.licensing_hazard": u(0, 0.2),
            "region.matching.base_hazard": u(0.005, 0.2),
            "region.matching.registered_visibility": u(1, 3),
            "region.matching.broker_commission": u(0, 0.2),
            "policy.registration.rate": u(0, 1),
            "policy.brokers.density": maybe(0, 5),
            "policy.roadshows.per_year": maybe(1, 24),
            "policy.roadshows.results_per_show": int(1, 40),
            "policy.roadshows.match_probability": u(0, 0.6),
            "region.poc.needs_below_trl": int(2, 8),
            "region.poc.success_probability": u(0.1, 0.95),
            "region.poc.self_funded_probability": u(0, 1),
            "policy.poc.slots": int(0, 10),
            "policy.poc.funded_share": u(0, 1),
            "policy.poc.annual_budget": u(0, 1000),
            "policy.poc.max_wait_months": u(0, 18),
            "policy.poc.invest_first_equity_later": coin(),
            "region.pilot.needs_below_trl": int(2, 9),
            "region.pilot.success_probability": u(0.1, 0.95),
            "policy.pilot.slots": int(0, 8),
            "policy.pilot.funded_share": u(0, 1),
            "policy.pilot.annual_budget": u(0, 2000),
            "policy.pilot.max_wait_months": u(0, 18),
            "region.route.spinoff_probability": u(0, 0.5),
            "region.route.licence_share": u(0, 1),
            "region.route.price_share": u(0.02, 0.5),
            "region.route.licence_upfront_share": u(0, 1),
            "region.route.royalty_rate": u(0, 0.1),
            "policy.licensing.first_use_then_pay": coin(),
            "policy.licensing.trial_months": u(0, 24),
            "policy.licensing.local_subsidy_rate": maybe(0, 0.5),
            "policy.licensing.local_subsidy_cap": u(0, 200),
            "policy.licensing.local_subsidy_annual_budget": u(0, 2000),
            "region.licensing.payment_compliance": u(0, 1),
            "region.firms.cash_median": u(1, 300),
            "region.firms.outflow_probability_fit": u(0, 0.6),
            "region.firms.outflow_probability_no_fit": u(0, 0.9),
            "region.firms.max_match_attempts": int(1, 4),
            "policy.land.annual_quota_mu": maybe(10, 400),
            "region.land.patience_months": u(0, 24),
            "region.land.relocation_probability": u(0, 1),
            "policy.funds.seed.government_commitment": maybe(100, 10000),
            "policy.funds.seed.cover": u(0, 1),
            "policy.funds.seed.invests_seed": coin(0.8),
            "policy.funds.seed.invests_series_a": coin(),
            "policy.funds.seed.invests_series_b": coin(),
            "region.venture.private_availability": u(0, 1),
            "region.venture.patience_months": u(3, 24),
            "region.venture.exit_median_months": u(12, 90),
            "region.loan.approval_probability": u(0, 1),
            "policy.tech_loan.interest_subsidy_share": maybe(0, 1),
            "policy.tech_loan.risk_compensation_share": maybe(0, 1),
            "policy.institution_reward.per_local_conversion": maybe(1, 60),
            "policy.institution_reward.annual_cap": u(0, 500),
        ]
        for field in ParameterCatalogue.standard.fields {
            s["region.fields.\(field).local_fit"] = u(0, 1)
            s["region.fields.\(field).needs_land"] = u(0, 1)
            s["region.fields.\(field).land_mu"] = u(1, 60)
        }
        for source in ResultSource.allCases {
            s["region.sources.\(source.key).share"] = u(0.05, 1)
            s["region.sources.\(source.key).needs_approval"] = coin()
        }
        for level in 2...7 { s["region.achievements.trl_weights.trl\(level)"] = u(0, 1) }
        return s
    }

    static var scenarios: [Int] { Array(0..<scenarioCount) }

    /// `a == b` up to rounding in sums of many terms.
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    @Test("hold in every trial", arguments: scenarios)
    func holdInEveryTrial(_ index: Int) throws {
        let settings = Self.randomScenario(index)
        let r = try Fixture.run(settings, trials: Self.trialsPerScenario, seed: UInt64(1000 + index), threads: 2)
        let stages = FunnelStage.allCases
        let years = Double(r.years)
        for t in 0..<r.trials {
            func m(_ metric: Metric) -> Double { r.value(metric, trial: t) }
            func f(_ s: FunnelStage, _ c: FunnelColumn) -> Double { r.funnel(s, c, trial: t) }
            func yearTotal(_ y: YearlyMetric) -> Double { (0..<r.years).reduce(0) { $0 + r.yearly(y, year: $1, trial: t) } }
            let context = "scenario \(index), trial \(t)"

            // Every result ends in exactly one terminal state.
            let terminal = m(.convertedLocal) + m(.convertedElsewhere) + m(.failedTechnical) + m(.abandoned) + m(.inProgress)
            #expect(terminal == m(.disclosed), "\(context)")
            #expect(f(.disclosure, .entered) == m(.disclosed), "\(context)")

            // The funnel never grows downstream, and each stage's exits fit inside its entries.
            for (k, stage) in stages.enumerated() {
                let exits = f(stage, .passed) + f(stage, .failedTechnical) + f(stage, .abandoned) + f(stage, .outflow)
                #expect(exits <= f(stage, .entered), "\(context): \(stage.name) exits \(exits) > entered \(f(stage, .entered))")
                if k + 1 < stages.count {
                    #expect(f(stages[k + 1], .entered) <= f(stage, .passed), "\(context): \(stages[k + 1].name) entered > \(stage.name) passed")
                }
            }
            // Where results left the funnel adds up to the terminal counts.
            #expect(stages.reduce(0) { $0 + f($1, .failedTechnical) } == m(.failedTechnical), "\(context)")
            #expect(stages.reduce(0) { $0 + f($1, .abandoned) } == m(.abandoned), "\(context)")
            #expect(stages.reduce(0) { $0 + f($1, .outflow) } == m(.convertedElsewhere), "\(context)")
            #expect(f(.marketEntry, .passed) == m(.convertedLocal), "\(context)")

            // Money is conserved: every yuan paid to IP holders goes to exactly one party.
            let parties = m(.inventorIncome) + m(.transferStaffIncome) + m(.institutionIncome) + m(.brokerIncome)
            #expect(Self.close(parties, m(.ipIncomeTotal)), "\(context): parties \(parties), total \(m(.ipIncomeTotal))")
            for money in [Metric.ipIncomeTotal, .inventorIncome, .transferStaffIncome, .institutionIncome, .brokerIncome,
                          .firmIncome, .fiscalPocGrants, .fiscalPilotSubsidies, .fiscalLocalSubsidies,
                          .fiscalLoanInterestSubsidies, .fiscalRiskCompensation, .fiscalInstitutionRewards,
                          .fiscalFundContributions, .fiscalEquityProceeds, .governmentEquityNav, .privateCapitalInvested] {
                #expect(m(money) >= 0, "\(context): \(money.name) \(m(money))")
            }
            // Fiscal cost is the sum of the budget lines less seed-fund proceeds.
            let lines = m(.fiscalPocGrants) + m(.fiscalPilotSubsidies) + m(.fiscalLocalSubsidies)
                + m(.fiscalLoanInterestSubsidies) + m(.fiscalRiskCompensation) + m(.fiscalInstitutionRewards)
                + m(.fiscalFundContributions) - m(.fiscalEquityProceeds)
            #expect(Self.close(lines, m(.fiscalCostTotal)), "\(context): lines \(lines), total \(m(.fiscalCostTotal))")
            // Budgets and quotas are never exceeded.
            let budget = { (path: String) in settings[path] ?? 0 }
            #expect(m(.fiscalFundContributions) <= budget("policy.funds.seed.government_commitment") + 1e-9, "\(context)")
            #expect(m(.fiscalPocGrants) <= years * budget("policy.poc.annual_budget") + 1e-9, "\(context)")
            #expect(m(.fiscalPilotSubsidies) <= years * budget("policy.pilot.annual_budget") + 1e-9, "\(context)")
            #expect(m(.fiscalLocalSubsidies) <= years * budget("policy.licensing.local_subsidy_annual_budget") + 1e-9, "\(context)")
            #expect(m(.fiscalInstitutionRewards) <= years * budget("policy.institution_reward.annual_cap") + 1e-9, "\(context)")
            for y in 0..<r.years {
                #expect(r.yearly(.landAllocatedMu, year: y, trial: t) <= budget("policy.land.annual_quota_mu") + 1e-9,
                        "\(context): land allocated in year \(y) above the quota")
            }

            // Contracts by type, and by who took them.
            #expect(m(.contracts) == m(.contractsTransfer) + m(.contractsLicence) + m(.contractsEquity), "\(context)")
            #expect(Self.close(m(.contractValueTotal), m(.contractValueTransfer) + m(.contractValueLicence) + m(.contractValueEquity)), "\(context)")
            #expect(m(.contracts) == m(.contractsLocal) + m(.contractsElsewhere), "\(context)")
            #expect(m(.contractsLocal) >= m(.venturesCreated), "\(context): a venture's equity contract is local")
            #expect(m(.contractsEquity) == m(.venturesCreated), "\(context)")
            // Ventures end the horizon in exactly one state.
            #expect(m(.venturesAlive) + m(.venturesExited) + m(.venturesFailed) == m(.venturesCreated), "\(context)")
            // Conversion elsewhere comes only from contracts elsewhere, relocations for land and
            // ventures that failed here (and moved for capital), at the same milestone as local ones.
            #expect(m(.convertedElsewhere) <= m(.contractsElsewhere) + m(.landRelocations) + m(.venturesFailed), "\(context)")
            #expect(m(.pilotRetainedLocal) <= m(.convertedLocal), "\(context)")
            #expect(m(.localSubsidyDeadweight) <= m(.fiscalLocalSubsidies) + 1e-9, "\(context)")
            #expect(m(.pocCompleted) <= m(.pocStarted), "\(context)")
            #expect(m(.firmLoansGranted) <= m(.loansGranted), "\(context)")
            // The venture funnel: seed, then the market (here) or a move; never more than were created.
            #expect(m(.venturesRaisedA) <= m(.venturesRaisedSeed) && m(.venturesRaisedSeed) <= m(.venturesCreated), "\(context)")
            #expect(m(.venturesOnMarket) <= m(.venturesRaisedSeed), "\(context)")
            #expect(m(.venturesOnMarket) + m(.venturesRelocated) <= m(.venturesCreated), "\(context)")
            #expect(m(.abandoned) >= m(.landStalls), "\(context)")
            #expect(m(.pocStarted) <= f(.proofOfConcept, .entered), "\(context)")
            #expect(m(.pilotStarted) + m(.pilotsSelfFunded) + m(.unpilotedProceeds) <= f(.pilot, .entered), "\(context)")
            #expect(m(.unprovenProceeds) <= f(.proofOfConcept, .entered), "\(context)")
            // Causality: nobody is served before they ask (a wait is never negative), and the
            // venture clocks run forwards.
            for wait in [Metric.pocWaitMonthsMean, .pilotWaitMonthsMean, .landWaitMonthsMean,
                         .monthsToSeedMean, .monthsToMarketMean, .monthsToExitMean, .monthsToFailureMean]
            where !m(wait).isNaN {
                #expect(m(wait) >= 0, "\(context): \(wait.name) \(m(wait))")
            }
            #expect(m(.bridgeLoans) <= m(.loansGranted), "\(context)")

            // Yearly series add up to the totals.
            #expect(yearTotal(.convertedLocal) == m(.convertedLocal), "\(context)")
            #expect(yearTotal(.convertedElsewhere) == m(.convertedElsewhere), "\(context)")
            #expect(yearTotal(.contracts) == m(.contracts), "\(context)")
            #expect(yearTotal(.venturesCreated) == m(.venturesCreated), "\(context)")
            #expect(Self.close(yearTotal(.contractValue), m(.contractValueTotal)), "\(context)")
            #expect(Self.close(yearTotal(.fiscalCost), m(.fiscalCostTotal)), "\(context)")
            #expect(Self.close(yearTotal(.inventorIncome), m(.inventorIncome)), "\(context)")
            #expect(Self.close(yearTotal(.institutionIncome), m(.institutionIncome)), "\(context)")
            #expect(Self.close(yearTotal(.landAllocatedMu), m(.landAllocatedMu)), "\(context)")

            // Shares name their numerator and denominator.
            let n = m(.disclosed)
            if n > 0 {
                #expect(m(.conversionShare) == (m(.convertedLocal) + m(.convertedElsewhere)) / n, "\(context)")
                #expect(m(.localConversionShare) == m(.convertedLocal) / n, "\(context)")
                #expect(m(.outflowShare) == m(.convertedElsewhere) / n, "\(context)")
            }
            // Every ratio equals its documented numerator / denominator (undefined at a zero denominator).
            func same(_ a: Double, _ b: Double) -> Bool { (a.isNaN && b.isNaN) || a == b }
            func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
            #expect(same(m(.fiscalCostPerLocalConversion), ratio(m(.fiscalCostTotal), m(.convertedLocal))), "\(context): fiscal cost per local conversion")
            #expect(m(.spinoffShareAfterPoc).isNaN || (0...1).contains(m(.spinoffShareAfterPoc)), "\(context)")
            #expect(m(.spinoffShare).isNaN || (0...1).contains(m(.spinoffShare)), "\(context)")
            for share in [Metric.convertedWithin3yShare, .cohortConversionShare, .cohortLocalConversionShare] {
                #expect(m(share).isNaN || (0...1).contains(m(share)), "\(context): \(share.name) \(m(share))")
            }
            #expect(m(.cohortLocalConversionShare).isNaN || m(.cohortLocalConversionShare) <= m(.cohortConversionShare), "\(context)")
        }
    }

    /// The random scenarios are not vacuous: across them, every mechanism the invariants speak about
    /// happens (so a branch the generator stopped reaching would be noticed).
    @Test func randomScenariosExerciseEveryMechanism() throws {
        var totals = [Double](repeating: 0, count: Metric.allCases.count)
        var funnel = [Double](repeating: 0, count: FunnelStage.allCases.count * FunnelColumn.allCases.count)
        for index in Self.scenarios {
            let r = try Fixture.run(Self.randomScenario(index), trials: Self.trialsPerScenario, seed: UInt64(1000 + index), threads: 2)
            for m in Metric.allCases { totals[m.rawValue] += r.values(m).filter { !$0.isNaN }.reduce(0, +) }
            for (k, x) in r.funnel.enumerated() { funnel[k % funnel.count] += x }
        }
        let needed: [Metric] = [
            .convertedLocal, .convertedElsewhere, .failedTechnical, .abandoned, .inProgress,
            .contractsTransfer, .contractsLicence, .contractsEquity, .brokerIncome, .firmIncome,
            .fiscalPocGrants, .fiscalPilotSubsidies, .fiscalLocalSubsidies, .fiscalLoanInterestSubsidies,
            .fiscalRiskCompensation, .fiscalInstitutionRewards, .fiscalFundContributions, .fiscalEquityProceeds,
            .governmentEquityNav, .venturesAlive, .venturesExited, .venturesFailed, .loansGranted, .contractsLocal, .contractsElsewhere,
            .unprovenProceeds, .pocCompleted, .localSubsidyDeadweight,
            .pocStarted, .pilotStarted, .unpilotedProceeds, .landAllocatedMu, .landRelocations, .landStalls,
        ]
        for m in needed { #expect(totals[m.rawValue] > 0, "no \(m.name) in any random scenario") }
        // Every way of leaving the funnel the engine has, by stage.
        let exits: [(FunnelStage, FunnelColumn)] = [
            (.disclosure, .abandoned), (.approval, .abandoned), (.matching, .abandoned),
            (.proofOfConcept, .failedTechnical), (.proofOfConcept, .abandoned), (.pilot, .failedTechnical),
            (.deal, .abandoned), (.deal, .outflow),
            (.marketEntry, .failedTechnical), (.marketEntry, .abandoned), (.marketEntry, .outflow),
        ]
        for (stage, column) in exits {
            #expect(funnel[stage.rawValue * FunnelColumn.allCases.count + column.rawValue] > 0,
                    "nobody left at \(stage.name) as \(column.name) in any random scenario")
        }
    }

    /// With no royalties, no spin-offs and fees paid at signing, the income paid to IP holders is
    /// exactly what the contracts say: transfers in full, licences their upfront share.
    @Test func incomeEqualsUpfrontFeesWithoutRoyalties() throws {
        let upfront = 0.35
        let settings = Fixture.merged(Fixture.small, [
            "region.route.royalty_rate": 0,
            "region.route.spinoff_probability": 0,
            "region.route.licence_upfront_share": upfront,
            "policy.licensing.first_use_then_pay": 0,
            "region.matching.broker_commission": 0.05,
        ].merging(Fixture.allFields("local_fit", 0.5)) { $1 })
        let r = try Fixture.run(settings, trials: 40, seed: 31)
        #expect(r.values(.contracts).reduce(0, +) > 0, "the scenario signs contracts")
        for t in 0..<r.trials {
            let fees = r.value(.contractValueTransfer, trial: t) + upfront * r.value(.contractValueLicence, trial: t)
            #expect(Self.close(r.value(.ipIncomeTotal, trial: t), fees), "trial \(t)")
            #expect(r.value(.contractsEquity, trial: t) == 0)
        }
    }
}
