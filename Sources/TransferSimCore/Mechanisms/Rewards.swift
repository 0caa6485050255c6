// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Rewards to institutions for local conversions (MODEL.md §4.1, §5.13). Paid per local conversion
/// up to a yearly cap, they raise transfer offices' effort towards *local* counterparts: the
/// matching hazard of results that fit local industry, and the weight the office gives a local
/// firm's offer against an outside one (`localEffort`). Office retention (in `IncomeShares`) raises
/// effort in general instead.
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
                "Reward per local conversion at which transfer-office effort towards local counterparts rises by 2^elasticity.",
                source: "assumption"),
        .amount("region.behaviour.reward_elasticity", 0.2, unit: "",
                "Elasticity of transfer-office effort towards local counterparts to rewards: local effort = (1 + reward / reference)^ε, multiplying the matching hazard of locally fitting results and the weight of a local offer.",
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

extension TrialSimulator {
    /// The reward for a local conversion at `t`, while this year's cap lasts.
    func payLocalConversionReward(at t: Double) {
        let reward = envelopeCut(.institutionRewards, min(p.rewards.perLocalConversion, rewardLeft), at: t)
        guard reward > 0 else { return }
        rewardLeft -= reward
        spend(.fiscalInstitutionRewards, reward, at: t)
    }
}
