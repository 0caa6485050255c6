// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// Bounded inputs and plans, zero trials, machine-readable JSON and the tool's own revision.
@Suite struct BoundsAndJSONTests {
    /// A grid of five parameters × 100 steps each: 10^10 points.
    static let hugeGrid = """
        scenario: small.yaml
        design: grid
        trials: 10
        parameters:
          policy.income.inventor_share: {range: {low: 0.5, high: 0.9, steps: 100}}
          policy.land.annual_quota_mu: {range: {low: 0, high: 500, steps: 100}}
          region.firms.outflow_probability_no_fit: {range: {low: 0.2, high: 0.6, steps: 100}}
          region.behaviour.intent_elasticity: {range: {low: 0.1, high: 0.9, steps: 100}}
          region.venture.private_availability: {range: {low: 0.1, high: 0.9, steps: 100}}
        """

    @Test func validateOfAnEndlessStreamIsRefusedAtOnce() throws {
        let workspace = try Workspace()
        let start = Date()
        let run = try workspace.run(["validate", "/dev/zero"])
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(run.status == 65)
        #expect(run.stderr == "error: '/dev/zero' is larger than 4 MiB, the limit for a scenario; is it the right file?\n")
    }

    @Test func aTooLargeScenarioOrSweepFileIsRefusedBeforeReading() throws {
        let workspace = try Workspace()
        try workspace.write("big.yaml", "name: x\n" + String(repeating: "# padding\n", count: 450_000))
        let run = try workspace.run(["run", "big.yaml", "--out", "o"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("'big.yaml' is larger than 4 MiB"))
        let sweep = try workspace.run(["sweep", "big.yaml", "--out", "o"])
        #expect(sweep.status == 65)
        #expect(sweep.stderr.contains("'big.yaml' is larger than 4 MiB, the limit for a sweep file"))
        #expect(!workspace.exists("o"))
    }

    @Test func aHugeGridIsRefusedBeforeAnyPointIsMade() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("huge.yaml", Self.hugeGrid)
        let start = Date()
        let run = try workspace.run(["sweep", "huge.yaml", "--out", "o"])
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(run.status == 64)
        #expect(run.stderr == "huge.yaml: error: the sweep has 10,000,000,000 points, more than the limit of 1,000,000; raise it with --max-points if this is intended\n")
        #expect(!workspace.exists("o") && !workspace.exists("o.in-progress"))
    }

    @Test func aPlanOfTooManyTrialRunsNamesItsFlag() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("s.yaml", SweepCommandTests.sweep)
        let run = try workspace.run(["sweep", "s.yaml", "--out", "o", "--max-trial-runs", "20"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("6 points × 4 trials = 24 trial runs, more than the limit of 20; raise it with --max-trial-runs"))
        try workspace.write("spec.yaml", SensitivityCommandTests.small)
        let sensitivity = try workspace.run(["sensitivity", "spec.yaml", "--out", "o", "--max-points", "3"])
        #expect(sensitivity.status == 64)
        #expect(sensitivity.stderr.contains("the sensitivity analysis has 7 points, more than the limit of 3; raise it with --max-points"))
        #expect(!workspace.exists("o"))
    }

    @Test func zeroTrialsIsAUsageErrorEverywhere() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("s.yaml", SweepCommandTests.sweep)
        try workspace.write("spec.yaml", SensitivityCommandTests.small)
        for arguments in [["run", "small.yaml"], ["compare", "small.yaml"], ["sweep", "s.yaml"], ["sensitivity", "spec.yaml"]] {
            let run = try workspace.run(arguments + ["--trials", "0", "--out", "o"])
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.contains("--trials must be at least 1 (got 0)"), "\(arguments): \(run.stderr)")
        }
        try workspace.write("zero.yaml", SweepCommandTests.sweep.replacingOccurrences(of: "trials: 4", with: "trials: 0"))
        let file = try workspace.run(["sweep", "zero.yaml", "--out", "o"])
        #expect(file.status == 65)
        #expect(file.stderr == "zero.yaml:3:9: error: trials must be at least 1, got 0\n")
        #expect(!workspace.exists("o"))
    }

    @Test func sweepJSONSaysWhatItDidAlsoWhenAlreadyFinished() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("s.yaml", SweepCommandTests.sweep)
        func object(_ run: Invocation) throws -> [String: Any] {
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        }
        let first = try object(try workspace.run(["sweep", "s.yaml", "--out", "sw", "--json", "--shard", "1/2"]))
        #expect(first["state"] as? String == "finished")
        #expect(first["points"] as? Int == 3 && first["points_run"] as? Int == 3 && first["resumed_points"] as? Int == 0)
        #expect(first["design_points"] as? Int == 6)
        let again = try object(try workspace.run(["sweep", "s.yaml", "--out", "sw", "--json", "--shard", "1/2", "--resume"]))
        #expect(again["state"] as? String == "finished_already")
        #expect(again["points_run"] as? Int == 0 && again["out"] as? String == "sw")
        #expect(again["sweep_sha256"] as? String == first["sweep_sha256"] as? String)
    }

    @Test func runJSONNamesStatisticsLikeTheCSV() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["run", "small.yaml", "--trials", "6", "--json", "--out", "o"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let metrics = try #require(object["metrics"] as? [String: [String: Any]])
        let disclosed = try #require(metrics["disclosed"])
        #expect(Set(disclosed.keys) == ["n", "mean", "sd", "ci_low", "ci_high", "p05", "p50", "p95"])
        #expect(!run.stdout.contains("ciLow"))
    }

    @Test func jsonWithCheckStaysOneJSONDocument() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario + "targets:\n  - disclosed.mean > 100000\n")
        for command in ["run", "compare"] {
            let run = try workspace.run([command, "small.yaml", "--trials", "3", "--json", "--check", "--out", command])
            #expect(run.status == 1, "\(command): \(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(command)")
            let check = try #require(object["check"] as? [String: Any])
            #expect(check["passed"] as? Bool == false)
            #expect((check["targets"] as? [[String: Any]])?.first?["target"] as? String == "disclosed.mean > 100000")
            #expect(command == "run" ? object["metrics"] != nil : object["rows"] is [[String: Any]])
        }
    }

    @Test func theManifestRecordsTheToolsRevisionNotTheCurrentFolders() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["sh", "-c", "git init -q . && git -c user.email=t@t -c user.name=t commit -q --allow-empty -m x && git rev-parse HEAD"]
        git.currentDirectoryURL = workspace.url
        let output = Pipe()
        git.standardOutput = output
        git.standardError = FileHandle.nullDevice
        try git.run()
        git.waitUntilExit()
        let userRevision = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(git.terminationStatus == 0 && userRevision.count == 40)
        let run = try workspace.run(["run", "small.yaml", "--trials", "4", "--out", "o"])
        #expect(run.status == 0)
        let manifest = try workspace.text("o/manifest.json")
        #expect(!manifest.contains(userRevision))
        // The tests' binary is a plain `swift build`: no revision, and the manifest says why.
        #expect(!manifest.contains("\"git_revision\""))
        #expect(manifest.contains("\"git_revision_note\" : \"not recorded: this binary was built without scripts/with-revision.sh"))
    }

    /// Built from sources outside any git checkout (an unpacked tarball), the script stamps
    /// `outside-git`, not a revision of whatever repository happens to hold the folder.
    @Test func theBuildScriptSaysSoOutsideGit() throws {
        let root = SensitivityCommandTests.packageRoot.path
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("tarball-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        let provenance = copy.appendingPathComponent("Sources/TransferSimIO/Provenance")
        try FileManager.default.createDirectory(at: provenance, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: root + "/scripts/with-revision.sh", toPath: copy.appendingPathComponent("scripts/with-revision.sh").path)
        let file = provenance.appendingPathComponent("BuildRevision.swift").path
        try FileManager.default.copyItem(atPath: root + "/Sources/TransferSimIO/Provenance/BuildRevision.swift", toPath: file)
        let process = Process()
        process.executableURL = copy.appendingPathComponent("scripts/with-revision.sh")
        process.arguments = ["grep", "static let recorded", file]
        process.environment = ["PATH": "/usr/bin:/bin", "GIT_CEILING_DIRECTORIES": copy.deletingLastPathComponent().path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let stamped = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(stamped.contains("recorded = \"outside-git\""), "\(stamped)")
    }

    /// `scripts/with-revision.sh` stamps this checkout's revision for the length of a command and
    /// restores the file after.
    @Test func theBuildScriptStampsAndRestoresTheRevision() throws {
        let root = SensitivityCommandTests.packageRoot.path
        let file = root + "/Sources/TransferSimIO/Provenance/BuildRevision.swift"
        let before = try String(contentsOfFile: file, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: root + "/scripts/with-revision.sh")
        process.arguments = ["grep", "static let recorded", file]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let stamped = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(before.contains("static let recorded = \"unknown\""))
        let isGitCheckout = FileManager.default.fileExists(atPath: root + "/.git")
        if isGitCheckout { #expect(!stamped.contains("\"unknown\""), "\(stamped)") }
        #expect(stamped.range(of: #"recorded = "([0-9a-f]{40}(-dirty)?|outside-git)""#, options: .regularExpression) != nil, "\(stamped)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == before)
    }
}
