// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// The sharded route of a policy search (`optimise --emit-design`, `--import`): the candidates
/// the search needs next, written as a sweep — a sweep file and a design CSV of lever values — that
/// `transfersim sweep --shard K/N` evaluates on any number of machines and `transfersim merge`
/// combines; and the merged sweep's per-trial table read back as the candidates' outcomes.
///
/// A candidate's outcomes depend only on the scenario, the base policy, its lever values, the
/// seed and the trial range, and a sweep evaluates a point exactly as the search evaluates a
/// candidate (the same parameters, `Simulation.run` on the same trials), writing every trial's
/// metrics in shortest round-trip form: the measures computed from the table are the ones the
/// search computes from its own run, so the search goes on exactly as it would have.
public enum SearchDesign {
    /// The files of an emitted design folder.
    public static let sweepFileName = "sweep.yaml"
    public static let designFileName = "design.csv"
    /// The scenario's text, when the search runs the bundled default (which has no file to name).
    public static let scenarioFileName = "scenario.yaml"

    /// Candidates the search asks for that nobody has evaluated: the search stops here, and the
    /// caller writes them as a design.
    public struct Needed: Error, Sendable {
        /// The candidates' lever values, in the order the search asks for them.
        public let candidates: [[Double]]
        /// Their trials: `firstTrial..<firstTrial + trials`.
        public let firstTrial: Int
        public let trials: Int
        /// What the batch is, in words ("NSGA-II generation 2", "The front's re-run on fresh trials");
        /// empty when the code asking does not know (the command names the generation).
        public let step: String

        public init(candidates: [[Double]], firstTrial: Int, trials: Int, step: String) {
            self.candidates = candidates
            self.firstTrial = firstTrial
            self.trials = trials
            self.step = step
        }
    }

    /// A design folder or an imported sweep that cannot be used (exit 65, or 66 when missing).
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
        public let exitCode: Int32
        public init(_ description: String, exitCode: Int32 = 65) {
            self.description = description
            self.exitCode = exitCode
        }
    }

    /// The sweep file of `needed`: `scenario` as the sweep file names it (relative to the design
    /// folder, or absolute), the base policy, a CSV design of the candidates, their trials and the
    /// seed, and `trial_table: true` (the search needs every trial's metrics).
    public static func sweepText(needed: Needed, scenario: String, policy: String, seed: UInt64, spec: String) -> String {
        """
        # \(needed.step) of the policy search \(spec): \(needed.candidates.count) candidate\(needed.candidates.count == 1 ? "" : "s") to evaluate.
        # Written by `transfersim optimise --emit-design`; run it with `transfersim sweep` (--shard K/N on
        # several machines, then `transfersim merge`) and give the merged folder back with --import.
        scenario: \(quoted(scenario))
        policy: \(quoted(policy))
        design: {csv: \(designFileName)}
        trials: \(needed.trials)

        """ + (needed.firstTrial > 0 ? "first_trial: \(needed.firstTrial)\n" : "") + """
        seed: \(seed)
        trial_table: true

        """
    }

    /// The design CSV: the levers' paths, then one row of lever values per candidate, numbers in
    /// shortest round-trip form (read back as the same `Double`s).
    public static func designCSV(paths: [String], candidates: [[Double]]) -> String {
        var table = CSVWriter(header: paths)
        for c in candidates { table.append(c.map { .number($0) }) }
        return table.text
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `file` as seen from the folder `folder` (both as given, relative to the working directory,
    /// or absolute): relative when `file` was given relative, so that the design folder works
    /// wherever the same tree is checked out.
    public static func path(of file: String, from folder: String) -> String {
        guard !file.hasPrefix("/") else { return file }
        let here = FileManager.default.currentDirectoryPath
        func components(_ path: String) -> [String] {
            URL(fileURLWithPath: path.hasPrefix("/") ? path : here + "/" + path).standardized.path.split(separator: "/").map(String.init)
        }
        let target = components(file), base = components(folder)
        var common = 0
        while common < min(target.count - 1, base.count), target[common] == base[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + target[common...]).joined(separator: "/")
    }

    /// The evaluations a finished (merged or unsharded) sweep folder holds: each point's lever
    /// values and, per metric, its trials' values in trial order.
    public struct Evaluations: Sendable {
        public let folder: String
        public let firstTrial: Int
        public let trials: Int
        /// Each point's lever values, by point.
        public let candidates: [[Double]]
        /// `values[point][metric]`: the point's trials' values of each metric read.
        let values: [[Metric: [Double]]]

        /// The trials' values of `candidate` on trials `firstTrial..<firstTrial + trials`, if this
        /// sweep evaluated it there.
        public func values(of candidate: [Double], firstTrial: Int, trials: Int) -> [Metric: [Double]]? {
            guard firstTrial == self.firstTrial, trials == self.trials, let point = candidates.firstIndex(of: candidate) else {
                return nil
            }
            return values[point]
        }
    }

    /// Reads the sweep folder `folder` for a search over `paths` (the levers) reading `metrics`:
    /// it must be a finished sweep (not a shard: merge them first), unaltered as its manifest
    /// lists it, of the same scenario (`scenarioSHA256`), base policy, seed and tool version, with
    /// `sweep_trials.csv` whose parameters are the levers.
    public static func read(folder: String, paths: [String], metrics: [Metric], scenarioSHA256: String, policy: String,
                            seed: UInt64) throws(Problem) -> Evaluations {
        let manifest: Manifest
        do {
            manifest = try Manifest.verifiedFolder(folder, kinds: ["sweep", "merge"])
        } catch {
            throw Problem(String(error.description.dropFirst("error: ".count)), exitCode: error.exitCode)
        }
        if let shard = manifest.shard {
            throw Problem("'\(folder)' is shard \(shard) of a sweep: combine the shards with `transfersim merge` and import the merged folder")
        }
        let checks: [(String, String, String)] = [
            ("tool version", manifest.toolVersion, ToolVersion.current),
            ("scenario (SHA-256)", String((manifest.scenarioSHA256 ?? "none").prefix(12)), String(scenarioSHA256.prefix(12))),
            ("policy", manifest.policy, policy),
            ("seed", String(manifest.seed), String(seed)),
        ]
        for (what, found, expected) in checks where found != expected {
            throw Problem("'\(folder)' is not an evaluation of this search's candidates: its \(what) is \(found), the search's \(expected)")
        }
        let file = OutputFolder.join(folder, SweepTable.trialsFileName)
        guard let bytes = try? FileSystem.readFile(file) else {
            throw Problem("'\(folder)' holds no \(SweepTable.trialsFileName): evaluate the design with the sweep file the search wrote (trial_table: true)")
        }
        let rows = CSVReader.rows(String(decoding: bytes, as: UTF8.self)).filter { $0 != [""] }
        let header = rows.first ?? []
        // `point,trial`, the levers and nothing else of the design: then draws or the metrics.
        guard header.count > 2 + paths.count, Array(header[2..<(2 + paths.count)]) == paths,
              header[2 + paths.count].hasPrefix(DrawLayout.prefix) || header[2 + paths.count] == Metric.allCases[0].name else {
            throw Problem("\(file): its parameters are not the search's levers (\(paths.joined(separator: ", ")))")
        }
        var columns: [Int] = []
        for m in metrics {
            guard let c = header.firstIndex(of: m.name) else { throw Problem("\(file): no column '\(m.name)'") }
            columns.append(c)
        }
        let trials = manifest.trials
        var candidates: [[Double]] = [], values: [[Metric: [Double]]] = []
        var firstTrial = 0
        for (i, row) in rows.dropFirst().enumerated() {
            let cells = row.map { $0.isEmpty ? Double.nan : (Double($0) ?? .signalingNaN) }
            guard cells.count == header.count, !cells.contains(where: \.isSignalingNaN) else {
                throw Problem("\(file):\(i + 2): not a row of numbers with \(header.count) cells")
            }
            let point = i / trials, k = i % trials
            if i == 0 { firstTrial = Int(cells[1]) }
            guard Int(cells[0]) == point, Int(cells[1]) == firstTrial + k else {
                throw Problem("\(file):\(i + 2): expected point \(point), trial \(firstTrial + k)")
            }
            if k == 0 {
                candidates.append(Array(cells[2..<(2 + paths.count)]))
                values.append(Dictionary(uniqueKeysWithValues: metrics.map { ($0, []) }))
            }
            for (m, c) in zip(metrics, columns) { values[point][m]!.append(cells[c]) }
        }
        guard let points = manifest.points, candidates.count == points, rows.count - 1 == points * trials else {
            throw Problem("\(file): expected \(manifest.points ?? 0) points of \(trials) trials")
        }
        return Evaluations(folder: folder, firstTrial: firstTrial, trials: trials, candidates: candidates, values: values)
    }
}

extension SearchDesign {
    /// The measures of candidates from imported sweeps, for the search's goal.
    public final class Supply {
        public let imported: [Evaluations]
        let goal: SearchGoal
        private var used: Set<Int> = []

        public init(imported: [Evaluations], goal: SearchGoal) {
            self.imported = imported
            self.goal = goal
        }

        /// Each candidate's measures on trials `firstTrial..<firstTrial + trials`, when the imported
        /// sweeps evaluated every one of them there; `nil` otherwise.
        public func measures(of candidates: [[Double]], firstTrial: Int, trials: Int) -> [[Double]]? {
            var out: [[Double]] = [], sources: Set<Int> = []
            for candidate in candidates {
                guard let (i, values) = imported.indices.lazy.compactMap({ i in
                    self.imported[i].values(of: candidate, firstTrial: firstTrial, trials: trials).map { (i, $0) }
                }).first else { return nil }
                out.append(goal.measures { values[$0] ?? [] })
                sources.insert(i)
            }
            used.formUnion(sources)
            return out
        }

        /// The imported folders the search took nothing from.
        public var unused: [String] { imported.indices.filter { !used.contains($0) }.map { imported[$0].folder } }
    }

    /// Removes the design folder `path` once the search needs nothing more from it, if it is one
    /// the search wrote and nobody changed (its manifest verifies); says whether it did.
    public static func removeFolder(_ path: String) -> Bool {
        guard let manifest = try? Manifest.verifiedFolder(path, kinds: ["optimise"]),
              manifest.files?.contains(where: { $0.name == sweepFileName }) == true else { return false }
        return (try? FileManager.default.removeItem(atPath: path)) != nil
    }
}
