// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// The shipped optimisation specs parse and validate against the optimise schema, the shipped schema
/// file is current, and the schema rejects what `OptimiseSpec.parse` rejects where a schema can.
@Suite struct OptimiseSchemaTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent("Scenarios/search")
    static let validator = JSONSchemaValidator(root: OptimiseSchema.schema())

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0).path }
    }

    @Test func theShippedSchemaIsCurrentAndUsesOnlyKnownKeywords() throws {
        let shipped = try String(contentsOf: Self.root.appendingPathComponent(OptimiseSchema.fileName), encoding: .utf8)
        #expect(shipped == OptimiseSchema.text(), "run make docs")
        let known = JSONSchemaValidator.annotations.union(JSONSchemaValidator.assertions)
        #expect(JSONSchemaValidator.keywords(in: OptimiseSchema.schema()).subtracting(known).isEmpty)
    }

    @Test(arguments: files) func everyShippedSpecParsesAndValidates(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let spec = try OptimiseSpec.parse(yaml: text, file: path)
        #expect(!spec.levers.isEmpty && !spec.goal.objectives.isEmpty)
        let errors = Self.validator.errors(try JSONValue(yaml: text))
        #expect(errors.isEmpty, "\(path): \(errors.joined(separator: "\n"))")
    }

    static let head = "levers:\n  policy.poc.slots: {low: 0, high: 40}\nobjectives:\n  - minimise: fiscal_cost_total.mean\n"

    @Test(arguments: [
        ("unknown key", head + "trails: 10\n"),
        ("unknown parameter", "levers:\n  policy.poc.slotz: {low: 0, high: 4}\nobjectives:\n  - minimise: fiscal_cost_total.mean\n"),
        ("bad objective", "levers:\n  policy.poc.slots: {low: 0, high: 4}\nobjectives:\n  - minimise: fiscal_cost.mean\n"),
        ("bad constraint", head + "constraints:\n  - P(converted_local >= 1) >= \n"),
        ("bad search key", head + "search: {generation: 3}\n"),
    ])
    func mistakesAreRejectedByBoth(what: String, yaml: String) throws {
        #expect(throws: ScenarioError.self, "\(what)") { try OptimiseSpec.parse(yaml: yaml, file: "x.yaml") }
        #expect(!Self.validator.errors(try JSONValue(yaml: yaml)).isEmpty, "\(what): the schema accepts it")
    }

    @Test func theSpecsHeadIsAccepted() throws {
        _ = try OptimiseSpec.parse(yaml: Self.head, file: "x.yaml")
        #expect(Self.validator.errors(try JSONValue(yaml: Self.head)).isEmpty)
    }
}
