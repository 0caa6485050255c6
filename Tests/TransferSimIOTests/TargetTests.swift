// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
import TransferSimCore
@testable import TransferSimIO

/// Targets (`metric.statistic OP number`): their syntax, their place in scenario files, and their
/// evaluation on results tables.
@Suite struct TargetTests {
    @Test func parsesMetricStatisticOperatorAndNumber() throws {
        let t = try Target.parse("local_conversion_share.mean >= 0.02")
        #expect(t.metric == .localConversionShare && t.statistic == .mean && t.comparison == .atLeast)
        #expect(t.threshold == 0.02 && t.policy == nil)
        #expect(t.key == "local_conversion_share.mean")
        let p = try Target.parse("land_release/converted_local.diff>0")
        #expect(p.policy == "land_release" && p.statistic == .diff && p.comparison == .greater)
        #expect(p.description == "land_release/converted_local.diff > 0")
        #expect(try Target.parse("abandoned.p95 < 1e3").threshold == 1000)
    }

    @Test func reportsBadSyntaxWithAColumnAndUnknownNamesWithASuggestion() {
        func problem(_ text: String) -> Target.SyntaxError? {
            do { _ = try Target.parse(text); return nil } catch { return error }
        }
        #expect(problem("converted_local.mean 3")?.message.contains("no comparison operator") == true)
        #expect(problem("converted_local.mean => 3")?.column == 22)
        #expect(problem("converted_local.mean >= lots")?.column == 25)
        #expect(problem("converted_lokal.mean >= 1")?.message.contains("did you mean 'converted_local'?") == true)
        #expect(problem("converted_local.medain >= 1")?.message.contains("did you mean 'median'") == false)
        #expect(problem("converted_local.p59 >= 1")?.column == 17)
        #expect(problem("converted_local >= 1")?.message.contains("metric.statistic") == true)
    }

    @Test func scenarioFilesCarryTargetsAndReportThemAtTheirPosition() throws {
        let ok = try scenario("""
            name: t
            targets:
              - local_conversion_share.mean >= 0.02
              - "generous/converted_local.diff > 0"
            variants:
              generous:
                policy: {income: {inventor_share: 0.8}}
            """)
        #expect(ok.targets.map(\.target.description) == [
            "local_conversion_share.mean >= 0.02", "generous/converted_local.diff > 0",
        ])
        #expect(ok.targets.first?.origin == Origin(file: "s.yaml", line: 3, column: 5))

        #expect(scenarioErrors("""
            targets:
              - local_conversion_shar.mean >= 0.02
              - "converted_local.mean >> 2"
              - nobody/converted_local.diff > 0
            """) == [
            "s.yaml:2:5: error: unknown metric 'local_conversion_shar' in target 'local_conversion_shar.mean >= 0.02'; did you mean 'local_conversion_share'?",
            "s.yaml:3:27: error: unknown operator '>>' in target 'converted_local.mean >> 2' (use >=, <=, >, < or ==)",
            "s.yaml:4:5: error: unknown policy 'nobody' in target 'nobody/converted_local.diff > 0' (known: baseline)",
        ])
        #expect(scenarioErrors("targets: converted_local.mean > 1\n").first?.contains("must be a list") == true)
        #expect(scenarioErrors("target: [a]\n").first?.contains("did you mean 'targets'?") == true)
    }

    @Test func evaluatesOnTheValuesOfAResultsTable() throws {
        let values = ["converted_local.mean": 12.5, "outflow_share.mean": Double.nan]
        let outcomes = ResultsCheck.evaluate([
            try Target.parse("converted_local.mean >= 10"),
            try Target.parse("converted_local.mean < 10"),
            try Target.parse("outflow_share.mean <= 1"),
            try Target.parse("abandoned.p50 == 0"),
        ], on: values)
        #expect(outcomes.map(\.passed) == [true, false, false, false])
        #expect(outcomes[1].message == "FAIL converted_local.mean < 10: value 12.5")
        #expect(outcomes[2].message == "FAIL outflow_share.mean <= 1: value undefined")
        #expect(outcomes[3].message == "FAIL abandoned.p50 == 0: abandoned.p50 is not in the results")
    }

    @Test func csvReaderReadsBackWhatTheWriterWrites() {
        var table = CSVWriter(header: ["a", "b"])
        table.append([.text("x,\"y\"\nz"), .number(1.5)])
        table.append([.text("=1"), .empty])
        #expect(CSVReader.rows(table.text) == [["a", "b"], ["x,\"y\"\nz", "1.5"], ["'=1", ""]])
    }
}
