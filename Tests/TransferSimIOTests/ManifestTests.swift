// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// The provenance manifest: its JSON form and reading it back.
@Suite struct ManifestTests {
    private func example() throws -> Manifest {
        let s = try ScenarioLoader.parse(yaml: ScenarioLoaderTests.example, file: "Scenarios/city.yaml")
        let resolved = try s.resolve(policy: "land_release")
        return Manifest(toolVersion: "0.1.0", gitRevision: "abc1234", scenarioName: s.name,
                        scenarioFile: "Scenarios/city.yaml", scenarioSHA256: SHA256.hex(of: Array(ScenarioLoaderTests.example.utf8)),
                        policy: resolved.policyName, seed: UInt64.max, trials: 10_000, threads: 2,
                        startTime: Date(timeIntervalSince1970: 1_700_000_000),
                        endTime: Date(timeIntervalSince1970: 1_700_000_065.75),
                        commandLine: ["transfersim", "run", "Scenarios/city.yaml", "--policy", "land_release"],
                        parameters: Manifest.parameters(of: resolved))
    }

    @Test func recordsTheRun() throws {
        let manifest = try example()
        #expect(manifest.tool == "transfersim")
        #expect(manifest.gslVersion == gslVersion)
        #expect(manifest.startTime == "2023-11-14T22:13:20Z")
        #expect(manifest.endTime == "2023-11-14T22:14:25Z")
        #expect(manifest.policy == "land_release")
        #expect(manifest.parameters["policy.income.inventor_share"]
            == Manifest.Parameter(value: "0.8", origin: "Scenarios/city.yaml:21:32"))
        #expect(manifest.parameters["policy.empowerment.mode"]?.value == "full_ownership")
        #expect(manifest.parameters["policy.approval.single_list"]?.value == "true")
        #expect(manifest.parameters["region.arrivals.annual_disclosures"]?.value == "triangular(low 600, mode 800, high 1000)")
        #expect(manifest.parameters["region.fields.agriculture.share"]?.origin == "default")
        #expect(manifest.parameters["region.fields.marine.share"]?.value == "0.05")
        #expect(manifest.parameters.count == ParameterCatalogue(extraFields: ["marine"]).specs.count)
    }

    @Test func roundTripsThroughJSON() throws {
        let manifest = try example()
        let data = try manifest.jsonData()
        #expect(try Manifest.decode(from: data) == manifest)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"seed\" : 18446744073709551615"))
        #expect(text.contains("\"scenario_file\" : \"Scenarios/city.yaml\""))
        // Keys are sorted, so the output is stable.
        let keys = ["command_line", "end_time", "git_revision", "gsl_version", "parameters", "policy",
                    "scenario_file", "scenario_name", "scenario_sha256", "seed", "start_time", "threads",
                    "tool", "tool_version", "trials"]
        let positions = keys.compactMap { text.range(of: "\n  \"\($0)\" :")?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
    }

    @Test func optionalFieldsMayBeAbsent() throws {
        var manifest = try example()
        manifest.gitRevision = nil
        manifest.scenarioFile = nil
        manifest.scenarioSHA256 = nil
        let data = try manifest.jsonData()
        #expect(try Manifest.decode(from: data) == manifest)
        #expect(!String(decoding: data, as: UTF8.self).contains("git_revision"))
    }

    @Test func outputFolderWritesTheManifestLast() throws {
        let temporary = try TemporaryFolder()
        var folder = OutputFolder(path: temporary.path + "/run", command: "run")
        try folder.add(manifest: try example())
        folder.add(file: "summary.csv", contents: "a\n")
        #expect(folder.fileNames == ["summary.csv", "manifest.json"])
        try folder.commit()
        let data = try Data(contentsOf: URL(fileURLWithPath: temporary.path + "/run/manifest.json"))
        var expected = try example()
        expected.command = "run"
        expected.files = [Manifest.File(name: "summary.csv", size: 2, sha256: SHA256.hex(of: Array("a\n".utf8)))]
        #expect(try Manifest.decode(from: data) == expected)
    }

    @Test func jsonOutputHelpers() throws {
        struct Summary: Encodable { let mean: Double?; let label: String }
        let text = try JSONOutput.string(Summary(mean: JSONOutput.finite(.nan), label: "a/b"))
        #expect(text == "{\n  \"label\" : \"a/b\"\n}\n")
        #expect(JSONOutput.finite(2.5) == 2.5)
    }

    /// A manifest without a revision says why: not recorded by a plain `swift build`, or none for
    /// sources outside git; a recorded revision needs no note.
    @Test func revisionNotes() {
        let sha = String(repeating: "a", count: 40)
        #expect(GitRevision.note(for: sha) == nil)
        #expect(GitRevision.note(for: sha + "-dirty") == nil)
        #expect(GitRevision.note(for: "outside-git")?.hasPrefix("none: this binary was built from sources outside a git checkout") == true)
        #expect(GitRevision.note(for: "unknown")?.hasPrefix("not recorded:") == true)
    }
}
