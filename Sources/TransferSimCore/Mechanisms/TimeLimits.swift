// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Time-limited conversion (限时转化, MODEL.md §5.4): deadlines after which a result still waiting
/// gets an extra hazard. A deadline of 0 switches the rule off.
public struct TimeLimits: Sendable {
    /// Wuhan: after this many months without intent, the inventor may convert alone, with the full share.
    public var inventorActMonths: Double
    /// Zhejiang: after this many months unmatched, the result is listed publicly ("use first, then convert").
    public var listingMonths: Double
    public var listingHazard: Double
    /// Zhejiang: after this many months unmatched, it may be licensed to qualified firms.
    public var licensingMonths: Double
    public var licensingHazard: Double

    static let parameters: [ParameterSpec] = [
        .amount("policy.time_limits.inventor_may_act_months", 0, unit: "months",
                "Months of institutional inaction after which the inventor may convert alone with the full share (0 = off). Wuhan: 12.",
                source: "001 (Wuhan: 1 year)", max: 600, neutral: 0),
        .amount("policy.time_limits.listing_months", 0, unit: "months",
                "Months unconverted after which a result is listed publicly for 'use first, then convert' (0 = off). Zhejiang: 24.",
                source: "001 (Zhejiang: 2 years)", max: 600, neutral: 0),
        .amount("policy.time_limits.listing_hazard", 0.02, unit: "per month",
                "Extra monthly matching hazard of a listed result.", source: "assumption", max: 10),
        .amount("policy.time_limits.licensing_months", 0, unit: "months",
                "Months unconverted after which a result may be licensed to qualified firms (0 = off). Zhejiang: 36.",
                source: "001 (Zhejiang: 3 years)", max: 600, neutral: 0),
        .amount("policy.time_limits.licensing_hazard", 0.03, unit: "per month",
                "Extra monthly matching hazard once licensing to qualified firms is allowed.", source: "assumption", max: 10),
    ]

    init(_ r: ParameterReader) {
        inventorActMonths = r["policy.time_limits.inventor_may_act_months"]
        listingMonths = r["policy.time_limits.listing_months"]
        listingHazard = r["policy.time_limits.listing_hazard"]
        licensingMonths = r["policy.time_limits.licensing_months"]
        licensingHazard = r["policy.time_limits.licensing_hazard"]
    }
}
