// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// The files of an emitted search design (`optimise --emit-design`).
@Suite struct SearchDesignTests {
    /// The sweep file names the scenario from the design folder: relative when it was given
    /// relative (the same tree checked out on every machine), absolute when absolute.
    @Test(arguments: [
        ("small.yaml", "next", "../small.yaml"),
        ("Scenarios/default.yaml", "work/round/next", "../../../Scenarios/default.yaml"),
        ("work/s.yaml", "work/next/", "../s.yaml"),
        ("./a/../b.yaml", "x", "../b.yaml"),
        ("/srv/s.yaml", "next", "/srv/s.yaml"),
    ])
    func scenarioPathFromTheDesignFolder(file: String, folder: String, expected: String) {
        #expect(SearchDesign.path(of: file, from: folder) == expected)
    }

    /// The design's numbers read back as the same doubles; the sweep file asks for the trials.
    @Test func designAndSweepText() throws {
        let candidates = [[0.1 + 0.2, 17], [1e-7, 3], [123456.789012345678, 0]]
        let csv = SearchDesign.designCSV(paths: ["policy.land.annual_quota_mu", "policy.poc.slots"], candidates: candidates)
        let rows = CSVReader.rows(csv).filter { $0 != [""] }
        #expect(rows.first == ["policy.land.annual_quota_mu", "policy.poc.slots"])
        #expect(rows.dropFirst().map { $0.map { Double($0)! } } == candidates)
        let needed = SearchDesign.Needed(candidates: candidates, firstTrial: 40, trials: 20, step: "The front's re-run on fresh trials")
        let text = SearchDesign.sweepText(needed: needed, scenario: "../a \"b\".yaml", policy: "a+b", seed: 9, spec: "f.yaml")
        let spec = try SweepSpec.parse(yaml: text.replacingOccurrences(of: "design: {csv: design.csv}", with: "design: grid\nparameters: {policy.poc.slots: {values: [1]}}"),
                                       file: "next/sweep.yaml")
        #expect(spec.scenarioPath == "next/../a \"b\".yaml" && spec.policy == "a+b")
        #expect(spec.trials == 20 && spec.firstTrial == 40 && spec.seed == 9 && spec.trialTable == true)
    }
}
