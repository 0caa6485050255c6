// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Proof-of-concept extras: "invest first, equity later" (先投后股, Wenzhou, 004).
public struct InvestFirstEquityLater: Sendable {
    /// Whether proof-of-concept grants convert (先投后股).
    public var enabled: Bool
    /// Whether pilot subsidies convert too (the "二次开发" project money of 004).
    public var pilotEnabled: Bool
    /// Annual return at which the government exits the converted stake "at preserved value" (按保值退出).
    public var exitReturnRate: Double

    static let parameters: [ParameterSpec] = [
        .flag("policy.poc.invest_first_equity_later", false,
              "Proof-of-concept grants to results that become ventures turn into equity at the first round (先投后股).",
              source: "004 (Wenzhou); 001 (Lanzhou proposal)"),
        .flag("policy.pilot.invest_first_equity_later", false,
              "Pilot subsidies to results that become ventures turn into equity at the first round, with PoC grants (先投后股).",
              source: "004: 先期以科技项目方式支持…“二次开发”，市场化融资阶段将投入的财政资金转换为股份"),
        .amount("policy.poc.preserved_value_rate", 0.03, unit: "per year",
                "Annual return at which the government exits a converted PoC stake (按保值退出).",
                source: "assumption: a deposit-like rate; 001 (exit at preserved value)", max: 1),
    ]

    init(_ r: ParameterReader) {
        enabled = r.flag("policy.poc.invest_first_equity_later")
        pilotEnabled = r.flag("policy.pilot.invest_first_equity_later")
        exitReturnRate = r["policy.poc.preserved_value_rate"]
    }
}
