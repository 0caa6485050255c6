// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// State-asset approval and its reforms (单列管理, 一门式服务, 容错免责; MODEL.md §5.3).
public struct Approval: Sendable {
    public var delayMedianMonths: Double
    public var delaySigma: Double
    public var probability: Double

    static let reforms: [(key: String, label: String, delay: Double, rejection: Double, source: String)] = [
        ("single_list", "single-list management of results as state assets (单列管理)", 0.5, 0.6,
         "000 (Tianjin single-list management), 001"),
        ("one_stop", "one-stop service (一门式服务)", 0.6, 0.9, "000 (Tianjin one-stop service)"),
        ("fault_tolerance", "fault-tolerance and liability exemption (容错免责)", 0.9, 0.5,
         "000 (Tianjin due-diligence exemption), 001"),
    ]

    static var parameters: [ParameterSpec] {
        var specs: [ParameterSpec] = [
            .amount("region.approval.delay_median_months", 6, unit: "months",
                    "Median time for the institution's state-asset approval.",
                    source: "assumption: approval is slow and pricing risky (000, 001)", max: 600),
            .amount("region.approval.delay_sigma", 0.6, unit: "log-scale sd", "Log-scale spread of the approval delay.",
                    source: "assumption", max: 10),
            .probability("region.approval.probability", 0.8, "Probability that approval is granted (else the result is abandoned).",
                         source: "assumption: fear of pricing liability blocks some deals (001)"),
        ]
        for reform in reforms {
            specs += [
                .flag("policy.approval.\(reform.key)", false, "Switch on \(reform.label).", source: reform.source),
                .probability("policy.approval.\(reform.key)_delay_factor", reform.delay,
                             "Approval delay multiplier under \(reform.label).", source: "assumption"),
                .probability("policy.approval.\(reform.key)_rejection_factor", reform.rejection,
                             "Multiplier on the probability that approval is refused, under \(reform.label).",
                             source: "assumption"),
            ]
        }
        return specs
    }

    init(_ r: ParameterReader) {
        var delay = r["region.approval.delay_median_months"]
        var rejection = 1 - r["region.approval.probability"]
        for reform in Approval.reforms where r.flag("policy.approval.\(reform.key)") {
            delay *= r["policy.approval.\(reform.key)_delay_factor"]
            rejection *= r["policy.approval.\(reform.key)_rejection_factor"]
        }
        delayMedianMonths = delay
        delaySigma = r["region.approval.delay_sigma"]
        probability = 1 - rejection
    }
}
