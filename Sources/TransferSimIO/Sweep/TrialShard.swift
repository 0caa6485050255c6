// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// Shards of a `run` or `compare` over trial ranges, on the sweep's shard, journal and merge
/// machinery (`SweepShard`, `SweepSession`, `SweepMerge`), with trials in the place of points.
///
/// `--shard K/N` runs the contiguous trials `⌊(K−1)·T/N⌋ ..< ⌊K·T/N⌋` of a run of `T` trials. A
/// shard's folder holds `trial_data.csv` — one row per trial, `trial` then every value the trial
/// contributes to the tables (`RunResult.trialValues`, of each policy in turn for `compare`), in
/// shortest round-trip form — and, for `run --fund-flows`, its rows of `fund_flows.csv`; its
/// manifest records the run's identity (`sweep_sha256`), the shard and the whole run's trials
/// (`points`). `merge` rebuilds the whole run's per-trial data from the shards and writes every
/// table from it with the same code as an unsharded run, so quantiles and every other statistic
/// over all trials come out byte for byte.
public enum TrialShard {
    /// The per-trial data table of a shard's folder.
    public static let dataFileName = "trial_data.csv"

    /// The trials of `shard` in a run of `total` trials (all of them without a shard).
    public static func trials(_ shard: SweepShard?, of total: Int) -> Range<Int> {
        guard let shard else { return 0..<total }
        return (total * (shard.index - 1) / shard.count)..<(total * shard.index / shard.count)
    }

    /// The identity of a sharded run, recorded in each shard's journal and manifest and checked by
    /// `--resume` and `merge`: the command, the scenario's SHA-256, the policies, the options that
    /// change the files (`--fund-flows`, `--interactions`), the tool's version, the seed and trials.
    public static func hash(command: String, scenarioSHA256: String, policies: [String], options: [String],
                            seed: UInt64, trials: Int) -> String {
        SweepJournal.sweepHash(parts: ["\(command) trials", scenarioSHA256, policies.joined(separator: ","),
                                       options.joined(separator: " "), ToolVersion.current],
                               seed: seed, trials: trials)
    }

    /// The header of `trial_data.csv`: `trial`, then for each policy (prefixed `policy:` when
    /// there are several) the metric names, `yearly.<metric>.<year>`, `funnel.<stage>.<column>`,
    /// the fund columns, `fund_yearly.<index>` and the policy's drawn values (`draw:PATH`, none
    /// without distributions; `draws` gives each policy's).
    public static func header(policies: [String], years: Int, layout: FundLayout, draws: [DrawLayout]) -> String {
        var one = Metric.allCases.map(\.name)
        for year in 1...max(years, 1) where years > 0 {
            one += YearlyMetric.allCases.map { "yearly.\($0.name).\(year)" }
        }
        for stage in FunnelStage.allCases { one += FunnelColumn.allCases.map { "funnel.\(stage.name).\($0.name)" } }
        one += layout.columnNames
        one += (0..<layout.yearlyWidth).map { "fund_yearly.\($0)" }
        let columns = policies.count == 1 ? one + draws[0].names
            : zip(policies, draws).flatMap { policy, drawn in (one + drawn.names).map { "\(policy):\($0)" } }
        return String(CSVWriter(header: ["trial"] + columns).text.dropLast())
    }

    /// The trials' values, `policies` results side by side: trial `t` of `results[p]` is at
    /// `p * width` in the row of `t`.
    public static func rows(_ results: [RunResult]) -> [SweepRunner.PointResult] {
        (0..<(results.first?.trials ?? 0)).map { local in
            SweepRunner.PointResult(point: results[0].firstTrial + local, values: results.flatMap { $0.trialValues(local) })
        }
    }

    /// `trial_data.csv`: the header, then one row per trial in trial order.
    public static func csv(header: String, rows: [SweepRunner.PointResult]) -> String {
        header + "\n" + rows.sorted { $0.point < $1.point }.map(SweepJournal.line).joined()
    }

    /// The whole run's results, one per policy (each with its drawn values `draws[p]`), from a
    /// merged `trial_data.csv` holding trials `0..<trials` in order.
    public static func results(dataCSV: String, years: Int, layout: FundLayout, draws: [DrawLayout])
        throws(SweepMerge.MergeError) -> [RunResult] {
        let widths = draws.map { RunResult.trialWidth(years: years, layout: layout, draws: $0) }
        let total = widths.reduce(0, +)
        var lines = dataCSV.split(separator: "\n")
        lines.removeFirst()
        let count = lines.count
        var accumulators = draws.map {
            RunAccumulator(years: years, firstTrial: 0, fundLayout: layout, drawLayout: $0, reservingTrials: count)
        }
        for (index, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 1 + total, Int(fields[0]) == index else {
                throw SweepMerge.MergeError("\(dataFileName): row \(index + 2) is not trial \(index) with \(total) values")
            }
            var values: [Double] = []
            values.reserveCapacity(total)
            for field in fields.dropFirst() {
                guard let x = field.isEmpty ? .nan : Double(field) else {
                    throw SweepMerge.MergeError("\(dataFileName): row \(index + 2): '\(field)' is not a number")
                }
                values.append(x)
            }
            var start = 0
            for p in accumulators.indices {
                accumulators[p].append(trialValues: Array(values[start..<(start + widths[p])]))
                start += widths[p]
            }
        }
        return accumulators.map { $0.result() }
    }
}

extension TrialShard {
    /// The merge of a run's or comparison's shard folders.
    public struct Merged {
        /// `run` or `compare`: the kind of the merged folder, as an unsharded run writes it.
        public let command: String
        /// The whole run's results, one per policy in the manifest's order.
        public let results: [(policy: String, result: RunResult)]
        /// The options the shards were run with (`--fund-flows`, `--interactions`).
        public let options: [String]
        /// The merged `fund_flows.csv`, when the shards have one.
        public let fundFlowsCSV: String?
        /// The unsharded run's manifest but for its times (the shards' earliest start and latest
        /// end), threads (the first shard's) and command line (the caller's to set).
        public let manifest: Manifest
    }

    /// Whether the folder at `path` looks like a shard of `run` or `compare` (its manifest says
    /// so); `merge` then merges trials rather than sweep points. Nothing is verified here.
    public static func isTrialShard(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: OutputFolder.join(path, OutputFolder.manifestName)),
              let manifest = try? Manifest.decode(from: data) else { return false }
        return manifest.shard != nil && (manifest.command == "run" || manifest.command == "compare")
    }

    /// Merges shard folders of one `run` or `compare` (same run identity, seed, trials, tool
    /// version, …; see `SweepMerge.requireSameOrigin`) holding every trial exactly once, and
    /// rebuilds the whole run's results from their per-trial data.
    public static func merge(folders: [String]) throws(SweepMerge.MergeError) -> Merged {
        let flows = folders.contains { FileManager.default.fileExists(atPath: OutputFolder.join($0, FundTables.flowsFileName)) }
        let merged = try SweepMerge.merge(folders: folders, pointTable: dataFileName,
                                          detailTables: flows ? [FundTables.flowsFileName] : [], kinds: ["run", "compare"])
        var manifest = merged.manifest
        guard let command = manifest.command, let scenario = manifest.scenarioSHA256 else {
            throw SweepMerge.MergeError("'\(folders[0])/\(OutputFolder.manifestName)' is not the manifest of a shard of run or compare")
        }
        let policies = manifest.policy.split(separator: ",").map(String.init)
        guard manifest.sweepSHA256 == hash(command: command, scenarioSHA256: scenario, policies: policies,
                                           options: manifest.options ?? [], seed: manifest.seed, trials: manifest.trials) else {
            throw SweepMerge.MergeError("'\(folders[0])': its manifest does not match its run's identity (sweep_sha256); was it edited?")
        }
        guard let years = Int(manifest.parameters["region.time.horizon_years"]?.value ?? "") else {
            throw SweepMerge.MergeError("'\(folders[0])/\(OutputFolder.manifestName)' has no region.time.horizon_years")
        }
        let columns = policyColumns(header: merged.tables[0], policies: policies)
        let layout = FundLayout(funds: fundIDs(columns[0]), years: years)
        let draws = columns.map { DrawLayout(names: $0.filter { $0.hasPrefix(DrawLayout.prefix) }) }
        guard merged.tables[0].hasPrefix(header(policies: policies, years: years, layout: layout, draws: draws) + "\n") else {
            throw SweepMerge.MergeError("'\(folders[0])/\(dataFileName)' does not have the columns of this version's \(dataFileName)")
        }
        let results = try Self.results(dataCSV: merged.tables[0], years: years, layout: layout, draws: draws)
        manifest.sweepSHA256 = nil
        manifest.points = nil
        manifest.options = nil
        manifest.command = nil
        manifest.files = nil
        return Merged(command: command, results: Array(zip(policies, results)), options: merged.manifest.options ?? [],
                      fundFlowsCSV: flows ? merged.tables[1] : nil,
                      manifest: manifest)
    }

    /// Each policy's columns in a `trial_data.csv` header, without their `policy:` prefix (with
    /// several policies, each one's columns follow the previous one's, prefixed by its name).
    static func policyColumns(header table: String, policies: [String]) -> [[String]] {
        let header = table.prefix { $0 != "\n" }.split(separator: ",").dropFirst().map(String.init)
        guard policies.count > 1 else { return [header] }
        var rest = header[...]
        return policies.map { policy in
            let prefix = policy + ":"
            let own = rest.prefix { $0.hasPrefix(prefix) }
            rest = rest.dropFirst(own.count)
            return own.map { String($0.dropFirst(prefix.count)) }
        }
    }

    /// The funds' ids, in order, from one policy's fund columns (`fund.<id>.<class>.<metric>`) of
    /// a `trial_data.csv` header.
    static func fundIDs(_ columns: [String]) -> [String] {
        var ids: [String] = []
        for column in columns {
            guard column.hasPrefix("fund.") else { continue }
            let id = String(column.dropFirst("fund.".count).split(separator: ".").dropLast(2).joined(separator: "."))
            if ids.last != id { ids.append(id) }
        }
        return ids
    }
}
