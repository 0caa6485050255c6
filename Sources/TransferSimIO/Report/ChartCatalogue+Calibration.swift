// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

extension ChartCatalogue {
    /// The fitted parameters of a calibration folder, in calibration.csv's order.
    public var calibrationParameters: [String] {
        guard let table = folder.calibration else { return [] }
        return table.rows.map { table.text($0, "parameter") }
    }

    /// Prior against posterior: for `parameter`, its chart; otherwise one chart per fitted
    /// parameter, stacked in one SVG (a single parameter's chart alone).
    func posteriorCharts(parameter: String?) throws(Unavailable) -> String {
        if let parameter { return try posteriorChart(parameter: parameter).svg() }
        let parameters = calibrationParameters
        guard !parameters.isEmpty else { throw missing(CalibrationTables.calibrationFile) }
        var documents: [String] = []
        for p in parameters { documents.append(try posteriorChart(parameter: p).svg()) }
        return documents.count == 1 ? documents[0] : Self.stacked(documents)
    }

    /// The weighted sample of `parameter` in a posterior.csv-shaped table (`weight` column).
    static func sample(_ table: ResultsFolder.Table, _ parameter: String) -> PosteriorChart.Sample {
        PosteriorChart.Sample(values: table.rows.map { table.number($0, parameter) },
                              weights: table.rows.map { table.number($0, "weight") })
    }

    /// One fitted parameter's prior (generation 0's draws, prior.csv) against its weighted
    /// posterior (posterior.csv), with the percentiles of calibration.csv.
    func posteriorChart(parameter: String) throws(Unavailable) -> PosteriorChart {
        guard let calibration = folder.calibration else { throw missing(CalibrationTables.calibrationFile) }
        guard let posterior = folder.posteriorSample else { throw missing(CalibrationTables.posteriorFile) }
        guard let row = calibration.rows.first(where: { calibration.text($0, "parameter") == parameter }),
              posterior.column(parameter) != nil
        else {
            throw Unavailable(description: "error: '\(parameter)' is not a fitted parameter of the calibration in '\(folder.path)'; one of: \(calibrationParameters.joined(separator: ", "))")
        }
        let n = { (column: String) in calibration.number(row, column) }
        let f = { (x: Double) in ReportNumber.minus(ChartNumber.label(x)) }
        let ratio = n("sd_ratio")
        let identified = ratio < CalibrationTables.identificationRatio
        let ratioText = ratio.isFinite ? ReadableNumber.format((ratio * 100).rounded() / 100) : "n/a"
        let subtitle = t(
            "posterior median \(f(n("posterior_p50"))) (90 %: \(f(n("posterior_p05")))–\(f(n("posterior_p95")))) · prior 90 %: \(f(n("prior_p05")))–\(f(n("prior_p95"))) · sd ratio \(ratioText)\(identified ? "" : ": not identified")",
            "后验中位数 \(f(n("posterior_p50")))（90%：\(f(n("posterior_p05")))–\(f(n("posterior_p95")))）· 先验 90%：\(f(n("prior_p05")))–\(f(n("prior_p95"))) · 标准差之比 \(ratioText)\(identified ? "" : "：未被识别")")
        let prior = folder.priorSample.flatMap { $0.column(parameter) == nil ? nil : Self.sample($0, parameter) }
        let ess = WeightedSample.effectiveSize(WeightedSample.normalised(Self.sample(posterior, parameter).weights))
        let essText = ReadableNumber.count(ess.isFinite ? Int(ess.rounded()) : 0)
        return PosteriorChart(
            title: t("\(parameter): prior and posterior", "\(parameterName(parameter))：先验与后验"),
            subtitle: subtitle, xTitle: parameterTitle(parameter),
            yTitle: t("share of the sample's weight in each bin (%)", "各区间的权重占比（%）"),
            prior: prior, posterior: Self.sample(posterior, parameter),
            posteriorPercentiles: (n("posterior_p05"), n("posterior_p50"), n("posterior_p95")),
            priorPercentiles: (n("prior_p05"), n("prior_p95")),
            legendLabels: (
                t("prior (\(prior?.values.count ?? 0) draws)", "先验（\(prior?.values.count ?? 0) 次抽样）"),
                t("posterior (\(posterior.rows.count) particles, ESS \(essText))", "后验（\(posterior.rows.count) 个粒子，有效样本 \(essText)）"),
                t("posterior median", "后验中位数"), t("posterior 5th / 95th percentile", "后验第 5 / 95 百分位"),
                t("prior 5th / 95th percentile", "先验第 5 / 95 百分位")))
    }

    /// Each observed figure against its posterior predictive (predictive.csv), in stated
    /// uncertainties.
    func predictiveChart() throws(Unavailable) -> PredictiveChart {
        guard let table = folder.predictive, !table.rows.isEmpty else { throw missing(CalibrationTables.predictiveFile) }
        let f = { (x: Double) in ReportNumber.minus(ChartNumber.label(x)) }
        let rows = table.rows.map { row -> PredictiveChart.Row in
            let n = { (column: String) in table.number(row, column) }
            let observed = n("observed"), u = n("uncertainty")
            let z = { (x: Double) in (x - observed) / u }
            let detail = t(
                "observed \(f(observed)) ± \(f(u)) · predictive \(f(n("predictive_mean"))) (\(f(n("predictive_p05")))–\(f(n("predictive_p95"))))",
                "观测 \(f(observed)) ± \(f(u)) · 预测 \(f(n("predictive_mean")))（\(f(n("predictive_p05")))–\(f(n("predictive_p95"))))")
            return PredictiveChart.Row(label: table.text(row, "figure"), detail: detail, mean: z(n("predictive_mean")),
                                       low: z(n("predictive_p05")), high: z(n("predictive_p95")))
        }
        return PredictiveChart(
            title: t("Observed figures against the posterior predictive", "观测值与后验预测"),
            subtitle: folder.manifest?.scenarioName,
            xTitle: t("(predictive − observed) / stated uncertainty (uncertainties)", "（预测 − 观测）/ 观测不确定度（倍）"),
            rows: rows,
            legendLabels: (
                t("observed ± 1 stated uncertainty", "观测值 ± 1 倍不确定度"), t("predictive mean", "预测均值"),
                t("predictive 90 % interval", "预测 90% 区间"), t("observed outside the interval", "观测值在区间外")))
    }
}
