// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL
import Testing
import TransferSimCore

/// Known-answer tests of the Philox4x32-10 block function in `CGSL/shim.h`.
@Suite("Philox4x32-10")
struct PhiloxTests {
    /// One known-answer vector: `philox4x32_10(key, counter) == expected`.
    struct Vector: Sendable, CustomTestStringConvertible {
        let counter: [UInt32]
        let key: [UInt32]
        let expected: [UInt32]
        var testDescription: String {
            "ctr \(hex(counter)) key \(hex(key))"
        }
    }

    /// The three "philox4x32 10" lines of Random123's `tests/kat_vectors`
    /// (github.com/DEShawResearch/random123, also shipped verbatim in its ports). The file's column
    /// header is `#nameNxW R CTR KEY EXPECTED`: four counter words, then two key words, then the
    /// four expected output words, each word in hex, index 0 first.
    ///
    ///     philox4x32 10 00000000 00000000 00000000 00000000 00000000 00000000   6627e8d5 e169c58d bc57ac4c 9b00dbd8
    ///     philox4x32 10 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff   408f276d 41c83b0e a20bc7c6 6d5451fd
    ///     philox4x32 10 243f6a88 85a308d3 13198a2e 03707344 a4093822 299f31d0   d16cfe09 94fdcceb 5001e420 24126ea1
    static let random123 = [
        Vector(counter: [0, 0, 0, 0], key: [0, 0],
               expected: [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8]),
        Vector(counter: [0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff], key: [0xffff_ffff, 0xffff_ffff],
               expected: [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd]),
        Vector(counter: [0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344], key: [0xa409_3822, 0x299f_31d0],
               expected: [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1]),
    ]

    /// Asymmetric vectors from the extended known-answer file generated with Random123's
    /// `gentests.py` (`examples/kat_vectors` of the Random123 manual). The three vectors above are
    /// symmetric in the key words, so they cannot detect swapped key words; these can, and each
    /// sets one counter or key word on its own.
    static let extended = [
        // philox4x32 10 00000001 00000000 00000000 00000000   00000001 00000000   ac08141b dfc5ccbe 79c07a47 a7f66093
        Vector(counter: [1, 0, 0, 0], key: [1, 0],
               expected: [0xac08_141b, 0xdfc5_ccbe, 0x79c0_7a47, 0xa7f6_6093]),
        // philox4x32 10 00000000 00000000 00000000 00000001   00000000 00000001   96b27e8c 28826d0f 66d958ef 081509dc
        Vector(counter: [0, 0, 0, 1], key: [0, 1],
               expected: [0x96b2_7e8c, 0x2882_6d0f, 0x66d9_58ef, 0x0815_09dc]),
        // philox4x32 10 243f6a88 85a308d3 13198a2e 03707344   00000000 00000001   126514c3 d1898b69 da2707b3 6e6fb436
        Vector(counter: [0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344], key: [0, 1],
               expected: [0x1265_14c3, 0xd189_8b69, 0xda27_07b3, 0x6e6f_b436]),
        // philox4x32 10 a4093822 299f31d0 082efa98 ec4e6c89   00000000 80000000   aa74e81c c9ddb97b 2c2cd881 9390c78d
        Vector(counter: [0xa409_3822, 0x299f_31d0, 0x082e_fa98, 0xec4e_6c89], key: [0, 0x8000_0000],
               expected: [0xaa74_e81c, 0xc9dd_b97b, 0x2c2c_d881, 0x9390_c78d]),
    ]

    @Test("Random123 kat_vectors", arguments: random123)
    func random123KnownAnswers(_ vector: Vector) {
        #expect(philox(key: vector.key, counter: vector.counter) == vector.expected)
    }

    @Test("extended known answers (asymmetric key and counter)", arguments: extended)
    func extendedKnownAnswers(_ vector: Vector) {
        #expect(philox(key: vector.key, counter: vector.counter) == vector.expected)
    }

    /// The stream layout is part of the reproducibility contract: after `seek`, the generator
    /// yields the words of `philox(key: seed, counter: [block, purpose, entity, trial])` for
    /// block 0, 1, 2, … in order, with the 64-bit seed split low word first.
    @Test func streamFollowsTheDocumentedCounterLayout() {
        let seed: UInt64 = 0x0123_4567_89ab_cdef
        let random = RandomSource(seed: seed)
        random.trial = 77
        random.seek(entity: 4242, purpose: .licensing)
        let key = [UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)]
        var expected: [UInt32] = []
        for block: UInt32 in 0..<3 {
            expected += philox(key: key, counter: [block, DrawPurpose.licensing.rawValue, 4242, 77])
        }
        let drawn = (0..<12).map { _ in UInt32(gsl_rng_get(random.gslGenerator)) }
        #expect(drawn == expected)
    }

    /// `uniform()` uses one word per draw: (word + 1/2) / 2^32, strictly inside (0, 1).
    @Test func uniformIsBuiltFromOneWord() {
        let random = RandomSource(seed: 99)
        random.seek(entity: 1, purpose: .market)
        let words = (0..<8).map { _ in UInt64(gsl_rng_get(random.gslGenerator)) }
        random.seek(entity: 1, purpose: .market)
        for w in words {
            #expect(random.uniform() == (Double(w) + 0.5) / 4_294_967_296)
        }
    }

    /// GSL's samplers call `gsl_rng_uniform`, which takes one word / 2^32, in [0, 1): the resolution
    /// of GSL's own standard generators.
    @Test func gslUniformIsBuiltFromOneWord() {
        let random = RandomSource(seed: 99)
        random.seek(entity: 1, purpose: .market)
        let words = (0..<8).map { _ in UInt64(gsl_rng_get(random.gslGenerator)) }
        random.seek(entity: 1, purpose: .market)
        for w in words {
            #expect(gsl_rng_uniform(random.gslGenerator) == Double(w) / 4_294_967_296)
        }
    }
}

/// `ts_philox4x32_10` called from Swift.
private func philox(key: [UInt32], counter: [UInt32]) -> [UInt32] {
    var out: [UInt32] = [0, 0, 0, 0]
    ts_philox4x32_10(key, counter, &out)
    return out
}

private func hex(_ words: [UInt32]) -> String {
    words.map { word in
        let digits = String(word, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }.joined(separator: " ")
}
