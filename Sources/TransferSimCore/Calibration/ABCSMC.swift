// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Which simulation a model run is: a pure function of these, never of thread order.
public struct SimulationID: Sendable, Hashable {
    /// The generation (`ABCSMC.predictiveGeneration` for the posterior predictive check).
    public let generation: Int
    public let particle: Int
    /// The particle's attempt (0 for its first proposal).
    public let attempt: Int

    public init(generation: Int, particle: Int, attempt: Int) {
        self.generation = generation
        self.particle = particle
        self.attempt = attempt
    }
}

/// One accepted particle: its parameter values, importance weight, distance and the simulation
/// that was accepted.
public struct Particle: Sendable, Equatable {
    public var theta: [Double]
    /// The unnormalised log importance weight (0 in generation 0: prior draws, equal weights).
    public var logWeight: Double
    /// The accepted simulation's distance to the observed figures (NaN if none was accepted).
    public var distance: Double
    /// Simulations spent on this particle, the accepted one included.
    public var attempts: Int
    /// The accepted simulation's figures, in the observed file's order.
    public var summaries: [Double]

    public init(theta: [Double], logWeight: Double, distance: Double, attempts: Int, summaries: [Double]) {
        self.theta = theta
        self.logWeight = logWeight
        self.distance = distance
        self.attempts = attempts
        self.summaries = summaries
    }

    /// Whether a simulation was accepted within the attempt limit.
    public var accepted: Bool { !distance.isNaN }

    /// The particle as a flat row (attempts, distance, log weight, θ…, figures…) for a journal;
    /// `init(row:)` reads it back exactly.
    public var row: [Double] { [Double(attempts), distance, logWeight] + theta + summaries }

    public init(row: [Double], dimension: Int) {
        attempts = Int(row[0])
        distance = row[1]
        logWeight = row[2]
        theta = Array(row[3..<(3 + dimension)])
        summaries = Array(row[(3 + dimension)...])
    }
}

/// A finished generation: its particles with normalised weights, and how it went.
public struct Population: Sendable {
    public let generation: Int
    /// The tolerance its particles were accepted under (∞ in generation 0).
    public let epsilon: Double
    public let particles: [Particle]
    /// Normalised importance weights.
    public let weights: [Double]
    /// Simulations run for this generation.
    public let simulations: Int

    public init(generation: Int, epsilon: Double, particles: [Particle]) {
        self.generation = generation
        self.epsilon = epsilon
        self.particles = particles
        self.weights = WeightedSample.fromLog(particles.map(\.logWeight))
        self.simulations = particles.reduce(0) { $0 + $1.attempts }
    }

    /// Accepted particles per simulation.
    public var acceptanceRate: Double { simulations > 0 ? Double(particles.count) / Double(simulations) : 0 }
    /// Kish's effective sample size of the weights.
    public var effectiveSize: Double { WeightedSample.effectiveSize(weights) }
    /// Whether every particle was accepted within the attempt limit.
    public var complete: Bool { particles.allSatisfy(\.accepted) }
    /// One parameter's values across particles.
    public func values(_ k: Int) -> [Double] { particles.map { $0.theta[k] } }
}

/// Approximate Bayesian computation by sequential Monte Carlo (Toni et al. 2009; Beaumont et al.
/// 2009; Del Moral et al. 2012), in the form pyabc implements: a population of particles per
/// generation; the tolerance of each generation is a weighted quantile (`alpha`, default the
/// median) of the previous generation's distances; new particles are proposed by drawing an
/// ancestor from the previous population by weight and perturbing it with a multivariate normal
/// kernel fitted to that population (`PerturbationKernel`); a proposal outside the prior's support
/// is redrawn without simulating; a proposal is accepted when its simulated figures' distance to
/// the observed ones is at most the tolerance; its importance weight is
/// prior(θ) / Σⱼ wⱼ K(θ | θⱼ).
///
/// When the quantile would repeat the previous tolerance (discrete distances, where half the weight
/// sits exactly at it), the next tolerance is the largest previous distance below it, so the
/// schedule keeps decreasing (pyabc stops instead, by its `min_eps_diff`).
///
/// Generation 0 draws from the prior and accepts every draw (tolerance ∞), so the first finite
/// tolerance is the median distance of the prior predictive (pyabc instead starts its first
/// generation at that median: the same schedule, counted one generation later).
///
/// Each particle keeps proposing until one proposal is accepted (or `maxAttempts` is reached).
/// All of particle i's random numbers come from the stream (seed, generation, i, attempt), so a
/// generation's particles are the same whatever order or thread evaluates them, and a particle
/// can be re-evaluated alone after an interruption.
public struct ABCSMC: Sendable {
    /// The generation index of the posterior predictive simulations.
    public static let predictiveGeneration = 0xFFFF

    public let prior: CalibrationPrior
    /// The observed figures and their uncertainties (the distance's scales).
    public let observed: [Double]
    public let uncertainties: [Double]
    public let particles: Int
    public let seed: UInt64
    /// The quantile of the previous distances that sets the next tolerance.
    public let alpha: Double
    /// The most simulations one particle may use in a generation; reaching it marks the
    /// generation incomplete (the acceptance rate has collapsed).
    public let maxAttempts: Int

    public init(prior: CalibrationPrior, observed: [Double], uncertainties: [Double], particles: Int, seed: UInt64,
                alpha: Double = 0.5, maxAttempts: Int = 20_000) {
        precondition(observed.count == uncertainties.count)
        self.prior = prior
        self.observed = observed
        self.uncertainties = uncertainties
        self.particles = particles
        self.seed = seed
        self.alpha = alpha
        // The model's trial index is attempt × particles + particle: keep it within 32 bits.
        self.maxAttempts = max(1, min(maxAttempts, Int(UInt32.max) / max(particles, 1) - 1))
    }

    /// The distance of simulated figures to the observed ones: the Euclidean norm of the
    /// differences, each divided by its figure's stated uncertainty (pyabc's `PNormDistance`, p = 2,
    /// weights 1/uncertainty). A figure the model left undefined (NaN) makes the distance ∞.
    public func distance(_ simulated: [Double]) -> Double {
        var s = 0.0
        for k in observed.indices {
            let z = (simulated[k] - observed[k]) / uncertainties[k]
            guard z.isFinite else { return .infinity }
            s += z * z
        }
        return s.squareRoot()
    }

    /// What generation `generation` needs from the one before: its tolerance and kernel.
    public struct Step: Sendable {
        public let generation: Int
        public let epsilon: Double
        /// The previous population (`nil` for generation 0).
        public let previous: Population?
        let kernel: PerturbationKernel?
        let cumulative: [Double]
    }

    /// The step of generation `generation`, after `previous` (nil for generation 0). The tolerance
    /// is the `alpha` quantile of the previous distances, never below `minimumEpsilon`.
    public func step(generation: Int, after previous: Population?, minimumEpsilon: Double = 0) -> Step? {
        guard let previous else {
            return Step(generation: 0, epsilon: .infinity, previous: nil, kernel: nil, cumulative: [])
        }
        let distances = previous.particles.map(\.distance)
        var epsilon = min(WeightedSample.quantile(distances, previous.weights, alpha), previous.epsilon)
        // With discrete figures (counts) half the weight can sit exactly at the tolerance, and the
        // quantile would repeat it forever: step down to the largest distance below it instead.
        // (Continuous distances never tie, so this changes nothing there.)
        if epsilon >= previous.epsilon, let lower = distances.filter({ $0 < previous.epsilon }).max() { epsilon = lower }
        epsilon = max(epsilon, minimumEpsilon)
        guard let kernel = PerturbationKernel(thetas: previous.particles.map(\.theta), weights: previous.weights) else {
            return nil
        }
        var running = 0.0
        let cumulative = previous.weights.map { running += $0; return running }
        return Step(generation: generation, epsilon: epsilon, previous: previous, kernel: kernel, cumulative: cumulative)
    }

    /// The random source positioned for particle `i`'s `attempt` in `generation`.
    func stream(_ random: RandomSource, generation: Int, particle: Int, attempt: Int) {
        random.trial = UInt32(truncatingIfNeeded: generation)
        random.seek(entity: UInt32(truncatingIfNeeded: particle), purpose: .calibration, occasion: UInt32(attempt))
    }

    /// A seed for the calibration's own draws, apart from the model's.
    var proposalSeed: UInt64 { splitMix64(seed ^ 0xA5C5_3C0F_1B87_D2E1) }

    /// Particle `i` of `step`: proposals until one is accepted. `simulate` runs the model once at
    /// θ for the given simulation and returns the figures in the observed order.
    public func particle(_ i: Int, step: Step, simulate: ([Double], SimulationID) -> [Double]) -> Particle {
        let random = RandomSource(seed: proposalSeed)
        for attempt in 0..<maxAttempts {
            stream(random, generation: step.generation, particle: i, attempt: attempt)
            let theta: [Double]
            if let previous = step.previous, let kernel = step.kernel {
                var proposal: [Double]?
                for _ in 0..<1000 {
                    let u = random.uniform()
                    let ancestor = Self.index(of: u, in: step.cumulative)
                    let candidate = kernel.perturb(previous.particles[ancestor].theta, random)
                    if prior.logDensity(candidate) > -.infinity {
                        proposal = candidate
                        break
                    }
                }
                guard let proposal else { continue }
                theta = proposal
            } else {
                theta = prior.draw(random)
            }
            let summaries = simulate(theta, SimulationID(generation: step.generation, particle: i, attempt: attempt))
            let d = distance(summaries)
            guard d <= step.epsilon else { continue }
            return Particle(theta: theta, logWeight: logWeight(theta, step: step), distance: d, attempts: attempt + 1,
                            summaries: summaries)
        }
        return Particle(theta: [Double](repeating: .nan, count: prior.dimension), logWeight: -.infinity, distance: .nan,
                        attempts: maxAttempts, summaries: [Double](repeating: .nan, count: observed.count))
    }

    /// log prior(θ) − log Σⱼ wⱼ K(θ | θⱼ) (0 in generation 0).
    func logWeight(_ theta: [Double], step: Step) -> Double {
        guard let previous = step.previous, let kernel = step.kernel else { return 0 }
        var terms = [Double](repeating: 0, count: previous.particles.count)
        var top = -Double.infinity
        for j in previous.particles.indices {
            let t = log(previous.weights[j]) + kernel.logDensity(theta, from: previous.particles[j].theta)
            terms[j] = t
            top = max(top, t)
        }
        guard top > -.infinity else { return -.infinity }
        let sum = terms.reduce(0) { $0 + exp($1 - top) }
        return prior.logDensity(theta) - (top + log(sum))
    }

    /// The first index whose running weight exceeds u × total.
    static func index(of u: Double, in cumulative: [Double]) -> Int {
        let target = u * (cumulative.last ?? 0)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The posterior predictive simulation of final particle `i`: the model once more at its θ,
    /// on a fresh stream.
    public func predictive(_ i: Int, of population: Population, simulate: ([Double], SimulationID) -> [Double]) -> [Double] {
        simulate(population.particles[i].theta, SimulationID(generation: Self.predictiveGeneration, particle: i, attempt: 0))
    }
}

/// SplitMix64's output function: a well-mixed 64-bit value from any 64-bit input.
public func splitMix64(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
