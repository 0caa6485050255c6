// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore

/// `transfersim validate`, `transfersim params`, `--version` and `--help`.
@Suite struct ValidateAndParamsTests {
    static let bad = "name: \"x\"\nregion: [unclosed\n"

    @Test func validateReportsEachValidFile() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("empty-policy.yaml", "name: \"e\"\n")
        let run = try workspace.run(["validate", "small.yaml", "empty-policy.yaml"])
        #expect(run.status == 0)
        #expect(
            run.stdout
                == "small.yaml: ok (scenario: 3 parameters set, 1 variant)\nempty-policy.yaml: ok (scenario: 0 parameters set, 0 variants)\n"
        )
        #expect(run.stderr.isEmpty)
    }

    @Test func validateExits65WhenAFileIsInvalid() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("bad.yaml", Self.bad)
        let run = try workspace.run(["validate", "bad.yaml", "small.yaml"])
        #expect(run.status == 65)
        #expect(run.stdout == "small.yaml: ok (scenario: 3 parameters set, 1 variant)\n")
        #expect(run.stderr.hasPrefix("bad.yaml:3:1: error: invalid YAML: "))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func validateExits66WhenAFileIsMissingEvenIfAnotherIsInvalid() throws {
        let workspace = try Workspace()
        try workspace.write("bad.yaml", Self.bad)
        let run = try workspace.run(["validate", "bad.yaml", "nope.yaml"])
        #expect(run.status == 66)
        #expect(run.stderr.contains("error: cannot read 'nope.yaml': no such file\n"))
        #expect(run.stderr.contains("bad.yaml:3:1: error: "))
    }

    @Test func validateWithoutFilesIsAUsageError() throws {
        let run = try Workspace().run(["validate"])
        #expect(run.status == 64)
    }

    @Test func paramsListsEveryParameterWithValueUnitAndOrigin() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["params", "small.yaml"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.first == ["path", "value", "unit", "origin"])
        #expect(lines.count == ParameterCatalogue.standard.specs.count + 1)
        #expect(lines.dropFirst().map { $0.first } == ParameterCatalogue.standard.specs.map(\.path))
        #expect(
            lines.contains(["region.arrivals.annual_disclosures", "60", "results", "per", "year", "small.yaml:7:25"]))
        #expect(lines.contains { $0.first == "policy.income.inventor_share" && $0.last == "default" })
    }

    /// Every parameter of the catalogue — including those of a field and a fund a scenario adds —
    /// has a Chinese label in `params --lang zh`: its line holds the label beside the path, and no
    /// line holds the placeholder for a missing one. A parameter added without a label fails here.
    @Test func paramsInChineseLabelsEveryParameter() throws {
        let workspace = try Workspace()
        try workspace.write(
            "added.yaml",
            """
            name: added
            region:
              fields:
                quantum: {share: 0.1}
            policy:
              funds:
                angel: {government_commitment: 1000}
            """)
        for arguments in [["params", "--lang", "zh"], ["params", "added.yaml", "--lang", "zh"]] {
            let run = try workspace.run(arguments)
            #expect(run.status == 0, "\(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("参数名称") == true)
            #expect(!run.stdout.contains("缺中文名称"), "parameters without a Chinese label")
            let catalogue = arguments.count == 4 ? ParameterCatalogue(extraFields: ["quantum"], extraFunds: ["angel"]) : .standard
            #expect(lines.count == catalogue.specs.count + 1)
            for spec in catalogue.specs {
                let label = ParameterLabels.chinese(spec.path)
                #expect(label?.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } == true,
                        "\(spec.path) has no Chinese label")
                guard let label else { continue }
                #expect(lines.contains { $0.hasPrefix(label) && $0.contains(" \(spec.path) ") }, "\(spec.path)")
            }
        }
        let zhUnits = try workspace.run(["params", "--lang", "zh"]).stdout
        #expect(zhUnits.contains("模拟年限") && zhUnits.contains("政府出资认缴额") && zhUnits.contains(" 默认"))
        let wrong = try workspace.run(["params", "--lang", "fr"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--lang must be en or zh"))
    }

    @Test func paramsResolvesAVariant() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["params", "small.yaml", "--policy", "generous"])
        #expect(run.status == 0, "\(run.stderr)")
        let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("policy.income.inventor_share ") }
        #expect(
            line?.split(separator: " ").map(String.init) == ["policy.income.inventor_share", "0.7", "small.yaml:12:32"])
    }

    @Test func paramsMarkdownHasMeaningAndSource() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        let run = try workspace.run(["params", "small.yaml", "--markdown"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "# Parameters")
        #expect(lines.contains("| Parameter | 中文名称 | Value | Unit | Origin | Meaning | Source |"))
        let spec = try #require(ParameterCatalogue.standard.spec(for: "region.time.horizon_years"))
        #expect(
            lines.contains(
                "| `region.time.horizon_years` | 模拟年限 | 3 | years | small.yaml:4:20 | \(spec.meaning) | \(spec.source) |"))
        #expect(lines.filter { $0.hasPrefix("| `") }.count == ParameterCatalogue.standard.specs.count)
    }

    @Test func paramsWithoutAFileShowsTheBundledDefault() throws {
        let run = try Workspace().run(["params"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("path "))
    }

    @Test func paramsRejectsAnUnknownPolicy() throws {
        let run = try Workspace().run(["params", "--policy", "nope"])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("error: unknown policy 'nope'"))
    }

    @Test func versionIsPrinted() throws {
        let run = try Workspace().run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "0.1.0\n")
    }

    @Test(arguments: [["--help"], ["run", "--help"], ["validate", "--help"], ["params", "--help"]])
    func helpExplainsEachCommand(arguments: [String]) throws {
        let run = try Workspace().run(arguments)
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: transfersim"))
        if arguments.first == "run" {
            for text in ["(default: 1000)", "(default: 20260101)", "active", "(default: out)", "万元"] {
                #expect(run.stdout.contains(text), "\(text)")
            }
        }
    }
}

/// `transfersim params --reference` prints the committed parameter reference.
@Suite struct ParamsReferenceTests {
    @Test func referenceEqualsTheCommittedDocument() throws {
        let run = try Workspace().run(["params", "--reference"])
        #expect(run.status == 0, "\(run.stderr)")
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/parameters.md")
        #expect(run.stdout == (try String(contentsOf: file, encoding: .utf8)), "run `make docs`")
    }

    @Test func referenceRefusesAPolicy() throws {
        let run = try Workspace().run(["params", "--reference", "--policy", "x"])
        #expect(run.status == 64)
    }
}
