// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import TransferSimCore

/// Every metric has an English and a Chinese label of its own (the workbook and metrics.csv show
/// them to policy staff; a metric added without labels would show its key twice).
@Suite struct MetricLabelTests {
    static func hasChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }
    }

    @Test func everyMetricHasItsOwnEnglishAndChineseLabel() {
        for metric in Metric.allCases {
            #expect(Metric.labelTable[metric.name] != nil, "\(metric.name) has no labels in MetricLabels.swift")
            #expect(Self.hasChinese(metric.labels.zh), "\(metric.name): \(metric.labels.zh)")
            #expect(!metric.labels.en.isEmpty && metric.labels.en != metric.name, "\(metric.name)")
        }
        #expect(Set(Metric.allCases.map(\.labels.en)).count == Metric.allCases.count, "English labels are distinct")
        #expect(Set(Metric.allCases.map(\.labels.zh)).count == Metric.allCases.count, "Chinese labels are distinct")
        #expect(Set(Metric.labelTable.keys) == Set(Metric.allCases.map(\.name)), "no label for a metric that does not exist")
    }

    @Test func everyYearlyAndFundMetricHasChineseLabels() {
        for yearly in YearlyMetric.allCases { #expect(Self.hasChinese(yearly.labels.zh), "\(yearly.name)") }
        for metric in FundMetric.allCases { #expect(Self.hasChinese(metric.labels.zh), "\(metric.name)") }
        for lpClass in LPClass.allCases { #expect(Self.hasChinese(lpClass.labels.zh), "\(lpClass.name)") }
    }
}
