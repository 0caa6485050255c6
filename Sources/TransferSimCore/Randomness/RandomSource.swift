// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// What a stream of draws is for. Part of every draw's identity, so that a policy change moves only
/// the draws of the stages it touches (common random numbers, MODEL.md §8).
///
/// Raw values are part of the reproducibility contract: never renumber a case, only add new ones.
public enum DrawPurpose: UInt32, Sendable, CaseIterable {
    case parameters = 1      // epistemic parameter draws, once per trial
    case arrivals = 2        // disclosure times
    case attributes = 3      // source, field, TRL, quality, value, fit, land need, registration, empowerment
    case intent = 4
    case approval = 5        // not drawn since approval moved into the intent stream; kept so numbers stay fixed
    case matching = 6
    case roadshow = 7
    case proofOfConcept = 8
    case pilot = 9
    case route = 10
    case licensing = 11
    case implementation = 12
    case financing = 13
    case land = 14
    case market = 15
    case exit = 16
    case loan = 17
    case payment = 18
    case fundDeals = 19      // a fund's deals outside the results pipeline: arrivals, exits
    case outsideFirm = 20    // the firm elsewhere that may bid for a result: interest, cash, capacity
    case relocation = 21     // a result relocated for land or capital: its implementation elsewhere
    case retention = 22      // whether an outside adopter piloted here produces here
    case disclosure = 23     // whether a candidate result is disclosed at the policy's share
    case calibration = 24    // a calibration's proposals (ABC-SMC), apart from every model draw
}

/// A counter-based random source: every draw is a pure function of
/// (master seed, trial, entity, purpose, draw index).
///
/// Backed by Philox4x32-10 (see `CGSL/shim.h`) registered as a `gsl_rng_type`, so GSL's samplers
/// (`gsl_ran_gaussian_ziggurat`, `gsl_ran_gamma`, …) draw from the same stream. Call `seek` to position
/// the stream at draw 0 of an (entity, purpose); draws then follow in order. Not thread-safe: one per
/// worker.
///
/// The words are made by `PhiloxBlock` below, a Swift copy of the shim's block function with its ten
/// rounds unrolled (the engine's most frequent operation: about half the instructions of a result
/// history went to the shim's rolled loop). It works on the shim's `ts_philox_state`, so the stream is
/// the shim's word for word; `PhiloxTests` check both against Random123's known answers.
public final class RandomSource {
    /// The master seed (the Philox key).
    public let seed: UInt64
    /// The trial whose draws this source makes.
    public var trial: UInt32 = 0
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>
    /// The generator's state (key, counter, current block, words used) and its current block's four
    /// words, read directly by `word()`.
    @usableFromInline let state: UnsafeMutablePointer<ts_philox_state>
    @usableFromInline let blockWords: UnsafeMutablePointer<UInt32>

    public init(seed: UInt64) {
        ts_gsl_disable_abort()
        guard let r = gsl_rng_alloc(philoxGSLType) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        self.rng = r
        self.seed = seed
        state = ts_rng_philox_state(r)
        blockWords = (UnsafeMutableRawPointer(state) + MemoryLayout<ts_philox_state>.offset(of: \.block)!)
            .assumingMemoryBound(to: UInt32.self)
        ts_rng_seek(r, seed, 0, 0, 0)
    }

    deinit { gsl_rng_free(rng) }

    /// Positions the stream at draw 0 of `(trial, entity, purpose)`.
    @inlinable
    public func seek(entity: UInt32, purpose: DrawPurpose) {
        ts_rng_seek(rng, seed, trial, entity, purpose.rawValue)
    }

    /// Positions the stream at draw 0 of the `occasion`-th use of `(trial, entity, purpose)`, e.g. the
    /// second matching attempt or the third financing round. Occasions 0 … 2^24 − 1.
    @inlinable
    public func seek(entity: UInt32, purpose: DrawPurpose, occasion: UInt32) {
        ts_rng_seek(rng, seed, trial, entity, purpose.rawValue | (occasion << 8))
    }

    /// The underlying GSL generator, for `gsl_ran_*` samplers not wrapped here.
    @inlinable public var gslGenerator: UnsafeMutablePointer<gsl_rng> { rng }

    /// The next 32-bit word of the stream (`ts_philox_next`).
    @inlinable @inline(__always) func word() -> UInt32 { PhiloxBlock.next(state, blockWords) }

    /// Uniform strictly inside (0, 1), with 32 random bits (one Philox word): never 0 or 1, so
    /// `log(u)` and `log(1 − u)` are always finite. (word + 1/2) / 2^32, as `ts_rng_uniform`.
    @inlinable @inline(__always) public func uniform() -> Double { (Double(word()) + 0.5) * (1.0 / 4_294_967_296.0) }

    /// Uniform on (0, 1); the same as `uniform()`, named where the caller takes a logarithm.
    @inlinable @inline(__always) public func uniformPositive() -> Double { uniform() }

    /// `true` with probability `p`.
    @inlinable @inline(__always) public func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// Exponential with the given mean (inverse CDF, one uniform).
    @inlinable public func exponential(mean: Double) -> Double { -mean * log(uniformPositive()) }

    /// Standard normal (GSL's ziggurat, `Ziggurat.swift`).
    @inlinable public func standardNormal() -> Double { zigguratNormal() }

    /// Lognormal with the given median and log-scale standard deviation `sigma`.
    @inlinable public func lognormal(median: Double, sigma: Double) -> Double {
        sigma == 0 ? median : median * exp(sigma * standardNormal())
    }

    /// Beta(a, b), exact, by Cheng's rejection algorithms (R. C. H. Cheng, "Generating beta variates
    /// with nonintegral shape parameters", Comm. ACM 21, 1978): BB when both shapes exceed 1, BC
    /// otherwise — the pair R's `rbeta` uses. About 2.4 uniforms a draw, against two gamma variates
    /// (each with a normal) for GSL's `gsl_ran_beta`, which cost an eighth of the engine's time.
    @inlinable public func beta(_ aa: Double, _ bb: Double) -> Double {
        let a = min(aa, bb), b = max(aa, bb), alpha = a + b
        let logFour = 1.3862943611198906
        var v = 0.0, w = 0.0
        @inline(__always) func vw(_ u1: Double, _ scale: Double, _ shape: Double) {
            v = scale * log(u1 / (1 - u1))
            w = v <= 709 ? shape * exp(v) : .greatestFiniteMagnitude
        }
        if a <= 1 {   // Algorithm BC
            let scale = 1 / a, delta = 1 + b - a
            let k1 = delta * (0.0138889 + 0.0416667 * a) / (b * scale - 0.777778)
            let k2 = 0.25 + (0.5 + 0.25 / delta) * a
            while true {
                let u1 = uniform(), u2 = uniform()
                var z: Double
                if u1 < 0.5 {
                    let y = u1 * u2
                    z = u1 * y
                    if 0.25 * u2 + z - y >= k1 { continue }
                } else {
                    z = u1 * u1 * u2
                    if z <= 0.25 {
                        vw(u1, scale, b)
                        break
                    }
                    if z >= k2 { continue }
                }
                vw(u1, scale, b)
                if alpha * (log(alpha / (a + w)) + v) - logFour >= log(z) { break }
            }
            return aa == a ? a / (a + w) : w / (a + w)
        }
        // Algorithm BB
        let scale = ((alpha - 2) / (2 * a * b - alpha)).squareRoot(), gamma = a + 1 / scale
        while true {
            let u1 = uniform(), u2 = uniform()
            vw(u1, scale, a)
            let z = u1 * u1 * u2, r = gamma * v - logFour, s = a + r - w
            if s + 2.6094379124341003 >= 5 * z { break }
            let t = log(z)
            if s > t { break }
            if r + alpha * log(alpha / (b + w)) >= t { break }
        }
        return aa != a ? b / (b + w) : w / (b + w)
    }

    /// Gamma with shape `k` and scale `theta` (GSL).
    @inlinable public func gamma(shape k: Double, scale theta: Double) -> Double { gsl_ran_gamma(rng, k, theta) }

    /// Poisson with the given mean (GSL).
    @inlinable public func poisson(mean: Double) -> Int { mean <= 0 ? 0 : Int(gsl_ran_poisson(rng, mean)) }

    /// Triangular on [low, high] with the given mode (inverse CDF, one uniform).
    @inlinable public func triangular(low: Double, mode: Double, high: Double) -> Double {
        let u = uniform()
        guard high > low else { return low }
        let f = (mode - low) / (high - low)
        return u < f
            ? low + ((high - low) * (mode - low) * u).squareRoot()
            : high - ((high - low) * (high - mode) * (1 - u)).squareRoot()
    }

    /// Pareto type I with shape `alpha` and scale `minimum`, truncated at `cap` (inverse CDF).
    @inlinable public func truncatedPareto(alpha: Double, minimum: Double, cap: Double) -> Double {
        truncatedParetoQuantile(uniform(), alpha: alpha, minimum: minimum, cap: cap)
    }

    /// An index drawn with probabilities proportional to `cumulativeWeights`' increments
    /// (a running sum whose last element is the total). Linear scan: lists here are short.
    @inlinable @inline(__always) public func categorical(cumulativeWeights: UnsafeBufferPointer<Double>) -> Int {
        precondition(!cumulativeWeights.isEmpty, "categorical needs at least one weight")
        let target = uniform() * cumulativeWeights[cumulativeWeights.count - 1]
        var i = 0
        while i < cumulativeWeights.count - 1 && target >= cumulativeWeights[i] { i += 1 }
        return i
    }
}

/// Philox4x32-10 on the shim's `ts_philox_state`: `ts_philox_next` and `ts_philox4x32_10` with the
/// rounds unrolled.
@usableFromInline enum PhiloxBlock {
    /// The next word of `state`, whose current block's words are at `words`.
    @inlinable @inline(__always)
    static func next(_ state: UnsafeMutablePointer<ts_philox_state>, _ words: UnsafeMutablePointer<UInt32>) -> UInt32 {
        if state.pointee.used >= 4 { refill(state) }
        let k = state.pointee.used
        state.pointee.used = k &+ 1
        return words[Int(k)]
    }

    /// Computes the block of the current counter, advances the counter and rewinds `used`.
    @usableFromInline @inline(never)
    static func refill(_ state: UnsafeMutablePointer<ts_philox_state>) {
        let counter = state.pointee.counter, key = state.pointee.key
        var c0 = counter.0, c1 = counter.1, c2 = counter.2, c3 = counter.3
        var k0 = key.0, k1 = key.1
        @inline(__always) func round() {
            let p0 = UInt64(0xD251_1F53) &* UInt64(c0), p1 = UInt64(0xCD9E_8D57) &* UInt64(c2)
            c0 = UInt32(truncatingIfNeeded: p1 >> 32) ^ c1 ^ k0
            c1 = UInt32(truncatingIfNeeded: p1)
            c2 = UInt32(truncatingIfNeeded: p0 >> 32) ^ c3 ^ k1
            c3 = UInt32(truncatingIfNeeded: p0)
        }
        @inline(__always) func bumpKey() { k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85 }
        round()
        bumpKey(); round(); bumpKey(); round(); bumpKey(); round()
        bumpKey(); round(); bumpKey(); round(); bumpKey(); round()
        bumpKey(); round(); bumpKey(); round(); bumpKey(); round()
        state.pointee.block = (c0, c1, c2, c3)
        state.pointee.counter.0 = counter.0 &+ 1
        state.pointee.used = 0
    }
}

/// The shim's Philox `gsl_rng_type` with its words made by `PhiloxBlock`: what GSL's samplers draw
/// through. Made once; GSL keeps a pointer to it in every generator.
nonisolated(unsafe) let philoxGSLType: UnsafeMutablePointer<gsl_rng_type> = {
    /// The next word of a generator's state, for GSL (which has no pointer to the block's words).
    func next(_ vstate: UnsafeMutableRawPointer?) -> UInt32 {
        let state = vstate!.assumingMemoryBound(to: ts_philox_state.self)
        let words = (vstate! + MemoryLayout<ts_philox_state>.offset(of: \.block)!).assumingMemoryBound(to: UInt32.self)
        return PhiloxBlock.next(state, words)
    }
    var type = ts_rng_philox().pointee
    type.get = { UInt(next($0)) }
    type.get_double = { Double(next($0)) * (1.0 / 4_294_967_296.0) }   // as `ts_philox_gsl_get_double`
    let pointer = UnsafeMutablePointer<gsl_rng_type>.allocate(capacity: 1)
    pointer.initialize(to: type)
    return pointer
}()

/// The `u`-quantile of a Pareto type I law (shape `alpha`, scale `minimum`) truncated at `cap`.
@inlinable public func truncatedParetoQuantile(_ u: Double, alpha: Double, minimum: Double, cap: Double) -> Double {
    let tailAtCap = pow(minimum / cap, alpha)          // P(X > cap) for the untruncated law
    return minimum * pow(1 - u * (1 - tailAtCap), -1 / alpha)
}

/// The GSL library version linked at run time, for provenance.
public var gslVersion: String { String(cString: ts_gsl_version()) }
