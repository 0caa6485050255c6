// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// How a fund's distributions are run through the waterfall (MODEL.md §6).
public enum WaterfallStyle: Int, Sendable {
    /// Whole fund: the LPs get back all paid-in capital and the preferred return before any carry.
    case european = 0
    /// Deal by deal: each deal's proceeds pay back that deal's cost and hurdle, then carry (no clawback).
    case american = 1

    static let names = ["european", "american"]
}

/// Profit concessions to the private LPs (让利, MODEL.md §6; CALIBRATION.md, Funds), each a payoff
/// rule on the government's share, combinable.
public struct FundConcessions: Sendable, Equatable {
    /// Capped government return: the government receives at most its contributions compounded at
    /// `returnCapRate` (less what it already received, compounded the same way); the rest goes to
    /// the private LPs. Off when `returnCap` is false.
    public var returnCap: Bool
    public var returnCapRate: Double
    /// Yozma buy-back: within the window the private LPs may buy the government's interest at its
    /// cost plus `buybackRate` a year (less distributions received, compounded the same way). They
    /// do so at a year end when the government's share of the fund's value exceeds that price.
    public var buyback: Bool
    public var buybackRate: Double
    public var buybackFromYear: Double
    public var buybackUntilYear: Double
    /// First-loss cover: at liquidation the government makes good the private LPs' capital loss up
    /// to this share of the fund's total commitments (0 = off).
    public var firstLossShare: Double
    /// Excess-return concession: this fraction of the government's distributions above its hurdle
    /// (contributions compounded at `excessHurdle`) goes to the private LPs (0 = off).
    public var excessShare: Double
    public var excessHurdle: Double

    public init(returnCap: Bool = false, returnCapRate: Double = 0, buyback: Bool = false, buybackRate: Double = 0,
                buybackFromYear: Double = 0, buybackUntilYear: Double = 0, firstLossShare: Double = 0,
                excessShare: Double = 0, excessHurdle: Double = 0) {
        self.returnCap = returnCap
        self.returnCapRate = returnCapRate
        self.buyback = buyback
        self.buybackRate = buybackRate
        self.buybackFromYear = buybackFromYear
        self.buybackUntilYear = buybackUntilYear
        self.firstLossShare = firstLossShare
        self.excessShare = excessShare
        self.excessHurdle = excessHurdle
    }
}

/// One fund's terms: a government seed, angel, guide or conversion fund with government and private
/// limited partners (LPs) and a manager (MODEL.md §6). Money in 万元, times in months unless named.
public struct FundTerms: Sendable, Equatable {
    public var id: String
    /// Commitments by LP class. `privateCommitment` is what was actually raised (the target times
    /// the region's fill rate, see `FundRaising`).
    public var governmentCommitment: Double
    public var privateCommitment: Double
    /// Month of the first close: the fund's first flow.
    public var startMonth: Double
    public var investmentPeriodMonths: Double
    /// Months from the first close to liquidation (term plus extension).
    public var lifeMonths: Double
    /// Management fee a year: on commitments in the investment period, then on the cost of the
    /// unrealised portfolio.
    public var feeRate: Double
    public var feeRateAfter: Double
    public var waterfall: WaterfallTerms
    public var style: WaterfallStyle
    /// Whether the fund makes new investments in seed, series A and series B rounds.
    public var investsInRound: [Bool]
    public var ticketMax: Double
    public var maxShareOfRound: Double
    /// Chance the fund backs a fundable round that private money alone would not.
    public var cover: Double
    /// Share of investable capital kept for follow-on investments in portfolio ventures.
    public var followOnReserve: Double
    /// Seed deals a year the fund makes among local start-ups outside the simulated results
    /// pipeline (during its investment period, within its budget).
    public var marketDealsPerYear: Double
    /// Share of the new-deal budget kept for ventures of the results pipeline: deals outside it
    /// (local start-ups the pipeline did not create, deals elsewhere) may use only the rest.
    public var pipelineReserve: Double
    /// Seed deals a year the manager would make in other regions, allowed only while the local
    /// reinvestment rule can still be met.
    public var outsideDealsPerYear: Double
    /// Local reinvestment rule (返投): the fund must invest at least this multiple of the
    /// government's commitment in local ventures.
    public var localReinvestmentMultiple: Double
    /// Write-down of unrealised stakes from their latest post-money valuation, at liquidation and
    /// at the horizon (0 = valued at the latest post-money).
    public var valuationHaircut: Double
    public var concessions: FundConcessions

    public init(id: String, governmentCommitment: Double, privateCommitment: Double, startMonth: Double = 0,
                investmentPeriodMonths: Double, lifeMonths: Double, feeRate: Double, feeRateAfter: Double,
                waterfall: WaterfallTerms, style: WaterfallStyle = .european, investsInRound: [Bool] = [true, true, false],
                ticketMax: Double, maxShareOfRound: Double, cover: Double, followOnReserve: Double,
                marketDealsPerYear: Double = 0, outsideDealsPerYear: Double = 0, pipelineReserve: Double = 0,
                localReinvestmentMultiple: Double = 0,
                valuationHaircut: Double = 0, concessions: FundConcessions = FundConcessions()) {
        self.marketDealsPerYear = marketDealsPerYear
        self.pipelineReserve = pipelineReserve
        self.outsideDealsPerYear = outsideDealsPerYear
        self.localReinvestmentMultiple = localReinvestmentMultiple
        self.id = id
        self.governmentCommitment = governmentCommitment
        self.privateCommitment = privateCommitment
        self.startMonth = startMonth
        self.investmentPeriodMonths = investmentPeriodMonths
        self.lifeMonths = lifeMonths
        self.feeRate = feeRate
        self.feeRateAfter = feeRateAfter
        self.waterfall = waterfall
        self.style = style
        self.investsInRound = investsInRound
        self.ticketMax = ticketMax
        self.maxShareOfRound = maxShareOfRound
        self.cover = cover
        self.followOnReserve = followOnReserve
        self.valuationHaircut = valuationHaircut
        self.concessions = concessions
    }

    public var commitments: Double { governmentCommitment + privateCommitment }
    /// The government's share of the fund's LP interest at the start.
    public var governmentShare: Double { commitments > 0 ? governmentCommitment / commitments : 0 }
    public var endMonth: Double { startMonth + lifeMonths }

    /// Commitments less the largest fees the fund can owe over its life: what it may invest. Fees in
    /// the investment period are on commitments; afterwards on the portfolio's cost, at most the
    /// commitments (a conservative bound; what is not called stays uncalled).
    public var investableCapital: Double {
        let afterMonths = max(0, lifeMonths - investmentPeriodMonths)
        let fees = commitments * (feeRate * investmentPeriodMonths + feeRateAfter * afterMonths) / 12
        return max(0, commitments - fees)
    }
}

/// Government funds in a scenario (MODEL.md §6), and how readily private LPs commit to them.
///
/// Funds live at `policy.funds.<id>`; the default catalogue declares one, `seed`, and a scenario
/// adds one by naming it with its `government_commitment`.
public struct Funds: Sendable {
    public var funds: [FundTerms]

    public static let defaultFunds = ["seed"]
    /// The key a new fund must give.
    public static let requiredKey = "government_commitment"

    static func parameters(funds: [String]) -> [ParameterSpec] {
        var specs: [ParameterSpec] = [
            .probability("region.fund_raising.private_fill", 0.6,
                         "Share of a fund's private commitment target that private LPs actually commit, before concessions.",
                         source: "assumption: scarce private capital in a mid-size city (001: Gansu ≈60 VC firms)"),
            .amount("region.fund_raising.first_loss_effect", 2, unit: "× odds per unit share",
                    "Fill odds multiplier per unit of first-loss share: odds × (1 + effect × share).",
                    source: "assumption; direction from the Shenzhen angel fund's 40 % first-loss design (CALIBRATION.md) [M]", max: 100),
            .amount("region.fund_raising.buyback_effect", 0.5, unit: "× odds",
                    "Fill odds multiplier from a buy-back option: odds × (1 + effect).",
                    source: "assumption; direction from Yozma 1993, which drew private funds with a buy-back (CALIBRATION.md) [H]", max: 100),
            .amount("region.fund_raising.return_cap_effect", 0.3, unit: "× odds",
                    "Fill odds multiplier from a capped government return: odds × (1 + effect).",
                    source: "assumption", max: 100),
            .amount("region.fund_raising.reinvestment_effect", 0.3, unit: "per ×",
                    "Fill odds divisor per unit of local reinvestment multiple: odds ÷ (1 + effect × multiple).",
                    source: "assumption; direction from CALIBRATION.md (返投 cut from 2–3× to 0.4–1.1× in some cities to draw managers)", max: 100),
            .amount("region.fund_raising.excess_effect", 0.5, unit: "× odds per unit share",
                    "Fill odds multiplier per unit of excess-return concession share: odds × (1 + effect × share).",
                    source: "assumption", max: 100),
        ]
        for id in funds {
            let base = "policy.funds.\(id)"
            let c = "\(base).concessions"
            specs += [
                .amount("\(base).government_commitment", 5000, unit: "万元",
                        "Government LP commitment to the \(id) fund (0 = no fund).",
                        source: "assumption: a city seed/angel fund", neutral: 0),
                .amount("\(base).private_commitment", 2500, unit: "万元",
                        "Private LP commitment sought for the \(id) fund (the fill rate decides how much is raised).",
                        source: "CALIBRATION.md: government share of angel and seed sub-funds up to 50–70 %; 2:1 an assumption"),
                .amount("\(base).start_month", 0, unit: "months", "Month of the \(id) fund's first close.",
                        source: "assumption", max: 1200),
                .amount("\(base).investment_period_years", 4, unit: "years",
                        "Years in which the \(id) fund makes new investments.",
                        source: "assumption within a 7+2 RMB fund life (CALIBRATION.md, Funds)", max: 100),
                .amount("\(base).term_years", 7, unit: "years", "Term of the \(id) fund before any extension.",
                        source: "CALIBRATION.md: fund life 5+2 or 7+2 years (RMB)", max: 100),
                .amount("\(base).extension_years", 2, unit: "years",
                        "Extension after the term; the fund liquidates at term + extension.",
                        source: "CALIBRATION.md: fund life 5+2 or 7+2 years (RMB)", max: 100),
                .probability("\(base).management_fee", 0.02,
                             "Management fee a year on commitments during the investment period.",
                             source: "CALIBRATION.md: about 2 % (RMB funds)"),
                .probability("\(base).management_fee_after", 0.01,
                             "Management fee a year on the cost of the unrealised portfolio after the investment period.",
                             source: "CALIBRATION.md: RMB funds about 2 % then 1 %"),
                .probability("\(base).carry", 0.2, "The manager's carried interest.", source: "CALIBRATION.md: carry 20 %"),
                .probability("\(base).hurdle_rate", 0.08, "Preferred return a year before carry.",
                             source: "CALIBRATION.md: 6–8 % simple in many RMB funds"),
                .flag("\(base).hurdle_compounding", false, "Whether the preferred return compounds (else simple interest).",
                      source: "CALIBRATION.md: simple in many RMB funds"),
                .probability("\(base).catch_up", 0,
                             "Share of each yuan paid to the manager in the catch-up tier (0 = no catch-up, 1 = full).",
                             source: "CALIBRATION.md: often no catch-up in VC"),
                ParameterSpec("\(base).waterfall", .choice(WaterfallStyle.names), default: .number(0),
                              meaning: "Waterfall: european (whole fund) or american (deal by deal, no clawback).",
                              source: "MODEL.md §6: European by default"),
                .amount("\(base).ticket_max", 300, unit: "万元", "Largest \(id)-fund ticket in one round.",
                        source: "assumption"),
                .probability("\(base).max_share_of_round", 0.5, "Largest \(id)-fund share of a round.",
                             source: "CALIBRATION.md: government share of angel and seed sub-funds up to 50–70 %"),
                .probability("\(base).cover", 0.5,
                             "Chance the \(id) fund backs a fundable round that private money alone would not.",
                             source: "assumption"),
                .probability("\(base).follow_on_reserve", 0.3,
                             "Share of investable capital kept for follow-on investments in portfolio ventures.",
                             source: "assumption: VC funds commonly reserve 30–50 %"),
                .amount("\(base).market_deals_per_year", 8, unit: "deals per year",
                        "Seed deals a year the \(id) fund makes among local start-ups outside the simulated results pipeline (0 = pipeline ventures only).",
                        source: "assumption: sized so the default seed fund invests about half its commitments by month 24 (CALIBRATION.md, Carta: 43–60 %)",
                        max: 1000),
                .probability("\(base).pipeline_reserve", 0.5,
                             "Share of the \(id) fund's new-deal budget kept for ventures from the simulated results pipeline (科技成果转化项目); deals outside it may use only the rest (0 = first come, first served).",
                             source: "CALIBRATION.md: national conversion guide fund, sub-funds put ≥50 % of the fund into firms converting state-funded results [H]; 001: a conversion fund 重点投向科技成果转化项目"),
                .amount("\(base).outside_deals_per_year", 0, unit: "deals per year",
                        "Seed deals a year the \(id) fund's manager would make in other regions, allowed while the local reinvestment rule can still be met (0 = local only).",
                        source: "assumption", max: 1000, neutral: 0),
                .amount("\(base).local_reinvestment_multiple", 1, unit: "× government commitment",
                        "Local reinvestment rule (返投): local investment required, as a multiple of the government's commitment.",
                        source: "CALIBRATION.md: historically 2–3×, now 0.4–1.1× in some cities [M]", max: 100),
                .probability("\(base).valuation_haircut", 0,
                             "Write-down of unrealised stakes from their latest post-money valuation (at liquidation and the horizon).",
                             source: "MODEL.md §6: latest post-money by default, or a configured write-down"),
            ]
            for (key, invests) in zip(Financing.roundKeys, [true, true, false]) {
                specs.append(.flag("\(base).invests_\(key)", invests, "Whether the \(id) fund makes new investments in \(key) rounds.",
                                   source: "assumption: seed and angel funds focus on early rounds (004)"))
            }
            specs += [
                .flag("\(c).return_cap", false,
                      "Capped government return: the government takes at most principal plus return_cap_rate; the rest goes to private LPs.",
                      source: "CALIBRATION.md: profit concessions (让利), capped government return"),
                .probability("\(c).return_cap_rate", 0.03, "Rate a year of the capped government return.",
                             source: "assumption: a deposit or bond rate (CALIBRATION.md)"),
                .flag("\(c).buyback", false,
                      "Yozma buy-back: private LPs may buy the government's interest at cost plus interest within the window.",
                      source: "CALIBRATION.md: Yozma, Israel 1993 [H]"),
                .probability("\(c).buyback_rate", 0.05, "Interest a year on the government's cost in the buy-back price.",
                             source: "assumption (Yozma: cost plus interest)"),
                .amount("\(c).buyback_from_year", 0, unit: "years", "Start of the buy-back window, in fund years.",
                        source: "assumption", max: 100),
                .amount("\(c).buyback_until_year", 5, unit: "years", "End of the buy-back window, in fund years.",
                        source: "CALIBRATION.md: Yozma, buy-back within about 5 years", max: 100),
                .probability("\(c).first_loss_share", 0,
                             "First-loss cover: the government makes good private LPs' capital loss up to this share of commitments (0 = off).",
                             source: "CALIBRATION.md: Shenzhen angel fund, up to 40 % [M]", neutral: 0),
                .probability("\(c).excess_share", 0,
                             "Fraction of the government's distributions above its hurdle given to private LPs (0 = off).",
                             source: "CALIBRATION.md: excess-return concession [M]", neutral: 0),
                .probability("\(c).excess_hurdle", 0.08, "Hurdle a year above which the excess-return concession applies.",
                             source: "assumption"),
            ]
        }
        return specs
    }

    init(_ r: ParameterReader, funds ids: [String]) {
        let fill = r["region.fund_raising.private_fill"]
        funds = ids.map { id in
            let base = "policy.funds.\(id)", c = "\(base).concessions"
            let concessions = FundConcessions(
                returnCap: r.flag("\(c).return_cap"), returnCapRate: r["\(c).return_cap_rate"],
                buyback: r.flag("\(c).buyback"), buybackRate: r["\(c).buyback_rate"],
                buybackFromYear: r["\(c).buyback_from_year"], buybackUntilYear: r["\(c).buyback_until_year"],
                firstLossShare: r["\(c).first_loss_share"], excessShare: r["\(c).excess_share"],
                excessHurdle: r["\(c).excess_hurdle"])
            let raised = r["\(base).private_commitment"] * Funds.fillRate(
                base: fill, concessions, firstLossEffect: r["region.fund_raising.first_loss_effect"],
                buybackEffect: r["region.fund_raising.buyback_effect"],
                returnCapEffect: r["region.fund_raising.return_cap_effect"],
                excessEffect: r["region.fund_raising.excess_effect"],
                reinvestmentMultiple: r["\(base).local_reinvestment_multiple"],
                reinvestmentEffect: r["region.fund_raising.reinvestment_effect"])
            let term = r["\(base).term_years"], extra = r["\(base).extension_years"]
            return FundTerms(
                id: id, governmentCommitment: r["\(base).government_commitment"], privateCommitment: raised,
                startMonth: r["\(base).start_month"],
                investmentPeriodMonths: 12 * min(r["\(base).investment_period_years"], term + extra),
                lifeMonths: 12 * (term + extra),
                feeRate: r["\(base).management_fee"], feeRateAfter: r["\(base).management_fee_after"],
                waterfall: WaterfallTerms(hurdleRate: r["\(base).hurdle_rate"], compounding: r.flag("\(base).hurdle_compounding"),
                                          catchUp: r["\(base).catch_up"], carry: r["\(base).carry"]),
                style: WaterfallStyle(rawValue: r.int("\(base).waterfall")) ?? .european,
                investsInRound: Financing.roundKeys.map { r.flag("\(base).invests_\($0)") },
                ticketMax: r["\(base).ticket_max"], maxShareOfRound: r["\(base).max_share_of_round"],
                cover: r["\(base).cover"], followOnReserve: r["\(base).follow_on_reserve"],
                marketDealsPerYear: r["\(base).market_deals_per_year"],
                outsideDealsPerYear: r["\(base).outside_deals_per_year"],
                pipelineReserve: r["\(base).pipeline_reserve"],
                localReinvestmentMultiple: r["\(base).local_reinvestment_multiple"],
                valuationHaircut: r["\(base).valuation_haircut"], concessions: concessions)
        }
    }

    /// The share of a private target that is raised: the base fill's odds divided by the local
    /// reinvestment rule's burden and multiplied by each concession's multiplier (assumptions; the
    /// directions follow CALIBRATION.md's Yozma and Shenzhen designs and the cut in 返投 multiples).
    static func fillRate(base: Double, _ c: FundConcessions, firstLossEffect: Double, buybackEffect: Double,
                         returnCapEffect: Double, excessEffect: Double, reinvestmentMultiple: Double = 0,
                         reinvestmentEffect: Double = 0) -> Double {
        guard base > 0 else { return 0 }
        guard base < 1 else { return 1 }
        var odds = base / (1 - base) / (1 + reinvestmentEffect * reinvestmentMultiple)
        odds *= 1 + firstLossEffect * c.firstLossShare
        odds *= 1 + excessEffect * c.excessShare
        if c.buyback { odds *= 1 + buybackEffect }
        if c.returnCap { odds *= 1 + returnCapEffect }
        return odds / (1 + odds)
    }
}

extension TrialSimulator {
    // MARK: - Funds' deals outside the results pipeline

    /// The stream entity of fund `k`'s own deals: a hash of its id, so adding a fund leaves the
    /// others' draws unchanged.
    func fundEntity(_ k: Int) -> UInt32 { fnv1a32("fund." + funds[k].terms.id) }

    /// Poisson arrivals of fund `k`'s deals outside the results pipeline over its investment
    /// period: local start-ups, and deals in other regions (each its own stream).
    func scheduleMarketDeals(fund k: Int) {
        let terms = funds[k].terms
        for (place, rate) in [(DealPlace.local, terms.marketDealsPerYear), (.outside, terms.outsideDealsPerYear)] where rate > 0 {
            let entity = fundEntity(k) &+ UInt32(place.rawValue)
            random.seek(entity: entity, purpose: .fundDeals, occasion: 0)
            let end = min(terms.startMonth + terms.investmentPeriodMonths, horizon)
            var t = terms.startMonth + random.exponential(mean: 12 / rate)
            var n = 0
            while t < end && n < 1 << 15 {
                schedule(.marketDeal, at: t, subject: Int32(k), tag: UInt16(n) | (place.rawValue << 15))
                n += 1
                t += random.exponential(mean: 12 / rate)
            }
        }
    }

    /// Fund `k` joins a seed round outside the pipeline if its rules, budget and (for a deal in
    /// another region) the local reinvestment rule allow: its ticket is held at cost until the deal
    /// exits at a multiple of it drawn from the exit buckets.
    func marketDeal(fund k: Int, tag: UInt16, at t: Double) {
        let place = DealPlace(rawValue: tag >> 15) ?? .local, number = Int(tag & 0x7FFF)
        let terms = funds[k].terms, f = p.financing
        let round = f.rounds[0]
        let ticket = min(terms.ticketMax, terms.maxShareOfRound * round.size)
        let allowed = place == .local ? funds[k].mayInvestNew(ticket, at: t, pipeline: false)
            : funds[k].mayInvestOutside(ticket, at: t)
        guard terms.investsInRound[0], allowed else { return }
        random.seek(entity: fundEntity(k) &+ UInt32(place.rawValue), purpose: .fundDeals, occasion: UInt32(number) + 1)
        let delay = random.lognormal(median: f.exitMedianMonths, sigma: f.exitSigma)
        let bucketU = random.uniform(), withinU = random.uniform()
        let tail = random.truncatedPareto(alpha: f.tailAlpha, minimum: 10, cap: max(f.tailCap, 10 + 1e-9))
        let dominated = ticket * funds[k].governmentInterest / round.size > f.dominantShareThreshold
        let multiple = exitMultiple(bucketU: bucketU, withinU: withinU, tail: tail, dominated: dominated)
        marketDeals.append(MarketDeal(fund: k, multiple: multiple))
        let d = marketDeals.count - 1
        funds[k].invest(Int32(-(d + 1)), amount: ticket, units: ticket, at: t, local: place == .local, unitValue)
        schedule(.marketDealExit, at: t + delay, subject: Int32(d))
    }

    func marketDealExit(_ d: Int, at t: Double) {
        let k = marketDeals[d].fund, id = Int32(-(d + 1))
        funds[k].realise(id, valuePerUnit: marketDeals[d].multiple, at: t, unitValue)   // unless sold at liquidation
        marketDeals[d].open = false
    }

    /// A converted PoC grant compounded at the preserved-value rate from the venture's creation to `t`
    /// (按保值退出): the most the government takes back from that stake.
    func preservedValue(_ v: Int, at t: Double) -> Double {
        results[Int(ventures[v].result)].convertedGrant
            * pow(1 + p.investFirst.exitReturnRate, (t - ventures[v].createdAt) / 12)
    }

    /// Government money recovered from a converted PoC stake at exit, netted off the fiscal cost.
    func recover(_ amount: Double, at t: Double) {
        book(.fiscalEquityProceeds, amount, at: t)
        book(.fiscalCostTotal, -amount, at: t, yearly: .fiscalCost)
    }

    /// The value now of one unit of venture `v`'s equity held before any round (0 once it failed).
    func unitValue(_ v: Int32) -> Double {
        if v < 0 { return marketDeals[Int(-v) - 1].open ? 1 : 0 }
        let r = ventures[Int(v)]
        return r.failedAt.isInfinite && r.exitedAt.isInfinite ? r.dilution * r.lastPostMoney : 0
    }

    /// Before a round changes venture `v`'s value: month-end NAVs up to `t` in every fund holding it
    /// (trades — `invest`, `realise` — record them themselves).
    func markFunds(holding v: Int, at t: Double) {
        for k in funds.indices where funds[k].holds(Int32(v)) { funds[k].markNAV(through: t, unitValue) }
    }
}
