// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// Recovery on synthetic data (opt-in: `make calibration-check`, or TRANSFERSIM_HEAVY=1): a small
/// scenario is simulated at known parameter values, its own figures are the observations, and it is
/// calibrated from uniform priors. Over 20 seeds × 2 parameters, the 90 % posterior intervals must
/// cover the true values at about their nominal rate: 36 of 40 expected; with a binomial sd of 1.9
/// the test accepts 30 to 40. (At a finite tolerance the ABC posterior is a little wider than the
/// exact one, so over-coverage is the expected direction.)
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TRANSFERSIM_HEAVY"] == "1"))
struct CalibrationRecoveryTests {
    static let scenario = """
        name: small
        region:
          time: {horizon_years: 4, intake_years: 4}
          arrivals: {annual_disclosures: 80}
          matching: {base_hazard: 0.06}
        """
    static let truth = [80.0, 0.06]

    @Test func posteriorIntervalsCoverTheTruthAtTheirNominalRate() throws {
        let resolved = try ScenarioLoader.parse(yaml: Self.scenario, file: "small.yaml").resolve()
        let prior = CalibrationPrior([
            CalibrationParameter(path: "region.arrivals.annual_disclosures", prior: .uniform(low: 30, high: 150),
                                 range: 0...1e7, isInteger: true),
            CalibrationParameter(path: "region.matching.base_hazard", prior: .uniform(low: 0.01, high: 0.2), range: 0...1),
        ])
        let quantities: [ObservedQuantity] = [.metric(.disclosed), .metric(.contracts), .metric(.convertedLocal)]
        var covered = 0, total = 0
        for replicate in 0..<20 {
            // The "observed" figures: one history at the true values, from a seed of its own.
            let truthModel = ScenarioCalibration(
                base: resolved, prior: prior,
                figures: quantities.enumerated().map { ObservedFigure(name: "f\($0.offset)", quantity: $0.element, value: 0, uncertainty: 1) },
                seed: 1_000 + UInt64(replicate), particles: 1)
            let observed = truthModel.simulate(Self.truth, SimulationID(generation: 0, particle: 0, attempt: 0))
            // Uncertainties: the figures' own spread across histories at the truth (about √count).
            let figures = quantities.enumerated().map {
                ObservedFigure(name: "f\($0.offset)", quantity: $0.element, value: observed[$0.offset],
                               uncertainty: max(observed[$0.offset].squareRoot(), 1))
            }
            let model = ScenarioCalibration(base: resolved, prior: prior, figures: figures, seed: UInt64(replicate), particles: 300)
            let abc = ABCSMC(prior: prior, observed: figures.map(\.value), uncertainties: figures.map(\.uncertainty),
                             particles: 300, seed: UInt64(replicate))
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("recovery-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: work) }
            let outcome = try CalibrationRun.run(
                abc, stopping: CalibrationStopping(generations: nil, untilAcceptance: 0.1, minimumTolerance: 1),
                threads: 2, working: work, results: work + "-out", hash: "recovery", resume: false,
                simulate: { model.simulate($0, $1) }) { _ in }
            let posterior = outcome.posterior
            for k in 0..<2 {
                let x = posterior.values(k), w = posterior.weights
                let low = WeightedSample.quantile(x, w, 0.05), high = WeightedSample.quantile(x, w, 0.95)
                total += 1
                if Self.truth[k] >= low && Self.truth[k] <= high { covered += 1 }
            }
        }
        print("recovery: \(covered) of \(total) 90 % intervals cover the truth")
        #expect(total == 40)
        #expect(covered >= 30, "\(covered) of \(total) intervals cover the truth")
    }
}
