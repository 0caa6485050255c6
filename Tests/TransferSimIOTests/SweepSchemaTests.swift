// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// Every shipped sweep file validates against the sweep schema and attaches it, and the schema
/// rejects what `transfersim sweep` rejects before running (for the mistakes a schema can express)
/// and accepts what it accepts.
@Suite struct SweepSchemaTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sweepsFolder = root.appendingPathComponent("Scenarios/sweeps")
    static let validator = JSONSchemaValidator(root: SweepSchema.schema())

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sweepsFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { sweepsFolder.appendingPathComponent($0).path }
    }

    /// What `transfersim sweep` checks before it runs anything: the file, the scenario and policy,
    /// the design's points, and every point's values against the parameters' limits.
    static func sweepAccepts(_ yaml: String, file: String) throws {
        let spec = try SweepSpec.parse(yaml: yaml, file: file)
        let base = try ScenarioSource.file(spec.scenarioPath).load().scenario.resolve(policy: spec.policy)
        let points = try spec.points()
        for point in points { _ = try SweepRunner.parameters(base, paths: spec.parameters.map(\.path), values: point) }
    }

    @Test func thereAreShippedSweeps() {
        #expect(!Self.files.isEmpty)
    }

    @Test func theValidatorKnowsEveryKeywordTheSchemaUses() {
        let known = JSONSchemaValidator.annotations.union(JSONSchemaValidator.assertions)
        #expect(JSONSchemaValidator.keywords(in: SweepSchema.schema()).subtracting(known).isEmpty)
    }

    @Test func everyRefResolvesAndEveryPatternCompiles() throws {
        let text = SweepSchema.text()
        for match in text.matches(of: /"\$ref": "#\/\$defs\/([^"]+)"/) {
            #expect(SweepSchema.schema()["$defs"]?[String(match.1)] != nil, "\(match.1)")
        }
        _ = try NSRegularExpression(pattern: SweepSchema.targetPattern)
    }

    @Test(arguments: files) func everyShippedSweepValidatesAndAttachesTheSchema(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Self.sweepAccepts(text, file: path)
        let errors = Self.validator.errors(try JSONValue(yaml: text))
        #expect(errors.isEmpty, "\(path): \(errors.joined(separator: "\n"))")
        #expect(text.hasPrefix(SweepSchema.modelineForShippedSweeps + "\n"), "\(path)")
    }

    static let head = "scenario: ../default.yaml\n"

    /// Mistakes `transfersim sweep` rejects that the schema rejects too.
    static let invalid: [(String, String)] = [
        ("unknown top-level key", head + "trails: 10\nparameters:\n  policy.income.inventor_share: {values: [0.5]}\n"),
        ("no scenario", "parameters:\n  policy.income.inventor_share: {values: [0.5]}\n"),
        ("no parameters", head + "design: grid\n"),
        ("unknown design", head + "design: random\npoints: 4\nparameters:\n  policy.income.inventor_share: {values: [0.5]}\n"),
        ("non-numeric range", head + "parameters:\n  policy.income.inventor_share: {range: {low: half, high: 0.9}}\n"),
        ("range without high", head + "parameters:\n  policy.income.inventor_share: {range: {low: 0.5}}\n"),
        ("values not numbers", head + "parameters:\n  policy.income.inventor_share: {values: [0.5, lots]}\n"),
        ("empty values", head + "parameters:\n  policy.income.inventor_share: {values: []}\n"),
        ("unknown parameter", head + "parameters:\n  policy.income.inventor_shar: {values: [0.5]}\n"),
        ("parameter given a number", head + "parameters:\n  policy.income.inventor_share: 0.5\n"),
        ("unknown distribution", head + "design: monte_carlo\npoints: 4\nparameters:\n  policy.income.inventor_share: {dist: normal, mean: 0.7, sd: 0.1}\n"),
        ("sampling design without points", head + "design: latin_hypercube\nparameters:\n  policy.income.inventor_share: {values: [0.5]}\n"),
        ("zero points", head + "design: sobol\npoints: 0\nparameters:\n  policy.income.inventor_share: {values: [0.5]}\n"),
        ("distribution in a grid", head + "parameters:\n  policy.income.inventor_share: {dist: uniform, low: 0.5, high: 0.9}\n"),
        ("value outside the limits", head + "parameters:\n  policy.income.inventor_share: {values: [0.5, 1.5]}\n"),
        ("range outside the limits", head + "parameters:\n  policy.land.annual_quota_mu: {range: {low: -10, high: 500}}\n"),
        ("whole number with a fraction", head + "parameters:\n  policy.poc.slots: {values: [2.5]}\n"),
        ("zero trials", head + "trials: 0\nparameters:\n  policy.income.inventor_share: {values: [0.5]}\n"),
        ("design mapping not csv", head + "design: {file: points.csv}\nparameters:\n  policy.income.inventor_share: {values: [0.5]}\n"),
        ("target on a statistic a sweep does not keep", head + "parameters:\n  policy.income.inventor_share: {values: [0.5]}\ntargets: [\"local_conversion_share.sd >= 0\"]\n"),
        ("target naming a policy", head + "parameters:\n  policy.income.inventor_share: {values: [0.5]}\ntargets: [\"baseline/local_conversion_share.mean >= 0\"]\n"),
        ("target without a number", head + "parameters:\n  policy.income.inventor_share: {values: [0.5]}\ntargets: [\"local_conversion_share.mean >= high\"]\n"),
        ("targets not a list", head + "parameters:\n  policy.income.inventor_share: {values: [0.5]}\ntargets: \"local_conversion_share.mean >= 0\"\n"),
        // Once silently accepted by the loader (the seed fell back to the default, the typo was
        // ignored, the fraction truncated); now rejected by both.
        ("seed not a number", head + "seed: abc\nparameters:\n  policy.income.inventor_share: {values: [0.5]}\n"),
        ("typo in a range", head + "parameters:\n  policy.income.inventor_share: {range: {low: 0.5, high: 0.9, step: 5}}\n"),
        ("fractional points", head + "design: sobol\npoints: 2.5\nparameters:\n  policy.income.inventor_share: {values: [0.5]}\n"),
        ("fractional trials", head + "trials: 10.5\nparameters:\n  policy.income.inventor_share: {values: [0.5]}\n"),
        ("unknown key beside values", head + "parameters:\n  policy.income.inventor_share: {values: [0.5], steps: 3}\n"),
    ]

    @Test(arguments: invalid.map(\.0)) func schemaRejectsWhatTheSweepRejects(name: String) throws {
        let yaml = try #require(Self.invalid.first { $0.0 == name }).1
        let file = Self.sweepsFolder.appendingPathComponent("bad.yaml").path
        #expect(throws: (any Error).self, "the sweep accepts \(name)") { try Self.sweepAccepts(yaml, file: file) }
        #expect(!Self.validator.errors(try JSONValue(yaml: yaml)).isEmpty, "the schema accepts \(name)")
    }

    /// Valid sweep files the schema must not reject.
    static let valid: [String] = [
        head + "parameters:\n  policy.income.inventor_share: {values: [0.5, 0.7]}\n",
        head + "policy: land_release\ndesign: grid\ntrials: 5\nseed: 7\nparameters:\n"
            + "  policy.income.inventor_share: {range: {low: 0.5, high: 0.9, steps: 3}}\n"
            + "  policy.approval.one_stop: {values: [0, 1]}\n  policy.empowerment.mode: {values: [0, 2]}\n"
            + "targets:\n  - local_conversion_share.mean >= 0.001\n  - converted_local.p95<1e9\n",
        head + "design: latin_hypercube\npoints: 8\nparameters:\n"
            + "  policy.income.inventor_share: {range: {low: 0.5, high: 0.9}}\n"
            + "  region.arrivals.annual_disclosures: {dist: triangular, low: 650, mode: 800, high: 950}\n"
            + "  policy.land.annual_quota_mu: {dist: uniform, low: 0, high: 500}\n",
        head + "design: sobol\npoints: 4\nparameters:\n  policy.poc.slots: {values: [1, 2, 3]}\n",
    ]

    @Test(arguments: valid) func schemaAcceptsWhatTheSweepAccepts(yaml: String) throws {
        try Self.sweepAccepts(yaml, file: Self.sweepsFolder.appendingPathComponent("ok.yaml").path)
        let errors = Self.validator.errors(try JSONValue(yaml: yaml))
        #expect(errors.isEmpty, "\(errors)")
    }

    /// A CSV design: `parameters` is then a list of the CSV's columns, or left out.
    @Test func csvDesign() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "policy.income.inventor_share,policy.land.annual_quota_mu\n0.5,100\n0.7,200\n"
            .write(to: folder.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
        let scenario = Self.root.appendingPathComponent("Scenarios/default.yaml").path
        let file = folder.appendingPathComponent("sweep.yaml").path
        let top = "scenario: \(scenario)\ndesign: {csv: points.csv}\n"
        for yaml in [top, top + "parameters: [policy.land.annual_quota_mu, policy.income.inventor_share]\n"] {
            try Self.sweepAccepts(yaml, file: file)
            #expect(Self.validator.errors(try JSONValue(yaml: yaml)).isEmpty, "\(yaml)")
        }
        let mapping = top + "parameters:\n  policy.income.inventor_share: {values: [0.5]}\n"
        #expect(throws: ScenarioError.self) { try Self.sweepAccepts(mapping, file: file) }
        #expect(!Self.validator.errors(try JSONValue(yaml: mapping)).isEmpty)
    }
}
