// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import TransferSimCore

/// TransferSim's Sobol and Morris estimators against SALib 1.6.0, an independent implementation, on
/// the evaluations of a real run of Scenarios/sensitivity/default-levers.yaml (default scenario,
/// N = 256 × 20 trials; 20 Morris trajectories, 4 levels), fixture made by
/// `scripts/make-salib-fixtures.py`. The designs are rebuilt here from the spec's settings, so the
/// Morris check also pins that the trajectories are those the run evaluated (SALib reads each
/// step's direction from the saved points).
@Suite struct SensitivitySALibTests {
    struct Sobol: Decodable { let y: [Double]; let S1: [Double]; let ST: [Double] }
    struct Morris: Decodable { let y: [Double]; let mu_star: [Double]; let mu: [Double]; let sigma: [Double] }
    struct Fixture: Decodable {
        let salib: String
        let parameters: [String]
        let sobol: [String: Sobol]
        let morris: [String: Morris]
    }

    static let fixture: Fixture? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sensitivity-salib.json")
        return (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(Fixture.self, from: $0) }
    }()

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test func sobolIndicesEqualSALibs() throws {
        let fixture = try #require(Self.fixture)
        let sample = try SaltelliSample(dimensions: fixture.parameters.count, baseSamples: 256, secondOrder: false)
        #expect(fixture.sobol.count == 2)
        for (output, salib) in fixture.sobol {
            let mine = try SobolAnalysis.analyse(salib.y, sample: sample, bootstrap: 0, seed: 1)
            for i in fixture.parameters.indices {
                #expect(Self.close(mine.first[i].estimate, salib.S1[i]), "\(output) S1 \(fixture.parameters[i])")
                #expect(Self.close(mine.total[i].estimate, salib.ST[i]), "\(output) ST \(fixture.parameters[i])")
            }
        }
    }

    @Test func morrisMeasuresEqualSALibs() throws {
        let fixture = try #require(Self.fixture)
        let design = try MorrisDesign(dimensions: fixture.parameters.count, trajectories: 20, levels: 4, seed: 20_260_101)
        #expect(fixture.morris.count == 2)
        for (output, salib) in fixture.morris {
            let mine = try MorrisAnalysis.analyse(salib.y, design: design, bootstrap: 0, seed: 1)
            for i in fixture.parameters.indices {
                #expect(Self.close(mine.muStar[i].estimate, salib.mu_star[i]), "\(output) μ* \(fixture.parameters[i])")
                #expect(Self.close(mine.mu[i].estimate, salib.mu[i]), "\(output) μ \(fixture.parameters[i])")
                #expect(Self.close(mine.sigma[i].estimate, salib.sigma[i]), "\(output) σ \(fixture.parameters[i])")
            }
        }
    }
}
