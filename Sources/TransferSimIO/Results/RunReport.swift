// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// The summary `transfersim run` prints: a heading naming the scenario, policy and run settings,
/// then the key metrics with their mean and 90 % interval over trials (5th to 95th percentile),
/// unit and Chinese label, and for each fund the government's TVPI, IRR and net cost. Numbers are rounded for reading (`ReadableNumber`); `summary.csv` has
/// them in full.
///
/// ```
/// small — policy baseline
/// 20 trials × 3 years, seed 7, 1 thread, 0.03 s
///
/// metric                             mean    p05    p95  unit             指标
/// disclosed                         180.2  160.8  207.2  results          披露成果
/// local_conversion_share            0.1 %  0.0 %  0.6 %  %                本地转化率
/// fiscal_cost_per_local_conversion  1,735  1,724  1,747  万元 per result  每项本地转化财政成本
/// …
/// fund.seed.government.tvpi          1.42   0.81   2.52  ×                政府出资 TVPI
///
/// mean over trials; p05–p95 holds 90 % of the trials' outcomes. 万元 = CNY 10,000.
/// ```
///
/// A metric undefined in some trials (a ratio with a zero denominator) is summarised over the
/// trials that define it (`n` in `summary.csv`); `n/a` when no trial does.
/// ```
public struct RunReport: Sendable {
    /// The metrics the report shows, in order, each with its Chinese label.
    public static let keyMetrics: [(metric: Metric, label: String)] = [
        (.disclosed, "披露成果"),
        (.convertedLocal, "本地转化"),
        (.convertedElsewhere, "异地转化（外流）"),
        (.failedTechnical, "技术失败"),
        (.abandoned, "放弃"),
        (.inProgress, "在途"),
        (.localConversionShare, "本地转化率"),
        (.outflowShare, "外流率"),
        (.monthsToConversionMedian, "转化周期中位数"),
        (.cohortLocalConversionShare, "队列本地转化率"),
        (.contracts, "合同数"),
        (.contractsLocal, "本地签约"),
        (.contractsElsewhere, "异地签约"),
        (.contractValueTotal, "合同金额"),
        (.fiscalCostTotal, "财政支出"),
        (.fiscalCostPerLocalConversion, "每项本地转化财政成本"),
        (.venturesCreated, "新创企业"),
        (.landRelocations, "因缺地外迁"),
    ]

    /// The fund metrics the report shows for each fund (the government's view), with labels.
    public static let keyFundMetrics: [(lpClass: LPClass, metric: FundMetric, label: String)] = [
        (.government, .tvpi, "政府出资 TVPI"),
        (.government, .irr, "政府出资 IRR"),
        (.government, .netCost, "政府净成本"),
    ]

    /// The scenario's name.
    public var scenarioName: String
    /// The policy set run (`baseline` or a variant's name).
    public var policy: String
    /// The master seed.
    public var seed: UInt64
    /// The worker threads used.
    public var threads: Int
    /// Wall-clock time of the simulation, in seconds.
    public var seconds: Double
    /// The run's outputs.
    public var result: RunResult
    /// The intake cohort of `cohort_*` shares: results disclosed in the first `intakeYears`, each
    /// followed `followYears` (already shortened to fit the horizon); `nil` when none fits.
    public var cohort: (intakeYears: Int, followYears: Int)?

    public init(scenarioName: String, policy: String, seed: UInt64, threads: Int, seconds: Double, result: RunResult,
                cohort: (intakeYears: Int, followYears: Int)? = nil) {
        self.cohort = cohort
        self.scenarioName = scenarioName
        self.policy = policy
        self.seed = seed
        self.threads = threads
        self.seconds = seconds
        self.result = result
    }

    /// The report, ending in a newline.
    public var text: String {
        let trials = ReadableNumber.count(result.trials)
        let years = result.years == 1 ? "1 year" : "\(result.years) years"
        let threadCount = threads == 1 ? "1 thread" : "\(threads) threads"
        var out = "\(scenarioName) — policy \(policy)\n"
        out += "\(trials) trials × \(years), seed \(seed), \(threadCount), \(ReadableNumber.format(seconds)) s\n\n"

        var table = TextTable([.left, .right, .right, .right, .left, .left])
        table.append(["metric", "mean", "p05", "p95", "unit", "指标"])
        for (metric, label) in Self.keyMetrics {
            let summary = Summary(result.values(metric))
            let unit = metric.info.unit
            table.append([
                metric.name, ReadableNumber.format(summary.mean, unit: unit),
                ReadableNumber.format(summary.p05, unit: unit), ReadableNumber.format(summary.p95, unit: unit),
                ReadableNumber.displayUnit(unit), label,
            ])
        }
        let layout = result.fundLayout
        for f in layout.funds.indices {
            for (lpClass, metric, label) in Self.keyFundMetrics {
                guard let column = layout.columns.firstIndex(where: { $0.fund == f && $0.lpClass == lpClass && $0.metric == metric })
                else { continue }
                let summary = Summary(result.fundValues(column: column))
                let unit = metric.unit
                table.append([
                    layout.columnNames[column], ReadableNumber.format(summary.mean, unit: unit),
                    ReadableNumber.format(summary.p05, unit: unit), ReadableNumber.format(summary.p95, unit: unit),
                    ReadableNumber.displayUnit(unit), label,
                ])
            }
        }
        out += table.text
        out += "\nmean over trials; p05–p95 holds 90 % of the trials' outcomes. 万元 = CNY 10,000.\n"
        for line in FundDeployment.warnings(result) { out += line }
        if let cohort {
            out += "cohort_*: results disclosed in years 1–\(cohort.intakeYears), each followed \(cohort.followYears) years "
                + "(队列：前\(cohort.intakeYears)年披露的成果，各跟踪\(cohort.followYears)年).\n"
        }
        return out
    }
}
