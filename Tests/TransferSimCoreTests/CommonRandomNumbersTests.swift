// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import TransferSimCore

/// Common random numbers (MODEL.md §8): two policy sets evaluated on one trial index see the same
/// results and the same luck, and a policy change moves only the draws it must.
@Suite("Common random numbers")
struct CommonRandomNumbersTests {
    /// What a result is at disclosure: everything drawn from its attribute stream.
    struct Drawn: Equatable {
        let disclosedAt: Double, quality: Double, value: Double
        let source: UInt8, field: UInt8, trl: Int8
        let localFit: Bool, needsLand: Bool, registered: Bool, empowered: Bool
        init(_ r: ResultRecord) {
            disclosedAt = r.disclosedAt; quality = r.quality; value = r.value0
            source = r.source; field = r.field; trl = r.trl
            localFit = r.localFit; needsLand = r.needsLand; registered = r.registered; empowered = r.empowered
        }
    }

    /// Runs `trials` trials of `settings` on one simulator with the disclosure hook on; returns each
    /// trial's disclosed results, in disclosure order, and its metrics row.
    static func disclosures(_ settings: Settings, trials: Int, seed: UInt64) throws -> [(drawn: [Drawn], metrics: [Double])] {
        let resolved = try Fixture.resolve(settings)
        let parameters = ModelParameters(catalogue: resolved.catalogue, values: resolved.centralValues)
        let years = Int(resolved.centralValue("region.time.horizon_years"))
        let simulator = TrialSimulator(seed: seed)
        var drawn: [Drawn] = []
        simulator.onDisclosure = { i, r in
            #expect(i == drawn.count, "results are indexed in disclosure order")
            drawn.append(Drawn(r))
        }
        let metrics = UnsafeMutableBufferPointer<Double>.allocate(capacity: Metric.allCases.count)
        let yearly = UnsafeMutableBufferPointer<Double>.allocate(capacity: years * YearlyMetric.allCases.count)
        let funnel = UnsafeMutableBufferPointer<Double>.allocate(capacity: FunnelStage.allCases.count * FunnelColumn.allCases.count)
        defer {
            metrics.deallocate()
            yearly.deallocate()
            funnel.deallocate()
        }
        var out: [(drawn: [Drawn], metrics: [Double])] = []
        for trial in 0..<trials {
            drawn.removeAll()
            simulator.run(trial: UInt32(trial), parameters: parameters,
                          into: TrialRecord(metrics: metrics, yearly: yearly, funnel: funnel, years: years))
            out.append((drawn, Array(metrics)))
        }
        return out
    }

    /// A region where land binds: every result needs 20 亩 at production, most fit local industry and
    /// firms have cash, so many reach the land queue.
    static var landBound: Settings {
        var s = Fixture.merged(Fixture.small, [
            "region.firms.cash_median": 500,
            "region.route.spinoff_probability": 0.2,
            "region.land.patience_months": 6,
            "region.land.relocation_probability": 0.7,
            "policy.land.annual_quota_mu": 40,
        ])
        s.merge(Fixture.allFields("needs_land", 1)) { $1 }
        s.merge(Fixture.allFields("land_mu", 20)) { $1 }
        s.merge(Fixture.allFields("local_fit", 0.9)) { $1 }
        return s
    }

    /// More land changes outcomes but not one drawn attribute of one result.
    @Test func landQuotaLeavesEveryResultsDrawsUnchanged() throws {
        let trials = 30
        let scarce = try Self.disclosures(Self.landBound, trials: trials, seed: 99)
        let ample = try Self.disclosures(Fixture.merged(Self.landBound, ["policy.land.annual_quota_mu": 100_000]),
                                         trials: trials, seed: 99)
        for t in 0..<trials {
            #expect(scarce[t].drawn.count == Int(scarce[t].metrics[Metric.disclosed.rawValue]), "one hook call per disclosure")
            #expect(scarce[t].drawn == ample[t].drawn, "trial \(t): the results drawn differ")
        }
        // Not vacuous: the land quota did change outcomes.
        let relocations = { (runs: [(drawn: [Drawn], metrics: [Double])]) in
            runs.reduce(0) { $0 + $1.metrics[Metric.landRelocations.rawValue] }
        }
        #expect(relocations(scarce) > 0)
        #expect(relocations(ample) == 0)
        #expect(scarce.map { $0.metrics[Metric.convertedLocal.rawValue] } != ample.map { $0.metrics[Metric.convertedLocal.rawValue] })
    }

    /// Policy variants touching different stages, each against the same baseline.
    static let variants: [(name: String, settings: Settings)] = [
        ("inventor share", ["policy.income.inventor_share": 0.9]),
        ("brokers", ["policy.brokers.density": 5]),
        ("roadshows", ["policy.roadshows.per_year": 12]),
        ("PoC slots", ["policy.poc.slots": 0]),
        ("pilot slots", ["policy.pilot.slots": 20]),
        ("first use then pay", ["policy.licensing.first_use_then_pay": 1]),
        ("seed fund", ["policy.funds.seed.government_commitment": 0]),
        ("land", ["policy.land.annual_quota_mu": 100_000]),
    ]

    /// The arrival streams are their own: every variant that leaves the inventor's share alone
    /// discloses the same number of results in every trial; a higher share (disclosures respond to
    /// it, MODEL.md §4.1) only adds results, never removes one, in every trial.
    @Test func arrivalsAreIdenticalAcrossPolicyVariants() throws {
        let trials = 40
        let base = try Fixture.run(Self.landBound, trials: trials, seed: 5, threads: 2)
        for (name, change) in Self.variants {
            let variant = try Fixture.run(Fixture.merged(Self.landBound, change), trials: trials, seed: 5, threads: 2)
            if change["policy.income.inventor_share"] != nil {
                #expect(zip(variant.values(.disclosed), base.values(.disclosed)).allSatisfy { $0 > $1 }, "\(name): disclosures do not rise")
                continue
            }
            #expect(variant.values(.disclosed) == base.values(.disclosed), "\(name): disclosures differ")
            #expect(variant.values(.disclosure, .entered) == base.values(.disclosure, .entered), "\(name)")
        }
    }

    /// A lever acts from its own stage on: the funnel rows before it are unchanged in every trial.
    /// Intent and approval do not depend on proof-of-concept, matching, deal or land levers; proof of
    /// concept (before matching) does not depend on matching levers; matching (without roadshows,
    /// whose shared shows would couple results) does not depend on deal terms or the seed fund;
    /// nothing before the market-entry stage depends on land.
    @Test func downstreamLeversLeaveUpstreamFunnelUnchanged() throws {
        let trials = 40
        let base = try Fixture.run(Self.landBound, trials: trials, seed: 6, threads: 2)
        let untouched: [(name: String, change: Settings, stages: [FunnelStage])] = [
            ("brokers", ["policy.brokers.density": 5], [.disclosure, .approval, .proofOfConcept]),
            ("registration", ["policy.registration.rate": 1], [.disclosure, .approval, .proofOfConcept]),
            ("PoC slots", ["policy.poc.slots": 0], [.disclosure, .approval]),
            ("first use then pay", ["policy.licensing.first_use_then_pay": 1], [.disclosure, .approval, .proofOfConcept, .matching]),
            ("seed fund", ["policy.funds.seed.government_commitment": 0], [.disclosure, .approval, .proofOfConcept, .matching]),
            ("land", ["policy.land.annual_quota_mu": 100_000], [.disclosure, .approval, .proofOfConcept, .matching, .deal, .pilot]),
        ]
        for (name, change, stages) in untouched {
            let variant = try Fixture.run(Fixture.merged(Self.landBound, change), trials: trials, seed: 6, threads: 2)
            for stage in stages {
                for column in FunnelColumn.allCases {
                    #expect(variant.values(stage, column) == base.values(stage, column), "\(name) moved \(stage.name).\(column.name)")
                }
            }
            #expect(variant.funnel != base.funnel, "\(name) changed nothing at all")
        }
        // Land acts after the deal: who reaches market entry is unchanged, only how they leave it.
        let land = try Fixture.run(Fixture.merged(Self.landBound, ["policy.land.annual_quota_mu": 100_000]), trials: trials, seed: 6, threads: 2)
        #expect(land.values(.marketEntry, .entered) == base.values(.marketEntry, .entered))
        #expect(land.values(.venturesCreated) == base.values(.venturesCreated))
        #expect(land.values(.contractsLocal) == base.values(.contractsLocal))
    }
}
