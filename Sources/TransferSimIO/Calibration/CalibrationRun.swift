// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// When a calibration stops.
public struct CalibrationStopping: Sendable, Equatable {
    /// Generations to run, generation 0 (the prior) included; `nil`: until another rule stops it.
    public var generations: Int?
    /// Stop after a generation whose acceptance rate falls below this.
    public var untilAcceptance: Double
    /// Stop once the tolerance reaches this (in stated uncertainties; the distance's units).
    public var minimumTolerance: Double
    /// No new generation starts once this many simulations have run.
    public var budget: Int
    /// A hard cap on generations.
    public static let maxGenerations = 60

    public init(generations: Int? = nil, untilAcceptance: Double = 0.02, minimumTolerance: Double = 0,
                budget: Int = 1_000_000) {
        self.generations = generations
        self.untilAcceptance = untilAcceptance
        self.minimumTolerance = minimumTolerance
        self.budget = budget
    }
}

/// What a calibration produced: every generation (the last is the posterior), the posterior
/// predictive simulations, and why it stopped.
public struct CalibrationOutcome: Sendable {
    /// The completed generations; the last is the posterior.
    public let populations: [Population]
    /// The generation that could not be completed, when the acceptance rate collapsed.
    public let collapsedGeneration: Population?
    /// The final population's predictive figures, one row per particle (observed-file order).
    public let predictive: [[Double]]
    public let stopReason: String
    /// Whether a generation could not be completed (a particle found no acceptable simulation
    /// within its attempt limit): then the posterior is the generation before.
    public var collapsed: Bool { collapsedGeneration != nil }
    /// Simulations run (all generations and the predictive check, resumed ones included).
    public var simulations: Int {
        populations.reduce(0) { $0 + $1.simulations } + (collapsedGeneration?.simulations ?? 0) + predictive.count
    }
    public var posterior: Population { populations[populations.count - 1] }
}

/// One line of progress per finished generation.
public struct GenerationReport: Sendable {
    public let population: Population
    public let seconds: Double
    public let resumed: Bool

    /// `generation 2: tolerance 3.41, acceptance 31.2 % (1000 of 3205 simulations), ESS 874 (12 s)`.
    public var line: String {
        let p = population
        let tolerance = p.epsilon.isInfinite ? "∞ (prior)" : formatted(p.epsilon)
        return "generation \(p.generation): tolerance \(tolerance), acceptance "
            + "\(formatted(100 * p.acceptanceRate)) % (\(p.particles.count) of \(p.simulations) simulations), "
            + "ESS \(Int(p.effectiveSize.rounded()))" + (resumed ? " (from the journal)" : " (\(formatted(seconds)) s)")
    }

    private func formatted(_ x: Double) -> String {
        let magnitude = abs(x)
        let digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        return String(format: "%.\(digits)f", x)
    }
}

/// Runs ABC-SMC generation by generation, each generation's particles journaled as they finish
/// (one `SweepSession` per generation in `working/generation-NN/`, then `working/predictive/`), so
/// a calibration killed at any moment resumes with `resume` to the same bytes: every particle is a
/// pure function of (seed, generation, particle index, attempt) and of the generation before,
/// which its journal holds.
public enum CalibrationRun {
    public static func run(_ abc: ABCSMC, stopping: CalibrationStopping, threads: Int, working: String, results: String,
                           hash: String, resume: Bool,
                           simulate: @escaping @Sendable ([Double], SimulationID) -> [Double],
                           progress: (GenerationReport) -> Void) throws -> CalibrationOutcome {
        var populations: [Population] = []
        var previous: Population?
        var stopReason = ""
        var collapsed = false
        let width = 3 + abc.prior.dimension + abc.observed.count
        for generation in 0..<min(stopping.generations ?? CalibrationStopping.maxGenerations, CalibrationStopping.maxGenerations) {
            let spent = populations.reduce(0) { $0 + $1.simulations }
            if generation > 0, spent >= stopping.budget {
                stopReason = "the budget of \(stopping.budget) simulations was spent"
                break
            }
            guard let step = abc.step(generation: generation, after: previous, minimumEpsilon: stopping.minimumTolerance) else {
                stopReason = "the population no longer varies (its kernel cannot be fitted)"
                break
            }
            let started = Date()
            let folder = working + "/" + String(format: "generation-%02d", generation)
            let (rows, resumedAll) = try journaled(folder: folder, results: results, hash: hash + "/generation \(generation)",
                                                   count: abc.particles, width: width, threads: threads, resume: resume) { i in
                abc.particle(i, step: step, simulate: simulate).row
            }
            let population = Population(generation: generation, epsilon: step.epsilon,
                                        particles: rows.map { Particle(row: $0, dimension: abc.prior.dimension) })
            progress(GenerationReport(population: population, seconds: Date().timeIntervalSince(started), resumed: resumedAll))
            guard population.complete else {
                collapsed = true
                populations.append(population)
                stopReason = "the acceptance rate collapsed: a particle found no simulation within tolerance \(format(step.epsilon)) in \(abc.maxAttempts) attempts; the posterior is generation \(generation - 1)'s"
                break
            }
            populations.append(population)
            previous = population
            if generation > 0 {
                if step.epsilon <= stopping.minimumTolerance {
                    stopReason = "the tolerance reached --min-tolerance \(format(stopping.minimumTolerance))"
                    break
                }
                if population.acceptanceRate < stopping.untilAcceptance {
                    stopReason = "the acceptance rate fell below \(format(stopping.untilAcceptance))"
                    break
                }
            }
            if let g = stopping.generations, generation + 1 >= g { stopReason = "\(g) generations were run" }
        }
        if stopReason.isEmpty { stopReason = "the cap of \(CalibrationStopping.maxGenerations) generations was reached" }
        let usable = collapsed ? Array(populations.dropLast()) : populations
        guard let final = usable.last else {
            throw CalibrationFailure("the prior generation could not be completed: no simulation of the prior was accepted")
        }
        let (predictive, _) = try journaled(folder: working + "/predictive", results: results, hash: hash + "/predictive",
                                            count: abc.particles, width: abc.observed.count, threads: threads,
                                            resume: resume) { i in
            abc.predictive(i, of: final, simulate: simulate)
        }
        return CalibrationOutcome(populations: usable, collapsedGeneration: collapsed ? populations.last : nil,
                                  predictive: predictive, stopReason: stopReason)
    }

    /// Evaluates `count` rows of `width` numbers in a journaled session in `folder`; gives them in
    /// index order and whether all came from the journal.
    static func journaled(folder: String, results: String, hash: String, count: Int, width: Int, threads: Int, resume: Bool,
                          evaluate: @escaping @Sendable (Int) -> [Double]) throws -> ([[Double]], Bool) {
        let start = try SweepSession.start(folder: folder, results: results, hash: hash, shard: "all",
                                           selected: Array(0..<count), valuesPerPoint: width, resume: resume)
        guard case let .ready(session) = start else {
            throw CalibrationFailure("\(folder): unexpected finished state")
        }
        let resumed = session.resumedCount
        try session.run(Array(0..<count), concurrentPoints: threads) { i in
            SweepRunner.PointResult(point: i, values: evaluate(i))
        }
        session.close()
        let finished = session.finished
        return ((0..<count).map { finished[$0]?.values ?? [] }, resumed == count)
    }
}

/// A calibration that cannot go on (exit 1 unless stated).
public struct CalibrationFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
