// SPDX-License-Identifier: GPL-3.0-or-later

/// A per-trial output (MODEL.md §7): its name in `summary.csv` and `trials.csv`, and its meaning.
/// Every ratio names its numerator and denominator.
public struct MetricInfo: Sendable {
    public let name: String
    public let unit: String
    public let meaning: String
}

/// The per-trial metrics, in output order. Raw values index a trial's row.
public enum Metric: Int, CaseIterable, Sendable {
    case disclosed, convertedLocal, convertedElsewhere, failedTechnical, abandoned, inProgress
    case conversionShare, localConversionShare, outflowShare, convertedWithin3yShare
    case cohortConversionShare, cohortLocalConversionShare
    case monthsToConversionMedian, monthsToConversionMean
    case contracts, contractsLocal, contractsElsewhere, contractsTransfer, contractsLicence, contractsEquity
    case contractValueTotal, contractValueTransfer, contractValueLicence, contractValueEquity, contractValueTop10Share
    case ipIncomeTotal, inventorIncome, transferStaffIncome, institutionIncome, brokerIncome, firmIncome
    case fiscalCostTotal, fiscalPocGrants, fiscalPilotSubsidies, fiscalLocalSubsidies, localSubsidyDeadweight, fiscalLoanInterestSubsidies
    case fiscalRiskCompensation, fiscalInstitutionRewards, fiscalFundContributions, fiscalEquityProceeds
    case fiscalCostPerLocalConversion, privateCapitalPerFiscalYuan
    case governmentEquityNav, privateCapitalInvested
    case venturesCreated, spinoffShare, spinoffShareAfterPoc, venturesAlive, venturesExited, venturesFailed
    case venturesRaisedSeed, venturesRaisedA, venturesOnMarket, venturesRelocated, monthsToSeedMean, monthsToMarketMean
    case monthsToExitMean, monthsToFailureMean
    case loansGranted, firmLoansGranted, bridgeLoans
    case pocStarted, pocCompleted, pocWaitMonthsMean, unprovenProceeds, conceptWorkByAdopter
    case pilotStarted, pilotWaitMonthsMean, pilotsSelfFunded, unpilotedProceeds, pilotRetainedLocal
    case landAllocatedMu, landWaitMonthsMean, landRelocations, landStalls
    case budgetBindingMonths, budgetUnspent
    case budgetBindingMonthsPocGrants, budgetBindingMonthsPilotSubsidies, budgetBindingMonthsLocalSubsidies
    case budgetBindingMonthsInstitutionRewards, budgetBindingMonthsLoanInterestSubsidies, budgetBindingMonthsRiskCompensation
    case budgetUnspentPocGrants, budgetUnspentPilotSubsidies, budgetUnspentLocalSubsidies, budgetUnspentInstitutionRewards
}

extension Metric {
    public var info: MetricInfo { Metric.table[rawValue] }
    public var name: String { info.name }

    static let table: [MetricInfo] = [
        MetricInfo(name: "disclosed", unit: "results", meaning: "Results disclosed within the horizon."),
        MetricInfo(name: "converted_local", unit: "results", meaning: "Results in production here: implemented by a local firm (or by a firm elsewhere that piloted here and produces here), or brought to market by a local venture."),
        MetricInfo(name: "converted_elsewhere", unit: "results", meaning: "Results in production in another region (outflow), at the same milestone: implemented by a firm elsewhere, or implemented or brought to market there after relocating for land or capital."),
        MetricInfo(name: "failed_technical", unit: "results", meaning: "Results that failed proof of concept, pilot, implementation or market entry (here or after relocating)."),
        MetricInfo(name: "abandoned", unit: "results", meaning: "Results given up: value decayed below the floor, approval refused, no counterpart, no funding, no land."),
        MetricInfo(name: "in_progress", unit: "results", meaning: "Results still in the pipeline at the horizon."),
        MetricInfo(name: "conversion_share", unit: "share", meaning: "(converted_local + converted_elsewhere) / disclosed."),
        MetricInfo(name: "local_conversion_share", unit: "share", meaning: "converted_local / disclosed."),
        MetricInfo(name: "outflow_share", unit: "share", meaning: "converted_elsewhere / disclosed."),
        MetricInfo(name: "converted_within_3y_share", unit: "share", meaning: "Results converted (anywhere) within 36 months of disclosure / results disclosed at least 36 months before the horizon."),
        MetricInfo(name: "cohort_conversion_share", unit: "share", meaning: "Of the results disclosed in the first region.time.cohort_intake_years years, those converted (anywhere) within region.time.cohort_follow_years years of their disclosure (shortened so the window ends by the horizon) / those results; undefined when no window fits."),
        MetricInfo(name: "cohort_local_conversion_share", unit: "share", meaning: "The same cohort's results converted locally within the window / the cohort's results."),
        MetricInfo(name: "months_to_conversion_median", unit: "months", meaning: "Median months from disclosure to conversion (anywhere), over the trial's converted results."),
        MetricInfo(name: "months_to_conversion_mean", unit: "months", meaning: "Mean months from disclosure to conversion (anywhere)."),
        MetricInfo(name: "contracts", unit: "contracts", meaning: "Transfer, licence and equity (作价投资) contracts signed."),
        MetricInfo(name: "contracts_local", unit: "contracts", meaning: "Contracts signed by a local firm, and equity contracts of local ventures, at signature."),
        MetricInfo(name: "contracts_elsewhere", unit: "contracts", meaning: "Contracts signed by a firm in another region, at signature."),
        MetricInfo(name: "contracts_transfer", unit: "contracts", meaning: "Transfer contracts."),
        MetricInfo(name: "contracts_licence", unit: "contracts", meaning: "Licence contracts."),
        MetricInfo(name: "contracts_equity", unit: "contracts", meaning: "Equity contracts (IP put into a spin-off)."),
        MetricInfo(name: "contract_value_total", unit: "万元", meaning: "Value of all contracts signed."),
        MetricInfo(name: "contract_value_transfer", unit: "万元", meaning: "Value of transfer contracts."),
        MetricInfo(name: "contract_value_licence", unit: "万元", meaning: "Value of licence contracts."),
        MetricInfo(name: "contract_value_equity", unit: "万元", meaning: "Value of equity contracts."),
        MetricInfo(name: "contract_value_top10_share", unit: "share", meaning: "Value of the top 10 % of contracts (by value) / value of all contracts."),
        MetricInfo(name: "ip_income_total", unit: "万元", meaning: "Conversion income paid to IP holders (fees, royalties, equity exits) before it is split: inventor_income + transfer_staff_income + institution_income + broker_income."),
        MetricInfo(name: "inventor_income", unit: "万元", meaning: "Inventor teams' income from fees, royalties and equity exits."),
        MetricInfo(name: "transfer_staff_income", unit: "万元", meaning: "Transfer staff's income."),
        MetricInfo(name: "institution_income", unit: "万元", meaning: "Institutions' income (including what they keep for their office)."),
        MetricInfo(name: "broker_income", unit: "万元", meaning: "Brokers' commissions."),
        MetricInfo(name: "firm_income", unit: "万元", meaning: "Local licensees' revenue net of royalties."),
        MetricInfo(name: "fiscal_cost_total", unit: "万元", meaning: "Government spending on every budget line, plus its LP contributions to funds, less its fund distributions and converted-grant proceeds (cash basis)."),
        MetricInfo(name: "fiscal_poc_grants", unit: "万元", meaning: "Proof-of-concept grants paid."),
        MetricInfo(name: "fiscal_pilot_subsidies", unit: "万元", meaning: "Pilot subsidies paid."),
        MetricInfo(name: "fiscal_local_subsidies", unit: "万元", meaning: "Local-conversion subsidies paid."),
        MetricInfo(name: "local_subsidy_deadweight", unit: "万元", meaning: "Local-conversion subsidies paid on deals the local firm would have won and afforded without the subsidy, decided on the same draws (part of fiscal_local_subsidies)."),
        MetricInfo(name: "fiscal_loan_interest_subsidies", unit: "万元", meaning: "Technology-loan interest subsidies."),
        MetricInfo(name: "fiscal_risk_compensation", unit: "万元", meaning: "Risk-compensation pool payouts on defaulted loans."),
        MetricInfo(name: "fiscal_institution_rewards", unit: "万元", meaning: "Rewards paid to institutions for local conversions."),
        MetricInfo(name: "fiscal_fund_contributions", unit: "万元", meaning: "Government LP contributions to all funds: capital calls for investments and fees, and first-loss cover paid."),
        MetricInfo(name: "fiscal_equity_proceeds", unit: "万元", meaning: "Government proceeds: distributions from funds (buy-back payments included) and converted PoC grants' exits."),
        MetricInfo(name: "fiscal_cost_per_local_conversion", unit: "万元 per result", meaning: "fiscal_cost_total / converted_local (undefined when nothing converted locally)."),
        MetricInfo(name: "private_capital_per_fiscal_yuan", unit: "ratio", meaning: "Private money (co-investors and funds' private LPs) in rounds a fund invested in / the government's LP money in those rounds (undefined without fund investment)."),
        MetricInfo(name: "government_equity_nav", unit: "万元", meaning: "The government's NAV at the horizon: its share of every fund's NAV plus converted PoC stakes (at most their preserved value)."),
        MetricInfo(name: "private_capital_invested", unit: "万元", meaning: "Private venture money invested in all rounds."),
        MetricInfo(name: "ventures_created", unit: "ventures", meaning: "Spin-off ventures created."),
        MetricInfo(name: "spinoff_share", unit: "share", meaning: "ventures_created / results that reached the route step (a counterpart found: licence, transfer or spin-off)."),
        MetricInfo(name: "spinoff_share_after_poc", unit: "share", meaning: "Ventures created from results that completed a funded proof of concept / results that completed one (poc_completed)."),
        MetricInfo(name: "ventures_alive", unit: "ventures", meaning: "Ventures neither exited nor failed at the horizon."),
        MetricInfo(name: "ventures_exited", unit: "ventures", meaning: "Ventures that exited (trade sale or listing) at 1× or better."),
        MetricInfo(name: "ventures_failed", unit: "ventures", meaning: "Ventures that failed to raise, to enter the market, or exited below 1×."),
        MetricInfo(name: "ventures_raised_seed", unit: "ventures", meaning: "Ventures that closed their seed round."),
        MetricInfo(name: "ventures_raised_a", unit: "ventures", meaning: "Ventures that closed their series A round."),
        MetricInfo(name: "ventures_on_market", unit: "ventures", meaning: "Ventures that entered the market here (each also a local conversion)."),
        MetricInfo(name: "ventures_relocated", unit: "ventures", meaning: "Ventures that failed to raise their seed round here and moved to a region with capital."),
        MetricInfo(name: "months_to_seed_mean", unit: "months", meaning: "Mean months from a venture's creation to its seed round, over ventures that closed one."),
        MetricInfo(name: "months_to_market_mean", unit: "months", meaning: "Mean months from a venture's creation to its market entry here, over ventures that entered."),
        MetricInfo(name: "months_to_exit_mean", unit: "months", meaning: "Mean months from a venture's creation to its exit at 1× or better, over ventures that exited."),
        MetricInfo(name: "months_to_failure_mean", unit: "months", meaning: "Mean months from a venture's creation to its failure (including a move elsewhere for capital), over ventures that failed."),
        MetricInfo(name: "loans_granted", unit: "loans", meaning: "Bank technology loans: to ventures at creation, bridge loans, and to local firms for an upfront fee or a pilot."),
        MetricInfo(name: "firm_loans_granted", unit: "loans", meaning: "Technology loans to local firms (and ventures) for an upfront fee or their own pilot (part of loans_granted)."),
        MetricInfo(name: "bridge_loans", unit: "loans", meaning: "Bridge loans to ventures that missed their round before the market, for a second attempt (part of loans_granted)."),
        MetricInfo(name: "poc_started", unit: "projects", meaning: "Proof-of-concept projects started in funded slots."),
        MetricInfo(name: "poc_completed", unit: "results", meaning: "Results that completed a funded proof of concept successfully."),
        MetricInfo(name: "poc_wait_months_mean", unit: "months", meaning: "Mean wait for a funded PoC slot, over results that got one."),
        MetricInfo(name: "unproven_proceeds", unit: "results", meaning: "Results that needed proof of concept and went on to matching without it."),
        MetricInfo(name: "concept_work_by_adopter", unit: "results", meaning: "Unproven results whose adopter (a firm, or the venture) did the concept work itself after committing."),
        MetricInfo(name: "pilot_started", unit: "projects", meaning: "Pilots started in subsidised slots at the region's bases."),
        MetricInfo(name: "pilot_wait_months_mean", unit: "months", meaning: "Mean wait for a subsidised pilot slot, over adopters that got one."),
        MetricInfo(name: "pilots_self_funded", unit: "projects", meaning: "Pilots an adopter paid for itself."),
        MetricInfo(name: "unpiloted_proceeds", unit: "results", meaning: "Results that needed a pilot whose adopter went on without one."),
        MetricInfo(name: "pilot_retained_local", unit: "results", meaning: "Results of firms elsewhere that piloted at a base here and produce here (counted in converted_local)."),
        MetricInfo(name: "land_allocated_mu", unit: "亩", meaning: "Industrial land allocated."),
        MetricInfo(name: "land_wait_months_mean", unit: "months", meaning: "Mean wait for land, over results that got it."),
        MetricInfo(name: "land_relocations", unit: "results", meaning: "Results that relocated to another region for lack of land."),
        MetricInfo(name: "land_stalls", unit: "results", meaning: "Results abandoned for lack of land."),
        MetricInfo(name: "budget_binding_months", unit: "months", meaning: "Months in which the fiscal envelope (policy.budget.annual_cap) refused or cut at least one spending request; 0 without an envelope."),
        MetricInfo(name: "budget_unspent", unit: "万元", meaning: "The envelope left unspent: the sum over the horizon's years of (annual cap − spending on its lines); undefined without an envelope."),
    ] + BudgetLine.allCases.map {
        MetricInfo(name: "budget_binding_months_\($0.key)", unit: "months",
                   meaning: "Months in which the fiscal envelope refused or cut a request of \($0.label).")
    } + BudgetLine.allCases.prefix(4).map {
        MetricInfo(name: "budget_unspent_\($0.key)", unit: "万元",
                   meaning: "What \($0.label) left unspent of their allowance under the envelope: the sum over years of (the lower of the line's own annual budget, the envelope and, under proportional, its share − the line's spending); undefined without an envelope.")
    }
}

/// Time-series metrics by simulated year (for fan charts), in `timeseries.csv`.
public enum YearlyMetric: Int, CaseIterable, Sendable {
    case convertedLocal, convertedElsewhere, contracts, contractValue, fiscalCost, inventorIncome, institutionIncome
    case venturesCreated, landAllocatedMu
    /// Running totals up to the end of the year (a cost curve: when a programme starts to pay off).
    case cumulativeFiscalCost, cumulativeConvertedLocal

    /// Number of yearly metrics (a constant: `allCases` builds an array on every call).
    public static let count = 11

    public var name: String {
        ["converted_local", "converted_elsewhere", "contracts", "contract_value", "fiscal_cost", "inventor_income",
         "institution_income", "ventures_created", "land_allocated_mu", "cumulative_fiscal_cost",
         "cumulative_converted_local"][rawValue]
    }
}

/// Pipeline stages of the funnel (`funnel.csv`), in pipeline order (MODEL.md §4): proof of concept
/// before a counterpart is sought; `deal` is the commitment (a contract signed by a firm here or
/// elsewhere, or a venture created); the pilot serves that adopter; `market_entry` is production
/// (implementation, or a venture's market entry), where both kinds of conversion are counted.
public enum FunnelStage: Int, CaseIterable, Sendable {
    case disclosure, approval, proofOfConcept, matching, deal, pilot, marketEntry

    public var name: String {
        ["disclosure", "approval", "proof_of_concept", "matching", "deal", "pilot", "market_entry"][rawValue]
    }
}

/// Funnel columns per stage: entered, passed (including results that skip the stage), and where the
/// rest left.
public enum FunnelColumn: Int, CaseIterable, Sendable {
    case entered, passed, failedTechnical, abandoned, outflow

    /// Number of columns (a constant: `allCases` builds an array on every call).
    public static let count = 5

    public var name: String { ["entered", "passed", "failed_technical", "abandoned", "outflow"][rawValue] }
}

/// Which way a metric should move for a policy to count as better: more conversions, less
/// fiscal cost. `none` for counts that are neither good nor bad in themselves (disclosures,
/// results still in progress, individual budget lines, land used).
public enum BetterDirection: String, Sendable, CaseIterable {
    case higher, lower, none
}

extension Metric {
    /// The direction in which this metric improves (used for `p_better` in `compare.csv`).
    public var betterDirection: BetterDirection {
        switch self {
        case .convertedLocal, .conversionShare, .localConversionShare, .convertedWithin3yShare,
             .contracts, .contractsTransfer, .contractsLicence, .contractsEquity,
             .contractValueTotal, .contractValueTransfer, .contractValueLicence, .contractValueEquity,
             .ipIncomeTotal, .inventorIncome, .transferStaffIncome, .institutionIncome, .firmIncome,
             .fiscalEquityProceeds, .privateCapitalPerFiscalYuan, .governmentEquityNav, .privateCapitalInvested,
             .venturesCreated, .venturesAlive, .venturesExited, .loansGranted, .contractsLocal,
             .venturesRaisedSeed, .venturesRaisedA, .venturesOnMarket, .firmLoansGranted,
             .pocStarted, .pilotStarted, .cohortConversionShare, .cohortLocalConversionShare, .pocCompleted,
             .pilotRetainedLocal:
            return .higher
        case .convertedElsewhere, .failedTechnical, .abandoned, .outflowShare,
             .monthsToConversionMedian, .monthsToConversionMean, .fiscalCostTotal, .fiscalCostPerLocalConversion,
             .venturesFailed, .pocWaitMonthsMean, .pilotWaitMonthsMean, .unpilotedProceeds, .localSubsidyDeadweight,
             .contractsElsewhere, .unprovenProceeds, .venturesRelocated, .monthsToSeedMean, .monthsToMarketMean,
             .monthsToExitMean, .monthsToFailureMean,
             .landWaitMonthsMean, .landRelocations, .landStalls:
            return .lower
        case .disclosed, .inProgress, .contractValueTop10Share, .brokerIncome,
             .fiscalPocGrants, .fiscalPilotSubsidies, .fiscalLocalSubsidies, .fiscalLoanInterestSubsidies,
             .fiscalRiskCompensation, .fiscalInstitutionRewards, .fiscalFundContributions,
             .landAllocatedMu, .spinoffShare, .spinoffShareAfterPoc, .pilotsSelfFunded, .bridgeLoans, .conceptWorkByAdopter,
             // A binding or unspent envelope is a fact about the budget, neither good nor bad in itself.
             .budgetBindingMonths, .budgetUnspent, .budgetBindingMonthsPocGrants, .budgetBindingMonthsPilotSubsidies,
             .budgetBindingMonthsLocalSubsidies, .budgetBindingMonthsInstitutionRewards,
             .budgetBindingMonthsLoanInterestSubsidies, .budgetBindingMonthsRiskCompensation, .budgetUnspentPocGrants,
             .budgetUnspentPilotSubsidies, .budgetUnspentLocalSubsidies, .budgetUnspentInstitutionRewards:
            return .none
        }
    }

    /// The metric named `name` (as in `summary.csv`), if any.
    public init?(name: String) {
        guard let index = Metric.table.firstIndex(where: { $0.name == name }) else { return nil }
        self.init(rawValue: index)
    }
}
