// SPDX-License-Identifier: GPL-3.0-or-later

/// The report's headline numbers in plain language: a metric's mean over trials and the interval
/// holding 90 % of trials (5th–95th percentile), rounded as a person would say them —
/// "About 196 results converted locally over 10 years (90 % interval 169–226)."
public enum Headline {
    /// One sentence per headline metric present in the summary `statistics(metric)` gives
    /// (`mean`, `p05`, `p95`); `years` is the horizon.
    public static func sentences(
        language: ReportLanguage, years: Int?,
        statistics: (String) -> [String: Double]?
    ) -> [String] {
        let over = years.map { language == .zh ? "\($0) 年内" : " over \($0) years" } ?? ""
        var out: [String] = []
        for metric in [
            "converted_local", "local_conversion_share", "converted_elsewhere", "disclosed", "fiscal_cost_total",
            "fiscal_cost_per_local_conversion", "ventures_created",
        ] {
            guard let s = statistics(metric), let mean = s["mean"], let low = s["p05"], let high = s["p95"],
                mean.isFinite
            else { continue }
            let isShare = metric.hasSuffix("_share")
            let m = isShare ? percent(mean) : spoken(mean)
            let interval =
                low.isFinite && high.isFinite
                ? (isShare ? "\(percent(low))–\(percent(high))" : "\(spoken(low))–\(spoken(high))") : "n/a"
            out.append(language == .zh ? chinese(metric, m, interval, over) : english(metric, m, interval, over))
        }
        return out
    }

    private static func english(_ metric: String, _ m: String, _ interval: String, _ over: String) -> String {
        let tail = " (90 % interval \(interval))."
        switch metric {
        case "converted_local": return "About \(m) results converted locally\(over)" + tail
        case "local_conversion_share": return "About \(m) of disclosed results converted locally" + tail
        case "converted_elsewhere": return "About \(m) results taken up by firms elsewhere (outflow)" + tail
        case "disclosed": return "About \(m) results disclosed\(over)" + tail
        case "fiscal_cost_total": return "Net fiscal spending of about \(m) 万元\(over)" + tail
        case "fiscal_cost_per_local_conversion": return "About \(m) 万元 of fiscal spending per local conversion" + tail
        default: return "About \(m) spin-off ventures created\(over)" + tail
        }
    }

    private static func chinese(_ metric: String, _ m: String, _ interval: String, _ over: String) -> String {
        let tail = "（90% 区间 \(interval)）。"
        switch metric {
        case "converted_local": return "\(over)约 \(m) 项成果在本地转化" + tail
        case "local_conversion_share": return "披露成果中约 \(m) 在本地转化" + tail
        case "converted_elsewhere": return "约 \(m) 项成果被外地企业承接（外流）" + tail
        case "disclosed": return "\(over)约披露 \(m) 项成果" + tail
        case "fiscal_cost_total": return "\(over)财政净支出约 \(m) 万元" + tail
        case "fiscal_cost_per_local_conversion": return "每项本地转化约需财政支出 \(m) 万元" + tail
        default: return "\(over)约新创 \(m) 家企业" + tail
        }
    }

    /// A number as said aloud: three significant figures from 1,000 up (`12,345` → `12,300`),
    /// whole numbers from 10 up, one decimal below.
    public static func spoken(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let magnitude = abs(x)
        if magnitude >= 1000 {
            let digits = Double(Int(magnitude.rounded()).description.count)
            let unit = pow10(Int(digits) - 3)
            return ChartNumber.tick((x / unit).rounded() * unit, decimals: 0)
        }
        if magnitude >= 10 { return ChartNumber.tick(x.rounded(), decimals: 0) }
        return ChartNumber.tick(x, decimals: 1)
    }

    /// A share as a percentage with one decimal: `0.0245` → `2.5 %`.
    public static func percent(_ x: Double) -> String {
        x.isFinite ? ChartNumber.tick(100 * x, decimals: 1) + " %" : "n/a"
    }

    private static func pow10(_ n: Int) -> Double {
        (0..<max(0, n)).reduce(1.0) { r, _ in r * 10 }
    }
}
