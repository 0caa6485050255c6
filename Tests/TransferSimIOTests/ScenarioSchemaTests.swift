// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// The shipped JSON Schema is current, every shipped scenario validates against it, and it rejects
/// what `validate` rejects for the structural mistakes a schema can express.
@Suite struct ScenarioSchemaTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let validator = JSONSchemaValidator(root: ScenarioSchema.schema())

    @Test func committedSchemaIsCurrent() throws {
        let url = Self.root.appendingPathComponent(ScenarioSchema.fileName)
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(
            committed == ScenarioSchema.text(),
            "\(ScenarioSchema.fileName) differs from what the catalogue generates: run \(ScenarioSchema.regenerateCommand)")
        // It is well-formed JSON.
        _ = try JSONSerialization.jsonObject(with: Data(committed.utf8))
    }

    @Test func theValidatorKnowsEveryKeywordTheSchemaUses() {
        let known = JSONSchemaValidator.annotations.union(JSONSchemaValidator.assertions)
        #expect(JSONSchemaValidator.keywords(in: ScenarioSchema.schema()).subtracting(known).isEmpty)
    }

    @Test(arguments: ShippedScenariosTests.files) func everyShippedScenarioValidates(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let errors = Self.validator.errors(try JSONValue(yaml: text))
        #expect(errors.isEmpty, "\(path): \(errors.joined(separator: "\n"))")
    }

    @Test func everyShippedScenarioAttachesTheSchema() throws {
        for path in ShippedScenariosTests.files {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix(ScenarioSchema.modelineForShippedScenarios + "\n"), "\(path)")
        }
    }

    /// Mistakes `validate` rejects that the schema rejects too.
    static let invalid: [(String, String)] = [
        ("unknown key", "policy:\n  income: {inventor_shar: 0.7}\n"),
        ("unknown top-level key", "regoin: {}\n"),
        ("probability 1.5", "policy:\n  income: {inventor_share: 1.5}\n"),
        ("bad choice", "policy:\n  empowerment: {mode: everything}\n"),
        ("flag as text", "policy:\n  approval: {one_stop: \"yes\"}\n"),
        ("whole number with a fraction", "policy:\n  poc: {slots: 2.5}\n"),
        ("new field without a share", "region:\n  fields:\n    marine: {local_fit: 0.3}\n"),
        ("unknown distribution", "region:\n  arrivals:\n    annual_disclosures: {dist: gamma, low: 1, high: 2}\n"),
        ("distribution missing a field", "region:\n  arrivals:\n    annual_disclosures: {dist: uniform, low: 1}\n"),
        ("distribution of a switch", "policy:\n  approval: {one_stop: {dist: uniform, low: 0, high: 1}}\n"),
        ("variant named baseline", "variants:\n  baseline: {policy: {income: {inventor_share: 0.6}}}\n"),
        ("variant setting the region", "variants:\n  v:\n    region: {land: {patience_months: 3}}\n"),
        ("group given a number", "policy:\n  income: 0.7\n"),
    ]

    @Test(arguments: invalid.map(\.0)) func schemaRejectsWhatValidateRejects(name: String) throws {
        let yaml = try #require(Self.invalid.first { $0.0 == name }).1
        #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(yaml: yaml, file: "bad.yaml") }
        #expect(!Self.validator.errors(try JSONValue(yaml: yaml)).isEmpty, "the schema accepts \(name)")
    }

    /// Valid forms the schema must not reject.
    static let valid: [String] = [
        "name: \"x\"\n",
        "region:\n  fields:\n    marine: {share: 0.05, local_fit: 0.2}\n    biomedicine: {local_fit: 0.25}\n",
        "region:\n  arrivals:\n    annual_disclosures: {dist: discrete, values: [500, 800], weights: [1, 2]}\n",
        "policy:\n  empowerment: {mode: long_term_use}\n  approval: {one_stop: true}\nvariants:\n  v:\n    description: d\n    policy:\n      poc: {slots: 3}\n",
        "policy:\n",
    ]

    @Test(arguments: valid) func schemaAcceptsWhatValidateAccepts(yaml: String) throws {
        _ = try ScenarioLoader.parse(yaml: yaml, file: "ok.yaml")
        let errors = Self.validator.errors(try JSONValue(yaml: yaml))
        #expect(errors.isEmpty, "\(errors)")
    }
}
