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

extension TrialSimulator {
    // MARK: - Route, licensing and local adoption

    func chooseRoute(_ i: Int, at t: Double) {
        let r = results[i]
        random.seek(entity: UInt32(i + 1), purpose: .route)
        let spinU = random.uniform(), licenceU = random.uniform()
        var spin = p.route.spinoffProbability * tables.sourceSpinoff(r.source) * tables.spinoff(r.field)
        if r.empowered { spin *= p.empowerment.spinoffMultiplier }
        if spinU < spin {
            createVenture(i, at: t)
            return
        }
        results[i].contract = licenceU < p.route.licenceShare ? .licence : .transfer
        offerToFirms(i, at: t)
    }

    /// A local firm adopts when it can pay the upfront fee and expects value above its net price;
    /// otherwise a firm elsewhere may take the result (outflow), or it goes back to matching.
    func offerToFirms(_ i: Int, at t: Double) {
        let attempt = UInt32(results[i].attempts)
        random.seek(entity: UInt32(i + 1), purpose: .licensing, occasion: attempt)
        let cash = random.lognormal(median: p.region.firmCashMedian, sigma: p.region.firmCashSigma)
        let capacity = random.beta(p.region.firmAbsorptiveA, p.region.firmAbsorptiveB)
        let outflowU = random.uniform()
        let isLicence = results[i].contract == .licence
        let currentValue = value(i, at: t)
        let price = p.route.priceShare * currentValue
        let implement = capacity * adjusted(p.adoption.implementationSuccess, i, odds: technicalOdds(i))
            * (results[i].unpiloted ? p.unpilotedFactor : 1)
        results[i].price = price
        results[i].implementProbability = implement

        if results[i].localFit {
            var subsidy = min(p.adoption.subsidyRate * price, p.adoption.subsidyCap)
            if subsidy > subsidyLeft { subsidy = 0 }
            let netPrice = price - subsidy
            let futp = p.adoption.firstUseThenPay
            let upfront = futp ? 0 : (isLicence ? p.route.licenceUpfrontShare * price : price)
            let expectedCost = futp ? implement * netPrice : netPrice
            let expectedValue = p.region.firmValueShare * currentValue * implement
            if cash >= upfront && expectedValue >= expectedCost {
                subsidyLeft -= subsidy
                spend(.fiscalLocalSubsidies, subsidy, at: t)
                book(.localDeals, 1, at: t)
                signContract(i, results[i].contract, value: price, at: t)
                if !futp { payRightsHolders(i, upfront, at: t) }
                results[i].adoptedAt = t
                results[i].phase = .implementing
                pass(i, to: .marketEntry, at: t)
                random.seek(entity: UInt32(i + 1), purpose: .implementation)
                let duration = random.lognormal(median: p.adoption.implementationMedianMonths, sigma: p.adoption.implementationSigma)
                schedule(.implementationDone, at: t + duration, subject: Int32(i))
                return
            }
        }
        let outflow = results[i].localFit ? p.region.outflowProbabilityFit : p.region.outflowProbabilityNoFit
        if outflowU < outflow {
            // Taken by a firm in another region: paid up front (its royalties are not tracked here).
            book(.outsideDeals, 1, at: t)
            signContract(i, results[i].contract, value: price, at: t)
            payRightsHolders(i, isLicence ? p.route.licenceUpfrontShare * price : price, at: t)
            finish(i, .convertedElsewhere, at: t)
        } else if Int(results[i].attempts) + 1 < p.region.maxMatchAttempts {
            results[i].attempts += 1
            enterMatching(i, at: t)
        } else {
            finish(i, .abandoned, at: t)
        }
    }

    func implementationDone(_ i: Int, at t: Double) {
        random.seek(entity: UInt32(i + 1), purpose: .payment)
        let successU = random.uniform(), payU = random.uniform()
        let success = successU < results[i].implementProbability
        if p.adoption.firstUseThenPay && success && payU < p.adoption.paymentCompliance {
            let due = max(t, results[i].adoptedAt + p.adoption.trialMonths)
            let isLicence = results[i].contract == .licence
            payRightsHolders(i, isLicence ? p.route.licenceUpfrontShare * results[i].price : results[i].price, at: due)
        }
        guard success else {
            finish(i, .failedTechnical, at: t)
            return
        }
        startProduction(i, forVenture: false, at: t)
    }

    /// Result `i` (a licensee's, or a venture's) is ready to produce: it asks for land first if its
    /// production needs a site (MODEL.md §5.11).
    func startProduction(_ i: Int, forVenture: Bool, at t: Double) {
        results[i].landForVenture = forVenture
        if results[i].needsLand {
            requestLand(i, at: t)
        } else {
            produce(i, at: t)
        }
    }

    /// Production starts: the licensee's result converts, or the venture enters the market.
    func produce(_ i: Int, at t: Double) {
        if results[i].landForVenture {
            ventureOnMarket(Int(results[i].venture), at: t)
        } else {
            convertLocally(i, at: t)
        }
    }
}
