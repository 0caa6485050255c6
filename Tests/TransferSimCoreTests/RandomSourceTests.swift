// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL
import Testing
import TransferSimCore

/// Reproducibility and stream separation of `RandomSource`.
@Suite("RandomSource streams")
struct RandomSourceStreamTests {
    /// The same (seed, trial, entity, purpose) gives the same draws, bit for bit, from any instance.
    @Test func sameInputsGiveIdenticalDraws() {
        let a = RandomSource(seed: 2024)
        let b = RandomSource(seed: 2024)
        for source in [a, b] {
            source.trial = 3
            source.seek(entity: 17, purpose: .pilot)
        }
        #expect(mixedDraws(a, count: 500) == mixedDraws(b, count: 500))
    }

    /// Seeking again restarts the stream at draw 0, also from the middle of a Philox block.
    @Test func seekingAgainRestartsTheStream() {
        let random = RandomSource(seed: 5)
        random.seek(entity: 9, purpose: .roadshow)
        let first = uniformBits(random, count: 3)
        _ = uniformBits(random, count: 1)  // three uniforms used 6 of 8 words: stop mid-block
        random.seek(entity: 9, purpose: .roadshow)
        #expect(uniformBits(random, count: 3) == first)
    }

    /// Changing any one coordinate of a draw's identity gives a different stream.
    @Test func eachCoordinateSelectsItsOwnStream() {
        func stream(seed: UInt64 = 1, trial: UInt32 = 0, entity: UInt32 = 0,
                    purpose: DrawPurpose = .arrivals) -> [UInt64] {
            let random = RandomSource(seed: seed)
            random.trial = trial
            random.seek(entity: entity, purpose: purpose)
            return uniformBits(random, count: 4)
        }
        let streams = [
            stream(),
            stream(seed: 2),
            stream(seed: 1 | 1 << 32),  // the high half of the seed is the second key word
            stream(trial: 1),
            stream(entity: 1),
            stream(purpose: .attributes),
            stream(trial: 1, entity: 1),
        ]
        #expect(Set(streams).count == streams.count)
    }

    /// GSL's samplers accept the Philox generator and read the same stream as the wrappers
    /// (`uniform()` takes one 32-bit word, as `gsl_rng_get` returns it).
    @Test func gslSamplersDrawFromTheSameStream() {
        let random = RandomSource(seed: 31)
        let g = random.gslGenerator
        random.seek(entity: 2, purpose: .financing)
        let direct = (0..<200).map { _ in [gsl_ran_gaussian_ziggurat(g, 1), (Double(gsl_rng_get(g)) + 0.5) / 4_294_967_296, gsl_ran_gamma(g, 1.5, 2)] }
        random.seek(entity: 2, purpose: .financing)
        let wrapped = (0..<200).map { _ in [random.standardNormal(), random.uniform(), random.gamma(shape: 1.5, scale: 2)] }
        #expect(direct == wrapped)
    }

    /// The GSL type reports the range of its 32-bit words and its name.
    @Test func generatorTypeIsPhilox() {
        let random = RandomSource(seed: 0)
        #expect(gsl_rng_max(random.gslGenerator) == 0xffff_ffff)
        #expect(gsl_rng_min(random.gslGenerator) == 0)
        #expect(String(cString: gsl_rng_name(random.gslGenerator)) == "philox4x32-10")
    }
}

/// A fixed mix of samplers, as bit patterns (so that any difference, even in the last bit, shows).
func mixedDraws(_ random: RandomSource, count: Int) -> [UInt64] {
    (0..<count).flatMap { _ -> [UInt64] in
        [random.uniform().bitPattern, random.beta(2, 3).bitPattern,
         random.lognormal(median: 10, sigma: 0.7).bitPattern, UInt64(random.poisson(mean: 3.5)),
         random.exponential(mean: 2).bitPattern]
    }
}

func uniformBits(_ random: RandomSource, count: Int) -> [UInt64] {
    (0..<count).map { _ in random.uniform().bitPattern }
}
