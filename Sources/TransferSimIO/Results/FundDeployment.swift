// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// The deployability warning of `run` and `compare` (MODEL.md §5.10): a fund whose commitments the
/// region's pipeline and its outside-deal rule cannot absorb leaves most of its new-deal budget
/// uninvested when its investment period ends. Said when, in more than half the trials, more than
/// half the budget is undeployed (`fund.<id>.gross.undeployed_share` > 0.5).
public enum FundDeployment {
    /// The undeployed share above which a trial counts as undeployed, and the share of trials above
    /// which the warning is given.
    public static let undeployedThreshold = 0.5
    public static let trialShareThreshold = 0.5

    /// One line per fund that the warning concerns, English and Chinese, ending in a newline.
    public static func warnings(_ result: RunResult) -> [String] {
        let layout = result.fundLayout
        var lines: [String] = []
        for (f, id) in layout.funds.enumerated() {
            guard let column = layout.columns.firstIndex(where: { $0.fund == f && $0.lpClass == .gross && $0.metric == .undeployedShare })
            else { continue }
            let values = result.fundValues(column: column).filter { !$0.isNaN }
            guard !values.isEmpty else { continue }
            let undeployed = Double(values.filter { $0 > undeployedThreshold }.count) / Double(values.count)
            guard undeployed > trialShareThreshold else { continue }
            let median = Summary(values).p50
            lines.append("warning: fund \(id) leaves more than half of its new-deal budget uninvested at the end of its "
                + "investment period in \(Int((100 * undeployed).rounded())) % of trials (median \(Int((100 * median).rounded())) % "
                + "undeployed): the pipeline and its outside-deal rule cannot absorb it (docs/funds.md). "
                + "警告：基金 \(id) 在投资期末过半资金未能投出。\n")
        }
        return lines
    }
}
