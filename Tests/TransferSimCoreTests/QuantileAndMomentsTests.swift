// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
import TransferSimCore

/// `quantile(sorted:_:)`, `BandSummary` and `RunningMoments`.
@Suite("Quantiles, bands and running moments")
struct QuantileAndMomentsTests {
    /// numpy.percentile([10, 20, 30, 40], [0, 10, 33, 50, 100]) = [10, 13, 19.9, 25, 40].
    @Test func quantileEndpointsAndInterior() {
        let sorted: [Double] = [10, 20, 30, 40]
        let expected: [(p: Double, q: Double)] = [(0, 10), (0.1, 13), (0.33, 19.9), (0.5, 25), (1, 40)]
        for (p, q) in expected {
            #expect(abs(quantile(sorted: sorted, p) - q) <= 1e-12, "p = \(p)")
        }
        #expect(quantile(sorted: [], 0.5).isNaN)
        #expect(quantile(sorted: [3], 0.9) == 3)
        // Equal infinite neighbours need no arithmetic (∞ − ∞ would be NaN).
        #expect(quantile(sorted: [1, .infinity, .infinity], 0.9) == .infinity)
    }

    @Test func bandSummaryAgreesWithSummary() {
        let values: [Double] = [3.5, -1, .nan, 10, 7, 2.25, 0]
        let band = BandSummary(values)
        #expect(band == BandSummary(Summary(values)))
        #expect(band.n == 6)
        #expect(band.csvValues.count == BandSummary.csvHeader.count)
        #expect(BandSummary([.nan]).csvValues.dropFirst().allSatisfy { $0.isNaN })
        let series = BandSummary.bands([[1, 2, 3], [.nan, .nan], [5]])
        #expect(series.map(\.n) == [3, 0, 1])
        #expect(series[0].p50 == 2)
    }

    /// Welford's streaming result agrees with the two-pass one of `Summary`, including under a
    /// large offset (10⁶ + a small spread), and skips NaN as `Summary` does.
    @Test func runningMomentsMatchTwoPass() {
        let values = (0..<1_000).map { i in 1e6 + Double((i * 7919) % 1_000) / 10 }
        let running = RunningMoments(values + [.nan])
        let summary = Summary(values)
        #expect(running.count == summary.n)
        #expect(abs(running.mean - summary.mean) <= 1e-9)
        #expect(abs(running.standardDeviation - summary.sd) <= 1e-9 * summary.sd)
        #expect(abs(running.standardError - summary.se) <= 1e-9 * summary.se)
    }

    /// Merging chunks (Chan et al.) equals adding every value in order, up to rounding.
    @Test func mergeEqualsSequential() {
        let values = (0..<999).map { i in Double((i * 104_729) % 977) - 300.5 }
        let sequential = RunningMoments(values)
        var merged = RunningMoments()
        for start in stride(from: 0, to: values.count, by: 128) {
            merged.merge(RunningMoments(values[start..<min(start + 128, values.count)]))
        }
        #expect(merged.count == sequential.count)
        #expect(abs(merged.mean - sequential.mean) <= 1e-12 * abs(sequential.mean) + 1e-12)
        #expect(abs(merged.variance - sequential.variance) <= 1e-12 * sequential.variance)
        // Merging with an empty accumulator changes nothing, on either side.
        #expect(sequential.merged(with: RunningMoments()) == sequential)
        #expect(RunningMoments().merged(with: sequential) == sequential)
    }

    @Test func runningMomentsEdgeCases() {
        #expect(RunningMoments().variance.isNaN)
        let one = RunningMoments([4])
        #expect(one.mean == 4 && one.variance.isNaN)
        let same = RunningMoments([2, 2, 2])
        #expect(same.variance == 0)
    }
}
