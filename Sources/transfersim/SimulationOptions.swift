// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation

/// How many trials to run, from which seed, on how many threads: the options every simulating
/// command (`run`, later `compare` and `sweep`) shares.
struct SimulationOptions: ParsableArguments {
    /// The seed used when none is given: the project's fixed default, so that two runs without
    /// `--seed` give the same numbers.
    static let defaultSeed: UInt64 = 20_260_101

    /// The largest trial count of one run: every trial's outputs are kept in memory (about 1.5 KB
    /// per trial over a 10-year horizon).
    static let maximumTrials = 10_000_000

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Monte Carlo trials: independent simulated histories of the region (1 to 10,000,000).",
            valueName: "n"))
    var trials: Int = 1000

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            """
            Master seed of the random streams, a whole number from 0 to 2^64-1 (default: \(defaultSeed)). \
            The same seed, scenario, policy and trial count give byte-identical tables.
            """,
            valueName: "s"),
        transform: SimulationOptions.seed(from:))
    var seed: UInt64 = defaultSeed

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            """
            Worker threads (default: the number of active processors, \(ProcessInfo.processInfo.activeProcessorCount) \
            here). The results do not depend on it.
            """,
            valueName: "t"))
    var threads: Int?

    /// The threads to use: as given, or one per active processor.
    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    mutating func validate() throws {
        guard trials >= 1 else { throw ValidationError("--trials must be at least 1 (got \(trials))") }
        guard trials <= Self.maximumTrials else {
            throw ValidationError("--trials must be at most \(Self.maximumTrials) in one run (got \(trials))")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
    }

    /// Reads a seed: a whole number from 0 to 2^64 - 1.
    @Sendable static func seed(from text: String) throws -> UInt64 {
        guard let seed = UInt64(text) else {
            throw ValidationError("the seed must be a whole number from 0 to \(UInt64.max)")
        }
        return seed
    }
}
