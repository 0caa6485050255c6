// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// The built-in lever steps (`LeverCatalogue.defaults`) and `Scenarios/levers/default-levers.yaml`
/// state the same steps, and a scenario's `levers:` section is read like its variants.
@Suite struct LeverStepsFileTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/levers/default-levers.yaml")

    @Test func defaultLeversFileMatchesTheBuiltInCatalogue() throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        let read = try scenario("name: levers\n" + text.replacingOccurrences(of: "\nvariants:", with: "\nlevers:"))
        let steps = read.levers.map(LeverStep.init)
        #expect(steps.map(\.name) == LeverCatalogue.defaults.map(\.name))
        for (fromFile, builtIn) in zip(steps, LeverCatalogue.defaults) {
            // The same step; the file's also says where each setting is written.
            #expect((fromFile.name, fromFile.step, fromFile.expectation, fromFile.settings)
                        == (builtIn.name, builtIn.step, builtIn.expectation, builtIn.settings), "\(builtIn.name)")
            #expect(builtIn.origins.isEmpty)
            #expect(Set(fromFile.origins.keys) == Set(fromFile.settings.keys), "\(builtIn.name)")
        }
    }

    /// Every built-in step has a Chinese name for the ranked table, and no name is left over.
    @Test func everyBuiltInStepHasAChineseLabel() {
        #expect(Set(LeversTable.chineseLabels.keys) == Set(LeverCatalogue.defaults.map(\.name)))
    }

    @Test func leversSectionErrorsAreLocated() {
        let errors = scenarioErrors("""
            name: s
            levers:
              more_land:
                policy: {land: {annual_quota_muu: 400}}
            """)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("s.yaml:4:") == true, "\(errors)")
    }
}
