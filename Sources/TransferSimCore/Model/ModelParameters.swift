// SPDX-License-Identifier: GPL-3.0-or-later

/// The parameters of one trial, typed by mechanism: what the engine runs on. Built from one draw of
/// a `ResolvedParameters` (fixed values as given, distributions drawn once per trial).
public struct ModelParameters: Sendable {
    public var fieldNames: [String]
    public var region: Region
    public var fields: FieldParameters
    public var income: IncomeShares
    public var empowerment: Empowerment
    public var approval: Approval
    public var timeLimits: TimeLimits
    public var matching: Matching
    public var proofOfConcept: ScaleUpStage
    public var proof: ProofOfConceptEffects
    public var investFirst: InvestFirstEquityLater
    public var pilot: ScaleUpStage
    public var pilotEffects: PilotEffects
    public var route: Route
    public var adoption: LocalAdoption
    public var land: LandSupply
    public var market: Market
    public var rewards: InstitutionRewards
    public var financing: Financing
    public var loans: TechnologyLoans
    public var budget: FiscalEnvelope
    public var funds: Funds
    /// The market-success factor of a result that skipped a needed pilot.
    public var unpilotedFactor: Double { pilotEffects.unpilotedFactor }

    /// Every catalogue entry, grouped by mechanism, in documentation order.
    static func catalogueSpecs(fields: [String], funds: [String]) -> [ParameterSpec] {
        Region.parameters
            + FieldParameters.parameters(fields: fields)
            + IncomeShares.parameters
            + Empowerment.parameters
            + Approval.parameters
            + TimeLimits.parameters
            + Matching.parameters
            + ScaleUpStage.parameters(ScaleUpStage.poc)
            + ProofOfConceptEffects.parameters
            + InvestFirstEquityLater.parameters
            + ScaleUpStage.parameters(ScaleUpStage.pilot)
            + PilotEffects.parameters
            + Route.parameters
            + LocalAdoption.parameters
            + LandSupply.parameters
            + Market.parameters
            + InstitutionRewards.parameters
            + Financing.parameters
            + TechnologyLoans.parameters
            + FiscalEnvelope.parameters
            + Funds.parameters(funds: funds)
    }

    /// Builds the typed parameters from one trial's values.
    public init(catalogue: ParameterCatalogue, values: [Double]) {
        let r = ParameterReader(catalogue: catalogue, values: values)
        fieldNames = catalogue.fields
        region = Region(r)
        fields = FieldParameters(r, fields: catalogue.fields)
        income = IncomeShares(r)
        empowerment = Empowerment(r)
        approval = Approval(r)
        timeLimits = TimeLimits(r)
        matching = Matching(r)
        proofOfConcept = ScaleUpStage(r, ScaleUpStage.poc, kind: .proofOfConcept)
        proof = ProofOfConceptEffects(r)
        investFirst = InvestFirstEquityLater(r)
        pilot = ScaleUpStage(r, ScaleUpStage.pilot, kind: .pilot)
        pilotEffects = PilotEffects(r)
        route = Route(r)
        adoption = LocalAdoption(r)
        land = LandSupply(r)
        market = Market(r)
        rewards = InstitutionRewards(r)
        financing = Financing(r)
        loans = TechnologyLoans(r)
        budget = FiscalEnvelope(r)
        funds = Funds(r, funds: catalogue.funds)
    }

    /// Checks across parameters, on the largest values distributions can take where a sum matters.
    static func crossChecks(_ p: ResolvedParameters) -> [ScenarioProblem] {
        let c = p.catalogue
        let upper = p.upperValues, central = p.centralValues
        var problems: [ScenarioProblem] = []
        func value(_ path: String, _ v: [Double]) -> Double { c.index(of: path).map { v[$0] } ?? 0 }
        func origin(_ paths: [String]) -> Origin? { paths.lazy.compactMap { p.origin(of: $0) }.first }

        func sharesAtMostOne(_ paths: [String]) {
            let total = paths.reduce(0) { $0 + value($1, upper) }
            if total > 1 + 1e-12 {
                problems.append(ScenarioProblem(
                    "income shares sum above 1: " + paths.joined(separator: " + ") + " can reach \(format(total))",
                    at: origin(paths)))
            }
        }
        sharesAtMostOne(["policy.income.inventor_share", "policy.income.transfer_staff_share", "policy.income.office_retention"])
        sharesAtMostOne(["policy.empowerment.empowered_share", "policy.income.transfer_staff_share", "policy.income.office_retention"])

        let buckets = ["exit_below_1x", "exit_1x_5x", "exit_5x_10x", "exit_10x_plus"].map { "region.venture.\($0)" }
        let bucketSum = buckets.reduce(0) { $0 + value($1, central) }
        if abs(bucketSum - 1) > 1e-9 {
            problems.append(ScenarioProblem(
                "exit-multiple bucket shares must sum to 1 (region.venture.exit_*), got \(format(bucketSum))", at: origin(buckets)))
        }
        func positiveTotal(_ paths: [String], _ what: String) {
            if paths.reduce(0, { $0 + value($1, central) }) <= 0 {
                problems.append(ScenarioProblem("\(what) weights are all zero: at least one must be positive", at: origin(paths)))
            }
        }
        positiveTotal(c.fields.map { "region.fields.\($0).share" }, "field")
        positiveTotal(ResultSource.allCases.map { "region.sources.\($0.key).share" }, "source")
        positiveTotal(Region.trlLevels.map { "region.achievements.trl_weights.trl\($0)" }, "TRL")
        let intake = value("region.time.intake_years", central), horizon = value("region.time.horizon_years", central)
        if intake > horizon {
            problems.append(ScenarioProblem(
                "region.time.intake_years (\(format(intake))) exceeds region.time.horizon_years (\(format(horizon)))",
                at: origin(["region.time.intake_years", "region.time.horizon_years"])))
        }
        return problems
    }
}
