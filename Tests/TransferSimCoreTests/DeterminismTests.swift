// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
import TransferSimCore

/// Reproducibility (ENGINEERING.md, Randomness): the same inputs give byte-identical outputs for any
/// thread count and any shard split; a different seed gives different outputs.
@Suite("Determinism")
struct DeterminismTests {
    /// 70 trials: five chunks of 16 (the last one partial), so every thread count splits them
    /// differently. An uncertain parameter makes each trial draw its own parameter set too.
    static let trials = 70

    static var scenario: Scenario {
        var settings = Fixture.small.mapValues { ParameterSetting(.number($0)) }
        settings["region.arrivals.annual_disclosures"] = ParameterSetting(.distribution(.triangular(low: 30, mode: 50, high: 80)))
        settings["region.matching.base_hazard"] = ParameterSetting(.distribution(.lognormal(median: 0.05, sigma: 0.3)))
        settings["policy.roadshows.per_year"] = ParameterSetting(.number(6))
        settings["policy.poc.invest_first_equity_later"] = ParameterSetting(.number(1))
        return Scenario(name: "determinism", settings: settings)
    }

    static func run(seed: UInt64, threads: Int, trials: Int = trials, firstTrial: Int = 0) throws -> RunResult {
        Simulation.run(try scenario.resolve(), RunConfiguration(trials: trials, seed: seed, threads: threads, firstTrial: firstTrial))
    }

    /// Bit patterns, so that NaN (an undefined ratio) compares equal to itself and −0 differs from 0.
    static func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }

    static func expectIdentical(_ a: RunResult, _ b: RunResult, _ what: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(bits(a.metrics) == bits(b.metrics), "\(what): metrics differ", sourceLocation: sourceLocation)
        #expect(bits(a.yearly) == bits(b.yearly), "\(what): yearly series differ", sourceLocation: sourceLocation)
        #expect(bits(a.funnel) == bits(b.funnel), "\(what): funnel differs", sourceLocation: sourceLocation)
        #expect(a.events == b.events, "\(what): events differ", sourceLocation: sourceLocation)
    }

    @Test func anyThreadCountGivesByteIdenticalOutputs() throws {
        let one = try Self.run(seed: 42, threads: 1)
        #expect(one.metrics.count == Self.trials * Metric.allCases.count)
        #expect(one.values(.disclosed).reduce(0, +) > 0, "the scenario does something")
        for threads in [2, 3] {
            Self.expectIdentical(one, try Self.run(seed: 42, threads: threads), "1 against \(threads) threads")
        }
    }

    @Test func sameSeedTwiceGivesByteIdenticalOutputs() throws {
        Self.expectIdentical(try Self.run(seed: 7, threads: 2), try Self.run(seed: 7, threads: 2), "two runs")
    }

    /// Trials 0‥69 in one run equal trials 0‥22 and 23‥69 run as two shards (a split that does not
    /// fall on a chunk boundary), concatenated.
    @Test func shardsConcatenateToTheWholeRun() throws {
        let whole = try Self.run(seed: 11, threads: 2)
        let first = try Self.run(seed: 11, threads: 1, trials: 23, firstTrial: 0)
        let second = try Self.run(seed: 11, threads: 2, trials: Self.trials - 23, firstTrial: 23)
        #expect(Self.bits(whole.metrics) == Self.bits(first.metrics + second.metrics))
        #expect(Self.bits(whole.yearly) == Self.bits(first.yearly + second.yearly))
        #expect(Self.bits(whole.funnel) == Self.bits(first.funnel + second.funnel))
    }

    /// Another seed changes the draws: most trials' disclosure counts and conversion counts differ.
    @Test func differentSeedsDiffer() throws {
        let a = try Self.run(seed: 1, threads: 2), b = try Self.run(seed: 2, threads: 2)
        #expect(Self.bits(a.metrics) != Self.bits(b.metrics))
        let sameDisclosed = zip(a.values(.disclosed), b.values(.disclosed)).filter { $0 == $1 }.count
        // Two independent counts of mean ≈50 (variance ≥ 50) coincide with probability ≲ 1/√(4π·50) ≈ 4 %.
        #expect(sameDisclosed < Self.trials / 4, "\(sameDisclosed) of \(Self.trials) trials disclosed the same number")
    }
}
