// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// The route a matched result takes (转让 / 许可 / 作价投资, MODEL.md §5.8) and the terms of a
/// licence or transfer.
public struct Route: Sendable {
    /// Base probability that a matched result becomes a spin-off venture.
    public var spinoffProbability: Double
    /// Among licences and transfers, the share that are licences.
    public var licenceShare: Double
    /// Contract price as a share of the result's current value.
    public var priceShare: Double
    /// Share of a licence's price paid up front (a transfer is paid in full up front).
    public var licenceUpfrontShare: Double
    /// Royalty on the licensee's revenue.
    public var royaltyRate: Double
    /// Value of the IP contributed to a spin-off (作价投资), as a share of the result's value.
    public var equityValueShare: Double

    static let parameters: [ParameterSpec] = [
        .probability("region.route.spinoff_probability", 0.04,
                     "Probability that a matched result becomes a spin-off (before source, field and empowerment multipliers).",
                     source: "assumption between China's 2023 equity deals (≈1.3 % of contracts) and AUTM FY2020 (start-ups ≈10 % of licences plus start-ups), CALIBRATION.md"),
        .probability("region.route.licence_share", 0.383,
                     "Share of licences among licences and transfers.",
                     source: "national report 2023: 14,263 licences, 23,006 transfers (CALIBRATION.md)"),
        .probability("region.route.price_share", 0.1,
                     "Contract price as a share of the result's current value V.",
                     source: "assumption: calibrated to the national mean contract value 63.9万 (2023, CALIBRATION.md)"),
        .probability("region.route.licence_upfront_share", 0.4,
                     "Share of a licence's price paid up front; the rest is the licence's share of royalties.",
                     source: "assumption"),
        .probability("region.route.royalty_rate", 0.03, "Royalty on the licensee's revenue.", source: "assumption"),
        .amount("region.route.equity_value_share", 1.0, unit: "× V",
                "Value of the IP put into a spin-off (作价投资) as a multiple of the result's current value.",
                source: "assumption: equity contracts average 946万 against 46.1万 for transfers (2023, CALIBRATION.md)", max: 100),
    ]

    init(_ r: ParameterReader) {
        spinoffProbability = r["region.route.spinoff_probability"]
        licenceShare = r["region.route.licence_share"]
        priceShare = r["region.route.price_share"]
        licenceUpfrontShare = r["region.route.licence_upfront_share"]
        royaltyRate = r["region.route.royalty_rate"]
        equityValueShare = r["region.route.equity_value_share"]
    }
}

/// Local adoption under first-use-then-pay and the local-conversion subsidy
/// (先使用后付费, 就地转化补助; MODEL.md §5.9), and implementation by the adopting firm.
public struct LocalAdoption: Sendable {
    public var firstUseThenPay: Bool
    public var trialMonths: Double
    public var paymentCompliance: Double
    public var subsidyRate: Double
    public var subsidyCap: Double
    public var subsidyAnnualBudget: Double
    /// Implementation: success probability at mean quality and capacity 1, duration.
    public var implementationSuccess: Double
    public var implementationMedianMonths: Double
    public var implementationSigma: Double

    static let parameters: [ParameterSpec] = [
        .flag("policy.licensing.first_use_then_pay", false,
              "Licences to local firms need no upfront fee; after a trial period the firm pays only if implementation succeeded.",
              source: "000, 001, 003, 004 (先使用后付费)"),
        .amount("policy.licensing.trial_months", 12, unit: "months",
                "Trial period before a first-use-then-pay licensee pays.", source: "MODEL.md §5.9 (default 12 months)", max: 600),
        .probability("region.licensing.payment_compliance", 0.8,
                     "Probability that a first-use-then-pay licensee whose implementation succeeded pays.",
                     source: "assumption"),
        .probability("policy.licensing.local_subsidy_rate", 0,
                     "Local-conversion subsidy as a share of contract value (0 = off). Hefei: 0.15.",
                     source: "001 (Hefei: ≤15 % of contract value, ≤150万 per project)", neutral: 0),
        .amount("policy.licensing.local_subsidy_cap", 150, unit: "万元",
                "Largest local-conversion subsidy per project.", source: "001 (Hefei: 150万)"),
        .amount("policy.licensing.local_subsidy_annual_budget", 3000, unit: "万元 per year",
                "Yearly budget of the local-conversion subsidy.", source: "assumption"),
        .probability("region.licensing.implementation_success", 0.95,
                     "Probability that a firm with full absorptive capacity implements a piloted result of mean quality.",
                     source: "assumption: SBIR Phase II ≈48 % with some commercial outcome (CALIBRATION.md) at mean capacity and a mix of piloted and unpiloted results"),
        .amount("region.licensing.implementation_median_months", 12, unit: "months",
                "Median time from adoption to implementation.", source: "assumption", max: 600),
        .amount("region.licensing.implementation_sigma", 0.5, unit: "log-scale sd",
                "Log-scale spread of implementation time.", source: "assumption", max: 10),
    ]

    init(_ r: ParameterReader) {
        firstUseThenPay = r.flag("policy.licensing.first_use_then_pay")
        trialMonths = r["policy.licensing.trial_months"]
        paymentCompliance = r["region.licensing.payment_compliance"]
        subsidyRate = r["policy.licensing.local_subsidy_rate"]
        subsidyCap = r["policy.licensing.local_subsidy_cap"]
        subsidyAnnualBudget = r["policy.licensing.local_subsidy_annual_budget"]
        implementationSuccess = r["region.licensing.implementation_success"]
        implementationMedianMonths = r["region.licensing.implementation_median_months"]
        implementationSigma = r["region.licensing.implementation_sigma"]
    }
}

/// One firm's bid for a matched result (MODEL.md §5.9): whether it can and will pay the posted
/// price, and how good its offer is to the rights holder.
struct FirmBid {
    /// It can pay what is due up front and expects at least what the result costs it.
    var feasible: Bool
    /// The most it would pay: its expected value of the result, limited by what its cash lets it
    /// pay up front (a local firm's subsidy adds to both).
    var offer: Double

    /// A firm's bid with cash `cash`, expected value `worth` and a subsidy `subsidy` paid to it at
    /// signature, for a result priced `price` of which `upfrontShare` is due at signature and whose
    /// expected cost to the firm is `expectedCost`.
    init(cash: Double, worth: Double, subsidy: Double, price: Double, upfrontShare: Double, expectedCost: Double) {
        feasible = cash + subsidy >= upfrontShare * price && worth + subsidy >= expectedCost
        offer = min(worth + subsidy, upfrontShare > 0 ? (cash + subsidy) / upfrontShare : .infinity)
    }

    private init() { feasible = false; offer = 0 }

    /// No bid: no such firm, or one that cannot pay. (Computed: a static `let` costs a lazy-
    /// initialisation check on every read.)
    static var none: FirmBid { FirmBid() }
}

extension TrialSimulator {
    // MARK: - Route, licensing and adoption

    /// A counterpart was found: the route (spin-off, or licence or transfer) is drawn once.
    func chooseRoute(_ i: Int, at t: Double) {
        pass(i, to: .deal, at: t)
        if t <= horizon { routed += 1 }
        random.seek(entity: results[i].entity, purpose: .route)
        let spinU = random.uniform(), licenceU = random.uniform()
        var spin = p.route.spinoffProbability * tables.sourceSpinoff(results[i].source) * tables.spinoff(results[i].field)
        if results[i].empowered { spin *= p.empowerment.spinoffMultiplier }
        if results[i].unproven { spin *= p.proof.unprovenSpinoffFactor }
        // 先投后股: a grant that would become equity is the team's start capital (ProofOfConcept.swift).
        if results[i].convertibleGrant > 0 { spin *= p.investFirst.spinoffMultiplier }
        if spinU < spin {
            createVenture(i, at: t)
            return
        }
        results[i].contract = licenceU < p.route.licenceShare ? .licence : .transfer
        offerToFirms(i, at: t)
    }

    /// The rights holder posts a price (a share of the result's value as buyers see it). A local firm
    /// bids if the result fits local industry; a firm elsewhere bids with a probability that falls
    /// with local fit. Each must afford the upfront part and expect at least the price; the
    /// local-conversion subsidy, paid to the local firm at signature, adds to its cash and to its
    /// offer. If both can, the holder takes the better offer, the local one weighted by the
    /// transfer office's effort towards local counterparts (rewards, §5.13). Neither: the result
    /// goes back to matching, or is abandoned after the last attempt.
    func offerToFirms(_ i: Int, at t: Double) {
        let attempt = UInt32(results[i].attempts)
        let entity = results[i].entity
        let isLicence = results[i].contract == .licence
        let seen = value(i, at: t) * (results[i].unproven ? p.proof.unprovenValueFactor : 1)
        let price = p.route.priceShare * seen
        let worth = p.region.firmValueShare * seen
        let works = adjusted(logit: logits.implementation, i, technical: true)
        let upfrontShare = isLicence ? p.route.licenceUpfrontShare : 1
        results[i].price = price
        // Each firm's stream: the outside firm's interest first, then cash, then capacity. A draw
        // that cannot matter (the cash of a firm that does not bid, the capacity of one that cannot
        // pay) is left undrawn; it is always the last of its stream, so no other draw moves.
        random.seek(entity: entity, purpose: .licensing, occasion: attempt)
        let outsideU = random.uniform()

        // The local firm, with and without the subsidy (the same draws decide both).
        var local = FirmBid.none, unsubsidised = FirmBid.none
        var subsidy = 0.0, localCash = 0.0, localCapacity = 0.0, loan = 0.0, loanWithoutSubsidy = 0.0
        let futp = p.adoption.firstUseThenPay
        let localUpfront = futp ? 0 : upfrontShare
        if results[i].localFit {
            localCash = random.lognormal(median: p.region.firmCashMedian, sigma: p.region.firmCashSigma)
            subsidy = min(p.adoption.subsidyRate * price, p.adoption.subsidyCap)
            if subsidy > subsidyLeft || !envelopeAllows(.localSubsidies, subsidy, at: t) { subsidy = 0 }
            // A technology loan for the part of the upfront fee the firm's cash (and subsidy) does not
            // cover (TechnologyLoans.swift); the same approval decides with and without the subsidy.
            let due = localUpfront * price
            if localCash < due && firmLoanApproved(i, shortfall: due - localCash, occasion: 1 + attempt) {
                loanWithoutSubsidy = due - localCash
                loan = max(0, due - localCash - subsidy)
            } else if localCash + subsidy < due && firmLoanApproved(i, shortfall: due - localCash - subsidy, occasion: 1 + attempt) {
                loan = due - localCash - subsidy
            }
            if localCash + subsidy + loan >= due {
                localCapacity = random.beta(p.region.firmAbsorptiveA, p.region.firmAbsorptiveB)
                let implement = localCapacity * works
                let expectedCost = futp ? implement * price : price
                // A loan's interest (after the interest subsidy) is part of what the deal costs the firm.
                local = FirmBid(cash: localCash + loan, worth: worth * implement - p.loans.borrowerInterest(loan),
                                subsidy: subsidy, price: price, upfrontShare: localUpfront, expectedCost: expectedCost)
                unsubsidised = subsidy > 0
                    ? FirmBid(cash: localCash + loanWithoutSubsidy,
                              worth: worth * implement - p.loans.borrowerInterest(loanWithoutSubsidy), subsidy: 0,
                              price: price, upfrontShare: localUpfront, expectedCost: expectedCost)
                    : local
            }
        }
        // The firm elsewhere, if one bids (its own stream).
        var outside = FirmBid.none
        var outsideCapacity = 0.0, outsideCash = 0.0
        if outsideU < (results[i].localFit ? p.region.outflowProbabilityFit : p.region.outflowProbabilityNoFit) {
            random.seek(entity: entity, purpose: .outsideFirm, occasion: attempt)
            outsideCash = p.region.outsideCashMultiple * random.lognormal(median: p.region.firmCashMedian, sigma: p.region.firmCashSigma)
            if outsideCash >= upfrontShare * price {
                outsideCapacity = random.beta(p.region.firmAbsorptiveA, p.region.firmAbsorptiveB)
                outside = FirmBid(cash: outsideCash, worth: worth * outsideCapacity * works, subsidy: 0, price: price,
                                  upfrontShare: upfrontShare, expectedCost: price)
            }
        }
        // Both can: the better offer, the local one weighted by the office's local effort.
        let localWins = local.feasible && (!outside.feasible || local.offer * localEffort >= outside.offer)
        if localWins {
            if subsidy > 0 {
                subsidyLeft -= subsidy
                spend(.fiscalLocalSubsidies, subsidy, at: t)
                // Deadweight: the same firm would have won and afforded the deal without it.
                if unsubsidised.feasible && (!outside.feasible || unsubsidised.offer * localEffort >= outside.offer) {
                    book(.localSubsidyDeadweight, subsidy, at: t)
                }
            }
            signContract(i, results[i].contract, value: price, adopter: .localFirm, at: t)
            if loan > 0 { lend(i, loan, at: t) }
            let upfront = localUpfront * price
            payRightsHolders(i, upfront, at: t)
            commit(i, cash: localCash + subsidy + loan - upfront, capacity: localCapacity, worth: worth, works: works, at: t)
        } else if outside.feasible {
            signContract(i, results[i].contract, value: price, adopter: .outsideFirm, at: t)
            let upfront = upfrontShare * price
            payRightsHolders(i, upfront, at: t)
            commit(i, cash: outsideCash - upfront, capacity: outsideCapacity, worth: worth, works: works, at: t)
        } else if Int(results[i].attempts) + 1 < p.region.maxMatchAttempts {
            results[i].attempts += 1
            enterMatching(i, at: t)
        } else {
            finish(i, .abandoned, at: t)
        }
    }

    /// The adopting firm's terms, kept for its pilot choice and its implementation.
    private func commit(_ i: Int, cash: Double, capacity: Double, worth: Double, works: Double, at t: Double) {
        results[i].adoptedAt = t
        results[i].adopterCash = cash
        results[i].adopterValue = worth
        results[i].implementProbability = capacity * works
        afterCommitment(i, at: t)
    }

    /// The firm implements the result (after its pilot, or without one). Implementation succeeds
    /// with the firm's capacity × the result's quality-adjusted chance, less without a needed pilot,
    /// never for a concept that does not work. A local firm then produces here (after land, if it
    /// needs a site); a firm elsewhere produces there, unless it piloted at a base here and stays
    /// (MODEL.md §5.7). Only production here touches what is shared (land, the rewards budget), so
    /// every other outcome is resolved at once, dated when the implementation ends.
    func startImplementation(_ i: Int, at t: Double) {
        results[i].phase = .implementing
        pass(i, to: .marketEntry, at: t)
        let entity = results[i].entity
        random.seek(entity: entity, purpose: .implementation)
        let end = t + random.lognormal(median: p.adoption.implementationMedianMonths, sigma: p.adoption.implementationSigma)
        random.seek(entity: entity, purpose: .payment)
        let successU = random.uniform(), payU = random.uniform()
        let chance = results[i].implementProbability * (results[i].unpiloted ? p.unpilotedFactor : 1)
        let success = !results[i].conceptFlaw && successU < chance
        let local = results[i].adopter == .localFirm
        if p.adoption.firstUseThenPay && local && success && payU < p.adoption.paymentCompliance {
            let due = max(end, results[i].adoptedAt + p.adoption.trialMonths)
            let isLicence = results[i].contract == .licence
            payRightsHolders(i, isLicence ? p.route.licenceUpfrontShare * results[i].price : results[i].price, at: due)
        }
        guard success else {
            if results[i].loanAmount > 0 && end < results[i].loanEndsAt { compensateDefault(results[i].loanAmount, at: end) }
            finish(i, .failedTechnical, at: end)
            return
        }
        if !local {
            random.seek(entity: entity, purpose: .retention)
            guard results[i].pilotedHere && random.bernoulli(p.pilotEffects.localRetention) else {
                finish(i, .convertedElsewhere, at: end)
                return
            }
            results[i].producesHere = true
        }
        if results[i].needsLand || p.rewards.perLocalConversion > 0 {
            schedule(.implementationDone, at: end, subject: Int32(i))
        } else {
            convertLocally(i, at: end)
        }
    }

    /// A successful implementation that will produce here, at the date it ends.
    func implementationDone(_ i: Int, at t: Double) {
        startProduction(i, forVenture: false, at: t)
    }

    /// Result `i` (a firm's, or a venture's) is ready to produce here: it asks for land first if its
    /// production needs a site (MODEL.md §5.11).
    func startProduction(_ i: Int, forVenture: Bool, at t: Double) {
        results[i].landForVenture = forVenture
        if results[i].needsLand {
            requestLand(i, at: t)
        } else {
            produce(i, at: t)
        }
    }

    /// Production starts: the firm's result converts, or the venture enters the market.
    func produce(_ i: Int, at t: Double) {
        if results[i].landForVenture {
            ventureOnMarket(Int(results[i].venture), at: t)
        } else {
            convertLocally(i, at: t)
        }
    }
}
