// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// Generated files committed to the repository equal what the code generates now.
@Suite struct GeneratedDocsTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func parameterReferenceIsCurrent() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent("docs/parameters.md"), encoding: .utf8)
        let generated = ParameterReference.markdown()
        #expect(
            committed == generated,
            "docs/parameters.md differs from what the parameter catalogue generates: run \(ParameterReference.regenerateCommand)")
    }

    @Test func sweepSchemaIsCurrent() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent(SweepSchema.fileName), encoding: .utf8)
        #expect(
            committed == SweepSchema.text(),
            "\(SweepSchema.fileName) differs from what the code generates: run \(SweepSchema.regenerateCommand)")
        _ = try JSONSerialization.jsonObject(with: Data(committed.utf8))
    }

    @Test func sensitivitySchemaIsCurrent() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent(SensitivitySchema.fileName), encoding: .utf8)
        #expect(
            committed == SensitivitySchema.text(),
            "\(SensitivitySchema.fileName) differs from what the code generates: run \(SensitivitySchema.regenerateCommand)")
        _ = try JSONSerialization.jsonObject(with: Data(committed.utf8))
    }

    @Test func parameterReferenceListsEveryParameterOnce() {
        let text = ParameterReference.markdown()
        for spec in ParameterCatalogue.standard.specs {
            #expect(text.components(separatedBy: "| `\(spec.path)` |").count == 2, "\(spec.path)")
        }
        #expect(text.contains("a probability in [0, 1]"))
    }
}
