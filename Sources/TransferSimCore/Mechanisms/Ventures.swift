// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// One financing round of a spin-off venture.
public struct FinancingRound: Sendable {
    public var graduationProbability: Double
    /// The region's private capital for this round: the chance a fundable round finds private money
    /// here, before the funds' cover and the private money they drew in.
    public var privateAvailability: Double
    public var durationMedianMonths: Double
    public var size: Double
    public var preMoney: Double
}

/// Spin-off ventures and their financing (MODEL.md §5.10: rounds, 科技贷 technology loans), market
/// entry and exits (§5.12). The government funds that invest in rounds are in `Funds`.
///
/// A venture raises a seed round, then tries to enter the market (conversion), then raises the
/// later rounds, and exits at a time drawn at creation. A round succeeds with a quality-adjusted
/// probability scaled by capital availability: private venture capital, plus the cover of the funds
/// that would invest (stage focus, ticket rules, budget), plus a bank technology loan's boost.
public struct Financing: Sendable {
    public static let roundKeys = ["seed", "series_a", "series_b"]
    public var rounds: [FinancingRound]
    public var patienceMonths: Double
    /// Private LP money in the region's funds (万元) at which private availability would reach 1:
    /// the crowding-in of concessions (Yozma) reaches ventures through it.
    public var privateFundMoneyScale: Double
    public var relocateForCapitalProbability: Double
    public var marketEntryProbability: Double
    public var marketEntryMedianMonths: Double
    public var exitMedianMonths: Double
    public var exitSigma: Double
    /// Exit multiple buckets (of the last post-money valuation): <1×, 1–5×, 5–10×, ≥10× (Pareto tail).
    public var bucketProbabilities: [Double]
    public var tailAlpha: Double
    public var tailCap: Double
    /// Above this government share of a round, exit chances fall (Brander, Du & Hellmann 2015).
    public var dominantShareThreshold: Double
    public var dominantPenalty: Double

    static let roundDefaults: [(grad: Double, months: Double, size: Double, pre: Double, available: Double)] = [
        (0.45, 9, 300, 1200, 0.3),
        (0.35, 15, 1500, 5000, 0.45),
        (0.45, 18, 5000, 15000, 0.6),
    ]

    /// The key of a round's private capital availability: the seed round's is the region's headline
    /// index `region.venture.private_availability`.
    static func availabilityKey(_ round: String) -> String {
        round == "seed" ? "region.venture.private_availability" : "region.venture.\(round).private_availability"
    }

    static var parameters: [ParameterSpec] {
        var specs: [ParameterSpec] = []
        for (key, d) in zip(roundKeys, roundDefaults) {
            let base = "region.venture.\(key)"
            specs += [
                .probability("\(base).graduation_probability", d.grad,
                             "Probability that a venture of mean quality raises its \(key) round with full capital availability.",
                             source: "Carta: seed to Series A within two years 15–31 % (CALIBRATION.md), before availability; assumption for other rounds"),
                .amount("\(base).duration_median_months", d.months, unit: "months", "Median time to close the \(key) round.",
                        source: "assumption", max: 600),
                .amount("\(base).size", d.size, unit: "万元", "Size of the \(key) round.", source: "assumption"),
                .amount("\(base).pre_money", d.pre, unit: "万元", "Pre-money valuation at the \(key) round.",
                        source: "assumption: dilution ≈20 % a round (Carta, CALIBRATION.md)"),
            ]
            if key != "seed" {
                specs.append(.probability(availabilityKey(key), d.available,
                                          "Private capital for \(key) rounds: chance a fundable \(key) round finds private money here (before the funds).",
                                          source: "assumption [L]: later rounds draw on investors who invest across regions, so more is available than for seed (0.3); 001: VCs shy away from early, uncertain stages (前期投资支持明显不足)"))
            }
        }
        specs += [
            .amount("region.venture.patience_months", 18, unit: "months",
                    "A venture that has not raised its next round within this window fails.", source: "MODEL.md §5.10; value an assumption", max: 600),
            .probability("region.venture.private_availability", 0.3,
                         "Private capital for seed rounds, the region's headline availability index: chance a fundable seed round finds private money here (before the funds). Later rounds have their own (region.venture.series_a.private_availability, …).",
                         source: "assumption for a mid-size city [L]: odds mapped from VC density (docs/funds.md; 001: Gansu ≈60 VC firms, Zhejiang ≈10,000)"),
            .amount("region.venture.private_fund_money_scale", 100_000, unit: "万元",
                    "Private LP money committed to the region's funds at which private capital availability would reach 1: availability = private_availability + (1 − private_availability) × min(1, private LP money / scale). Concessions that draw private LPs into the funds raise it (Yozma).",
                    source: "assumption [L]: MODEL.md §4.1 (concessions raise the region's private capital availability); 10亿 of private fund money taken to saturate a mid-size city's early-stage market. CALIBRATION.md (Yozma 1993) gives the direction, not the size"),
            .probability("region.venture.relocate_for_capital_probability", 0.2,
                         "Probability that a venture that fails to raise locally moves to a region with capital (outflow).",
                         source: "assumption: 001 (scarce capital drives results away)"),
            .probability("region.venture.market_entry_probability", 0.6,
                         "Probability that a seed-funded venture of mean quality enters the market (conversion).",
                         source: "assumption"),
            .amount("region.venture.market_entry_median_months", 12, unit: "months",
                    "Median time from the seed round to market entry.", source: "assumption", max: 600),
            .amount("region.venture.exit_median_months", 84, unit: "months", "Median time from creation to exit.",
                    source: "CALIBRATION.md: lognormal with a median of 6–8 years", max: 1200),
            .amount("region.venture.exit_sigma", 0.4, unit: "log-scale sd", "Log-scale spread of time to exit.",
                    source: "assumption", max: 10),
            .probability("region.venture.exit_below_1x", 0.65, "Share of exits returning under 1× the last post-money.",
                         source: "Correlation Ventures 2004–13: 65 % <1× (CALIBRATION.md)"),
            .probability("region.venture.exit_1x_5x", 0.25, "Share of exits returning 1–5×.",
                         source: "Correlation Ventures: about 25 % (CALIBRATION.md)"),
            .probability("region.venture.exit_5x_10x", 0.06, "Share of exits returning 5–10×.",
                         source: "Correlation Ventures: about 6 % (CALIBRATION.md)"),
            .probability("region.venture.exit_10x_plus", 0.04, "Share of exits returning ≥10× (truncated Pareto tail).",
                         source: "Correlation Ventures: 4 % (CALIBRATION.md)"),
            .amount("region.venture.tail_alpha", 1.5, unit: "", "Pareto shape of the ≥10× tail.",
                    source: "CALIBRATION.md: α 1.0–1.5; 1.5 with cap 300 gives a gross mean multiple ≈2.5", max: 20),
            .amount("region.venture.tail_cap", 300, unit: "×", "Cap of the exit-multiple tail.",
                    source: "CALIBRATION.md: cap 300–1000×", max: 1e6),
            .probability("region.venture.dominant_share_threshold", 0.5,
                         "Government share of a round above which it is dominant.",
                         source: "Brander, Du & Hellmann 2015 (CALIBRATION.md); threshold an assumption"),
            .probability("region.venture.dominant_penalty", 0.8,
                         "Multiplier on the chance of a ≥1× exit for a venture whose rounds the government dominated.",
                         source: "Brander, Du & Hellmann 2015: a dominant government share lowers exit rates (size an assumption)"),
        ]
        return specs
    }

    init(_ r: ParameterReader) {
        rounds = Financing.roundKeys.map { key in
            let base = "region.venture.\(key)"
            return FinancingRound(graduationProbability: r["\(base).graduation_probability"],
                                  privateAvailability: r[Financing.availabilityKey(key)],
                                  durationMedianMonths: r["\(base).duration_median_months"],
                                  size: r["\(base).size"], preMoney: r["\(base).pre_money"])
        }
        patienceMonths = r["region.venture.patience_months"]
        privateFundMoneyScale = r["region.venture.private_fund_money_scale"]
        relocateForCapitalProbability = r["region.venture.relocate_for_capital_probability"]
        marketEntryProbability = r["region.venture.market_entry_probability"]
        marketEntryMedianMonths = r["region.venture.market_entry_median_months"]
        exitMedianMonths = r["region.venture.exit_median_months"]
        exitSigma = r["region.venture.exit_sigma"]
        bucketProbabilities = ["exit_below_1x", "exit_1x_5x", "exit_5x_10x", "exit_10x_plus"].map { r["region.venture.\($0)"] }
        tailAlpha = r["region.venture.tail_alpha"]
        tailCap = r["region.venture.tail_cap"]
        dominantShareThreshold = r["region.venture.dominant_share_threshold"]
        dominantPenalty = r["region.venture.dominant_penalty"]
    }
}

extension TrialSimulator {
    // MARK: - Ventures: rounds, market entry, exits

    /// The chance a fundable round finds private money here, by round: the region's private capital
    /// for that round, raised by the private LP money its funds drew in (concessions, MODEL.md §4.1).
    func privateCapitalAvailability() -> [Double] {
        let f = p.financing
        let drawnIn = p.funds.funds.reduce(0) { $0 + ($1.governmentCommitment > 0 ? $1.privateCommitment : 0) }
        let raised = f.privateFundMoneyScale > 0 ? min(1, drawnIn / f.privateFundMoneyScale) : 0
        return f.rounds.map { $0.privateAvailability + (1 - $0.privateAvailability) * raised }
    }

    func createVenture(_ i: Int, at t: Double) {
        let entity = results[i].entity
        random.seek(entity: entity, purpose: .exit)
        let exitDelay = random.lognormal(median: p.financing.exitMedianMonths, sigma: p.financing.exitSigma)
        let v = ventures.count
        ventures.append(VentureRecord(result: Int32(i), createdAt: t, exitDelay: exitDelay))
        results[i].venture = Int32(v)
        results[i].phase = .venture
        book(.venturesCreated, 1, at: t, yearly: .venturesCreated)
        let ipValue = p.route.equityValueShare * value(i, at: t)
        signContract(i, .equity, value: ipValue, adopter: .venture, at: t)
        ventures[v].lastPostMoney = ipValue
        if results[i].provenInProgramme && t <= horizon { venturesAfterPoc += 1 }
        // What the team expects, for its pilot choice: the result's value (as an unproven result
        // is seen, if it is one) and its market-entry chance after a pilot.
        results[i].adopterValue = p.region.firmValueShare * value(i, at: t) * (results[i].unproven ? p.proof.unprovenValueFactor : 1)
        results[i].implementProbability = adjusted(logit: logits.marketEntry, i, technical: true)

        // A bank technology loan at creation (TechnologyLoans.swift).
        random.seek(entity: entity, purpose: .loan)
        let approvedU = random.uniform()
        let amount = random.lognormal(median: p.loans.amountMedian, sigma: 0.5)
        if p.loans.enabled && approvedU < p.loans.approval {
            ventures[v].loanAmount = amount
            ventures[v].loanEndsAt = t + p.loans.termMonths
            grantLoan(amount, at: t)
        }
        startRound(v, 0, at: t)
    }

    func startRound(_ v: Int, _ round: Int, at t: Double) {
        ventures[v].roundStartedAt = t
        let i = Int(ventures[v].result)
        random.seek(entity: results[i].entity, purpose: .financing, occasion: UInt32(round))
        let duration = random.lognormal(median: p.financing.rounds[round].durationMedianMonths, sigma: 0.5)
        let resolveAt = t + min(duration, p.financing.patienceMonths)
        if resolveAt > horizon { return }   // still raising at the horizon
        schedule(.roundResolve, at: resolveAt, subject: Int32(v), tag: UInt16(round))
    }

    func resolveRound(_ v: Int, round: Int, at t: Double) {
        guard ventures[v].failedAt.isInfinite, ventures[v].exitedAt.isInfinite else { return }
        let i = Int(ventures[v].result)
        let spec = p.financing.rounds[round]
        let f = p.financing
        // The round's draws: its first attempt's, or (after a bridge loan) its second attempt's.
        let occasion = UInt32(round) + (ventures[v].bridged && !ventures[v].onMarket ? Self.retryOccasion : 0)
        random.seek(entity: results[i].entity, purpose: .financing, occasion: occasion)
        _ = random.lognormal(median: spec.durationMedianMonths, sigma: 0.5)   // the duration, drawn at the start
        let raiseU = random.uniform(), relocateU = random.uniform()
        // Funds that would invest: follow-ons in ventures they hold, new deals in rounds of their
        // stage focus, each within its ticket rules and budget, while the round has room.
        tickets.removeAll(keepingCapacity: true)
        var room = spec.size, uncovered = 1.0
        for k in funds.indices where funds[k].isActive {
            let terms = funds[k].terms
            let ticket = min(terms.ticketMax, terms.maxShareOfRound * spec.size, room)
            let held = funds[k].holds(Int32(v))
            let willing = held ? funds[k].mayFollowOn(Int32(v), ticket, at: t)
                : terms.investsInRound[round] && funds[k].mayInvestNew(ticket, at: t)
            guard willing else { continue }
            tickets.append((k, ticket))
            room -= ticket
            uncovered *= 1 - terms.cover
        }
        let privateShare = privateAvailability[round]
        let availability = privateShare + (1 - privateShare) * (tickets.isEmpty ? 0 : 1 - uncovered)
        let boost = ventures[v].loanAmount > 0 ? p.loans.raiseBoost : 1
        let chance = min(1, adjusted(logit: logits.graduation[round], i, technical: false) * availability * boost)
        guard raiseU < chance else {
            // A venture on the market that misses a growth round carries on without it (and without
            // later rounds): the exit-multiple buckets already hold the failures among financed
            // ventures. Before the market, the venture fails when its patience runs out.
            if !ventures[v].onMarket && !bridgeLoan(v, round: round, at: t) {
                ventures[v].relocatesOnFailure = relocateU < f.relocateForCapitalProbability
                schedule(.ventureFails, at: max(t, patienceEnd(v)), subject: Int32(v))
            }
            return
        }
        // Closed: the funds' tickets, private money for the rest; earlier holders diluted.
        markFunds(holding: v, at: t)
        let fundMoney = tickets.reduce(0) { $0 + $1.amount }
        let privateMoney = spec.size - fundMoney
        let post = spec.preMoney + spec.size
        let keep = spec.preMoney / post
        ventures[v].ipStake *= keep
        ventures[v].pocStake *= keep
        ventures[v].dilution *= keep
        ventures[v].lastPostMoney = post
        var government = 0.0
        for (k, amount) in tickets {
            government += amount * funds[k].governmentInterest
            funds[k].invest(Int32(v), amount: amount, units: amount / post / ventures[v].dilution, at: t, unitValue)
        }
        if fundMoney > 0 {
            if t <= horizon {
                governmentInBackedRounds += government
                privateInBackedRounds += spec.size - government
            }
            if government / spec.size > f.dominantShareThreshold { ventures[v].governmentDominated = true }
        }
        book(.privateCapitalInvested, privateMoney, at: t)
        if results[i].convertibleGrant > 0 {
            // 先投后股: the PoC grant (and a pilot subsidy, if enabled) turns into a stake at the
            // next round's price, taken from the IP holders' stake.
            let stake = min(results[i].convertibleGrant / post, ventures[v].ipStake)
            ventures[v].pocStake += stake
            ventures[v].ipStake -= stake
            results[i].convertedGrant += results[i].convertibleGrant
            results[i].convertibleGrant = 0
        }
        if t <= horizon {
            if round == 0 {
                out.add(.venturesRaisedSeed, 1)
                monthsToSeed += t - ventures[v].createdAt
            } else if round == 1 {
                out.add(.venturesRaisedA, 1)
            }
        }
        if round == 0 {
            // The seed money (and a loan) is the venture's cash for its pilot (MODEL.md §5.7).
            results[i].adopterCash = spec.size + ventures[v].loanAmount
            afterCommitment(i, at: t)
        } else if round + 1 < f.rounds.count {
            startRound(v, round + 1, at: t)
        }
    }

    /// A venture that could not raise its seed round within its patience: it moves to a region with
    /// capital (where it converts only if it enters the market there, `Relocation.swift`) or is
    /// abandoned.
    func ventureFailsToRaise(_ v: Int, at t: Double) {
        guard ventures[v].failedAt.isInfinite, ventures[v].exitedAt.isInfinite else { return }
        let i = Int(ventures[v].result)
        failVenture(v, at: t)
        if ventures[v].relocatesOnFailure {
            book(.venturesRelocated, 1, at: t)
            relocate(i, at: t)
        } else {
            finish(i, .abandoned, at: t)
        }
    }

    /// After its pilot (or without one): the venture heads for the market.
    func scheduleMarketEntry(_ v: Int, at t: Double) {
        let i = Int(ventures[v].result)
        results[i].phase = .venture
        pass(i, to: .marketEntry, at: t)
        random.seek(entity: results[i].entity, purpose: .market)
        let delay = random.lognormal(median: p.financing.marketEntryMedianMonths, sigma: 0.5)
        schedule(.marketEntry, at: t + delay, subject: Int32(v))
    }

    /// Market entry succeeds with the quality-adjusted chance, less without a needed pilot, never
    /// for a concept that does not work.
    func ventureMarketEntry(_ v: Int, at t: Double) {
        guard ventures[v].failedAt.isInfinite else { return }
        let i = Int(ventures[v].result)
        random.seek(entity: results[i].entity, purpose: .market)
        _ = random.lognormal(median: p.financing.marketEntryMedianMonths, sigma: 0.5)
        let successU = random.uniform()
        let chance = results[i].implementProbability * (results[i].unpiloted ? p.unpilotedFactor : 1)
        guard !results[i].conceptFlaw && successU < chance else {
            finish(i, .failedTechnical, at: t)
            failVenture(v, at: t)
            return
        }
        startProduction(i, forVenture: true, at: t)
    }

    func ventureOnMarket(_ v: Int, at t: Double) {
        let i = Int(ventures[v].result)
        ventures[v].onMarket = true
        results[i].phase = .venture
        if t <= horizon {
            out.add(.venturesOnMarket, 1)
            monthsToMarket += t - ventures[v].createdAt
        }
        convertLocally(i, at: t)
        if p.financing.rounds.count > 1 { startRound(v, 1, at: t) }
        let exitAt = max(ventures[v].createdAt + ventures[v].exitDelay, t + 12)
        schedule(.exit, at: exitAt, subject: Int32(v))
    }

    func ventureExit(_ v: Int, at t: Double) {
        guard ventures[v].failedAt.isInfinite, ventures[v].exitedAt.isInfinite else { return }
        let f = p.financing
        let i = Int(ventures[v].result)
        random.seek(entity: results[i].entity, purpose: .exit)
        _ = random.lognormal(median: f.exitMedianMonths, sigma: f.exitSigma)
        let bucketU = random.uniform(), withinU = random.uniform()
        let tail = random.truncatedPareto(alpha: f.tailAlpha, minimum: 10, cap: max(f.tailCap, 10 + 1e-9))
        let multiple = exitMultiple(bucketU: bucketU, withinU: withinU, tail: tail,
                                    dominated: ventures[v].governmentDominated)
        let exitValue = multiple * ventures[v].lastPostMoney
        for k in funds.indices where funds[k].holds(Int32(v)) {
            funds[k].realise(Int32(v), valuePerUnit: ventures[v].dilution * exitValue, at: t, unitValue)
        }
        if multiple >= 1 {
            ventures[v].exitedAt = t
        } else {
            failVenture(v, at: t)
        }
        // Proceeds: IP holders, the government fund, the converted PoC grant (at preserved value,
        // any excess left to the IP holders), private investors.
        var ipProceeds = ventures[v].ipStake * exitValue
        let pocValue = ventures[v].pocStake * exitValue
        if pocValue > 0 {
            let toGovernment = min(pocValue, preservedValue(v, at: t))
            recover(toGovernment, at: t)
            ipProceeds += pocValue - toGovernment
        }
        payRightsHolders(i, ipProceeds, at: t, commissionable: false)
    }

    /// An exit multiple from the buckets <1×, 1–5×, 5–10×, ≥10× (CALIBRATION.md, Correlation
    /// Ventures); a dominant government share scales down the ≥1× buckets (Brander et al. 2015).
    func exitMultiple(bucketU: Double, withinU: Double, tail: Double, dominated: Bool) -> Double {
        let f = p.financing
        var probabilities = f.bucketProbabilities
        if dominated {
            for k in 1..<probabilities.count { probabilities[k] *= f.dominantPenalty }
            probabilities[0] = 1 - probabilities[1...].reduce(0, +)
        }
        var u = bucketU
        if u < probabilities[0] { return withinU }
        if (u - probabilities[0]) < probabilities[1] { return 1 + 4 * withinU }
        u -= probabilities[0] + probabilities[1]
        return u < probabilities[2] ? 5 + 5 * withinU : tail
    }

    func failVenture(_ v: Int, at t: Double) {
        guard ventures[v].failedAt.isInfinite else { return }
        for k in funds.indices where funds[k].holds(Int32(v)) { funds[k].realise(Int32(v), valuePerUnit: 0, at: t, unitValue) }
        ventures[v].failedAt = t
        let loan = ventures[v].loanAmount
        if loan > 0 && t < ventures[v].loanEndsAt {
            compensateDefault(loan, at: t)
        }
    }
}
