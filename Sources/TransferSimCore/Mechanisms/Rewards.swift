// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Rewards to institutions for local conversions (MODEL.md §5.13).
public struct InstitutionRewards: Sendable {
    public var perLocalConversion: Double
    public var annualCap: Double
    public var effortReference: Double
    public var effortElasticity: Double

    static let parameters: [ParameterSpec] = [
        .amount("policy.institution_reward.per_local_conversion", 0, unit: "万元",
                "Reward paid to the institution for each local conversion (0 = off).",
                source: "001 (Wuhan: up to 3000万 by local-contribution rating)", neutral: 0),
        .amount("policy.institution_reward.annual_cap", 3000, unit: "万元 per year",
                "Largest total of rewards paid in a year.", source: "001 (Wuhan: up to 3000万)"),
        .amount("region.behaviour.reward_reference", 10, unit: "万元",
                "Reward per conversion at which transfer-office effort rises by 2^elasticity.",
                source: "assumption"),
        .amount("region.behaviour.reward_elasticity", 0.2, unit: "",
                "Elasticity of transfer-office effort to rewards: effort × (1 + reward / reference)^ε.",
                source: "assumption", max: 10),
    ]

    init(_ r: ParameterReader) {
        perLocalConversion = r["policy.institution_reward.per_local_conversion"]
        annualCap = r["policy.institution_reward.annual_cap"]
        effortReference = r["region.behaviour.reward_reference"]
        effortElasticity = r["region.behaviour.reward_elasticity"]
    }

    var effortMultiplier: Double {
        pow(1 + perLocalConversion / max(effortReference, 1e-9), effortElasticity)
    }
}
