// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimIO

/// The results-folder contract end to end: a folder is complete or absent, never mixed with an
/// earlier run; readers refuse a truncated, altered or foreign folder with exit 65 naming the
/// file; outputs onto special files, empty paths or the command's own inputs change nothing.
@Suite struct ResultsFolderContractTests {
    /// A workspace with the small scenario and a finished 8-trial run in `out`.
    func workspaceWithARun() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["run", "small.yaml", "--trials", "8", "--out", "out"])
        #expect(run.status == 0, "\(run.stderr)")
        return workspace
    }

    /// The bytes of every file in `folder`, by name.
    func snapshot(_ workspace: Workspace, _ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in workspace.entries(folder) { files[name] = try workspace.data(folder + "/" + name) }
        return files
    }

    @Test func aReusedFolderHoldsOnlyTheLastRun() throws {
        let workspace = try workspaceWithARun()
        let again = try workspace.run(["run", "small.yaml", "--fund-flows", "--trials", "4", "--out", "out"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(workspace.entries("out").contains("fund_flows.csv"))
        let compare = try workspace.run(["compare", "small.yaml", "--trials", "5", "--out", "out"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(workspace.entries("out") == ["compare.csv", "compare_timeseries.csv", "manifest.json", "metrics.csv"])
        // `check` reads the compare, not a stale summary: the baseline's mean is answered from compare.csv.
        let check = try workspace.run(["check", "out", "--expect", "converted_local.p50 >= 0"])
        #expect(check.status == 1, "\(check.stdout)")
        #expect(check.stdout.contains("converted_local.p50 is not in the results"))
        // No hidden sibling is left beside the folder.
        #expect(workspace.entries(".") == ["out", "small.yaml"])
    }

    @Test(arguments: ["summary.csv", "timeseries.csv", "trials.csv", "funnel.csv", "metrics.csv", "manifest.json"])
    func aFailedWriteLeavesThePreviousFolder(failing: String) throws {
        let workspace = try workspaceWithARun()
        let before = try snapshot(workspace, "out")
        let failed = try workspace.run(["run", "small.yaml", "--trials", "5", "--out", "out"],
                                       environment: ["TRANSFERSIM_FAIL_WRITE": failing])
        #expect(failed.status == 74)
        #expect(failed.stderr == "error: cannot write 'out/\(failing)': no space left on device\n")
        #expect(try snapshot(workspace, "out") == before)
        #expect(workspace.entries(".") == ["out", "small.yaml"])
        let fresh = try workspace.run(["run", "small.yaml", "--trials", "5", "--out", "new/run"],
                                      environment: ["TRANSFERSIM_FAIL_WRITE": failing])
        #expect(fresh.status == 74)
        #expect(workspace.entries("new").isEmpty, "a failed first run leaves nothing")
    }

    /// A real full disk: a 160 KiB tmpfs (mounting needs root, as in CI; where the mount is not
    /// allowed the injected failure above still covers the guarantee).
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func aFullDiskLeavesThePreviousFolderOrNothing() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try FileManager.default.createDirectory(atPath: workspace.path("disk"), withIntermediateDirectories: false)
        guard mountTmpfs(at: workspace.path("disk"), size: "160k") else { return }
        defer { unmount(workspace.path("disk")) }
        let small = try workspace.run(["run", "small.yaml", "--trials", "4", "--out", "disk/out"])
        #expect(small.status == 0, "\(small.stderr)")
        let before = try snapshot(workspace, "disk/out")
        let big = try workspace.run(["run", "small.yaml", "--trials", "200", "--fund-flows", "--out", "disk/out"])
        #expect(big.status == 74)
        #expect(big.stderr.contains("no space left on device"), "\(big.stderr)")
        #expect(try snapshot(workspace, "disk/out") == before)
        #expect(workspace.entries("disk") == ["out"])
        let check = try workspace.run(["check", "disk/out"])
        #expect(check.status == 0)
        let fresh = try workspace.run(["run", "small.yaml", "--trials", "200", "--fund-flows", "--out", "disk/new"])
        #expect(fresh.status == 74)
        #expect(workspace.entries("disk") == ["out"])
    }

    /// Mounts a tmpfs of `size` at `path`; whether it worked.
    func mountTmpfs(at path: String, size: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    func unmount(_ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["umount", path]
        try? process.run()
        process.waitUntilExit()
    }

    /// `metrics.csv`, the data dictionary: every metric any table of the folder names, with its
    /// unit, English and Chinese labels, meaning and direction.
    @Test func everyFolderHasTheDataDictionaryOfItsMetrics() throws {
        let workspace = try workspaceWithARun()
        let compare = try workspace.run(["compare", "small.yaml", "--trials", "4", "--out", "cmp"])
        #expect(compare.status == 0, "\(compare.stderr)")
        for folder in ["out", "cmp"] {
            let table = CSVReader.rows(try workspace.text(folder + "/metrics.csv"))
            #expect(table.first == ["metric", "unit", "label_en", "label_zh", "description", "better"])
            let rows = table.dropFirst()
            var dictionary: [String: [String]] = [:]
            for row in rows {
                #expect(row.count == 6, "\(row)")
                guard row.count == 6 else { continue }
                dictionary[row[0]] = row
                #expect(!row[1].isEmpty && !row[2].isEmpty && !row[4].isEmpty, "\(row)")
                #expect(row[3].unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "no Chinese label: \(row)")
                #expect(["higher", "lower", "none"].contains(row[5]), "\(row)")
            }
            #expect(dictionary.count == rows.count, "each metric once")
            var named: [String] = []
            if folder == "out" {
                named += firstColumn(try workspace.lines("out/summary.csv"))
                named += try workspace.lines("out/trials.csv")[0].split(separator: ",").dropFirst().map(String.init)
                named += try workspace.lines("out/timeseries.csv").dropFirst().map { String($0.split(separator: ",")[1]) }
            } else {
                named += try workspace.lines("cmp/compare.csv").dropFirst().map { String($0.split(separator: ",")[1]) }
            }
            for metric in Set(named) { #expect(dictionary[metric] != nil, "\(folder): \(metric) is not in metrics.csv") }
        }
        let out = try workspace.lines("out/metrics.csv")
        #expect(out.contains("local_conversion_share,share,Local conversion share,本地转化率,converted_local / disclosed.,higher"))
        #expect(out.contains { $0.hasPrefix("fiscal_cost_total,万元,Fiscal spending (net),财政支出,") && $0.hasSuffix(",lower") })
    }

    @Test func checkAndReportRefuseATruncatedOrAlteredTableNamingIt() throws {
        let workspace = try workspaceWithARun()
        var lines = try workspace.lines("out/timeseries.csv")
        lines.removeLast(lines.count / 2)
        try workspace.write("out/timeseries.csv", lines.joined(separator: "\n") + "\n")
        for arguments in [["check", "out"], ["report", "out", "--out", "r.html"], ["plot", "out", "funnel", "--svg", "f.svg"]] {
            let refused = try workspace.run(arguments)
            #expect(refused.status == 65, "\(arguments)")
            #expect(refused.stderr.hasPrefix("error: 'out/timeseries.csv' has "), "\(refused.stderr)")
            #expect(refused.stderr.contains("truncated or altered"))
        }
        #expect(!workspace.exists("r.html") && !workspace.exists("f.svg"))

        let other = try workspaceWithARun()
        var summary = try other.text("out/summary.csv")
        summary = summary.replacingOccurrences(of: "disclosed,8,", with: "disclosed,9,")
        try other.write("out/summary.csv", summary)
        let altered = try other.run(["check", "out", "--expect", "disclosed.n >= 0"])
        #expect(altered.status == 65)
        #expect(altered.stderr == "error: 'out/summary.csv' does not match the SHA-256 in its manifest: it was altered\n")
    }

    @Test func mergeRefusesARunFolderAndItsOwnInput() throws {
        let workspace = try workspaceWithARun()
        let wrongKind = try workspace.run(["merge", "out", "--out", "merged"])
        #expect(wrongKind.status == 65)
        #expect(wrongKind.stderr == "error: 'out' holds the results of `run`, not of `sweep` or `merge`\n")
        let before = try snapshot(workspace, "out")
        let ontoInput = try workspace.run(["merge", "out", "other", "--out", "out"])
        #expect(ontoInput.status == 64)
        #expect(ontoInput.stderr.contains("an input of this command"), "\(ontoInput.stderr)")
        #expect(try snapshot(workspace, "out") == before)
        #expect(!workspace.exists("merged"))
    }

    @Test func outputsOntoSpecialFilesEmptyPathsAndForeignFoldersChangeNothing() throws {
        let workspace = try workspaceWithARun()
        #expect(mkfifo(workspace.path("fifo"), 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link"), withDestinationPath: "out")
        try FileManager.default.createDirectory(atPath: workspace.path("notes"), withIntermediateDirectories: false)
        try workspace.write("notes/keep.txt", "")
        for (arguments, status) in [
            (["report", "out", "--out", "/dev/null"], Int32(73)),
            (["report", "out", "--out", "fifo"], 73),
            (["report", "out", "--out", "link"], 73),
            (["report", "out", "--out", "out/summary.csv"], 64),
            (["report", "out", "--out", ""], 64),
            (["plot", "out", "funnel", "--svg", "/dev/null"], 73),
            (["run", "small.yaml", "--trials", "4", "--out", ""], 64),
            (["run", "small.yaml", "--trials", "4", "--out", "."], 64),
            (["run", "small.yaml", "--trials", "4", "--out", "fifo"], 73),
            (["run", "small.yaml", "--trials", "4", "--out", "link"], 73),
            (["run", "small.yaml", "--trials", "4", "--out", "notes"], 73),
        ] {
            let before = try snapshot(workspace, "out")
            let refused = try workspace.run(arguments)
            #expect(refused.status == status, "\(arguments): \(refused.stderr)")
            #expect(refused.stdout.isEmpty)
            #expect(try snapshot(workspace, "out") == before)
        }
        #expect(FileManager.default.fileExists(atPath: "/dev/null"))
        #expect(workspace.entries(".") == ["fifo", "link", "notes", "out", "small.yaml"])
        #expect(workspace.entries("notes") == ["keep.txt"])
    }
}

