// SPDX-License-Identifier: GPL-3.0-or-later
import Synchronization

/// A scenario set up for calibration: its resolved parameters with the fitted ones replaced by each
/// particle's values, simulated one history at a time, and the observed figures read from it.
public final class ScenarioCalibration: Sendable {
    public let base: ResolvedParameters
    public let prior: CalibrationPrior
    public let figures: [ObservedFigure]
    /// The catalogue index of each fitted parameter.
    public let indices: [Int]
    public let seed: UInt64
    public let particles: Int
    private let baseValues: [Double]
    private let years: Int
    private let pool = Mutex<[UInt64: [Worker]]>([:])

    /// Where one history is simulated: a trial simulator and its output rows.
    private final class Worker: @unchecked Sendable {
        // @unchecked: a worker is taken from the pool by one thread at a time.
        let simulator: TrialSimulator
        let metrics, yearly, funnel: UnsafeMutableBufferPointer<Double>
        let record: TrialRecord

        init(seed: UInt64, years: Int) {
            simulator = TrialSimulator(seed: seed)
            metrics = .allocate(capacity: Metric.allCases.count)
            yearly = .allocate(capacity: max(years, 1) * YearlyMetric.count)
            funnel = .allocate(capacity: FunnelStage.allCases.count * FunnelColumn.count)
            record = TrialRecord(metrics: metrics, yearly: yearly, funnel: funnel, years: years)
        }

        deinit {
            metrics.deallocate()
            yearly.deallocate()
            funnel.deallocate()
        }
    }

    /// The base parameters must hold no distributions apart from those `prior` replaces (the
    /// caller checks); `seed` is the calibration's master seed.
    public init(base: ResolvedParameters, prior: CalibrationPrior, figures: [ObservedFigure], seed: UInt64,
                particles: Int) {
        self.base = base
        self.prior = prior
        self.figures = figures
        self.seed = seed
        self.particles = particles
        self.indices = prior.parameters.map { base.catalogue.index(of: $0.path) ?? -1 }
        self.baseValues = base.centralValues
        self.years = Int(base.centralValue("region.time.horizon_years"))
    }

    /// The model's parameter values at θ (whole-number parameters rounded, as a trial draw does).
    public func values(at theta: [Double]) -> [Double] {
        var values = baseValues
        for (k, i) in indices.enumerated() {
            values[i] = prior.parameters[k].isInteger ? theta[k].rounded() : theta[k]
        }
        return values
    }

    /// The model seed of a generation: every generation (and the predictive check) its own luck.
    public func modelSeed(generation: Int) -> UInt64 { splitMix64(seed &+ UInt64(generation) &* 0x9E37_79B9) }

    /// The trial index of a simulation: attempt × particles + particle (unique within a generation).
    public func trial(_ id: SimulationID) -> UInt32 { UInt32(truncatingIfNeeded: id.attempt * particles + id.particle) }

    /// Simulates one history at θ and returns the observed figures' model values.
    public func simulate(_ theta: [Double], _ id: SimulationID) -> [Double] {
        let seed = modelSeed(generation: id.generation)
        let worker = pool.withLock { $0[seed]?.popLast() } ?? Worker(seed: seed, years: years)
        defer { pool.withLock { $0[seed, default: []].append(worker) } }
        let parameters = ModelParameters(catalogue: base.catalogue, values: values(at: theta))
        worker.simulator.run(trial: trial(id), parameters: parameters, into: worker.record)
        return figures.map { $0.quantity.value(in: worker.record) }
    }

    /// Drops the simulators of generations before `generation` (each generation has its own seed).
    public func release(before generation: Int) {
        let keep = Set((generation...(generation + 1)).map { modelSeed(generation: $0) } + [modelSeed(generation: ABCSMC.predictiveGeneration)])
        pool.withLock { pool in pool = pool.filter { keep.contains($0.key) } }
    }
}
