// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
import TransferSimCore

/// `Summary`, `BandSummary` and `quantile(sorted:_:)`.
///
/// Expected percentiles, means and standard deviations were computed with NumPy 2.4
/// (`numpy.percentile(x, [5, 25, 50, 75, 95])`, whose default method is type 7, and
/// `numpy.std(x, ddof=1)`); t quantiles with `scipy.stats.t.ppf(0.975, df)`.
@Suite("Summary")
struct SummaryTests {
    /// Hand-checkable arrays with NumPy's results.
    struct Reference: Sendable, CustomTestStringConvertible {
        let values: [Double]
        /// numpy.percentile(values, [5, 25, 50, 75, 95])
        let percentiles: [Double]
        let mean: Double
        /// numpy.std(values, ddof=1)
        let sd: Double
        var testDescription: String { "\(values)" }
    }

    static let references = [
        // h = 4p: p05 → 1 + 0.2 · 1 = 1.2, p95 → 4 + 0.8 · 1 = 4.8.
        Reference(values: [1, 2, 3, 4, 5], percentiles: [1.2, 2, 3, 4, 4.8],
                  mean: 3, sd: 1.5811388300841898),
        // Sorted: −1, 0, 2.25, 3.5, 7, 10; h = 5p: p05 → −1 + 0.25 · 1 = −0.75, p25 → h = 1.25,
        // 0 + 0.25 · 2.25 = 0.5625; p50 → h = 2.5, (2.25 + 3.5)/2 = 2.875.
        Reference(values: [3.5, -1, 10, 7, 2.25, 0], percentiles: [-0.75, 0.5625, 2.875, 6.125, 9.25],
                  mean: 3.625, sd: 4.206393942559351),
        Reference(values: [15, 20, 35, 40, 50], percentiles: [16, 20, 35, 40, 48],
                  mean: 32, sd: 14.404860290887934),
        Reference(values: [0.1, 0.7, 0.2, 0.9, 0.4, 0.3, 0.8], percentiles: [0.13, 0.25, 0.4, 0.75, 0.87],
                  mean: 0.48571428571428565, sd: 0.3132015933791495),
        Reference(values: [2, 5], percentiles: [2.15, 2.75, 3.5, 4.25, 4.85],
                  mean: 3.5, sd: 2.1213203435596424),
    ]

    @Test("matches NumPy", arguments: references)
    func matchesNumPy(_ r: Reference) {
        let s = Summary(r.values)
        #expect(s.n == r.values.count)
        let percentiles = [s.p05, s.p25, s.p50, s.p75, s.p95]
        for (actual, expected) in zip(percentiles, r.percentiles) {
            #expect(abs(actual - expected) <= 1e-12, "percentile \(actual) vs numpy \(expected)")
        }
        #expect(abs(s.mean - r.mean) <= 1e-12)
        #expect(abs(s.sd - r.sd) <= 1e-12)
        #expect(s.se == s.sd / Double(s.n).squareRoot())
        #expect(s.min == r.values.min())
        #expect(s.max == r.values.max())
    }

    /// For n = 5, t(0.975, 4) = 2.7764451051977934 (scipy), so the interval is 3 ± 2.77645 · se
    /// with se = 1.5811388300841898 / √5.
    @Test func confidenceIntervalUsesStudentT() {
        let s = Summary([1, 2, 3, 4, 5])
        let halfWidth = 2.7764451051977934 * 1.5811388300841898 / 5.0.squareRoot()
        #expect(abs(s.ciLow - (3 - halfWidth)) <= 1e-12)
        #expect(abs(s.ciHigh - (3 + halfWidth)) <= 1e-12)
        // n = 2: t(0.975, 1) = 12.706204736174694, se = 2.1213203435596424 / √2 = 1.5.
        let pair = Summary([2, 5])
        #expect(abs(pair.ciHigh - (3.5 + 12.706204736174694 * 1.5)) <= 1e-11)
    }

    @Test func nanEntriesAreIgnored() {
        let withGaps = Summary([.nan, 1, 2, .nan, 3, 4, 5, .nan])
        #expect(withGaps == Summary([1, 2, 3, 4, 5]))
        #expect(withGaps.n == 5)
    }

    @Test func noDefinedValuesGivesNaN() {
        for values in [[], [Double.nan, .nan]] {
            let s = Summary(values)
            #expect(s.n == 0)
            #expect(s.csvValues.dropFirst().allSatisfy { $0.isNaN })
        }
        #expect(Summary([]) == Summary([.nan]))  // NaN compares equal to NaN in a Summary
    }

    @Test func oneValue() {
        let s = Summary([.nan, 7.25])
        #expect(s.n == 1)
        for statistic in [s.mean, s.min, s.max, s.p05, s.p25, s.p50, s.p75, s.p95] {
            #expect(statistic == 7.25)
        }
        for statistic in [s.sd, s.se, s.ciLow, s.ciHigh] {
            #expect(statistic.isNaN)
        }
    }

    /// Ten copies of 0.1 sum to 0.9999999999999999 in floating point; the summary still reports
    /// the value itself as the mean and exactly zero spread.
    @Test func equalValuesHaveZeroSpread() {
        let s = Summary(Array(repeating: 0.1, count: 10))
        #expect(s.mean == 0.1)
        #expect(s.sd == 0)
        #expect(s.se == 0)
        #expect(s.ciLow == 0.1 && s.ciHigh == 0.1)
        #expect(s.p05 == 0.1 && s.p95 == 0.1)
    }

    /// A large common offset does not destroy the variance: [4, 7, 13, 16] has sample variance
    /// 30 exactly; shifted by 10⁹ the naive Σx² − (Σx)²/n loses every digit.
    @Test func varianceIsStableUnderLargeOffset() {
        let s = Summary([4, 7, 13, 16].map { 1e9 + $0 })
        #expect(abs(s.sd * s.sd - 30) <= 1e-6)
        #expect(s.mean == 1e9 + 10)
    }

    @Test func csvColumnsFollowTheHeader() {
        #expect(Summary.csvHeader == ["n", "mean", "sd", "se", "ci_low", "ci_high",
                                      "p05", "p25", "p50", "p75", "p95", "min", "max"])
        let s = Summary([1, 2, 3, 4, 5])
        #expect(s.csvValues == [5, s.mean, s.sd, s.se, s.ciLow, s.ciHigh,
                                s.p05, s.p25, s.p50, s.p75, s.p95, s.min, s.max])
    }
}
