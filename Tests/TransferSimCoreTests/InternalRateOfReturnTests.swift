// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
@testable import TransferSimCore

/// IRR against analytic cases and against pyxirr, an independent implementation, on the fixture
/// series made by `scripts/make-irr-fixtures.py` (fund-like flows with one sign change, including
/// late large inflows, long runs of zeros, IRR near zero and IRR below −50 % a year).
@Suite("Internal rate of return")
struct InternalRateOfReturnTests {
    struct Case: Decodable {
        let kind: String
        let flows: [Double]
        let irr: Double
        let days: [Double]
        let amounts: [Double]
        let xirr: Double
    }
    struct Fixture: Decodable { let cases: [Case] }

    static let fixture: Fixture? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/irr-pyxirr.json")
        return (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(Fixture.self, from: $0) }
    }()

    @Test func agreesWithPyxirrOnTheFixtureSeries() throws {
        let cases = try #require(Self.fixture?.cases)
        #expect(cases.count >= 200)
        #expect(cases.contains { pow(1 + $0.irr, 12) - 1 < -0.5 })   // the awkward kinds are there
        #expect(cases.contains { abs($0.irr) < 1e-4 })
        for c in cases {
            let irr = try #require(InternalRateOfReturn.periodic(c.flows), "\(c.kind): no IRR")
            #expect(abs(irr - c.irr) <= 1e-6, "\(c.kind) IRR \(irr) vs pyxirr \(c.irr)")
            let xirr = try #require(InternalRateOfReturn.dated(amounts: c.amounts, days: c.days), "\(c.kind): no XIRR")
            #expect(abs(xirr - c.xirr) <= 1e-6 * max(1, abs(c.xirr)), "\(c.kind) XIRR \(xirr) vs pyxirr \(c.xirr)")
        }
    }

    /// −100 now, +110 a period later: r = 10 % exactly; annualised monthly: 1.1^12 − 1.
    @Test func analyticCases() throws {
        let r = try #require(InternalRateOfReturn.periodic([-100, 110]))
        #expect(abs(r - 0.1) < 1e-12)
        let annual = try #require(InternalRateOfReturn.annual(monthlyFlows: [-100, 110]))
        #expect(abs(annual - (pow(1.1, 12) - 1)) < 1e-10)
        // A year of 365 days: XIRR is the simple annual return; a loss of 60 % gives −60 %.
        #expect(abs((InternalRateOfReturn.dated(amounts: [-100, 140], days: [0, 365]) ?? .nan) - 0.4) < 1e-12)
        #expect(abs((InternalRateOfReturn.dated(amounts: [-100, 40], days: [0, 365]) ?? .nan) + 0.6) < 1e-12)
        // Break-even after long zero runs: IRR 0.
        #expect(abs((InternalRateOfReturn.periodic([-50, 0, 0, 0, 0, 0, 0, 0, 50]) ?? .nan)) < 1e-12)
    }

    /// No sign change: undefined, never a silent zero or NaN.
    @Test func undefinedWithoutASignChange() {
        #expect(InternalRateOfReturn.periodic([]) == nil)
        #expect(InternalRateOfReturn.periodic([-100, -20, 0]) == nil)
        #expect(InternalRateOfReturn.periodic([0, 30, 40]) == nil)
        #expect(InternalRateOfReturn.dated(amounts: [-5], days: [0]) == nil)
    }

    /// −100, +230, −132 has two roots, 10 % and 20 % (NPV = −(1.1 − x)(1.2 − x)·100/x² with
    /// x = 1 + r): the documented rule returns the one nearest zero.
    @Test func severalSignChangesGiveTheRootNearestZero() throws {
        let r = try #require(InternalRateOfReturn.periodic([-100, 230, -132]))
        #expect(abs(r - 0.1) < 1e-10)
    }
}
