// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// The HTML report of a results folder: one self-contained page (inline CSS and SVG, no scripts,
/// nothing fetched; a Content-Security-Policy forbids both) with a section for each kind of data
/// the folder holds — charts of the headline metrics and a table of every metric (folded into a
/// `<details>` where long; `ReportTables.swift`) — and the resolved parameters and provenance at
/// the end. Numbers use U+2212 for minus. All user text is escaped.
public struct HTMLReport: Sendable {
    public let folder: ResultsFolder
    public let language: ReportLanguage
    var charts: ChartCatalogue { ChartCatalogue(folder: folder, language: language) }

    public init(folder: ResultsFolder, language: ReportLanguage) {
        self.folder = folder
        self.language = language
    }

    func t(_ english: String, _ chinese: String) -> String { language == .zh ? chinese : english }
    func e(_ text: String) -> String { Markup.escape(text) }

    static let style = """
        body{font-family:'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei','PingFang SC','Noto Sans','DejaVu Sans',Arial,sans-serif;\
        color:#222;max-width:880px;margin:24px auto;padding:0 16px;line-height:1.5}
        h1{font-size:28px;margin-bottom:4px}h2{font-size:22px;border-bottom:2px solid #0072B2;padding-bottom:4px;margin-top:36px}
        .meta{color:#555}.headline{font-size:18px}.headline li{margin:6px 0}
        figure{margin:16px 0}figure svg{max-width:100%;height:auto;border:1px solid #eee}
        table{border-collapse:collapse;font-size:13px;width:100%}td,th{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
        td.value{font-family:'DejaVu Sans Mono','Noto Sans Mono CJK SC',monospace;overflow-wrap:anywhere}td.num{white-space:nowrap}
        code{font-size:12px;color:#555}details{margin:8px 0 16px}summary{cursor:pointer;font-weight:600;margin:6px 0}
        h3{font-size:18px;margin-top:24px}.note{color:#8a4b00}
        """

    /// The whole page.
    public var html: String {
        let manifest = folder.manifest
        let title = manifest?.scenarioName ?? folder.path
        var out =
            "<!DOCTYPE html>\n<html lang=\"\(language == .zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        out +=
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out +=
            "<title>\(e(t("TransferSim report", "TransferSim 报告"))) — \(e(title))</title>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n"
        out += "<h1>\(e(title))</h1>\n"
        if let manifest {
            let what =
                folder.calibration != nil
                ? t("calibration", "校准")
                : folder.levers != nil
                ? t("policy levers against the base policy", "政策杠杆效果")
                : folder.compare != nil
                ? t("policy comparison", "政策方案比较")
                : folder.sweep != nil ? t("parameter sweep", "参数扫描")
                : t("policy", "政策") + " " + (manifest.policy == "baseline" ? t("baseline", "基准") : manifest.policy)
            out +=
                "<p class=\"meta\">\(e(what)) · \(e(folder.calibration != nil ? t("\(manifest.trials) particles", "\(manifest.trials) 个粒子") : t("\(manifest.trials) trials", "\(manifest.trials) 次试验"))) · \(e(t("seed", "随机种子"))) \(manifest.seed) · transfersim \(e(manifest.toolVersion)) · \(e(manifest.endTime))</p>\n"
        }
        out += headlines()
        out += runSections()
        out += fundSections()
        out += compareSection()
        out += sweepSection()
        out += sensitivitySection()
        out += leversSection()
        out += calibrationSection()
        out += provenance()
        out += "</body>\n</html>\n"
        return out
    }

    func figure(_ kind: ChartKind, metric: String? = nil, fund: String? = nil) -> String {
        guard let svg = try? charts.svg(kind, metric: metric, fund: fund) else { return "" }
        return "<figure>\n\(svg)</figure>\n"
    }

    private func headlines() -> String {
        var items: [String] = []
        if folder.summary != nil {
            items = Headline.sentences(language: language, years: folder.horizonYears) { folder.summary(of: $0) }
        }
        if let table = folder.compare {
            for row in table.rows
            where table.text(row, "metric") == "converted_local" && !table.text(row, "diff").isEmpty {
                let diff = table.number(row, "diff")
                let low = table.number(row, "diff_ci_low")
                let high = table.number(row, "diff_ci_high")
                let policy = table.text(row, "policy")
                let signed = (diff > 0 ? "+" : "") + Headline.spoken(diff)
                items.append(
                    t(
                        "\(policy): \(signed) local conversions a run against the baseline (95 % interval \(Headline.spoken(low)) to \(Headline.spoken(high))), paired on the same trials.",
                        "\(policy)：本地转化比基准 \(signed) 项（95% 区间 \(Headline.spoken(low)) 至 \(Headline.spoken(high))），同一试验配对比较。"
                    ))
            }
        }
        if let sweep = folder.sweep {
            items.append(
                t(
                    "\(sweep.rows.count) parameter points, swept over \(folder.sweepParameters.joined(separator: ", ")).",
                    "\(sweep.rows.count) 个参数点，扫描参数：\(folder.sweepParameters.map { path in ParameterLabels.chinese(path).map { "\($0)（\(path)）" } ?? path }.joined(separator: "、"))。"))
        }
        guard !items.isEmpty else { return "" }
        var out = "<h2>\(e(t("Headline numbers", "主要结果")))</h2>\n<ul class=\"headline\">\n"
        for item in items { out += "<li>\(e(item))</li>\n" }
        out += "</ul>\n"
        if folder.summary != nil {
            out +=
                "<p class=\"meta\">\(e(t("Mean over trials; the 90 % interval holds 90 % of the trials' outcomes (5th to 95th percentile). 万元 = CNY 10,000.", "均值为各次试验的平均；90% 区间包含 90% 的试验结果（第 5 至第 95 百分位）。")))</p>\n"
        }
        return out
    }

    private func runSections() -> String {
        var out = ""
        let funnel = figure(.funnel)
        if !funnel.isEmpty { out += "<h2>\(e(t("Pipeline funnel", "转化漏斗")))</h2>\n" + funnel }
        let fans = figure(.fanConversions) + figure(.fanFiscal)
        if !fans.isEmpty { out += "<h2>\(e(t("Year by year", "逐年变化")))</h2>\n" + fans }
        let histogram = figure(.histogram)
        if !histogram.isEmpty { out += "<h2>\(e(t("Spread across trials", "试验间分布")))</h2>\n" + histogram }
        if folder.summary != nil, folder.compare == nil {
            out += "<h2>\(e(t("Every metric", "全部指标")))</h2>\n" + runMetricsTable()
        }
        return out
    }

    private func fundSections() -> String {
        let funds = charts.funds
        guard !funds.isEmpty else { return "" }
        var out = "<h2>\(e(t("Funds", "基金")))</h2>\n"
        for fund in funds {
            out += figure(.jcurve, fund: fund) + figure(.tvpi, fund: fund) + figure(.irr, fund: fund)
        }
        return out
    }

    private func compareSection() -> String {
        guard folder.compare != nil else { return "" }
        let figures = [
            "converted_local", "local_conversion_share", "fiscal_cost_total", "fiscal_cost_per_local_conversion",
        ]
        .map { figure(.compare, metric: $0) }.joined()
        return "<h2>\(e(t("Variants against the baseline", "各方案与基准比较")))</h2>\n"
            + "<p>\(e(t("Each variant ran on the same trials as the baseline (common random numbers); dots are the mean paired difference, lines its 95 % interval. Below the charts, each variant's changes to the baseline policy and its difference in every metric.", "各方案与基准使用相同的随机试验（共同随机数）；圆点为配对差异均值，横线为其 95% 区间。图下列出各方案对基准政策的调整及全部指标的差异。")))</p>\n"
            + figures + costCurveSection() + compareVariants()
    }

    private func sweepSection() -> String {
        guard folder.sweep != nil else { return "" }
        var out = "<h2>\(e(t("Parameter sweep", "参数扫描")))</h2>\n"
        for metric in ["converted_local", "local_conversion_share", "fiscal_cost_total"] where sweepMetrics.contains(metric) {
            let chart = figure(.sweep, metric: metric)
            guard !chart.isEmpty else { continue }
            out += chart
            if let note = sweepNoiseNote(metric) { out += "<p class=\"note\">\(e(note))</p>\n" }
        }
        return out + sweepTables()
    }

    private func sensitivitySection() -> String {
        let outputs = sensitivityOutputs
        guard !outputs.isEmpty else { return "" }
        var out = "<h2>\(e(t("Sensitivity", "敏感性分析")))</h2>\n"
        if outputs.count > 1 {
            out += "<p>\(e(t("The analysis has \(outputs.count) outputs; each is shown in turn.", "本分析共有 \(outputs.count) 项输出指标，依次列出。")))</p>\n"
        }
        for (output, methods) in outputs {
            let unit = MetricUnit.of(output)
            out += "<h3>\(metricCell(output))\(e(unitSuffix(unit)))</h3>\n"
            for method in methods {
                switch method {
                case "oat": out += figure(.tornado, metric: output)
                case "sobol": out += figure(.sobol, metric: output)
                default: break
                }
                out += sensitivityTable(output: output, method: method)
            }
        }
        return out
    }

    /// The ranked table of a `levers` folder (rows in levers.csv's ranked order) and the
    /// cost-effectiveness chart.
    private func leversSection() -> String {
        guard let table = folder.levers else { return "" }
        var out = "<h2>\(e(t("What each lever buys", "各政策杠杆的成本效果")))</h2>\n"
        out += "<p>\(e(t("Each lever's policy step ran on the same trials as the base policy (common random numbers). Ranked by local conversions per 亿元: steps that add conversions and save money first, then by 万元 per extra local conversion (Δ fiscal cost / Δ local conversions, Fieller's 95 % interval); steps that lose conversions, then those whose ratio is not defined (Δ local conversions' interval includes 0), last.", "各杠杆的政策调整与基准使用相同的随机试验（共同随机数）。按每亿元财政支出带来的本地转化排序：先列既增加转化又节省支出的调整，再按每增加一项本地转化的成本（财政支出变化 / 本地转化变化，Fieller 95% 区间）排序；减少转化的调整与比值无定义（本地转化变化的区间包含 0）的调整列在最后。")))</p>\n"
        out += "<table>\n<tr><th>#</th><th>\(e(t("lever", "政策杠杆")))</th><th>\(e(t("step", "调整")))</th><th>\(e(t("Δ local conversions", "本地转化变化")))</th><th>\(e(t("Δ fiscal cost (万元)", "财政支出变化（万元）")))</th><th>\(e(t("万元 per extra local conversion", "每增一项本地转化成本（万元）")))</th></tr>\n"
        var rank = 0
        var seen: Set<String> = []
        func cell(_ row: [String]?) -> String {
            guard let row, !table.text(row, "diff").isEmpty else { return t("not defined", "无定义") }
            let f = { (x: Double) in ReadableNumber.format(x) }
            return "\(f(table.number(row, "diff"))) [\(f(table.number(row, "diff_ci_low"))), \(f(table.number(row, "diff_ci_high")))]"
        }
        for row in table.rows where !seen.contains(table.text(row, "lever")) {
            let lever = table.text(row, "lever")
            seen.insert(lever)
            rank += 1
            let mine = table.rows.filter { table.text($0, "lever") == lever }
            func metric(_ name: String) -> [String]? { mine.first { table.text($0, "metric") == name } }
            out += "<tr><td>\(rank)</td><td>\(e(lever))</td><td>\(e(table.text(row, "step")))</td><td>\(e(cell(metric("converted_local"))))</td><td>\(e(cell(metric("fiscal_cost_total"))))</td><td>\(e(cell(metric(LeversTable.costMetric))))</td></tr>\n"
        }
        out += "</table>\n"
        return out + figure(.levers) + leversMetricTables()
    }

    private func provenance() -> String {
        guard let m = folder.manifest else { return "" }
        var out = "<h2>\(e(t("Provenance and parameters", "来源与参数")))</h2>\n<table>\n"
        let facts: [(String, String)] = [
            (t("scenario", "情景"), m.scenarioName),
            (t("scenario file", "情景文件"), m.scenarioFile ?? t("bundled default", "内置默认情景")),
            ("scenario SHA-256", m.scenarioSHA256 ?? ""), (t("policy", "政策"), m.policy),
            (t("seed", "随机种子"), String(m.seed)),
            folder.calibration != nil ? (t("particles", "粒子数"), String(m.trials)) : (t("trials", "试验次数"), String(m.trials)), (t("tool", "工具"), "\(m.tool) \(m.toolVersion)"),
            (t("git revision", "源码版本"), m.gitRevision ?? revisionNote(m.gitRevisionNote)), ("GSL", m.gslVersion),
            (t("started", "开始"), m.startTime), (t("finished", "结束"), m.endTime),
            (t("command line", "命令行"), m.commandLine.joined(separator: " ")),
        ]
        for (key, value) in facts where !value.isEmpty {
            out += "<tr><th>\(e(key))</th><td class=\"value\">\(e(value))</td></tr>\n"
        }
        out += "</table>\n<h3>\(e(t("Resolved parameters", "解析后的参数")))</h3>\n"
        let varied = variedParameters()
        if !varied.isEmpty, folder.calibration != nil {
            out += "<p>\(e(t("The fitted parameters are marked with their posterior; the others held the value shown in every simulation.", "拟合参数标出其后验；其余参数在各次模拟中均取所列值。")))</p>\n"
        } else if !varied.isEmpty {
            out += "<p>\(e(t("Parameters the \(folder.sweep != nil ? "sweep" : "analysis") varied are marked as such, with the range they took; the others held the value shown in every run.", "\(folder.sweep != nil ? "扫描" : "敏感性分析")中变动的参数已标明及其取值范围；其余参数在各次运行中均取所列值。")))</p>\n"
        }
        let rows = Set(m.parameters.keys).union(varied.keys).sorted().compactMap { path -> [String]? in
            if let range = varied[path] {
                return [parameterCell(path), "<strong>\(e(range.value))</strong>", e(range.origin)]
            }
            guard let p = m.parameters[path] else { return nil }
            return [parameterCell(path), e(p.value), e(p.origin == "default" ? t("default", "默认") : p.origin)]
        }
        return out
            + foldedTable(
                e(t("Every parameter (\(rows.count))", "全部参数（\(rows.count) 项）")),
                header: [e(t("parameter", "参数")), e(t("value", "取值")), e(t("set at", "来源"))], rows: rows,
                numeric: [1])
    }

    /// Why the manifest has no revision, in the report's language.
    private func revisionNote(_ note: String?) -> String {
        guard let note else { return t("not recorded (a manifest from before revisions were noted)", "未记录（旧版清单）") }
        guard language == .zh else { return note }
        if note.hasPrefix("none:") { return "无：该程序由不在 git 仓库中的源码构建" }
        if note.hasPrefix("not recorded:") { return "未记录：该程序未经 scripts/with-revision.sh 构建（make build 会记录源码版本）" }
        return note
    }

    /// The parameters a sweep or sensitivity analysis varied, each with the values it took
    /// ("swept: 0.5 … 0.9 (5 values)") and what varied it, and those a calibration fitted, each
    /// with its posterior: the manifest's value for them is only the scenario's setting, which no
    /// point ran with (or, for a calibration, the hand-set value the posterior replaces).
    private func variedParameters() -> [String: (value: String, origin: String)] {
        var out: [String: (value: String, origin: String)] = [:]
        let sources: [(ResultsFolder.Table?, [String], String, String)] = [
            (folder.sweep, folder.sweepParameters, t("swept", "扫描"), t("the sweep's design", "扫描设计")),
            (folder.sensitivitySamples, folder.sensitivityParameters, t("varied", "变动"),
                t("the sensitivity spec's design", "敏感性分析设计")),
        ]
        for (table, parameters, verb, origin) in sources {
            guard let table else { continue }
            for path in parameters {
                let values = Set(table.rows.map { table.number($0, path) }.filter(\.isFinite)).sorted()
                guard let low = values.first, let high = values.last else { continue }
                let f = { (x: Double) in ReportNumber.minus(ChartNumber.label(x)) }
                let count = t("\(values.count) values", "\(values.count) 个取值")
                out[path] = (t("\(verb): \(f(low)) … \(f(high)) (\(count))", "\(verb)：\(f(low)) … \(f(high))（\(count)）"), origin)
            }
        }
        if let table = folder.calibration {
            for row in table.rows {
                let f = { (column: String) in self.calibrationNumber(table.number(row, column)) }
                out[table.text(row, "parameter")] = (
                    t("fitted: posterior median \(f("posterior_p50")) (90 %: \(f("posterior_p05"))–\(f("posterior_p95")))",
                      "拟合：后验中位数 \(f("posterior_p50"))（90%：\(f("posterior_p05"))–\(f("posterior_p95"))）"),
                    t("the calibration, prior \(table.text(row, "prior"))", "校准，先验 \(table.text(row, "prior"))"))
            }
        }
        return out
    }
}
