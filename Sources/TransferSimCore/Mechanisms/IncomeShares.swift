// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Income shares (收益分配, MODEL.md §5.1): who gets each yuan of conversion income, and how the
/// shares move inventors' intent and transfer staff's effort.
public struct IncomeShares: Sendable {
    /// Inventor team's share of net conversion income.
    public var inventorShare: Double
    /// Transfer staff's share.
    public var transferStaffShare: Double
    /// Share the institution keeps for its transfer office (Hefei ≥10 %), part of its own share.
    public var officeRetention: Double
    /// Monthly hazard that an inventor starts conversion, at the reference share.
    public var intentHazard: Double
    public var referenceShare: Double
    public var intentElasticity: Double
    public var referenceStaffShare: Double
    public var staffElasticity: Double
    /// Elasticity of disclosures to the inventor's effective share: rate × (share / reference)^ε.
    public var disclosureElasticity: Double

    static let parameters: [ParameterSpec] = [
        .probability("policy.income.inventor_share", 0.5,
                     "Inventor team's share of net conversion income (licence fees, royalties, equity exits).",
                     source: "national law default 50 % (MODEL.md §5.1); Zhejiang ≥70 % (001), Wenzhou >80 % (004)",
                     neutral: 0.5),
        .probability("policy.income.transfer_staff_share", 0.05,
                     "Transfer staff's share of net conversion income.",
                     source: "Zhejiang ≥5 % to transfer staff (001)", neutral: 0.05),
        .probability("policy.income.office_retention", 0,
                     "Share of net income the institution keeps for its transfer office (from the institution's share); raises transfer-office effort.",
                     source: "Hefei lets institutions keep ≥10 % of net transfer income for their office (001)", neutral: 0),
        .amount("region.behaviour.intent_hazard", 0.05, unit: "per month",
                "Monthly hazard that an inventor team starts conversion of a result, at the reference share.",
                source: "assumption: mean 20 months to intent at the reference share", max: 10),
        .probability("region.behaviour.reference_share", 0.5,
                     "Inventor share at which the intent multiplier is 1.",
                     source: "national default in law, 50 % (MODEL.md §5.1)"),
        .amount("region.behaviour.intent_elasticity", 0.631, unit: "",
                "Elasticity ε of intent to the inventor share: hazard × (share / reference)^ε.",
                source: "Hvide & Jones 2018 (CALIBRATION.md): cutting the share from 1 to 1/3 halved start-ups and patents, so ε = ln 2 / ln 3 ≈ 0.631, applied here to the per-result hazard of starting conversion (Lach & Schankerman 2008: larger shares, more licence income per invention). With disclosure_elasticity also set from that study the end-to-end response is stronger than Norway's; docs/validation.md compares",
                max: 10),
        .amount("region.behaviour.disclosure_elasticity", 0.631, unit: "",
                "Elasticity ε of disclosures to the inventor's effective share: results disclosed × (share / reference)^ε. region.arrivals.annual_disclosures is the rate at the reference share.",
                source: "Hvide & Jones 2018 (CALIBRATION.md): when Norway cut the inventors' share from all to about a third, their patents fell about 50 %, so ε = ln 2 / ln 3 ≈ 0.631",
                max: 10),
        .probability("region.behaviour.reference_staff_share", 0.05,
                     "Transfer-staff share (plus office retention) at which staff effort is 1.",
                     source: "Zhejiang ≥5 % (001)"),
        .amount("region.behaviour.staff_elasticity", 0.3, unit: "",
                "Elasticity of transfer-staff matching effort to their share plus office retention.",
                source: "assumption: positive, weaker than inventors' (Lach & Schankerman 2008 on incentives, CALIBRATION.md)",
                max: 10),
    ]

    init(_ r: ParameterReader) {
        inventorShare = r["policy.income.inventor_share"]
        transferStaffShare = r["policy.income.transfer_staff_share"]
        officeRetention = r["policy.income.office_retention"]
        intentHazard = r["region.behaviour.intent_hazard"]
        referenceShare = r["region.behaviour.reference_share"]
        intentElasticity = r["region.behaviour.intent_elasticity"]
        referenceStaffShare = r["region.behaviour.reference_staff_share"]
        staffElasticity = r["region.behaviour.staff_elasticity"]
        disclosureElasticity = r["region.behaviour.disclosure_elasticity"]
    }

    /// Disclosure-rate multiplier for results whose inventors' effective share is `share`:
    /// (share / reference)^ε, 0 at a share of 0.
    @inlinable func disclosureMultiplier(share: Double) -> Double {
        share <= 0 ? 0 : pow(share / referenceShare, disclosureElasticity)
    }

    /// The largest disclosure multiplier any share in [0, 1] gives (at a share of 1, or 1 when the
    /// elasticity is 0): sets the extra candidate stream's rate.
    var disclosureCeiling: Double { max(1, disclosureMultiplier(share: 1)) }

    /// Intent multiplier for an inventor whose effective share is `share`: (share / reference)^ε.
    /// A share of 0 gives 0 (no one converts for nothing).
    @inlinable func intentMultiplier(share: Double) -> Double {
        share <= 0 ? 0 : pow(share / referenceShare, intentElasticity)
    }

    /// Transfer-office effort multiplier: ((staff share + office retention) / reference)^ε, with the
    /// numerator floored at 1 % so that a zero share slows matching instead of stopping it.
    var staffEffortMultiplier: Double {
        pow(max(transferStaffShare + officeRetention, 0.01) / max(referenceStaffShare, 0.01), staffElasticity)
    }
}

/// Ownership empowerment (赋权改革, MODEL.md §5.2).
public struct Empowerment: Sendable {
    public enum Mode: Int, Sendable { case none = 0, longTermUse, fullOwnership, joint }
    public static let modeNames = ["none", "long_term_use", "full_ownership", "joint"]

    public var mode: Mode
    /// Fraction of eligible results (from universities and institutes) empowered.
    public var eligibleFraction: Double
    /// Inventor team's share of income when empowered (its owned share).
    public var empoweredShare: Double
    /// Approval delay multiplier when empowered (0 removes the step).
    public var approvalDelayFactor: Double
    /// Spin-off probability multiplier when empowered.
    public var spinoffMultiplier: Double

    static let parameters: [ParameterSpec] = [
        ParameterSpec("policy.empowerment.mode", .choice(modeNames), default: .number(0),
                      meaning: "Ownership reform: none; long_term_use (≥10-year use right, Tianjin); full_ownership; joint (a share of ownership).",
                      source: "000 (Tianjin: ownership or ≥10 years' use right to inventor teams)", neutral: 0),
        .probability("policy.empowerment.eligible_fraction", 0.3,
                     "Fraction of university and institute results the reform applies to.",
                     source: "assumption: pilot reforms cover part of an institution's results"),
        .probability("policy.empowerment.empowered_share", 0.7,
                     "Inventor team's share of income from an empowered result (its owned or use-right share).",
                     source: "assumption: ≥70 % as in Zhejiang's income rule (001)"),
        .probability("policy.empowerment.approval_delay_factor_joint", 0.5,
                     "Approval delay multiplier for jointly owned results (full ownership removes the step).",
                     source: "assumption: MODEL.md §5.2 (approval shortened or removed)"),
        .probability("policy.empowerment.approval_delay_factor_long_term_use", 0.25,
                     "Approval delay multiplier for results under a long-term use right (the institution still owns them and grants the right once).",
                     source: "assumption: 000 (Tianjin: ≥10 years' use right); MODEL.md §5.2"),
        .amount("region.route.empowered_spinoff_multiplier", 2, unit: "×",
                "Spin-off probability multiplier for empowered results.",
                source: "assumption: MODEL.md §5.2 (spin-off probability rises)", max: 100),
    ]

    init(_ r: ParameterReader) {
        mode = Mode(rawValue: r.int("policy.empowerment.mode")) ?? .none
        eligibleFraction = mode == .none ? 0 : r["policy.empowerment.eligible_fraction"]
        empoweredShare = r["policy.empowerment.empowered_share"]
        switch mode {
        case .none: approvalDelayFactor = 1
        case .fullOwnership: approvalDelayFactor = 0
        case .longTermUse: approvalDelayFactor = r["policy.empowerment.approval_delay_factor_long_term_use"]
        case .joint: approvalDelayFactor = r["policy.empowerment.approval_delay_factor_joint"]
        }
        spinoffMultiplier = r["region.route.empowered_spinoff_multiplier"]
    }
}

extension TrialSimulator {
    /// Conversion income paid to the holders of result `i`'s IP: the broker's commission first (on
    /// contract payments of a contract it brokered, not on equity exit proceeds), then the inventor,
    /// transfer-staff and institution shares (MODEL.md §5.1).
    func payRightsHolders(_ i: Int, _ amount: Double, at t: Double, commissionable: Bool = true) {
        guard amount > 0 else { return }
        let commission = commissionable && results[i].brokered ? p.matching.brokerCommission * amount : 0
        let net = amount - commission
        let inventor = results[i].inventorShare * net
        let staff = p.income.transferStaffShare * net
        book(.ipIncomeTotal, amount, at: t)
        book(.brokerIncome, commission, at: t)
        book(.inventorIncome, inventor, at: t, yearly: .inventorIncome)
        book(.transferStaffIncome, staff, at: t)
        book(.institutionIncome, net - inventor - staff, at: t, yearly: .institutionIncome)
    }
}
