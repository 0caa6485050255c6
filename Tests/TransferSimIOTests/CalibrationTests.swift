// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// ABC-SMC against closed forms, through the journaled driver `calibrate` uses.
@Suite struct CalibrationTests {
    static func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("calibration-\(UUID().uuidString)").path
    }

    /// Toy model: a stage's pass probability p with a Beta(2, 3) prior; the observation is k = 14
    /// passes of n = 40 results (binomial). Accepting only exact matches (tolerance 0 with the
    /// uncertainty 1, so any miss has distance ≥ 1) is exact rejection from the posterior, which is
    /// Beta(2 + 14, 3 + 26) = Beta(16, 29): mean 16/45 = 0.35556, sd √(16·29 / (45²·46)) = 0.070577.
    /// The tolerance schedule reaches 0 within a few generations; the final generation's weighted
    /// particles must match that mean and sd within 4 Monte Carlo standard errors (sd/√ESS for the
    /// mean, sd/√(2 ESS) for the sd; SMC particles are weighted, so ESS stands in for n).
    @Test func betaBinomialPosteriorMatchesTheClosedForm() throws {
        let n = 40, k = 14.0
        let prior = CalibrationPrior([CalibrationParameter(path: "p", prior: .beta(a: 2, b: 3), range: 0...1)])
        let abc = ABCSMC(prior: prior, observed: [k], uncertainties: [1], particles: 1000, seed: 7)
        let simulate: @Sendable ([Double], SimulationID) -> [Double] = { theta, id in
            let random = RandomSource(seed: 99)
            random.trial = UInt32(id.generation)
            random.seek(entity: UInt32(id.particle), purpose: .pilot, occasion: UInt32(id.attempt))
            var passes = 0.0
            for _ in 0..<n where random.bernoulli(theta[0]) { passes += 1 }
            return [passes]
        }
        let work = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let outcome = try CalibrationRun.run(
            abc, stopping: CalibrationStopping(untilAcceptance: 0, minimumTolerance: 0), threads: 2,
            working: work, results: work + "-out", hash: "toy", resume: false, simulate: simulate) { _ in }
        let posterior = outcome.posterior
        #expect(posterior.epsilon == 0, "the tolerance schedule should reach exact matching")
        let x = posterior.values(0), w = posterior.weights
        let ess = posterior.effectiveSize
        let mean = WeightedSample.mean(x, w), sd = WeightedSample.sd(x, w)
        let exactMean = 16.0 / 45, exactSD = (16.0 * 29 / (45 * 45 * 46)).squareRoot()
        #expect(ess > 300)
        #expect(abs(mean - exactMean) < 4 * exactSD / ess.squareRoot(), "mean \(mean) vs \(exactMean), ESS \(ess)")
        #expect(abs(sd - exactSD) < 4 * exactSD / (2 * ess).squareRoot(), "sd \(sd) vs \(exactSD), ESS \(ess)")
        // Every accepted particle reproduced the observation exactly.
        #expect(posterior.particles.allSatisfy { $0.summaries == [k] && $0.distance == 0 })
    }

    /// A tolerance no proposal can meet within the attempt limit marks the generation collapsed;
    /// the posterior is then the generation before.
    @Test func collapsedGenerationLeavesThePreviousPosterior() throws {
        let prior = CalibrationPrior([CalibrationParameter(path: "p", prior: .uniform(low: 0, high: 1), range: 0...1)])
        let abc = ABCSMC(prior: prior, observed: [0.5], uncertainties: [0.001], particles: 20, seed: 1, maxAttempts: 5)
        let work = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        // Generation 0's histories all match exactly (tolerance 0 next); later ones never do.
        let outcome = try CalibrationRun.run(
            abc, stopping: CalibrationStopping(generations: 4, untilAcceptance: 0), threads: 1, working: work,
            results: work + "-out", hash: "collapse", resume: false,
            simulate: { _, id in [id.generation == 0 || id.generation == ABCSMC.predictiveGeneration ? 0.5 : 0.6] }) { _ in }
        #expect(outcome.collapsed)
        #expect(outcome.collapsedGeneration?.generation == 1)
        #expect(outcome.collapsedGeneration?.simulations == 20 * 5)
        #expect(outcome.posterior.generation == 0 && outcome.posterior.complete)
        #expect(outcome.stopReason.contains("collapsed"))
        let warnings = CalibrationReport.warnings(summaries: [], checks: [], outcome: outcome)
        #expect(warnings.count == 1 && warnings[0].contains("acceptance rate collapsed"))
    }

    @Test func observedFileErrorsAreLocated() throws {
        let text = """
            figures:
              - name: a
                metric: contracts
                per: contrcts
                value: 10
                uncertainty: 0
                source: s
              - name: b
                funnel: pilot
                column: entred
                value: 3
                uncertainty: 1
                source: s
            priors:
              region:
                arrivals:
                  annual_disclosures: 400
            """
        do {
            _ = try ObservedFile.parse(yaml: text, file: "o.yaml", horizonYears: 10)
            Issue.record("expected errors")
        } catch {
            let messages = error.problems.map(\.description)
            #expect(messages.contains { $0.hasPrefix("o.yaml:4:") && $0.contains("unknown metric 'contrcts'; did you mean 'contracts'?") })
            #expect(messages.contains { $0.hasPrefix("o.yaml:6:") && $0.contains("uncertainty must be positive") })
            #expect(messages.contains { $0.hasPrefix("o.yaml:10:") && $0.contains("unknown funnel column 'entred'") })
            #expect(messages.contains { $0.hasPrefix("o.yaml:17:") && $0.contains("must be a distribution") }, "\(messages)")
        }
    }

    /// The calibrated scenarios shipped beside the presets load, resolve every policy, and draw
    /// their fitted parameters from their posterior samples.
    @Test func shippedCalibratedScenariosLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Scenarios/calibrated")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }
        for name in files {
            let scenario = try ScenarioLoader.load(path: folder.appendingPathComponent(name).path)
            #expect(scenario.jointSamples.count == 1 && scenario.jointSamples[0].rows > 1, "\(name)")
            for policy in scenario.policyNames { _ = try scenario.resolve(policy: policy) }
        }
    }

    @Test func shippedObservedFilesAndSchemaAreCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent(ObservedSchema.fileName), encoding: .utf8)
        #expect(committed == ObservedSchema.text(), "run make docs")
        let folder = root.appendingPathComponent("Scenarios/calibration")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".observed.yaml") }
        #expect(files.contains("default.observed.yaml"))
        for name in files {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let observed = try ObservedFile.parse(yaml: text, file: name, horizonYears: 10)
            #expect(!observed.figures.isEmpty)
            #expect(observed.figures.allSatisfy { !$0.source.isEmpty && $0.uncertainty > 0 })
        }
    }
}
