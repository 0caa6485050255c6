// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// Every shipped sensitivity spec validates against the sensitivity schema and attaches it, and
/// the schema rejects what `transfersim sensitivity` rejects before running (for the mistakes a
/// schema can express) and accepts what it accepts.
@Suite struct SensitivitySchemaTests {
    static let folder = SweepSchemaTests.root.appendingPathComponent("Scenarios/sensitivity")
    static let validator = JSONSchemaValidator(root: SensitivitySchema.schema())

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0).path }
    }

    /// What `transfersim sensitivity` checks before it runs anything: the spec, the scenario and
    /// policy, each parameter's ends against its limits, and the method's plan.
    static func analysisAccepts(_ yaml: String, file: String) throws {
        let spec = try SensitivitySpec.parse(yaml: yaml, file: file)
        let base = try ScenarioSource.file(spec.scenarioPath).load().scenario.resolve(policy: spec.policy)
        for parameter in spec.parameters {
            let ends = SensitivityPlan.ends(of: parameter)
            _ = try SweepRunner.parameters(base, paths: [parameter.path, parameter.path], values: [ends.low, ends.high])
        }
        _ = try SensitivityPlan(method: spec.method, parameters: spec.parameters, base: base, sobolN: spec.sobolN,
                                secondOrder: spec.secondOrder, trajectories: spec.trajectories, levels: spec.levels,
                                seed: spec.seed)
    }

    @Test func thereAreShippedSpecs() {
        #expect(!Self.files.isEmpty)
    }

    @Test func theValidatorKnowsEveryKeywordTheSchemaUses() {
        let known = JSONSchemaValidator.annotations.union(JSONSchemaValidator.assertions)
        #expect(JSONSchemaValidator.keywords(in: SensitivitySchema.schema()).subtracting(known).isEmpty)
    }

    @Test(arguments: files) func everyShippedSpecValidatesAndAttachesTheSchema(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Self.analysisAccepts(text, file: path)
        let errors = Self.validator.errors(try JSONValue(yaml: text))
        #expect(errors.isEmpty, "\(path): \(errors.joined(separator: "\n"))")
        #expect(text.hasPrefix(SensitivitySchema.modelineForShippedSpecs + "\n"), "\(path)")
    }

    static let head = "scenario: ../default.yaml\noutputs: [local_conversion_share]\n"
    static let one = "parameters:\n  policy.income.inventor_share: {range: {low: 0.5, high: 0.9}}\n"

    /// Mistakes `transfersim sensitivity` rejects that the schema rejects too.
    static let invalid: [(String, String)] = [
        ("unknown top-level key", head + one + "metod: morris\n"),
        ("unknown method", head + one + "method: fast\n"),
        ("no outputs", "scenario: ../default.yaml\n" + one),
        ("unknown output", "scenario: ../default.yaml\noutputs: [local_share]\n" + one),
        ("output listed twice", "scenario: ../default.yaml\noutputs: [disclosed, disclosed]\n" + one),
        ("no parameters", head),
        ("empty parameters", head + "parameters: {}\n"),
        ("non-numeric range", head + "parameters:\n  policy.income.inventor_share: {range: {low: half, high: 0.9}}\n"),
        ("unknown parameter", head + "parameters:\n  policy.income.inventor_shar: {range: {low: 0.5, high: 0.9}}\n"),
        ("range outside the limits", head + "parameters:\n  policy.income.inventor_share: {range: {low: 0.5, high: 1.2}}\n"),
        ("zero trials", head + one + "trials: 0\n"),
        ("negative seed", head + one + "seed: -1\n"),
        ("unknown sobol setting", head + one + "sobol: {n: 64, order: 2}\n"),
        ("sobol n of 1", head + one + "sobol: {n: 1}\n"),
        ("second_order not a switch", head + one + "sobol: {second_order: maybe}\n"),
        ("odd morris levels", head + one + "method: morris\nmorris: {levels: 5}\n"),
        ("one trajectory", head + one + "method: morris\nmorris: {trajectories: 1}\n"),
        ("negative bootstrap", head + one + "morris: {bootstrap: -1}\n"),
        ("too many parameters for sobol", head + "parameters:\n"
            + ParameterCatalogue.standard.specs.filter { if case .probability = $0.kind { return true }; return false }
                .prefix(SaltelliSample.maximumDimensions + 1)
                .map { "  \($0.path): {range: {low: 0, high: 1}}\n" }.joined()),
    ]

    @Test(arguments: invalid.map(\.0)) func schemaRejectsWhatTheAnalysisRejects(name: String) throws {
        let yaml = try #require(Self.invalid.first { $0.0 == name }).1
        let file = Self.folder.appendingPathComponent("bad.yaml").path
        #expect(throws: (any Error).self, "the analysis accepts \(name)") { try Self.analysisAccepts(yaml, file: file) }
        #expect(!Self.validator.errors(try JSONValue(yaml: yaml)).isEmpty, "the schema accepts \(name)")
    }

    /// Valid specs the schema must not reject.
    static let valid: [String] = [
        head + one,
        head + "method: morris\ntrials: 2\nseed: 1\nparameters:\n  policy.poc.slots: {values: [1, 2, 4]}\n"
            + "  region.arrivals.annual_disclosures: {dist: triangular, low: 650, mode: 800, high: 950}\n"
            + "morris: {trajectories: 4, levels: 6, bootstrap: 0}\nsobol: {n: 8, second_order: true}\n",
        head + "method: oat\npolicy: land_release\nparameters:\n  policy.land.annual_quota_mu: {dist: uniform, low: 0, high: 500}\n",
    ]

    @Test(arguments: valid) func schemaAcceptsWhatTheAnalysisAccepts(yaml: String) throws {
        try Self.analysisAccepts(yaml, file: Self.folder.appendingPathComponent("ok.yaml").path)
        let errors = Self.validator.errors(try JSONValue(yaml: yaml))
        #expect(errors.isEmpty, "\(errors)")
    }
}
