// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// The report of a `calibrate` folder (docs/calibration.md): the diagnostics, prior against
/// posterior per fitted parameter, each observed figure against the posterior predictive, and the
/// generations.
extension HTMLReport {
    /// A parameter value or figure as charts label it (about three significant digits, U+2212).
    func calibrationNumber(_ x: Double) -> String { ReportNumber.minus(ChartNumber.label(x)) }

    /// A whole number read from a table (0 when the cell is not a number).
    func whole(_ x: Double) -> Int { x.isFinite && abs(x) < 9e18 ? Int(x.rounded()) : 0 }

    /// The diagnostics `calibrate` printed, recomputed from the folder's tables
    /// (`CalibrationDiagnostics`): parameters not identified, figures outside their predictive
    /// interval, a collapsed or vanishing acceptance rate.
    func calibrationWarnings() -> [CalibrationWarning] {
        guard let calibration = folder.calibration else { return [] }
        let parameters = calibration.rows.map { (calibration.text($0, "parameter"), calibration.number($0, "sd_ratio")) }
        let figures = folder.predictive.map { table in
            table.rows.map {
                (table.text($0, "figure"), table.number($0, "observed"), table.number($0, "predictive_p05"),
                 table.number($0, "predictive_p95"))
            }
        } ?? []
        let generations = folder.generations.map { table in
            table.rows.map {
                CalibrationDiagnostics.Generation(
                    generation: whole(table.number($0, "generation")), tolerance: table.number($0, "tolerance"),
                    acceptanceRate: table.number($0, "acceptance_rate"), complete: table.text($0, "complete") != "no")
            }
        } ?? []
        return CalibrationDiagnostics.warnings(parameters: parameters, figures: figures, generations: generations)
    }

    func calibrationSection() -> String {
        guard let calibration = folder.calibration else { return "" }
        var out = "<h2>\(e(t("Calibration", "校准")))</h2>\n"
        out += "<p>\(e(calibrationIntro(parameters: calibration.rows.count)))</p>\n"
        out += "<h3>\(e(t("Diagnostics", "诊断")))</h3>\n"
        let warnings = calibrationWarnings()
        if warnings.isEmpty {
            out += "<p>\(e(t("No warnings: every fitted parameter is narrowed by the observations (posterior sd below 0.9 × prior sd), every observed figure lies inside its posterior predictive 90 % interval, and no generation's acceptance rate collapsed.", "无警告：每个拟合参数都被观测值收窄（后验标准差低于先验的 0.9 倍），每个观测值都落在后验预测 90% 区间内，各代接受率均未崩溃。")))</p>\n"
        } else {
            out += "<ul>\n"
            for warning in warnings {
                out += "<li class=\"note\">\(e(language == .zh ? warning.chinese : warning.english))</li>\n"
            }
            out += "</ul>\n"
        }
        out += "<h3>\(e(t("Prior and posterior", "先验与后验")))</h3>\n"
        out += "<p>\(e(t("For each fitted parameter, the prior (generation 0's draws) and the weighted posterior (the final generation's particles) on the same bins, each bar the share of its sample's weight; lines at the posterior median and 5th / 95th percentiles and at the prior's. The sd ratio is the posterior sd over the prior sd: near 1, the observations say little about the parameter.", "每个拟合参数的先验（第 0 代抽样）与加权后验（最后一代粒子）使用相同分箱，柱高为该样本权重落在各箱的占比；竖线标出后验中位数、后验与先验的第 5 / 95 百分位。标准差之比为后验标准差除以先验标准差：接近 1 说明观测值对该参数几乎没有约束。")))</p>\n"
        let charts = self.charts
        for parameter in charts.calibrationParameters {
            if let chart = try? charts.posteriorChart(parameter: parameter) { out += "<figure>\n\(chart.svg())</figure>\n" }
        }
        out += calibrationParameterTable(calibration)
        if let predictive = folder.predictive {
            out += "<h3>\(e(t("Observed figures against the posterior predictive", "观测值与后验预测")))</h3>\n"
            out += "<p>\(e(t("One fresh simulated history per posterior particle, weighted: the mean and 90 % interval of each figure, against the observed value. On the chart both are measured from the observed value in its stated uncertainties, the calibration's distance units; a figure outside its interval is one the model cannot reproduce with these priors.", "每个后验粒子重新模拟一次历史并加权：各观测量的预测均值与 90% 区间，与观测值对比。图中两者均以观测值为零点、以其不确定度为单位（即校准距离的单位）；落在区间外的观测值表示在这些先验下模型无法再现它。")))</p>\n"
            out += figure(.predictive)
            out += calibrationPredictiveTable(predictive)
        }
        if let generations = folder.generations {
            out += "<h3>\(e(t("Generations", "各代")))</h3>\n" + calibrationGenerationsTable(generations)
        }
        out += "<p>\(e(t("calibrated.yaml in the folder is the scenario with these parameters drawn together from posterior.csv, one weighted row per trial: run, compare, levers and sweep it like any scenario.", "文件夹中的 calibrated.yaml 即为校准后的情景：上述参数按 posterior.csv 的加权行逐次试验联合抽取，可像其他情景一样用于 run、compare、levers 和 sweep。")))</p>\n"
        return out
    }

    /// One sentence on what was fitted and how the calibration went.
    private func calibrationIntro(parameters: Int) -> String {
        let figures = folder.predictive?.rows.count ?? 0
        guard let table = folder.generations, let last = table.rows.last(where: { table.text($0, "complete") != "no" }) else {
            return t("ABC-SMC fitted \(parameters) parameters to \(figures) observed figures.",
                     "以 ABC-SMC 将 \(parameters) 个参数拟合到 \(figures) 个观测值。")
        }
        // The manifest's points are every simulation run, the predictive check's included (as
        // `calibrate` prints); the generations' sum when it has none.
        let simulations = ReadableNumber.count(
            folder.manifest?.points ?? table.rows.reduce(0) { $0 + whole(table.number($1, "simulations")) })
        let count = table.rows.filter { table.text($0, "complete") != "no" }.count
        let tolerance = calibrationNumber(table.number(last, "tolerance"))
        let ess = ReadableNumber.count(whole(table.number(last, "ess")))
        let particles = ReadableNumber.count(whole(table.number(last, "particles")))
        return t("ABC-SMC fitted \(parameters) parameters to \(figures) observed figures in \(count) generations and \(simulations) simulations: the final tolerance is \(tolerance) (the figures together within about \(tolerance) stated uncertainties), the posterior \(particles) weighted particles with an effective sample size of \(ess).",
                 "以 ABC-SMC 将 \(parameters) 个参数拟合到 \(figures) 个观测值，共 \(count) 代、\(simulations) 次模拟：最终容差 \(tolerance)（各观测值合计约在 \(tolerance) 倍不确定度之内），后验为 \(particles) 个加权粒子，有效样本量 \(ess)。")
    }

    private func calibrationParameterTable(_ table: ResultsFolder.Table) -> String {
        let f = calibrationNumber
        let rows = table.rows.map { row -> [String] in
            let n = { (column: String) in table.number(row, column) }
            let ratio = n("sd_ratio")
            let identified = ratio < CalibrationTables.identificationRatio
            return [
                parameterCell(table.text(row, "parameter")), e(table.text(row, "prior")), e(f(n("prior_mean"))),
                e("\(f(n("prior_p05")))–\(f(n("prior_p95")))"), e(f(n("posterior_mean"))), e(f(n("posterior_p50"))),
                e("\(f(n("posterior_p05")))–\(f(n("posterior_p95")))"),
                e(ratio.isFinite ? String(format: "%.2f", ratio) : "n/a"),
                identified ? e(t("yes", "是")) : "<strong class=\"note\">\(e(t("no", "否")))</strong>",
            ]
        }
        return foldedTable(
            e(t("Every fitted parameter (\(rows.count))", "全部拟合参数（\(rows.count) 项）")),
            header: [t("parameter", "参数"), t("prior", "先验"), t("prior mean", "先验均值"), t("prior 90 %", "先验 90%"),
                     t("posterior mean", "后验均值"), t("posterior median", "后验中位数"), t("posterior 90 %", "后验 90%"),
                     t("sd ratio", "标准差之比"), t("identified", "可识别")].map(e),
            rows: rows, numeric: [2, 3, 4, 5, 6, 7])
    }

    private func calibrationPredictiveTable(_ table: ResultsFolder.Table) -> String {
        let f = calibrationNumber
        let rows = table.rows.map { row -> [String] in
            let n = { (column: String) in table.number(row, column) }
            let label = table.text(row, "label")
            let what = "<code>\(e(table.text(row, "quantity")))</code>" + (label.isEmpty ? "" : "<br>\(e(label))")
            let inside = n("observed") >= n("predictive_p05") && n("observed") <= n("predictive_p95")
            return [
                "<code>\(e(table.text(row, "figure")))</code>", what, e("\(f(n("observed"))) ± \(f(n("uncertainty")))"),
                e(f(n("predictive_mean"))), e("\(f(n("predictive_p05")))–\(f(n("predictive_p95")))"),
                inside ? e(t("yes", "是")) : "<strong class=\"note\">\(e(t("no", "否")))</strong>",
                e(table.text(row, "source")),
            ]
        }
        return foldedTable(
            e(t("Every observed figure (\(rows.count))", "全部观测值（\(rows.count) 项）")),
            header: [t("figure", "观测量"), t("model quantity", "模型量"), t("observed ± uncertainty", "观测值 ± 不确定度"),
                     t("predictive mean", "预测均值"), t("predictive 90 %", "预测 90%"), t("inside", "在区间内"),
                     t("source", "来源")].map(e),
            rows: rows, numeric: [2, 3, 4])
    }

    private func calibrationGenerationsTable(_ table: ResultsFolder.Table) -> String {
        let rows = table.rows.map { row -> [String] in
            let n = { (column: String) in table.number(row, column) }
            let tolerance = n("tolerance")
            let complete = table.text(row, "complete") != "no"
            return [
                e(String(whole(n("generation")))),
                e(tolerance.isInfinite ? t("∞ (the prior)", "∞（先验）") : calibrationNumber(tolerance)),
                e(ReadableNumber.count(whole(n("particles")))), e(ReadableNumber.count(whole(n("simulations")))),
                e(ReadableNumber.format(n("acceptance_rate"), unit: "share")),
                e(ReadableNumber.count(whole(n("ess")))),
                complete ? "" : "<strong class=\"note\">\(e(t("collapsed", "崩溃")))</strong>",
            ]
        }
        return foldedTable(
            e(t("Tolerance, acceptance and effective sample size by generation", "各代的容差、接受率与有效样本量")),
            header: [t("generation", "代"), t("tolerance", "容差"), t("particles", "粒子"), t("simulations", "模拟次数"),
                     t("acceptance", "接受率"), t("ESS", "有效样本量"), ""].map(e),
            rows: rows, numeric: [1, 2, 3, 4, 5])
    }
}
