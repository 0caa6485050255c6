// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
import TransferSimCore
@testable import TransferSimIO

/// Schedules in scenario files (docs/schedules.md): how they read, how `params` prints them, and
/// every bad schedule located at its line.
@Suite struct ScheduleFileTests {
    @Test func stepsAndRampRead() throws {
        let s = try scenario("""
            policy:
              poc:
                slots: {from_year: {1: 0, 2: 40, 4: 80}}
              pilot:
                annual_budget: {ramp: {from_year: 2, to_year: 4, from: 0, to: 3000}}
                slots: {ramp: {from_year: 1, to_year: 4, from: 0, to: 10}}
            """)
        let r = try s.resolve()
        guard case let .schedule(slots) = r["policy.poc.slots"] else { Issue.record("not a schedule"); return }
        #expect(slots.steps.map(\.year) == [1, 2, 4])
        #expect(r.changeYears == [2, 3, 4])
        #expect(r.inYear(3).centralValue("policy.poc.slots") == 40)
        #expect(r.inYear(3).centralValue("policy.pilot.annual_budget") == 1500, "half way up the ramp")
        // A whole number ramps in whole steps: 0, 3.33, 6.67, 10 rounded.
        #expect([1, 2, 3, 4].map { r.inYear($0).centralValue("policy.pilot.slots") } == [0, 3, 7, 10])
        #expect(r.centralValue("policy.poc.slots") == 0, "the central value is year 1's")
    }

    /// A schedule that starts after year 1 keeps the value otherwise in force until then: the
    /// default in the baseline, the baseline's value (or schedule) in a variant.
    @Test func beforeTheFirstYearTheValueOtherwiseInForceApplies() throws {
        let s = try scenario("""
            policy:
              poc: {slots: {from_year: {1: 5, 3: 9}}}
              licensing: {first_use_then_pay: {from_year: {4: true}}}
            variants:
              later:
                policy:
                  poc: {slots: {from_year: {5: 30}}}
            """)
        let base = try s.resolve()
        #expect((1...5).map { base.inYear($0).centralValue("policy.licensing.first_use_then_pay") } == [0, 0, 0, 1, 1])
        let later = try s.resolve(policy: "later")
        #expect((1...6).map { later.inYear($0).centralValue("policy.poc.slots") } == [5, 5, 9, 9, 30, 30])
    }

    @Test func paramsPrintsASchedule() throws {
        let s = try scenario("""
            policy:
              poc: {slots: {from_year: {1: 0, 2: 40}}}
              income: {inventor_share: {from_year: {1: 0.5, 3: {dist: uniform, low: 0.6, high: 0.8}}}}
              pilot: {slots: {ramp: {from_year: 2, to_year: 5, from: 0, to: 80}}}
            """)
        let text = ParameterListing.text(try s.resolve())
        #expect(text.contains("from year 1: 0; from year 2: 40"))
        #expect(text.contains("from year 1: 0.5; from year 3: uniform(low 0.6, high 0.8)"))
        #expect(text.contains("ramp(from year 2: 0 to year 5: 80, linear by year)"))
    }

    // MARK: Bad schedules, each at its line

    @Test func yearOutsideTheHorizon() {
        #expect(scenarioErrors("""
            region: {time: {horizon_years: 8, intake_years: 8}}
            policy:
              poc:
                slots:
                  from_year:
                    1: 0
                    9: 40
            """) == ["s.yaml:7:9: error: policy.poc.slots: schedule year 9 is outside the horizon (region.time.horizon_years = 8)"])
    }

    @Test func decreasingYears() {
        #expect(scenarioErrors("""
            policy:
              poc:
                annual_budget:
                  from_year:
                    1: 100
                    4: 200
                    3: 300
            """) == ["s.yaml:7:9: error: policy.poc.annual_budget: schedule years must increase: year 3 comes after year 4"])
    }

    @Test func valueOutOfRangeAtOneDate() {
        #expect(scenarioErrors("""
            policy:
              pilot:
                funded_share:
                  from_year:
                    1: 0.3
                    4: 1.5
            """) == ["s.yaml:6:9: error: policy.pilot.funded_share must be a probability in [0, 1], got 1.5 (from year 4)"])
    }

    @Test func distributionOutOfRangeAtOneDate() {
        #expect(scenarioErrors("""
            policy:
              income:
                inventor_share:
                  from_year:
                    1: 0.5
                    3: {dist: uniform, low: 0.5, high: 1.2}
            """) == [
            "s.yaml:6:9: error: policy.income.inventor_share: the distribution reaches 0.5…1.2, outside the allowed range (a probability in [0, 1]) (from year 3)",
        ])
    }

    @Test func sharesAboveOneFromOneYearInAVariant() {
        #expect(scenarioErrors("""
            variants:
              v:
                policy:
                  income:
                    inventor_share: {from_year: {1: 0.5, 5: 0.99}}
            """).count == 1)
        #expect(scenarioErrors("""
            variants:
              v:
                policy:
                  income:
                    inventor_share: {from_year: {1: 0.5, 5: 0.99}}
            """).first?.contains("from year 5: income shares sum above 1") == true)
    }

    @Test func notAYearAndYearZero() {
        #expect(scenarioErrors("""
            policy:
              poc:
                slots: {from_year: {first: 0}}
            """) == ["s.yaml:3:25: error: policy.poc.slots: a schedule's keys are years (whole numbers from 1), got 'first'"])
        #expect(scenarioErrors("""
            policy:
              poc:
                slots: {from_year: {0: 3}}
            """) == ["s.yaml:3:25: error: policy.poc.slots: schedule year 0 is before year 1 (years count from 1, the horizon's first year)"])
    }

    @Test func rampProblems() {
        #expect(scenarioErrors("""
            policy:
              land:
                annual_quota_mu: {ramp: {from_year: 4, to_year: 2, from: 0, to: 50}}
            """) == [
            "s.yaml:3:22: error: policy.land.annual_quota_mu: a ramp's from_year and to_year must be whole years from 1 with from_year before to_year, got 4 and 2",
        ])
        #expect(scenarioErrors("""
            policy:
              land:
                annual_quota_mu: {ramp: {from_year: 1, to_year: 2, to: 50}}
            """) == ["s.yaml:3:22: error: the ramp of policy.land.annual_quota_mu needs 'from' (it takes from_year, to_year, from, to)"])
        #expect(scenarioErrors("""
            policy:
              licensing:
                first_use_then_pay: {ramp: {from_year: 1, to_year: 2, from: 0, to: 1}}
            """) == [
            "s.yaml:3:25: error: policy.licensing.first_use_then_pay cannot ramp: it must be true or false; write {from_year: {…}} steps instead",
        ])
    }

    @Test func whatCannotFollowASchedule() {
        #expect(scenarioErrors("""
            region:
              arrivals: {annual_disclosures: {from_year: {1: 800, 3: 900}}}
            """) == [
            "s.yaml:2:34: error: region.arrivals.annual_disclosures cannot follow a schedule: only policy values (policy.*) may change over time; the region is the same throughout a trial",
        ])
        let fund = scenarioErrors("""
            policy:
              funds:
                seed: {government_commitment: {from_year: {1: 0, 3: 5000}}}
            """)
        #expect(fund.count == 1 && fund[0].hasPrefix("s.yaml:3:35: error: policy.funds.seed.government_commitment cannot follow a schedule: a fund's timing is set by its own start_month"), "\(fund)")
        #expect(scenarioErrors("""
            policy:
              roadshows: {per_year: {from_year: {1: 0, 3: 4}}}
            """).first?.contains("policy.roadshows.per_year cannot follow a schedule") == true)
    }

    /// The JSON Schema accepts the schedules the reader accepts and refuses malformed ones.
    @Test func schemaAcceptsSchedules() throws {
        let validator = ScenarioSchemaTests.validator
        let good = """
            policy:
              poc: {slots: {from_year: {1: 0, 2: 40}}}
              income: {inventor_share: {from_year: {1: 0.5, 3: {dist: uniform, low: 0.6, high: 0.8}}}}
              pilot: {annual_budget: {ramp: {from_year: 2, to_year: 5, from: 0, to: 80}}}
              licensing: {first_use_then_pay: {from_year: {4: true}}}
            """
        #expect(validator.errors(try JSONValue(yaml: good)).isEmpty)
        for bad in [
            "policy: {poc: {slots: {from_year: {first: 3}}}}",
            "policy: {poc: {slots: {from_year: {1: 0}, to_year: 3}}}",
            "policy: {poc: {slots: {ramp: {from_year: 2, to_year: 5, from: 0}}}}",
            "policy: {licensing: {first_use_then_pay: {ramp: {from_year: 1, to_year: 2, from: 0, to: 1}}}}",
            "region: {arrivals: {annual_disclosures: {from_year: {1: 800}}}}",
            "policy: {funds: {seed: {government_commitment: {from_year: {1: 0}}}}}",
        ] {
            #expect(!validator.errors(try JSONValue(yaml: bad)).isEmpty, "\(bad)")
            #expect(!scenarioErrors(bad).isEmpty, "\(bad)")
        }
    }
}
