// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// The provenance of a run, written as `manifest.json` in its output folder (last, so a folder
/// with a manifest is complete): what was run, on what inputs, with which seed and library
/// versions, and the fully resolved parameter set with the origin of each value.
///
/// It is `Codable` so that `compare`, `sweep` and `merge` can read an earlier run back. JSON keys
/// are snake_case; times are ISO 8601 in UTC (`2025-03-01T08:30:00Z`).
public struct Manifest: Codable, Sendable, Equatable {
    /// One resolved parameter: its value as a scenario file would write it, and where it came from.
    public struct Parameter: Codable, Sendable, Equatable {
        /// The value in scenario-file form, e.g. `0.7`, `full_ownership`, `true`,
        /// `triangular(low 600, mode 800, high 1000)`.
        public var value: String
        /// `default` for the model's default, else `file:line:column` of the setting.
        public var origin: String

        public init(value: String, origin: String) {
            self.value = value
            self.origin = origin
        }
    }

    /// One file of the results folder, as it was written: what `check`, `report` and `merge`
    /// compare the folder with before they trust it.
    public struct File: Codable, Sendable, Equatable {
        /// The path inside the folder (`summary.csv`).
        public var name: String
        /// The size in bytes.
        public var size: Int
        /// SHA-256 of the bytes, lower-case hexadecimal.
        public var sha256: String

        public init(name: String, size: Int, sha256: String) {
            self.name = name
            self.size = size
            self.sha256 = sha256
        }
    }

    /// A policy variant a `compare` ran against the baseline, or a lever step `levers` ran
    /// against the base policy: its name, the scenario's description of it, and every parameter
    /// it sets differently from the baseline.
    public struct Variant: Codable, Sendable, Equatable {
        /// The variant's name (`a+b` for a union of two variants), or the lever step's.
        public var name: String
        /// The scenario's description of the variant ("" when it gives none); for a lever step,
        /// the step and its expectation (`Inventor share 50 % → 70 % | expect: local up`).
        public var description: String
        /// Each parameter the variant sets, by dotted path: its value and where it is set.
        public var overrides: [String: Parameter]
        /// For a lever step: the channels its expectation names, each `metric direction`
        /// (`ventures_on_market down`), which `levers.csv` reports beside the key outcomes; absent
        /// for a compare variant and a step without one.
        public var channels: [String]?

        public init(name: String, description: String, overrides: [String: Parameter], channels: [String]? = nil) {
            self.name = name
            self.description = description
            self.overrides = overrides
            self.channels = channels
        }
    }

    /// The program's name, `transfersim`.
    public var tool: String
    /// The program's version.
    public var toolVersion: String
    /// The source revision the program was built from, when known.
    public var gitRevision: String?
    /// Why `gitRevision` is absent (`GitRevision.absenceNote()`): not recorded at build time, or
    /// built outside a git checkout. Absent when there is a revision.
    public var gitRevisionNote: String?
    /// The scenario's `name`.
    public var scenarioName: String
    /// The scenario file as given on the command line; `nil` for the built-in default scenario.
    public var scenarioFile: String?
    /// SHA-256 of the scenario's bytes, in hexadecimal: of the file, or of the bundled default
    /// scenario's text (`BundledScenarios.defaultYAML`) when no file was given.
    public var scenarioSHA256: String?
    /// The policy set run: `baseline` or a variant's name.
    public var policy: String
    /// The master seed of the random streams.
    public var seed: UInt64
    /// The number of Monte Carlo trials.
    public var trials: Int
    /// The number of worker threads (the results do not depend on it).
    public var threads: Int
    /// The GNU Scientific Library version linked at run time.
    public var gslVersion: String
    /// When the run started, ISO 8601 UTC.
    public var startTime: String
    /// When the run finished, ISO 8601 UTC.
    public var endTime: String
    /// The command line, one argument per element.
    public var commandLine: [String]
    /// Every parameter of the resolved set, by dotted path.
    public var parameters: [String: Parameter]
    /// For `compare`: each variant run against the baseline (whose parameters are `parameters`),
    /// with what it changes; for `levers`: each lever step run against the base policy (whose
    /// parameters are `parameters`), with what it changes and its channels.
    public var variants: [Variant]?
    /// The scenario's targets in canonical form (`local_conversion_share.mean >= 0.02`), which
    /// `transfersim check` asserts on the folder; absent when the scenario states none.
    public var targets: [String]?
    /// For `sweep` and `merge`: the sweep's identity (`SweepJournal.sweepHash`: the sweep file,
    /// scenario, seed and trials), which `merge` and `--resume` check.
    public var sweepSHA256: String?
    /// For `sweep --shard K/N`: `K/N`; absent for a whole sweep.
    public var shard: String?
    /// For `sweep` and `merge`: the number of points in the whole design; for a shard of `run` or
    /// `compare`: the trials of the whole run.
    public var points: Int?
    /// For a shard of `run` or `compare`: the options that change its files (`--fund-flows`,
    /// `--interactions`), which `merge` repeats; absent otherwise.
    public var options: [String]?
    /// The subcommand that wrote the folder (`run`, `compare`, `sweep`, `sensitivity`, `merge`):
    /// the folder's kind, which each reader checks. Set by `OutputFolder.commit()`.
    public var command: String?
    /// Every other file of the folder with its size and SHA-256, in the order written. Set by
    /// `OutputFolder.commit()`; a folder whose files differ from this list is incomplete or
    /// altered, and no reader accepts it.
    public var files: [File]?

    enum CodingKeys: String, CodingKey {
        case tool
        case toolVersion = "tool_version"
        case gitRevision = "git_revision"
        case gitRevisionNote = "git_revision_note"
        case scenarioName = "scenario_name"
        case scenarioFile = "scenario_file"
        case scenarioSHA256 = "scenario_sha256"
        case policy, seed, trials, threads
        case gslVersion = "gsl_version"
        case startTime = "start_time"
        case endTime = "end_time"
        case commandLine = "command_line"
        case parameters, targets, variants
        case sweepSHA256 = "sweep_sha256"
        case shard, points, options, command, files
    }

    /// A manifest for a finished run. `gslVersion` defaults to the linked library's.
    public init(tool: String = "transfersim", toolVersion: String, gitRevision: String? = nil,
                scenarioName: String, scenarioFile: String? = nil, scenarioSHA256: String? = nil,
                policy: String, seed: UInt64, trials: Int, threads: Int,
                gslVersion: String = TransferSimCore.gslVersion,
                startTime: Date, endTime: Date, commandLine: [String], parameters: [String: Parameter],
                targets: [String]? = nil) {
        self.targets = targets
        self.tool = tool
        self.toolVersion = toolVersion
        self.gitRevision = gitRevision
        self.gitRevisionNote = gitRevision == nil ? GitRevision.absenceNote() : nil
        self.scenarioName = scenarioName
        self.scenarioFile = scenarioFile
        self.scenarioSHA256 = scenarioSHA256
        self.policy = policy
        self.seed = seed
        self.trials = trials
        self.threads = threads
        self.gslVersion = gslVersion
        self.startTime = Self.timestamp(startTime)
        self.endTime = Self.timestamp(endTime)
        self.commandLine = commandLine
        self.parameters = parameters
    }

    /// The parameter table of a resolved set: each path's value text and origin.
    public static func parameters(of resolved: ResolvedParameters) -> [String: Parameter] {
        var table: [String: Parameter] = [:]
        for (spec, entry) in zip(resolved.catalogue.specs, resolved.entries) {
            table[spec.path] = Parameter(value: entry.value.description(kind: spec.kind),
                                         origin: entry.origin?.description ?? "default")
        }
        return table
    }

    /// The variants of `resolved` (the baseline first, as `compare` runs them): for each later
    /// set, the parameters whose value or origin differs from the baseline's, with the scenario's
    /// description of the variant (for `a+b`, both descriptions).
    public static func variants(of resolved: [ResolvedParameters], scenario: Scenario) -> [Variant] {
        guard let baseline = resolved.first else { return [] }
        return resolved.dropFirst().map { set in
            let parts = set.policyName.split(separator: "+").map(String.init)
            let descriptions = parts.compactMap { part -> String? in
                guard let text = scenario.variants.first(where: { $0.name == part })?.description, !text.isEmpty else {
                    return nil
                }
                return parts.count > 1 ? "\(part): \(text)" : text
            }
            return Variant(name: set.policyName, description: descriptions.joined(separator: "; "),
                           overrides: overrides(of: set, from: baseline))
        }
    }

    /// The lever steps `levers` ran, each with its resolved set (`resolved`: the base policy
    /// first, then one set per step, as `levers` runs them): what each step changes from the base
    /// policy, as `variants(of:scenario:)` gives a compare variant's, its description (step and
    /// expectation) and the channels its expectation names. A built-in step's settings, which no
    /// file states, have the origin `built-in lever step`.
    public static func leverSteps(_ steps: [LeverStep], resolved: [ResolvedParameters]) -> [Variant] {
        guard let base = resolved.first else { return [] }
        return zip(steps, resolved.dropFirst()).map { step, set in
            let channels = step.channels.map { "\($0.metric.name) \($0.direction)" }
            return Variant(name: step.name, description: step.variant.description,
                           overrides: overrides(of: set, from: base, unstatedOrigin: "built-in lever step"),
                           channels: channels.isEmpty ? nil : channels)
        }
    }

    /// The parameters `set` sets differently from `baseline` (in value or origin), each with its
    /// value and origin (`unstatedOrigin` when the setting has none).
    static func overrides(of set: ResolvedParameters, from baseline: ResolvedParameters,
                          unstatedOrigin: String = "default") -> [String: Parameter] {
        var overrides: [String: Parameter] = [:]
        for (index, spec) in set.catalogue.specs.enumerated() {
            let entry = set.entries[index]
            let base = baseline.catalogue.index(of: spec.path).map { baseline.entries[$0] }
            guard base?.value != entry.value || base?.origin != entry.origin else { continue }
            overrides[spec.path] = Parameter(
                value: entry.value.description(kind: spec.kind), origin: entry.origin?.description ?? unstatedOrigin)
        }
        return overrides
    }

    /// `date` as ISO 8601 in UTC, to the second: `2025-03-01T08:30:00Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The manifest as pretty-printed JSON with sorted keys, ending in a newline.
    public func jsonData() throws -> Data {
        try JSONOutput.encode(self)
    }

    /// Reads a manifest written by `jsonData()`.
    public static func decode(from data: Data) throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: data)
    }
}
