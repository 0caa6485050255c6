// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// Numbers as the report writes them: `ReadableNumber`'s rounding (shares as percentages), the
/// minus sign U+2212 rather than a hyphen, and differences of shares in percentage points.
enum ReportNumber {
    /// `x` in `unit` (`share` as a percentage).
    static func value(_ x: Double, unit: String) -> String {
        minus(ReadableNumber.format(x, unit: unit))
    }

    /// A difference `x` in `unit`, signed (`+1.2`, `−0.4`); a difference of shares in percentage
    /// points, two decimals below 10 so that the small differences of small shares show
    /// (`+0.38 pp`, `+1.00 个百分点`).
    static func difference(_ x: Double, unit: String, language: ReportLanguage) -> String {
        guard x.isFinite else { return "n/a" }
        let text =
            unit == "share"
            ? ReadableNumber.format(100 * x) + (language == .zh ? " 个百分点" : " pp")
            : ReadableNumber.format(x, unit: unit)
        let isZero = text.allSatisfy { "0.,".contains($0) || !$0.isNumber && $0 != "-" }
        return (x > 0 && !isZero ? "+" : "") + minus(text)
    }

    /// `[low, high]` in `unit` (a difference's interval when `difference`).
    static func interval(_ low: Double, _ high: Double, unit: String, difference: Bool, language: ReportLanguage)
        -> String
    {
        guard low.isFinite, high.isFinite else { return "" }
        let f = { (x: Double) in difference ? Self.difference(x, unit: unit, language: language) : value(x, unit: unit) }
        return "[\(f(low)), \(f(high))]"
    }

    /// `text` with a leading hyphen-minus (and `-inf`) written with U+2212.
    static func minus(_ text: String) -> String {
        text.hasPrefix("-") ? ChartNumber.minus + text.dropFirst() : text
    }
}

/// The unit of a metric column of the results tables: the metric catalogue's, a fund metric's
/// (`fund.<id>.<lp class>.<metric>`), or the lever table's cost row (万元 per extra conversion).
enum MetricUnit {
    static func of(_ name: String) -> String {
        if let metric = Metric(name: name) { return metric.info.unit }
        if name == LeversTable.costMetric || name == "cost_per_extra_local_conversion" { return "万元 per result" }
        let parts = name.split(separator: ".")
        if parts.count >= 4, parts[0] == "fund", let last = parts.last,
            let fund = FundMetric.allCases.first(where: { $0.name == last })
        {
            return fund.unit
        }
        return ""
    }
}

extension HTMLReport {
    /// The number of rows above which a table is folded into a `<details>` element.
    static let foldAbove = 12

    /// A metric's name as a table cell: its label in the report's language with the column name
    /// (the key in the CSV files) beside it.
    func metricCell(_ name: String) -> String {
        let key = "<code>\(e(name))</code>"
        let parts = name.split(separator: ".").map(String.init)
        if parts.count >= 4, parts[0] == "fund" {
            let fund = parts[1..<(parts.count - 2)].joined(separator: ".")
            let metric = parts[parts.count - 1]
            let label =
                t("Fund \(fund)", "基金 \(fund)") + " · " + charts.lpClassName(parts[parts.count - 2]) + " · "
                + metricLabel(metric)
            return "\(e(label)) \(key)"
        }
        let label = metricLabel(name)
        return label == name ? key : "\(e(label)) \(key)"
    }

    /// The metric's label, or its name when `MetricLabel` has none (not its made-up fallback).
    func metricLabel(_ name: String) -> String {
        let label = MetricLabel(name, language: language).label
        let spaced = name.replacingOccurrences(of: "_", with: " ")
        return label == spaced || label == spaced.prefix(1).uppercased() + spaced.dropFirst() ? name : label
    }

    /// A parameter's name as a table cell: the Chinese label beside the dotted path under
    /// `--lang zh` (the path alone when there is no label), the path in English.
    func parameterCell(_ path: String) -> String {
        guard language == .zh, let label = ParameterLabels.chinese(path) else { return "<code>\(e(path))</code>" }
        return "\(e(label)) <code>\(e(path))</code>"
    }

    /// A unit as the report shows it (`share` is shown as %, Chinese units under `--lang zh`).
    func unitText(_ unit: String) -> String {
        let shown = ReadableNumber.displayUnit(unit)
        return language == .zh ? ParameterListing.chineseUnit(shown) : shown
    }

    /// ` (unit)` after a name, `（单位）` in Chinese; empty without a unit.
    func unitSuffix(_ unit: String) -> String {
        unit.isEmpty ? "" : t(" (\(unitText(unit)))", "（\(unitText(unit))）")
    }

    /// `body` (a table) under `summary`, folded unless `open`.
    func details(_ summary: String, _ body: String, open: Bool) -> String {
        "<details\(open ? " open" : "")><summary>\(summary)</summary>\n\(body)</details>\n"
    }

    /// A table with `header` cells and `rows` of cells (already HTML), folded into a
    /// `<details>` titled `summary` when it has more than `foldAbove` rows.
    func foldedTable(_ summary: String, header: [String], rows: [[String]], numeric: Set<Int> = []) -> String {
        details(summary, plainTable(header: header, rows: rows) { numeric.contains($0) }, open: rows.count <= Self.foldAbove)
    }

    /// A table of `header` and `rows` (cells already HTML); columns where `isNumeric` are set
    /// in the numbers' font.
    func plainTable(header: [String], rows: [[String]], isNumeric: (Int) -> Bool) -> String {
        var out = "<table>\n<tr>" + header.map { "<th>\($0)</th>" }.joined() + "</tr>\n"
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() {
                out += isNumeric(index) ? "<td class=\"value num\">\(cell)</td>" : "<td>\(cell)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    // MARK: run

    /// Every metric of `summary.csv`: mean with its 95 % interval, and the 5th–95th percentile of
    /// trials.
    func runMetricsTable() -> String {
        guard let table = folder.summary, !table.rows.isEmpty else { return "" }
        let rows = table.rows.map { row -> [String] in
            let name = table.text(row, "metric")
            let unit = MetricUnit.of(name)
            let n = { (column: String) in ReportNumber.value(table.number(row, column), unit: unit) }
            return [
                metricCell(name), e(unitText(unit)), e(n("mean")),
                e(ReportNumber.interval(table.number(row, "ci_low"), table.number(row, "ci_high"), unit: unit,
                    difference: false, language: language)),
                e("\(n("p05")) – \(n("p95"))"),
            ]
        }
        return foldedTable(
            e(t("Every metric (\(rows.count))", "全部指标（\(rows.count) 项）")),
            header: [
                e(t("metric", "指标")), e(t("unit", "单位")), e(t("mean", "均值")),
                e(t("95 % interval of the mean", "均值的 95% 区间")), e(t("5th – 95th percentile of trials", "试验第 5 – 95 百分位")),
            ], rows: rows, numeric: [2, 3, 4])
    }

    // MARK: compare

    /// The compare report's variants: each with the scenario's description, the parameters it
    /// changes (value and the baseline's), and every metric's paired difference.
    func compareVariants() -> String {
        guard let table = folder.compare else { return "" }
        var policies: [String] = []
        for row in table.rows where !table.text(row, "diff").isEmpty || table.text(row, "policy") != "baseline" {
            let policy = table.text(row, "policy")
            if policy != "baseline", !policies.contains(policy) { policies.append(policy) }
        }
        let baseline = Dictionary(
            table.rows.filter { table.text($0, "policy") == "baseline" }.map { (table.text($0, "metric"), $0) },
            uniquingKeysWith: { first, _ in first })
        let variants = folder.manifest?.variants ?? []
        var out = ""
        for policy in policies {
            out += "<h3>\(e(policy))</h3>\n"
            if let variant = variants.first(where: { $0.name == policy }) {
                if !variant.description.isEmpty { out += "<p>\(e(variant.description))</p>\n" }
                out += overridesTable(variant)
            } else {
                out += "<p class=\"meta\">\(e(t("The results folder does not record what this variant changes (written before compare recorded it in manifest.json).", "结果文件夹未记录该方案调整了哪些参数（由较早版本的 compare 生成）。")))</p>\n"
            }
            let mine = table.rows.filter { table.text($0, "policy") == policy }
            var clear = 0
            let rows = mine.map { row -> [String] in
                let name = table.text(row, "metric")
                let unit = MetricUnit.of(name)
                let difference = differenceCells(table, row, unit: unit)
                if difference.differs { clear += 1 }
                let pBetter = table.number(row, "p_better")
                return [
                    metricCell(name), e(unitText(unit)),
                    e(baseline[name].map { ReportNumber.value(table.number($0, "mean"), unit: unit) } ?? ""),
                    e(ReportNumber.value(table.number(row, "mean"), unit: unit)), difference.diff, difference.interval,
                    e(pBetter.isFinite ? ReadableNumber.format(pBetter, unit: "share") : ""),
                ]
            }
            out += foldedTable(
                e(
                    t(
                        "Every metric (\(rows.count); \(clear) differ from the baseline beyond noise: their 95 % interval excludes 0, in bold)",
                        "全部指标（\(rows.count) 项；其中 \(clear) 项与基准的差异超出随机误差：95% 区间不含 0，以粗体标出）")),
                header: [
                    e(t("metric", "指标")), e(t("unit", "单位")), e(t("baseline", "基准")), e(t("variant", "方案")),
                    e(t("difference", "差异")), e(t("95 % interval", "95% 区间")),
                    e(t("trials where the variant did better", "方案更优的试验比例")),
                ], rows: rows, numeric: [2, 3, 4, 5, 6])
        }
        return out
    }

    /// A paired difference's cells (`diff`, `diff_ci_low`, `diff_ci_high` of `row`): the signed
    /// difference, in bold when its 95 % interval excludes 0 (`differs`), and the interval.
    func differenceCells(_ table: ResultsFolder.Table, _ row: [String], unit: String) -> (
        diff: String, interval: String, differs: Bool
    ) {
        let low = table.number(row, "diff_ci_low")
        let high = table.number(row, "diff_ci_high")
        let diff = e(ReportNumber.difference(table.number(row, "diff"), unit: unit, language: language))
        let differs = low.isFinite && high.isFinite && (low > 0 || high < 0)
        return (
            differs ? "<strong>\(diff)</strong>" : diff,
            e(ReportNumber.interval(low, high, unit: unit, difference: true, language: language)), differs
        )
    }

    /// Every metric of each lever's step in `levers.csv`: what the step changes (from
    /// manifest.json's variants, as for a compare variant), the base policy's mean and the paired
    /// difference with its 95 % interval.
    func leversMetricTables() -> String {
        guard let table = folder.levers else { return "" }
        let steps = folder.manifest?.variants ?? []
        var order: [String] = []
        for row in table.rows where !order.contains(table.text(row, "lever")) { order.append(table.text(row, "lever")) }
        var out = "<h3>\(e(t("Every metric of each step", "各项调整的全部指标")))</h3>\n"
        for lever in order {
            let mine = table.rows.filter { table.text($0, "lever") == lever }
            let rows = mine.map { row -> [String] in
                let name = table.text(row, "metric")
                let unit = MetricUnit.of(name)
                let difference = differenceCells(table, row, unit: unit)
                return [
                    metricCell(name), e(unitText(unit)), e(ReportNumber.value(table.number(row, "base_mean"), unit: unit)),
                    difference.diff, difference.interval, e(table.text(row, "note")),
                ]
            }
            let changes = steps.first(where: { $0.name == lever }).map { overridesTable($0, ofStep: true) }
                ?? "<p class=\"meta\">\(e(t("The results folder does not record what this step changes (written before levers recorded it in manifest.json).", "结果文件夹未记录该调整改变了哪些参数（由较早版本的 levers 生成）。")))</p>\n"
            out += details(
                e("\(lever) — \(mine.first.map { table.text($0, "step") } ?? "")"),
                changes + plainTable(
                    header: [
                        e(t("metric", "指标")), e(t("unit", "单位")), e(t("base policy", "基准政策")),
                        e(t("difference", "差异")), e(t("95 % interval", "95% 区间")), e(t("note", "说明")),
                    ], rows: rows) { (2...4).contains($0) }, open: false)
        }
        return out
    }

    /// The parameters a variant changes: label, its value and the baseline's; or, `ofStep`, those
    /// a lever step of a `levers` folder changes, its value and the base policy's.
    func overridesTable(_ variant: Manifest.Variant, ofStep: Bool = false) -> String {
        let paths = variant.overrides.keys.sorted {
            (ParameterCatalogue.standard.index(of: $0) ?? Int.max, $0)
                < (ParameterCatalogue.standard.index(of: $1) ?? Int.max, $1)
        }
        guard !paths.isEmpty else {
            return !ofStep
                ? "<p>\(e(t("It changes no parameter: it runs the baseline policy.", "该方案未调整任何参数，与基准政策相同。")))</p>\n"
                : "<p>\(e(t("It changes no parameter: it runs the base policy.", "该调整未改变任何参数，与基准政策相同。")))</p>\n"
        }
        let rows = paths.map { path -> [String] in
            let unit = ParameterCatalogue.standard.spec(for: path)?.unit ?? ""
            let value = variant.overrides[path]?.value ?? ""
            let base = folder.manifest?.parameters[path]?.value ?? ""
            // A setting equal to the baseline's is listed (the variant states it) but not emphasised.
            return [
                parameterCell(path), value == base ? e(value) : "<strong>\(e(value))</strong>", e(base),
                e(language == .zh ? ParameterListing.chineseUnit(unit) : unit),
            ]
        }
        return foldedTable(
            e(t("What it changes (\(InputCheck.count(rows.count, "parameter")))", "调整的参数（\(rows.count) 项）")),
            header: [
                e(t("parameter", "参数")), e(ofStep ? t("step", "调整取值") : t("variant", "方案取值")),
                e(ofStep ? t("base policy", "基准政策取值") : t("baseline", "基准取值")), e(t("unit", "单位")),
            ],
            rows: rows, numeric: [1, 2])
    }

    // MARK: sweep

    /// The metrics of `sweep.csv` (the names before `.mean`), in column order.
    var sweepMetrics: [String] {
        guard let header = folder.sweep?.header else { return [] }
        return header.compactMap { $0.hasSuffix(".mean") ? String($0.dropLast(5)) : nil }
    }

    /// Whether the differences between a sweep's points in `metric` are within noise: the
    /// largest gap between two points' means against the two points' 95 % intervals combined
    /// (√(h₁² + h₂²), conservative under common random numbers, which make paired differences
    /// more precise). A sentence saying which, or `nil` when the table lacks the intervals.
    func sweepNoiseNote(_ metric: String) -> String? {
        guard let table = folder.sweep, table.column("\(metric).ci_low") != nil else { return nil }
        let points = table.rows.compactMap { row -> (mean: Double, half: Double)? in
            let mean = table.number(row, "\(metric).mean")
            let half = (table.number(row, "\(metric).ci_high") - table.number(row, "\(metric).ci_low")) / 2
            return mean.isFinite && half.isFinite ? (mean, half) : nil
        }
        guard let top = points.max(by: { $0.mean < $1.mean }), let bottom = points.min(by: { $0.mean < $1.mean }),
            points.count > 1
        else { return nil }
        let unit = MetricUnit.of(metric)
        let gap = top.mean - bottom.mean
        let noise = (top.half * top.half + bottom.half * bottom.half).squareRoot()
        let label = MetricLabel(metric, language: language).label
        let gapText = ReportNumber.difference(gap, unit: unit, language: language).replacingOccurrences(of: "+", with: "")
        let noiseText = ReportNumber.difference(noise, unit: unit, language: language).replacingOccurrences(
            of: "+", with: "")
        if gap <= noise {
            return t(
                "\(label): the largest difference between points (\(gapText)) is within noise — inside the two points' combined 95 % intervals (±\(noiseText)). The colours and slopes may show chance, not structure; run more trials before reading them. (The points share their trials, common random numbers, so a paired difference is often more precise than this test, which cannot see the pairing, allows.)",
                "\(label)：各参数点之间的最大差异（\(gapText)）在随机误差之内——未超出两点 95% 区间的合成宽度（±\(noiseText)）。图中的颜色与起伏可能只是随机波动，而非规律；请增加试验次数后再作判断。（各参数点使用相同的随机试验，即共同随机数，配对差异往往比这一不计配对的检验所示更精确。）"
            )
        }
        return t(
            "\(label): the largest difference between points (\(gapText)) exceeds the two points' combined 95 % intervals (±\(noiseText)); smaller differences may still be noise — compare them with each point's interval.",
            "\(label)：各参数点之间的最大差异（\(gapText)）超出两点 95% 区间的合成宽度（±\(noiseText)）；较小的差异仍可能是随机误差，请对照各点的区间。"
        )
    }

    /// Every metric of the sweep at every point: one folded table per metric.
    func sweepTables() -> String {
        guard let table = folder.sweep else { return "" }
        let parameters = folder.sweepParameters
        var out = "<h3>\(e(t("Every metric at every point", "各参数点的全部指标")))</h3>\n"
        for metric in sweepMetrics {
            let unit = MetricUnit.of(metric)
            let rows = table.rows.map { row -> [String] in
                [e(table.text(row, "point"))] + parameters.map { e(ReportNumber.minus(table.text(row, $0))) } + [
                    e(ReportNumber.value(table.number(row, "\(metric).mean"), unit: unit)),
                    e(
                        ReportNumber.interval(
                            table.number(row, "\(metric).ci_low"), table.number(row, "\(metric).ci_high"), unit: unit,
                            difference: false, language: language)),
                    e(
                        table.column("\(metric).p05") == nil
                            ? ""
                            : "\(ReportNumber.value(table.number(row, "\(metric).p05"), unit: unit)) – \(ReportNumber.value(table.number(row, "\(metric).p95"), unit: unit))"
                    ),
                ]
            }
            let unitSuffix = unitSuffix(unit)
            out += details(
                metricCell(metric) + e(unitSuffix),
                (sweepNoiseNote(metric).map { "<p>\(e($0))</p>\n" } ?? "")
                    + plainTable(
                        header: [e(t("point", "参数点"))] + parameters.map { parameterCell($0) } + [
                            e(t("mean", "均值")), e(t("95 % interval", "95% 区间")),
                            e(t("5th – 95th percentile", "第 5 – 95 百分位")),
                        ], rows: rows) { $0 >= 1 }, open: false)
        }
        return out
    }

    // MARK: sensitivity

    /// The outputs of `sensitivity.csv` and the methods each has rows of, in file order.
    var sensitivityOutputs: [(output: String, methods: [String])] {
        guard let table = folder.sensitivity else { return [] }
        var order: [String] = []
        var methods: [String: [String]] = [:]
        for row in table.rows {
            let output = table.text(row, "output")
            let method = table.text(row, "method")
            if methods[output] == nil { order.append(output) }
            if !(methods[output] ?? []).contains(method) { methods[output, default: []].append(method) }
        }
        return order.map { ($0, methods[$0] ?? []) }
    }

    /// Every index of `output` by `method`, per parameter, with its 95 % interval; for the
    /// one-at-a-time method also each parameter's low and high setting and the output there.
    func sensitivityTable(output: String, method: String) -> String {
        guard let table = folder.sensitivity else { return "" }
        let unit = MetricUnit.of(output)
        var parameters: [String] = []
        var indices: [String] = []
        var cells: [String: [String: [String]]] = [:]
        for row in table.rows where table.text(row, "output") == output && table.text(row, "method") == method {
            let parameter = table.text(row, "parameter")
            let index = table.text(row, "index")
            if !parameters.contains(parameter) { parameters.append(parameter) }
            if !indices.contains(index) { indices.append(index) }
            cells[parameter, default: [:]][index] = row
        }
        let isDelta = { (index: String) in index.hasSuffix("_delta") }
        let settings = method == "oat" ? charts.oatSettings(output: output) : [:]
        var header = [e(t("parameter", "参数"))]
        let central = method == "oat" ? charts.oatCentral(output: output) : nil
        if method == "oat" {
            header += [
                e(t("central setting", "中心设定")), e(t("low setting", "低值设定")), e(t("high setting", "高值设定")),
                e(t("output at low", "低值时输出")), e(t("output at high", "高值时输出")),
            ]
        }
        for index in indices {
            header.append(e(isDelta(index) ? (index == "low_delta" ? t("Δ at low [95 %]", "低值变化 [95%]") : t("Δ at high [95 %]", "高值变化 [95%]")) : "\(index) " + t("[95 %]", "[95%]")))
        }
        let rows = parameters.map { parameter -> [String] in
            var row = [parameterCell(parameter)]
            if method == "oat" {
                let s = settings[parameter]
                row += [
                    e(central?.values[parameter].map { ReportNumber.minus(ChartNumber.label($0)) } ?? ""),
                    e(s.map { ReportNumber.minus(ChartNumber.label($0.low)) } ?? ""),
                    e(s.map { ReportNumber.minus(ChartNumber.label($0.high)) } ?? ""),
                    e(s.map { ReportNumber.value($0.outputLow, unit: unit) } ?? ""),
                    e(s.map { ReportNumber.value($0.outputHigh, unit: unit) } ?? ""),
                ]
            }
            for index in indices {
                guard let r = cells[parameter]?[index] else {
                    row.append("")
                    continue
                }
                let estimate = table.number(r, "estimate")
                let low = table.number(r, "ci_low")
                let high = table.number(r, "ci_high")
                if isDelta(index) {
                    row.append(
                        e(
                            ReportNumber.difference(estimate, unit: unit, language: language) + " "
                                + ReportNumber.interval(low, high, unit: unit, difference: true, language: language)))
                } else {
                    let f = { (x: Double) in x.isFinite ? ReportNumber.minus(SensitivityTable.readable(x)) : "" }
                    row.append(e("\(f(estimate)) " + (low.isFinite && high.isFinite ? "[\(f(low)), \(f(high))]" : "")))
                }
            }
            return row
        }
        let methodName = ["oat": t("one at a time", "单因素"), "sobol": "Sobol", "morris": "Morris"][method] ?? method
        var note = ""
        if let central, central.output.isFinite {
            note = "<p>\(e(t("At the central setting (every parameter at its scenario value) the output is \(ReportNumber.value(central.output, unit: unit))\(unitSuffix(unit)); each Δ is the paired change from there over the same trials.", "中心设定（各参数取情景值）下输出为 \(ReportNumber.value(central.output, unit: unit))\(unitSuffix(unit))；各变化值为相对中心设定、在相同试验上的配对变化。")))</p>\n"
        }
        return note + foldedTable(
            e(t("Every parameter, \(methodName) (\(rows.count))", "全部参数，\(methodName)（\(rows.count) 项）")),
            header: header, rows: rows, numeric: Set(1..<header.count))
    }
}
