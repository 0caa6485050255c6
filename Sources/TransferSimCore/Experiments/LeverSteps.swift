// SPDX-License-Identifier: GPL-3.0-or-later

/// One documented *policy step* of a lever of MODEL.md §4.1: a realistic increment of the lever
/// (or the lever switched off), run against the base policy on common random numbers by
/// `transfersim levers`.
public struct LeverStep: Sendable, Equatable {
    /// Short name, also the policy name of the step's run (e.g. `inventor_share_70`).
    public let name: String
    /// What the step changes, for people (e.g. "Inventor share 50 % → 70 %").
    public let step: String
    /// Which way the evidence expects local conversions (and outflow) to move, with its sources
    /// (the numbers refer to the project's source documents 000–004).
    public let expectation: String
    /// The policy settings the step makes, by dotted path (`policy.*` only).
    public let settings: [String: ParameterValue]
    /// Where a scenario's `levers:` section makes each setting, by dotted path (empty for a
    /// built-in step): the origin its resolved parameters and the `levers` manifest record.
    public let origins: [String: Origin]

    public init(name: String, step: String, expectation: String = "", settings: [String: ParameterValue],
                origins: [String: Origin] = [:]) {
        self.name = name
        self.step = step
        self.expectation = expectation
        self.settings = settings
        self.origins = origins
    }

    /// The channel outcomes the expectation names (`channel: ventures_on_market down`, several
    /// separated by `;`): the metric through which the lever acts (MODEL.md §4.1) and the direction
    /// the evidence expects, reported beside the key outcomes. Unknown metric names are skipped.
    public var channels: [(metric: Metric, direction: String)] {
        expectation.components(separatedBy: ";").compactMap { part in
            let words = part.split(separator: " ").map(String.init)
            guard let k = words.firstIndex(of: "channel:"), k + 2 < words.count,
                  let metric = Metric(name: words[k + 1]), ["up", "down"].contains(words[k + 2]) else { return nil }
            return (metric, words[k + 2])
        }
    }

    /// The step as a policy variant (its description: `step | expect: expectation`).
    public var variant: PolicyVariant {
        let description = expectation.isEmpty ? step : "\(step) | expect: \(expectation)"
        var withOrigins: [String: ParameterSetting] = [:]
        for (path, value) in settings { withOrigins[path] = ParameterSetting(value, origin: origins[path]) }
        return PolicyVariant(name: name, description: description, settings: withOrigins)
    }

    /// A step read from a variant written in a scenario's `levers:` section (its description split
    /// at `| expect:` into the step and the expectation).
    public init(_ variant: PolicyVariant) {
        let parts = variant.description.components(separatedBy: "| expect:")
        self.init(name: variant.name, step: parts[0].trimmingSpaces(),
                  expectation: parts.dropFirst().joined(separator: "| expect:").trimmingSpaces(),
                  settings: variant.settings.mapValues(\.value), origins: variant.settings.compactMapValues(\.origin))
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// The default policy step of every lever of MODEL.md §4.1, with its reasoning and sources: the
/// steps `transfersim levers` runs when a scenario states none of its own (`levers:` section).
/// `Scenarios/levers/default-levers.yaml` writes the same steps as scenario variants (a test
/// checks that they agree). Money in 万元, land in 亩, time in months.
public enum LeverCatalogue {
    private static func n(_ x: Double) -> ParameterValue { .number(x) }
    private static let on = ParameterValue.number(1)
    private static let off = ParameterValue.number(0)

    /// The default steps, in MODEL.md §4.1 order.
    public static let defaults: [LeverStep] = [
        LeverStep(name: "inventor_share_70", step: "Inventor share 50 % → 70 % (Zhejiang, 001)",
                  expectation: "disclosures up, local up",
                  settings: ["policy.income.inventor_share": n(0.7)]),
        LeverStep(name: "empowerment_full",
                  step: "Full ownership for half of university and institute results (000)",
                  expectation: "local up",
                  settings: ["policy.empowerment.mode": n(Double(Empowerment.Mode.fullOwnership.rawValue)),
                             "policy.empowerment.eligible_fraction": n(0.5)]),
        LeverStep(name: "approval_reforms", step: "Single list, one-stop service, fault tolerance (000, 001)",
                  expectation: "faster, local up",
                  settings: ["policy.approval.single_list": on, "policy.approval.one_stop": on,
                             "policy.approval.fault_tolerance": on]),
        LeverStep(name: "time_limits",
                  step: "Zhejiang's 24/36-month listing and licensing, Wuhan's 12-month inventor right (001)",
                  expectation: "local up",
                  settings: ["policy.time_limits.listing_months": n(24), "policy.time_limits.licensing_months": n(36),
                             "policy.time_limits.inventor_may_act_months": n(12)]),
        LeverStep(name: "brokers_x3", step: "Broker density 1 → 3 per 100 disclosures (002)",
                  expectation: "local up, outflow may rise", settings: ["policy.brokers.density": n(3)]),
        LeverStep(name: "roadshows_12", step: "Roadshows 4 → 12 a year (002)",
                  expectation: "local up, outflow may rise", settings: ["policy.roadshows.per_year": n(12)]),
        LeverStep(name: "registration_80", step: "Registration 30 % → 80 % of results (002)",
                  expectation: "local up, outflow may rise", settings: ["policy.registration.rate": n(0.8)]),
        LeverStep(name: "poc_removed", step: "No proof-of-concept slots", expectation: "local down",
                  settings: ["policy.poc.slots": n(0)]),
        LeverStep(name: "poc_doubled", step: "Proof-of-concept slots and budget doubled",
                  expectation: "local up, diminishing",
                  settings: ["policy.poc.slots": n(30), "policy.poc.annual_budget": n(2000)]),
        LeverStep(name: "pilot_removed", step: "No subsidised pilot slots", expectation: "local down",
                  settings: ["policy.pilot.slots": n(0)]),
        LeverStep(name: "pilot_doubled", step: "Pilot slots and budget doubled (Henan-style bases, 000)",
                  expectation: "local up, diminishing",
                  settings: ["policy.pilot.slots": n(50), "policy.pilot.annual_budget": n(4000)]),
        LeverStep(name: "local_subsidy_hefei", step: "Hefei's 15 % local-conversion subsidy up to 150万, alone (001)",
                  expectation: "local up, outflow down",
                  settings: ["policy.licensing.local_subsidy_rate": n(0.15), "policy.licensing.local_subsidy_cap": n(150)]),
        LeverStep(name: "first_use_then_pay", step: "Use first, pay later (000, 001, 003, 004)",
                  expectation: "local up", settings: ["policy.licensing.first_use_then_pay": on]),
        LeverStep(name: "rewards_local_20", step: "Rewards of 20万 per local conversion (Wuhan-style, 001)",
                  expectation: "local up, outflow down",
                  settings: ["policy.institution_reward.per_local_conversion": n(20)]),
        LeverStep(name: "office_retention_10", step: "Institutions keep 10 % for their transfer office (Hefei, 001)",
                  expectation: "local up, outflow may rise", settings: ["policy.income.office_retention": n(0.10)]),
        LeverStep(name: "seed_fund_off", step: "No seed fund", expectation: "local down, outflow up; channel: ventures_on_market down; channel: ventures_failed up",
                  settings: ["policy.funds.seed.government_commitment": n(0),
                             "policy.funds.seed.private_commitment": n(0)]),
        LeverStep(name: "seed_fund_x3", step: "Seed fund tripled",
                  expectation: "local up, outflow down; channel: ventures_raised_seed up",
                  settings: ["policy.funds.seed.government_commitment": n(15000),
                             "policy.funds.seed.private_commitment": n(7500)]),
        LeverStep(name: "concessions",
                  step: "Yozma buy-back at cost + 5 % within 5 years and 20 % first-loss cover",
                  expectation: "local up (more private capital); channel: ventures_raised_seed up; channel: private_capital_invested up",
                  settings: ["policy.funds.seed.concessions.buyback": on,
                             "policy.funds.seed.concessions.buyback_rate": n(0.05),
                             "policy.funds.seed.concessions.buyback_until_year": n(5),
                             "policy.funds.seed.concessions.first_loss_share": n(0.2)]),
        LeverStep(name: "risk_compensation_80", step: "Risk compensation 30 % → 80 % of a defaulted loan's loss",
                  expectation: "local up; channel: loans_granted up",
                  settings: ["policy.tech_loan.risk_compensation_share": n(0.8)]),
        LeverStep(name: "tech_loans_off",
                  step: "No technology-loan programme (partner banks lend to no venture or firm)",
                  expectation: "local down; channel: contracts_local down; channel: ventures_raised_seed down",
                  settings: ["policy.tech_loan.enabled": off]),
        LeverStep(name: "invest_first", step: "先投后股: PoC grants become equity at the first round (004)",
                  expectation: "more spin-offs from PoC; channel: spinoff_share_after_poc up",
                  settings: ["policy.poc.invest_first_equity_later": on]),
        LeverStep(name: "buyback_only", step: "Yozma buy-back alone, at cost + 5 % within 5 years (CAL, Funds)",
                  expectation: "local up (more private capital); channel: ventures_raised_seed up",
                  settings: ["policy.funds.seed.concessions.buyback": on,
                             "policy.funds.seed.concessions.buyback_rate": n(0.05),
                             "policy.funds.seed.concessions.buyback_until_year": n(5)]),
        LeverStep(name: "first_loss_40", step: "First-loss cover up to 40 % of commitments (Shenzhen angel fund, CAL)",
                  expectation: "local up (more private capital); channel: ventures_raised_seed up",
                  settings: ["policy.funds.seed.concessions.first_loss_share": n(0.4)]),
        LeverStep(name: "return_cap_3", step: "Government return capped at 3 % a year (CAL, Funds)",
                  expectation: "local up (more private capital); channel: ventures_raised_seed up",
                  settings: ["policy.funds.seed.concessions.return_cap": on,
                             "policy.funds.seed.concessions.return_cap_rate": n(0.03)]),
        LeverStep(name: "excess_share_50", step: "Half the government's returns above 8 % a year to private LPs (CAL, Funds)",
                  expectation: "local up (more private capital); channel: ventures_raised_seed up",
                  settings: ["policy.funds.seed.concessions.excess_share": n(0.5)]),
        LeverStep(name: "pipeline_reserve_off",
                  step: "Seed fund without a pipeline reserve: local start-ups outside the pipeline first come, first served",
                  expectation: "local down; channel: ventures_raised_seed down",
                  settings: ["policy.funds.seed.pipeline_reserve": n(0)]),
        LeverStep(name: "interest_subsidy_off", step: "No loan interest subsidy (30 % → 0)",
                  expectation: "local down; channel: contracts_local down",
                  settings: ["policy.tech_loan.interest_subsidy_share": n(0)]),
        LeverStep(name: "land_400", step: "Industrial land 150 → 400 亩 a year (001)",
                  expectation: "local up, outflow down", settings: ["policy.land.annual_quota_mu": n(400)]),
        LeverStep(name: "pilot_subsidy_70", step: "Pilot subsidy 30 % → 70 % of cost, budget doubled",
                  expectation: "local up",
                  settings: ["policy.pilot.funded_share": n(0.7), "policy.pilot.annual_budget": n(4000)]),
    ]
}
