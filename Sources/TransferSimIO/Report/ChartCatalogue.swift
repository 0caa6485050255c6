// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// The charts that can be drawn from a results folder, by name (`transfersim plot DIR NAME`),
/// and the code that turns the folder's tables into each chart.
public enum ChartKind: String, Sendable, CaseIterable {
    case funnel
    case fanConversions = "fan-conversions"
    case fanFiscal = "fan-fiscal"
    case histogram
    case compare
    case costCurve = "cost-curve"
    case sweep
    case jcurve
    case tvpi
    case irr
    case tornado
    case sobol
    case levers
    case posterior
    case predictive

    /// What the chart shows and which file it needs, for `--help`.
    public var summary: String {
        switch self {
        case .funnel: return "pipeline funnel: entered, passed and left per stage (funnel.csv)"
        case .fanConversions: return "local conversions by year, median with 50 % and 90 % bands (timeseries.csv)"
        case .fanFiscal: return "fiscal spending by year, median with 50 % and 90 % bands (timeseries.csv)"
        case .histogram: return "a metric across trials, default converted_local (trials.csv)"
        case .compare: return "each variant's paired difference from the baseline with its 95 % interval (compare.csv)"
        case .costCurve: return "cost curve: each variant's Δ local conversions against Δ fiscal cost to date, year by year, both 95 % intervals (compare_timeseries.csv)"
        case .sweep: return "a metric against the swept parameters: line, heat map with intervals, or partial dependence per parameter (sweep.csv)"
        case .jcurve: return "a fund's net cumulative cash flow by year per LP class (fund_cashflows.csv)"
        case .tvpi: return "a fund's TVPI per LP class, median with 50 % and 90 % of trials (summary.csv)"
        case .irr: return "a fund's IRR per LP class, median with 50 % and 90 % of trials (summary.csv)"
        case .tornado: return "one-at-a-time sensitivity of a metric with intervals and settings (sensitivity.csv, method oat)"
        case .sobol: return "Sobol first-order and total indices of a metric (sensitivity.csv, method sobol)"
        case .levers: return "cost-effectiveness: each lever's Δ local conversions against Δ fiscal cost, both 95 % intervals (levers.csv)"
        case .posterior: return "a calibration's prior against posterior per fitted parameter, or one with --metric PATH (calibration.csv, posterior.csv, prior.csv)"
        case .predictive: return "a calibration's observed figures against the posterior predictive mean and 90 % interval (predictive.csv)"
        }
    }
}

/// Draws the charts of one results folder in one language.
public struct ChartCatalogue: Sendable {
    /// Why a chart cannot be drawn from the folder (exit code 65 in the CLI).
    public struct Unavailable: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public let folder: ResultsFolder
    public let language: ReportLanguage
    var terms: ChartTerms { ChartTerms.of(language) }

    public init(folder: ResultsFolder, language: ReportLanguage) {
        self.folder = folder
        self.language = language
    }

    /// `english` or `chinese` by the language.
    func t(_ english: String, _ chinese: String) -> String { language == .zh ? chinese : english }

    /// The scenario (and policy) the folder is about, for subtitles.
    var subtitle: String? {
        guard let manifest = folder.manifest else { return nil }
        return manifest.policy == "baseline" || folder.compare != nil
            ? manifest.scenarioName : "\(manifest.scenarioName) — \(manifest.policy)"
    }

    /// The chart of `kind` as a standalone SVG document; `metric` picks the metric of the
    /// histogram, compare, sweep and sensitivity charts (the fitted parameter of the posterior
    /// chart), `fund` the fund of the fund charts (the first one by default). Throws `Unavailable`
    /// when the folder lacks the data.
    public func svg(_ kind: ChartKind, metric: String? = nil, fund: String? = nil) throws -> String {
        switch kind {
        case .funnel: return try funnelChart().svg(terms)
        case .fanConversions: return try fanChart(yearly: "converted_local").svg(terms)
        case .fanFiscal: return try fanChart(yearly: "fiscal_cost").svg(terms)
        case .histogram: return try histogram(metric: metric ?? "converted_local").svg(terms)
        case .compare: return try compareChart(metric: metric ?? "converted_local").svg(terms)
        case .costCurve: return try costCurve().svg(terms)
        case .sweep: return try sweepChart(metric: metric ?? "converted_local")
        case .jcurve: return try jCurve(fund: fund ?? firstFund()).svg(terms)
        case .tvpi: return try fundDistribution(fund: fund ?? firstFund(), metric: "tvpi").svg(terms)
        case .irr: return try fundDistribution(fund: fund ?? firstFund(), metric: "irr").svg(terms)
        case .tornado: return try tornado(output: metric ?? sensitivityOutput("oat")).svg(terms)
        case .sobol: return try sobol(output: metric ?? sensitivityOutput("sobol")).svg(terms)
        case .levers: return try leversChart().svg(terms)
        case .posterior: return try posteriorCharts(parameter: metric)
        case .predictive: return try predictiveChart().svg()
        }
    }

    /// The cost-effectiveness chart of a `levers` folder: per lever, mean Δ fiscal cost (万元) and
    /// mean Δ local conversions with their 95 % intervals.
    func leversChart() throws(Unavailable) -> CostEffectivenessChart {
        guard let table = folder.levers else { throw missing(LeversTable.fileName) }
        var points: [CostEffectivenessChart.Point] = []
        var order: [String] = []
        var rows: [String: [String: [String]]] = [:]
        for row in table.rows {
            let lever = table.text(row, "lever")
            if rows[lever] == nil { order.append(lever) }
            rows[lever, default: [:]][table.text(row, "metric")] = row
        }
        for lever in order {
            guard let cost = rows[lever]?["fiscal_cost_total"], let local = rows[lever]?["converted_local"] else { continue }
            points.append(CostEffectivenessChart.Point(
                label: lever, cost: table.number(cost, "diff"), costLow: table.number(cost, "diff_ci_low"),
                costHigh: table.number(cost, "diff_ci_high"), local: table.number(local, "diff"),
                localLow: table.number(local, "diff_ci_low"), localHigh: table.number(local, "diff_ci_high")))
        }
        guard !points.isEmpty else {
            throw Unavailable(description: "error: \(LeversTable.fileName) in '\(folder.path)' has no lever rows")
        }
        return CostEffectivenessChart(
            title: t("What each lever buys: local conversions against fiscal cost", "各政策杠杆的成本效果：本地转化与财政支出"),
            subtitle: folder.manifest?.scenarioName,
            xTitle: t("Δ fiscal cost, step − base, paired by trial (万元)", "财政支出变化，按试验配对（万元）"),
            yTitle: t("Δ local conversions", "本地转化变化（项）"), points: points,
            legendLabels: (t("mean difference", "平均差异"), terms.interval95))
    }

    func missing(_ file: String) -> Unavailable {
        Unavailable(description: "error: '\(folder.path)' has no \(file) to draw this chart from")
    }

    // MARK: run

    func funnelChart() throws(Unavailable) -> FunnelChart {
        guard let table = folder.funnel, !table.rows.isEmpty else { throw missing(FunnelTable.fileName) }
        let stageNames: [String: String] = [
            "disclosure": "披露", "approval": "审批", "matching": "对接", "proof_of_concept": "概念验证",
            "pilot": "中试", "deal": "交易", "market_entry": "市场进入",
        ]
        let stages = table.rows.map { row in
            let name = table.text(row, "stage")
            return FunnelChart.Stage(
                name: language == .zh ? (stageNames[name] ?? name) : name.replacingOccurrences(of: "_", with: " "),
                entered: table.number(row, "entered_mean"), passed: table.number(row, "passed_mean"),
                failedTechnical: table.number(row, "failed_technical_mean"),
                abandoned: table.number(row, "abandoned_mean"),
                outflow: table.number(row, "outflow_mean"))
        }
        return FunnelChart(
            title: t("Where results go: the pipeline funnel", "成果去向：转化漏斗"), subtitle: subtitle,
            axisTitle: t("results per trial over the horizon (mean)", "每次试验期内成果数（均值，项）"),
            stages: stages)
    }

    func fanChart(yearly name: String) throws(Unavailable) -> FanChart {
        guard let table = folder.timeSeries else { throw missing(TimeSeriesTable.fileName) }
        let label = MetricLabel(name, language: language)
        let rows = table.rows.filter { table.text($0, "metric") == name }
        guard !rows.isEmpty else {
            throw Unavailable(description: "error: \(TimeSeriesTable.fileName) in '\(folder.path)' has no \(name) rows")
        }
        let f = label.factor
        let optional = { (row: [String], column: String) -> Double? in
            table.column(column) == nil ? nil : table.number(row, column) * f
        }
        let points = rows.map { row in
            FanChart.Point(
                x: table.number(row, "year"), p05: table.number(row, "p05") * f, p25: optional(row, "p25"),
                p50: table.number(row, "p50") * f, p75: optional(row, "p75"), p95: table.number(row, "p95") * f)
        }
        return FanChart(
            title: t("\(label.label) by year", "逐年\(label.label)"), subtitle: subtitle,
            xTitle: t("simulated year (year)", "模拟年份（年）"),
            yTitle: t("\(label.label) in the year (\(label.unit))", "当年\(label.label)（\(label.unit)）"),
            series: [FanChart.Series(name: label.label, points: points)])
    }

    func histogram(metric: String) throws(Unavailable) -> HistogramChart {
        guard let table = folder.trials else { throw missing(TrialsTable.fileName) }
        guard table.column(metric) != nil else {
            throw Unavailable(
                description: "error: \(TrialsTable.fileName) in '\(folder.path)' has no column '\(metric)'")
        }
        let label = MetricLabel(metric, language: language)
        let values = table.rows.map { table.number($0, metric) * label.factor }
        return HistogramChart(
            title: t("\(label.label) across \(values.count) trials", "\(values.count) 次试验的\(label.label)分布"),
            subtitle: subtitle, xTitle: label.axisTitle, values: values)
    }

    // MARK: compare

    func compareChart(metric: String) throws(Unavailable) -> IntervalChart {
        guard let table = folder.compare else { throw missing(CompareTable.fileName) }
        let label = MetricLabel(metric, language: language)
        let rows = table.rows.filter { table.text($0, "metric") == metric && !table.text($0, "diff").isEmpty }
        guard !rows.isEmpty else {
            throw Unavailable(
                description: "error: \(CompareTable.fileName) in '\(folder.path)' has no variant rows for '\(metric)'")
        }
        let f = label.factor
        let chartRows = rows.map { row in
            IntervalChart.Row(
                label: table.text(row, "policy"), estimate: table.number(row, "diff") * f,
                low: table.number(row, "diff_ci_low") * f, high: table.number(row, "diff_ci_high") * f)
        }
        let unit = label.differenceUnit(language)
        return IntervalChart(
            title: t("\(label.label): change from the baseline", "\(label.label)：相对基准的变化"), subtitle: subtitle,
            xTitle: t("variant − baseline, paired by trial (\(unit))", "方案 − 基准，按试验配对（\(unit)）"), rows: chartRows,
            reference: 0, legendLabels: (t("mean difference", "平均差异"), terms.interval95, nil))
    }

    /// The differences to date from `compare_timeseries.csv`: for each variant in file order, by
    /// year, its `cumulative_fiscal_cost` and `cumulative_converted_local` rows and its
    /// `cost_per_extra_local_conversion` row (whichever the table has).
    func costCurveRows() throws(Unavailable) -> [(policy: String, years: [(year: Int, cost: [String], local: [String], ratio: [String]?)])] {
        guard let table = folder.compareTimeSeries else { throw missing(CompareTimeSeriesTable.fileName) }
        var order: [String] = []
        var byPolicy: [String: [Int: [String: [String]]]] = [:]
        for row in table.rows where !table.text(row, "policy").isEmpty && table.text(row, "policy") != "baseline" {
            let policy = table.text(row, "policy")
            guard let year = Int(table.text(row, "year")) else { continue }
            if byPolicy[policy] == nil { order.append(policy) }
            byPolicy[policy, default: [:]][year, default: [:]][table.text(row, "metric")] = row
        }
        let curves = order.map { policy in
            let years = (byPolicy[policy] ?? [:]).sorted { $0.key < $1.key }.compactMap { year, rows in
                rows["cumulative_fiscal_cost"].flatMap { cost in
                    rows["cumulative_converted_local"].map { (year, cost, $0, rows[CompareTable.costMetric]) }
                }
            }
            return (policy, years)
        }.filter { !$0.1.isEmpty }
        guard !curves.isEmpty else {
            throw Unavailable(description: "error: \(CompareTimeSeriesTable.fileName) in '\(folder.path)' has no variant rows")
        }
        return curves
    }

    /// The cost curve of a comparison: per variant, Δ fiscal cost to date (万元, x) against Δ local
    /// conversions to date (y) at the end of each year, both paired 95 % intervals, joined in year
    /// order from the origin.
    func costCurve() throws(Unavailable) -> CostEffectivenessChart {
        guard let table = folder.compareTimeSeries else { throw missing(CompareTimeSeriesTable.fileName) }
        let paths = try costCurveRows().map { policy, years in
            CostEffectivenessChart.Path(name: policy, points: years.map { year, cost, local, _ in
                CostEffectivenessChart.Point(
                    label: t("y\(year)", "第\(year)年"), cost: table.number(cost, "diff"), costLow: table.number(cost, "diff_ci_low"),
                    costHigh: table.number(cost, "diff_ci_high"), local: table.number(local, "diff"),
                    localLow: table.number(local, "diff_ci_low"), localHigh: table.number(local, "diff_ci_high"))
            })
        }
        return CostEffectivenessChart(
            title: t("Cost curve: extra local conversions against extra fiscal cost, to date by year",
                     "成本曲线：逐年累计新增本地转化与累计新增财政支出"),
            subtitle: subtitle,
            xTitle: t("Δ fiscal cost to date, variant − baseline, paired by trial (万元)", "累计财政支出变化，方案 − 基准，按试验配对（万元）"),
            yTitle: t("Δ local conversions to date (results)", "累计本地转化变化（项）"), paths: paths,
            legendLabels: (t("mean difference", "平均差异"), terms.interval95))
    }

    // MARK: funds

    /// The funds named in `summary.csv` (`fund.<id>.<lp class>.<metric>`) or `fund_cashflows.csv`, in order of appearance.
    public var funds: [String] {
        var names: [String] = []
        if let table = folder.fundCashflows {
            for row in table.rows where !names.contains(table.text(row, "fund")) {
                names.append(table.text(row, "fund"))
            }
        }
        for (fund, _, _) in fundSummaryRows() where !names.contains(fund) { names.append(fund) }
        return names
    }

    func firstFund() throws(Unavailable) -> String {
        guard let fund = funds.first else {
            throw Unavailable(
                description:
                    "error: '\(folder.path)' has no fund results (\(ResultsFolder.fundCashflowsFileName) or fund.* rows in summary.csv)"
            )
        }
        return fund
    }

    /// `(fund, lp class, metric)` of each `fund.<id>.<class>.<metric>` row of the summary.
    func fundSummaryRows() -> [(fund: String, lpClass: String, metric: String)] {
        guard let table = folder.summary else { return [] }
        return table.rows.compactMap { row in
            let name = table.text(row, "metric")
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 4, parts[0] == "fund" else { return nil }
            return (
                parts[1..<(parts.count - 2)].joined(separator: "."), String(parts[parts.count - 2]),
                String(parts[parts.count - 1])
            )
        }
    }

    func jCurve(fund: String) throws(Unavailable) -> FanChart {
        guard let table = folder.fundCashflows else { throw missing(ResultsFolder.fundCashflowsFileName) }
        let rows = table.rows.filter { table.text($0, "fund") == fund }
        guard !rows.isEmpty else {
            throw Unavailable(description: "error: no cash flows of fund '\(fund)' in '\(folder.path)'")
        }
        var classes: [String] = []
        for row in rows where !classes.contains(table.text(row, "lp_class")) {
            classes.append(table.text(row, "lp_class"))
        }
        let series = classes.map { lpClass in
            let own = rows.filter { table.text($0, "lp_class") == lpClass }
            var byYear: [Double: [String: Double]] = [:]
            for row in own {
                byYear[table.number(row, "year"), default: [:]][table.text(row, "statistic")] = table.number(
                    row, "net_cumulative")
            }
            let points = byYear.keys.sorted().compactMap { year -> FanChart.Point? in
                guard let s = byYear[year], let p05 = s["p05"], let p50 = s["p50"], let p95 = s["p95"] else {
                    return nil
                }
                return FanChart.Point(x: year, p05: p05, p25: s["p25"], p50: p50, p75: s["p75"], p95: p95)
            }
            return FanChart.Series(name: lpClassName(lpClass), points: points)
        }
        return FanChart(
            title: t("Fund \(fund): J-curve", "基金 \(fund)：J 曲线"), subtitle: subtitle,
            xTitle: t("fund year (year)", "基金年份（年）"),
            yTitle: t("net cumulative cash flow to LPs (万元)", "出资人累计净现金流（万元）"), series: series)
    }

    func lpClassName(_ lpClass: String) -> String {
        guard language == .zh else { return lpClass }
        return ["government": "政府出资人", "private": "社会出资人", "gross": "基金整体"][lpClass] ?? lpClass
    }

    func fundDistribution(fund: String, metric: String) throws(Unavailable) -> IntervalChart {
        let rows = fundSummaryRows().filter { $0.fund == fund && $0.metric == metric }
        guard !rows.isEmpty else {
            throw Unavailable(
                description: "error: summary.csv in '\(folder.path)' has no fund.\(fund).*.\(metric) rows")
        }
        let label = MetricLabel(metric, language: language)
        let chartRows = rows.compactMap { row -> IntervalChart.Row? in
            guard let s = folder.summary(of: "fund.\(fund).\(row.lpClass).\(metric)") else { return nil }
            let v = { (key: String) in (s[key] ?? .nan) * label.factor }
            return IntervalChart.Row(
                label: lpClassName(row.lpClass), estimate: v("p50"), low: v("p05"), high: v("p95"),
                innerLow: v("p25"), innerHigh: v("p75"))
        }
        let unit = metric == "irr" ? t("% a year", "%/年") : "×"
        return IntervalChart(
            title: t("Fund \(fund): \(label.label) by LP class", "基金 \(fund)：各类出资人\(label.label)"),
            subtitle: subtitle, xTitle: "\(label.label) (\(unit))", rows: chartRows,
            reference: metric == "irr" ? 0 : 1,
            legendLabels: (terms.median, terms.band90, terms.band50))
    }

    // MARK: sensitivity

    func sensitivityOutput(_ method: String) throws(Unavailable) -> String {
        guard let table = folder.sensitivity else { throw missing(ResultsFolder.sensitivityFileName) }
        let outputs = table.rows.filter { table.text($0, "method") == method }.map { table.text($0, "output") }
        guard let first = outputs.first else {
            throw Unavailable(
                description: "error: \(ResultsFolder.sensitivityFileName) in '\(folder.path)' has no \(method) rows")
        }
        return outputs.contains("converted_local") ? "converted_local" : first
    }

    /// The sensitivity estimates `(parameter, index) → (estimate, ci_low, ci_high)` of `output` by `method`, parameters in file order.
    func sensitivityRows(method: String, output: String) throws(Unavailable) -> (
        parameters: [String], values: [String: [String: SobolChart.Estimate]]
    ) {
        guard let table = folder.sensitivity else { throw missing(ResultsFolder.sensitivityFileName) }
        var parameters: [String] = []
        var values: [String: [String: SobolChart.Estimate]] = [:]
        for row in table.rows where table.text(row, "method") == method && table.text(row, "output") == output {
            let parameter = table.text(row, "parameter")
            if !parameters.contains(parameter) { parameters.append(parameter) }
            values[parameter, default: [:]][table.text(row, "index")] = SobolChart.Estimate(
                value: table.number(row, "estimate"), low: table.number(row, "ci_low"),
                high: table.number(row, "ci_high"))
        }
        guard !parameters.isEmpty else {
            throw Unavailable(
                description:
                    "error: \(ResultsFolder.sensitivityFileName) in '\(folder.path)' has no \(method) rows for '\(output)'"
            )
        }
        return (parameters, values)
    }

    /// Each OAT parameter's low and high setting and the output's mean there, from
    /// `sensitivity_samples.csv` (point 0 the base case, then each parameter's low and high
    /// point, `OneAtATime.move(at:)`); empty when the folder lacks the table.
    func oatSettings(output: String) -> [String: (low: Double, high: Double, outputLow: Double, outputHigh: Double)] {
        guard let table = folder.sensitivitySamples, table.column(output) != nil else { return [:] }
        let parameters = folder.sensitivityParameters
        var out: [String: (low: Double, high: Double, outputLow: Double, outputHigh: Double)] = [:]
        for row in table.rows {
            guard let point = Int(table.text(row, "point")), let (index, isHigh) = OneAtATime.move(at: point),
                index < parameters.count
            else { continue }
            let name = parameters[index]
            var entry = out[name] ?? (.nan, .nan, .nan, .nan)
            if isHigh {
                entry.high = table.number(row, name)
                entry.outputHigh = table.number(row, output)
            } else {
                entry.low = table.number(row, name)
                entry.outputLow = table.number(row, output)
            }
            out[name] = entry
        }
        return out
    }

    /// The OAT base case (point 0 of `sensitivity_samples.csv`): each parameter's central value
    /// and the output's mean there.
    func oatCentral(output: String) -> (values: [String: Double], output: Double)? {
        guard let table = folder.sensitivitySamples, table.column(output) != nil,
            let row = table.rows.first(where: { table.text($0, "point") == "0" })
        else { return nil }
        var values: [String: Double] = [:]
        for name in folder.sensitivityParameters { values[name] = table.number(row, name) }
        return (values, table.number(row, output))
    }

    func tornado(output: String) throws(Unavailable) -> TornadoChart {
        let (parameters, values) = try sensitivityRows(method: "oat", output: output)
        let label = MetricLabel(output, language: language)
        let settings = oatSettings(output: output)
        let f = label.factor
        func interval(_ estimate: SobolChart.Estimate?) -> ClosedRange<Double>? {
            guard let estimate, estimate.low.isFinite, estimate.high.isFinite, estimate.low <= estimate.high else { return nil }
            return (estimate.low * f)...(estimate.high * f)
        }
        let rows = parameters.map { p in
            TornadoChart.Row(
                parameter: parameterName(p), lowDelta: (values[p]?["low_delta"]?.value ?? .nan) * f,
                highDelta: (values[p]?["high_delta"]?.value ?? .nan) * f,
                lowInterval: interval(values[p]?["low_delta"]), highInterval: interval(values[p]?["high_delta"]),
                lowSetting: settings[p].map { ChartNumber.label($0.low) },
                highSetting: settings[p].map { ChartNumber.label($0.high) })
        }
        return TornadoChart(
            title: t("What moves \(label.label.lowercased()): one at a time", "\(label.label)对各参数的敏感性（单因素）"),
            subtitle: subtitle,
            xTitle: t(
                "change from the central setting (\(label.differenceUnit(language)))",
                "相对中心设定的变化（\(label.differenceUnit(language))）"),
            rows: rows)
    }

    func sobol(output: String) throws(Unavailable) -> SobolChart {
        let (parameters, values) = try sensitivityRows(method: "sobol", output: output)
        let label = MetricLabel(output, language: language)
        // Second-order rows (`a:b`, index S2) have no S1 or ST: the bars are per parameter only.
        let rows = parameters.filter { values[$0]?["S1"] != nil || values[$0]?["ST"] != nil }.map { p in
            SobolChart.Row(parameter: parameterName(p), firstOrder: values[p]?["S1"], total: values[p]?["ST"])
        }
        return SobolChart(
            title: t("Sobol indices of \(label.label.lowercased())", "\(label.label)的 Sobol 指数"), subtitle: subtitle,
            xTitle: t("share of the output's variance (index, 0–1)", "占输出方差的份额（指数，0–1）"), rows: rows)
    }
}
