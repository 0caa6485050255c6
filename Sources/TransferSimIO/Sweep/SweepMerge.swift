// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// Which share of a sweep's points a run evaluates: `--shard K/N` takes the points `p` with
/// `p mod N == K − 1` (1 ≤ K ≤ N), so N shards together take every point exactly once.
public struct SweepShard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// Reads `K/N`; the message says what is wrong.
    public static func parse(_ text: String) throws(SweepJournal.JournalError) -> SweepShard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw .init("'\(text)' is not a shard: write K/N, e.g. 2/8 for the second of eight shards", exitCode: 64)
        }
        guard n >= 1, k >= 1, k <= n else {
            throw .init("'\(text)': the shard number K must be between 1 and N (here N = \(n))", exitCode: 64)
        }
        return SweepShard(index: k, count: n)
    }

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Whether point `p` belongs to this shard.
    public func contains(_ p: Int) -> Bool { p % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}

/// `transfersim merge`: combines the output folders of a sweep's shards into the files an
/// unsharded run writes, byte for byte.
public enum SweepMerge {
    /// The merged files.
    public struct Merged: Sendable {
        public let sweepCSV: String
        public let longCSV: String
        /// `sweep_trials.csv`, when the sweep keeps its trials.
        public let trialsCSV: String?
        public let manifest: Manifest
    }

    /// Why folders cannot be merged. `exitCode` is 66 when a folder or file is missing, else 65.
    public typealias MergeError = SweepJournal.JournalError

    /// Merges the folders: they must hold the same sweep (same sweep hash and seed) and together
    /// every point exactly once.
    /// When the sweep keeps its trials (the first folder has `sweep_trials.csv`), every shard must
    /// have its own, and the merged one holds every point's trials.
    public static func merge(folders: [String]) throws(MergeError) -> Merged {
        let trials = folders.first.map { FileManager.default.fileExists(atPath: join($0, SweepTable.trialsFileName)) } ?? false
        let merged = try merge(folders: folders, pointTable: SweepTable.fileName,
                               detailTables: [SweepTable.longFileName] + (trials ? [SweepTable.trialsFileName] : []))
        return Merged(sweepCSV: merged.tables[0], longCSV: merged.tables[1], trialsCSV: trials ? merged.tables[2] : nil,
                      manifest: merged.manifest)
    }

    /// Merges the tables of shard folders (of `sweep` or `sensitivity`): `pointTable` has one row
    /// per point, each `detailTables` any number of rows per point; every row starts with its
    /// point number. The folders' manifests must name the same design (hash, seed, points), and
    /// the folders together hold every point exactly once. The merged tables come in the order
    /// `[pointTable] + detailTables`, rows sorted by point, as an unsharded run writes them.
    public static func merge(folders: [String], pointTable: String, detailTables: [String], kinds given: [String]? = nil)
        throws(MergeError) -> (tables: [String], manifest: Manifest) {
        guard !folders.isEmpty else { throw MergeError("nothing to merge: name the shards' output folders", exitCode: 64) }
        var manifests: [Manifest] = []
        let kinds = given ?? (pointTable == SweepTable.fileName ? ["sweep", "merge"] : ["sensitivity"])
        for folder in folders {
            // Each shard must be exactly what its manifest lists, and a sweep's (or an analysis's).
            let manifest: Manifest
            do {
                manifest = try Manifest.verifiedFolder(folder, kinds: kinds)
            } catch {
                throw MergeError(String(error.description.dropFirst("error: ".count)), exitCode: error.exitCode)
            }
            guard manifest.sweepSHA256 != nil, manifest.points != nil else {
                throw MergeError("'\(folder)/\(OutputFolder.manifestName)' is not the manifest of a sweep")
            }
            manifests.append(manifest)
        }
        try requireSameOrigin(folders, manifests)
        let total = manifests[0].points!
        var header: String?
        var rows: [Int: String] = [:]
        var owner: [Int: String] = [:]
        for folder in folders {
            let (h, lines) = try table(folder, pointTable)
            if header == nil { header = h } else if header != h {
                throw MergeError("'\(folder)/\(pointTable)' has other columns than '\(folders[0])/\(pointTable)'")
            }
            for line in lines {
                let point = try pointOf(line, folder, pointTable)
                if let first = owner[point] {
                    throw MergeError("point \(point) is in both '\(first)' and '\(folder)': a shard was given twice, or shards overlap")
                }
                owner[point] = folder
                rows[point] = String(line)
            }
        }
        let missing = (0..<total).filter { rows[$0] == nil }
        if !missing.isEmpty {
            let shown = missing.prefix(10).map(String.init).joined(separator: ", ")
            throw MergeError("\(missing.count) of \(total) points are missing (\(shown)\(missing.count > 10 ? ", …" : "")): is a shard's folder left out?")
        }
        if let extra = rows.keys.first(where: { $0 >= total }) {
            throw MergeError("point \(extra) is beyond the sweep's \(total) points")
        }
        var tables = [header! + "\n" + (0..<total).map { rows[$0]! + "\n" }.joined()]
        for name in detailTables {
            var detailHeader: String?
            var detailRows: [Int: [Substring]] = [:]
            for folder in folders {
                let (h, lines) = try table(folder, name)
                if detailHeader == nil { detailHeader = h } else if detailHeader != h {
                    throw MergeError("'\(folder)/\(name)' has other columns than '\(folders[0])/\(name)'")
                }
                for line in lines {
                    let point = try pointOf(line, folder, name)
                    guard owner[point] == folder else {
                        throw MergeError("'\(folder)/\(name)' holds point \(point), which its \(pointTable) does not")
                    }
                    detailRows[point, default: []].append(line)
                }
            }
            tables.append(detailHeader! + "\n" + (0..<total).flatMap { detailRows[$0] ?? [] }.map { $0 + "\n" }.joined())
        }
        var manifest = manifests[0]
        manifest.shard = nil
        manifest.startTime = manifests.map(\.startTime).min()!
        manifest.endTime = manifests.map(\.endTime).max()!
        return (tables, manifest)
    }

    /// What shards of one sweep or run must share, in the order checked, with how a difference is
    /// named: the first one found is reported with both folders' values.
    static let sameOrigin: [(label: String, value: @Sendable (Manifest) -> String)] = [
        ("commands", { $0.command == "merge" ? "sweep" : $0.command ?? "unknown" }),
        ("tool versions", { $0.toolVersion }),
        ("scenarios (SHA-256)", { $0.scenarioSHA256.map { String($0.prefix(12)) } ?? "the bundled default" }),
        ("policies", { $0.policy }),
        ("seeds", { "seed \($0.seed)" }),
        ("trial counts", { "\($0.trials) trials" }),
        ("options", { ($0.options ?? []).isEmpty ? "none" : $0.options!.joined(separator: " ") }),
        ("sweeps (the sweep file, scenario or trials differ)", { "sweep \($0.sweepSHA256.map { String($0.prefix(12)) } ?? "none")" }),
        ("designs", { "\($0.points ?? 0) points" }),
    ]

    /// Throws naming the first field of `sameOrigin` in which a folder differs from the first.
    static func requireSameOrigin(_ folders: [String], _ manifests: [Manifest]) throws(MergeError) {
        for (label, value) in sameOrigin {
            let first = value(manifests[0])
            if let other = manifests.indices.first(where: { value(manifests[$0]) != first }) {
                throw MergeError("the shards come from different \(label): '\(folders[0])' has \(first), '\(folders[other])' has \(value(manifests[other]))")
            }
        }
    }

    private static func table(_ folder: String, _ name: String) throws(MergeError) -> (String, [Substring]) {
        guard let data = FileManager.default.contents(atPath: join(folder, name)) else {
            throw MergeError("'\(folder)' holds no \(name)", exitCode: 66)
        }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines.last == "" else { throw MergeError("'\(folder)/\(name)' is not a complete table") }
        lines.removeLast()
        let header = String(lines.removeFirst())
        return (header, lines)
    }

    private static func pointOf(_ line: Substring, _ folder: String, _ name: String) throws(MergeError) -> Int {
        guard let point = Int(line.prefix { $0 != "," }), point >= 0 else {
            throw MergeError("'\(folder)/\(name)': a row does not start with a point number")
        }
        return point
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
