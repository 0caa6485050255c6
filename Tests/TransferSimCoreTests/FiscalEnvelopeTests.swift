// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import TransferSimCore

/// The fiscal envelope (docs/budget.md): one yearly cap across the budget lines, shared by a stated
/// allocation rule.
@Suite("Fiscal envelope")
struct FiscalEnvelopeTests {
    /// A simulator whose parameters are `settings` and whose current year's spending is `spent`
    /// (万元 by line), for checking the room each rule leaves by hand.
    static func room(_ settings: Settings, spent: [BudgetLine: Double]) throws -> [BudgetLine: Double] {
        let resolved = try Fixture.resolve(Fixture.merged([
            "policy.budget.annual_cap": 1000,
            "policy.poc.annual_budget": 400, "policy.pilot.annual_budget": 300,
            "policy.licensing.local_subsidy_annual_budget": 200, "policy.institution_reward.annual_cap": 100,
        ], settings))
        let simulator = TrialSimulator(seed: 1)
        simulator.p = ModelParameters(catalogue: resolved.catalogue, values: resolved.centralValues)
        simulator.horizon = 120
        let years = 10
        let m = UnsafeMutableBufferPointer<Double>.allocate(capacity: Metric.allCases.count)
        let y = UnsafeMutableBufferPointer<Double>.allocate(capacity: years * YearlyMetric.allCases.count)
        let f = UnsafeMutableBufferPointer<Double>.allocate(capacity: FunnelStage.allCases.count * FunnelColumn.allCases.count)
        defer { m.deallocate(); y.deallocate(); f.deallocate() }
        simulator.out = TrialRecord(metrics: m, yearly: y, funnel: f, years: years)
        simulator.envelope.reset(years: years, months: 120)
        for (line, amount) in spent { simulator.envelopeRecord(line.metric, amount, at: 30) }
        return Dictionary(uniqueKeysWithValues: BudgetLine.allCases.map { ($0, simulator.envelopeRoom($0, at: 31)) })
    }

    /// The hand-worked case: an envelope of 1000 万元; own budgets PoC 400, pilot 300, local
    /// subsidies 200, rewards 100 (the loan lines have none); spent so far this year: PoC 150,
    /// local subsidies 50, loan interest subsidies 100, so 700 is left.
    static let spent: [BudgetLine: Double] = [.pocGrants: 150, .localSubsidies: 50, .loanInterestSubsidies: 100]

    /// first_come: every line may take whatever is left, 700.
    @Test func firstComeLeavesEveryLineWhatIsLeft() throws {
        let room = try Self.room([:], spent: Self.spent)
        for line in BudgetLine.allCases { #expect(room[line] == 700, "\(line)") }
    }

    /// priority (default order PoC, pilot, local subsidies, rewards, loan interest, risk): each
    /// line gets 700 less what the lines above it have not yet spent of their own budgets: PoC 700;
    /// pilot 700 − (400 − 150) = 450; local subsidies 450 − 300 = 150; rewards 150 − (200 − 50) = 0;
    /// the loan lines 0 (rewards' unspent 100 is reserved too).
    @Test func priorityReservesTheHigherLinesUnspentBudgets() throws {
        let room = try Self.room(["policy.budget.allocation": 1], spent: Self.spent)
        #expect(room[.pocGrants] == 700)
        #expect(room[.pilotSubsidies] == 450)
        #expect(room[.localSubsidies] == 150)
        #expect(room[.institutionRewards] == 0)
        #expect(room[.loanInterestSubsidies] == 0)
        #expect(room[.riskCompensation] == 0)
        // Local subsidies first, then rewards: local 700; rewards 700 − 150 = 550; PoC 550 − 100 = 450.
        let reordered = try Self.room(["policy.budget.allocation": 1, "policy.budget.priority.local_subsidies": 1,
                                       "policy.budget.priority.institution_rewards": 1, "policy.budget.priority.poc_grants": 2],
                                      spent: Self.spent)
        #expect(reordered[.localSubsidies] == 700)
        #expect(reordered[.institutionRewards] == 550, "a tie keeps the order of the list: local subsidies first")
        #expect(reordered[.pocGrants] == 450)
    }

    /// proportional with no shares stated: shares by own budgets, 0.4 / 0.3 / 0.2 / 0.1 of 1000,
    /// less what each line spent: PoC 400 − 150 = 250, pilot 300, local 200 − 50 = 150, rewards 100,
    /// loan lines 0. With stated shares (PoC 0.5, loan interest 0.2): PoC 350, loan interest 100.
    @Test func proportionalCapsEachLineAtItsShare() throws {
        let room = try Self.room(["policy.budget.allocation": 2], spent: Self.spent)
        #expect(room[.pocGrants] == 250)
        #expect(room[.pilotSubsidies] == 300)
        #expect(room[.localSubsidies] == 150)
        #expect(room[.institutionRewards] == 100)
        #expect(room[.loanInterestSubsidies] == 0)
        let stated = try Self.room(["policy.budget.allocation": 2, "policy.budget.share.poc_grants": 0.5,
                                    "policy.budget.share.loan_interest_subsidies": 0.2], spent: Self.spent)
        #expect(stated[.pocGrants] == 350)
        #expect(stated[.loanInterestSubsidies] == 100)
        #expect(stated[.pilotSubsidies] == 0)
    }

    /// The invariant: under a binding envelope, what the lines spend in each year of each trial
    /// never exceeds it, whatever the rule, shares and order (random scenarios); the envelope's
    /// accounts agree with the booked spending; and the envelope does bind (not vacuous).
    @Test func spendingNeverExceedsTheEnvelope() throws {
        let random = RandomSource(seed: 2026)
        var bound = 0.0
        for scenario in 0..<12 {
            random.trial = UInt32(scenario)
            random.seek(entity: 1, purpose: .parameters)
            var s = Fixture.merged(Fixture.small, [
                "policy.budget.annual_cap": 50 + 600 * random.uniform(),
                "policy.budget.allocation": Double(scenario % 3),
                "policy.poc.annual_budget": 1000 * random.uniform(),
                "policy.pilot.annual_budget": 1000 * random.uniform(),
                "policy.pilot.funded_share": 0.5,
                "policy.licensing.local_subsidy_rate": 0.3 * random.uniform(),
                "policy.licensing.local_subsidy_annual_budget": 500 * random.uniform(),
                "policy.institution_reward.per_local_conversion": 20 * random.uniform(),
                "policy.tech_loan.enabled": 1,
            ])
            for line in BudgetLine.allCases {
                s["policy.budget.priority.\(line.key)"] = (1 + 5 * random.uniform()).rounded()
                if scenario % 2 == 0 { s["policy.budget.share.\(line.key)"] = 0.3 * random.uniform() }
            }
            let resolved = try Fixture.resolve(s)
            let parameters = ModelParameters(catalogue: resolved.catalogue, values: resolved.centralValues)
            let cap = parameters.budget.annualCap, years = 5
            let simulator = TrialSimulator(seed: UInt64(scenario))
            let m = UnsafeMutableBufferPointer<Double>.allocate(capacity: Metric.allCases.count)
            let y = UnsafeMutableBufferPointer<Double>.allocate(capacity: years * YearlyMetric.allCases.count)
            let f = UnsafeMutableBufferPointer<Double>.allocate(capacity: FunnelStage.allCases.count * FunnelColumn.allCases.count)
            defer { m.deallocate(); y.deallocate(); f.deallocate() }
            for trial in 0..<6 {
                simulator.run(trial: UInt32(trial), parameters: parameters, into: TrialRecord(metrics: m, yearly: y, funnel: f, years: years))
                let ledger = simulator.envelope
                for year in 0..<years {
                    #expect(ledger.total[year] <= cap * (1 + 1e-9), "scenario \(scenario) trial \(trial) year \(year + 1): \(ledger.total[year]) > \(cap)")
                    if parameters.budget.allocation == .proportional {
                        for line in BudgetLine.allCases {
                            #expect(ledger.spent[year * EnvelopeLedger.lines + line.rawValue]
                                    <= simulator.envelopeShare(line) * cap * (1 + 1e-9) + 1e-9)
                        }
                    }
                }
                let booked = BudgetLine.allCases.reduce(0) { $0 + m[$1.metric.rawValue] }
                #expect(abs(ledger.total.reduce(0, +) - booked) <= 1e-6 * max(booked, 1), "the accounts agree with the booked lines")
                let unspent = (0..<years).reduce(0) { $0 + cap - ledger.total[$1] }
                #expect(abs(m[Metric.budgetUnspent.rawValue] - unspent) <= 1e-6 * max(unspent, 1))
                bound += m[Metric.budgetBindingMonths.rawValue]
            }
        }
        #expect(bound > 0, "the envelope bound somewhere")
    }

    /// Without an envelope the lines spend what they did (the envelope's default is off), and a
    /// binding envelope lowers spending and PoC starts (the direction its refusals imply).
    @Test func aBindingEnvelopeCutsSpending() throws {
        let base = Fixture.merged(Fixture.small, ["policy.poc.annual_budget": 2000])
        let (unlimited, capped) = try Fixture.runPair(base, variant: ["policy.budget.annual_cap": 100], trials: 40, seed: 3)
        let spent = { (r: RunResult) in BudgetLine.allCases.reduce(0) { $0 + r.values($1.metric).reduce(0, +) } }
        #expect(spent(capped) < spent(unlimited))
        #expect(capped.values(.pocStarted).reduce(0, +) < unlimited.values(.pocStarted).reduce(0, +))
        #expect(unlimited.values(.budgetBindingMonths).allSatisfy { $0 == 0 })
        #expect(unlimited.values(.budgetUnspent).allSatisfy { $0.isNaN })
    }
}
