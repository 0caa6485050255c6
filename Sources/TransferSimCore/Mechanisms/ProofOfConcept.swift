// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Proof-of-concept extras: "invest first, equity later" (先投后股, Wenzhou, 004).
public struct InvestFirstEquityLater: Sendable {
    /// Whether proof-of-concept grants convert (先投后股).
    public var enabled: Bool
    /// Whether pilot subsidies convert too (the "二次开发" project money of 004).
    public var pilotEnabled: Bool
    /// Annual return at which the government exits the converted stake "at preserved value" (按保值退出).
    public var exitReturnRate: Double
    /// Spin-off probability multiplier for a result whose grant would convert: the team need not
    /// repay or raise the grant's worth to start, so starting a venture is cheaper.
    public var spinoffMultiplier: Double

    static let parameters: [ParameterSpec] = [
        .flag("policy.poc.invest_first_equity_later", false,
              "Proof-of-concept grants to results that become ventures turn into equity at the first round (先投后股).",
              source: "004 (Wenzhou); 001 (Lanzhou proposal)"),
        .flag("policy.pilot.invest_first_equity_later", false,
              "Pilot subsidies to results that become ventures turn into equity at the first round, with PoC grants (先投后股).",
              source: "004: 先期以科技项目方式支持…“二次开发”，市场化融资阶段将投入的财政资金转换为股份"),
        .amount("region.route.invest_first_spinoff_multiplier", 1.5, unit: "×",
                "Spin-off probability multiplier for a result holding a grant that would turn into equity (先投后股): the grant is the team's start capital.",
                source: "assumption [L]: 004 (Wenzhou: 先投后股 to support start-ups from results); MODEL.md §4.1 (a cheaper start for the team); size an analyst's guess",
                max: 100),
        .amount("policy.poc.preserved_value_rate", 0.03, unit: "per year",
                "Annual return at which the government exits a converted PoC stake (按保值退出).",
                source: "assumption: a deposit-like rate; 001 (exit at preserved value)", max: 1),
    ]

    init(_ r: ParameterReader) {
        enabled = r.flag("policy.poc.invest_first_equity_later")
        pilotEnabled = r.flag("policy.pilot.invest_first_equity_later")
        exitReturnRate = r["policy.poc.preserved_value_rate"]
        spinoffMultiplier = r["region.route.invest_first_spinoff_multiplier"]
    }
}

/// What proof of concept (概念验证, MODEL.md §4, §5.6) changes for a result, and where it sits.
///
/// PoC comes before a counterpart is sought (the default): a low-TRL result with intent applies to
/// a PoC centre after approval. A funded slot (`policy.poc.*`, in `ScaleUpStage`) runs it; without
/// one the result waits up to the maximum wait, then runs it on its own money with some probability,
/// or goes on to matching *unproven* if its value after the buyers' discount stays above the value
/// floor, or gives up. A proven result has its TRL raised; an unproven one is harder to match, worth
/// less to a buyer, less likely to become a spin-off, and carries the concept's fate with it (the
/// same draw a PoC would have tested): by default its adopter does the concept work itself after
/// committing (`adopterProvesConcept`), and a concept that does not work fails there, later and at
/// greater cost; with that off, it fails at its next technical step (a pilot, an implementation, a
/// market entry).
public struct ProofOfConceptEffects: Sendable {
    /// Proof of concept after a counterpart is found (the earlier model) instead of before.
    public var afterMatching: Bool
    /// Matching-hazard (and roadshow match) factor of an unproven result.
    public var unprovenMatchFactor: Double
    /// Factor on the value a buyer sees in an unproven result (its price and the buyer's valuation).
    public var unprovenValueFactor: Double
    /// Spin-off probability factor of an unproven result.
    public var unprovenSpinoffFactor: Double
    /// Whether the adopter of an unproven result (a firm, or the venture) must do the concept work
    /// itself before its pilot: skipping the programme moves the work, it does not remove it.
    public var adopterProvesConcept: Bool

    public static let timings = ["before_matching", "after_matching"]

    static let parameters: [ParameterSpec] = [
        ParameterSpec("region.poc.timing", .choice(timings), default: .number(0),
                      meaning: "Where proof of concept sits: before_matching (a result is proven before a counterpart is sought) or after_matching (the counterpart is found first).",
                      source: "MODEL.md §4 and §5.6 (before matching is the default; after matching allowed as a scenario setting)"),
        .probability("region.poc.unproven_match_factor", 0.5,
                     "Factor on the matching hazard (and roadshow match probability) of a result that needed proof of concept and went on without it.",
                     source: "assumption [L]: MODEL.md §5.6 (an unproven result is harder to match); size an analyst's guess"),
        .probability("region.poc.unproven_value_factor", 0.6,
                     "Factor on the value a buyer sees in an unproven result: its contract price and the buyer's expected value.",
                     source: "assumption [L]: MODEL.md §5.6 (a proven result is worth more to a buyer); size an analyst's guess"),
        .probability("region.poc.unproven_spinoff_factor", 0.4,
                     "Factor on the spin-off probability of an unproven result.",
                     source: "assumption [L]: MODEL.md §4.1 (proof of concept raises the chance of the spin-off route); size an analyst's guess"),
        .flag("region.poc.adopter_proves_concept", true,
              "The adopter of an unproven result (a firm, or the venture) does the concept work itself after it commits, before its pilot: the proof of concept's duration and cost (the same draws a funded PoC would have used), at its own expense; a concept that does not work fails there.",
              source: "MODEL.md §4 (proof of concept is how a low-TRL result becomes something a firm can judge: without the programme the work moves to the adopter, it is not skipped); an analyst's reading [L]"),
    ]

    init(_ r: ParameterReader) {
        afterMatching = r.int("region.poc.timing") == 1
        unprovenMatchFactor = r["region.poc.unproven_match_factor"]
        unprovenValueFactor = r["region.poc.unproven_value_factor"]
        unprovenSpinoffFactor = r["region.poc.unproven_spinoff_factor"]
        adopterProvesConcept = r.flag("region.poc.adopter_proves_concept")
    }
}

extension TrialSimulator {
    // MARK: - Proof of concept

    @inline(__always) func needsProofOfConcept(_ i: Int) -> Bool { Int(results[i].trl) < p.proofOfConcept.needsBelowTRL }

    /// After approval: proof of concept first if the result needs it (the default order), then matching.
    func afterApproval(_ i: Int, at t: Double) {
        if p.proof.afterMatching {
            enterMatching(i, at: t)
            return
        }
        pass(i, to: .proofOfConcept, at: t)
        if needsProofOfConcept(i) {
            // The programme's slots and queue are shared: the request is an event at its own time,
            // since approval is resolved (in closed form) when the result is disclosed.
            schedule(.pocRequest, at: t, subject: Int32(i))
        } else {
            enterMatching(i, at: t)
        }
    }

    /// A funded slot now; a place in the queue if the expected wait is within the maximum wait;
    /// otherwise (or with no programme) straight to the choice without one.
    func requestProofOfConcept(_ i: Int, at t: Double) {
        drawStage(i, .proofOfConcept)
        if p.proofOfConcept.slots > 0 && fundedSlotFree(i, .proofOfConcept, at: t) {
            startFunded(i, .proofOfConcept, at: t)
        } else if p.proofOfConcept.slots > 0 && expectedWait(.proofOfConcept) <= p.proofOfConcept.maxWaitMonths {
            joinQueue(i, .proofOfConcept, at: t)
        } else {
            proofOfConceptWithoutSlot(i, at: t)
        }
    }

    /// No funded slot (none offered, or the wait ran out): the team runs it on its own money with
    /// some probability; otherwise the result goes on unproven if a buyer would still see value in
    /// it above the floor, or is given up.
    func proofOfConceptWithoutSlot(_ i: Int, at t: Double) {
        if results[i].stageSelfU < p.proofOfConcept.selfFundedProbability {
            startSelfFunded(i, .proofOfConcept, at: t)
            return
        }
        guard value(i, at: t) * p.proof.unprovenValueFactor >= p.region.valueFloor else {
            finish(i, .abandoned, at: t)
            return
        }
        results[i].phase = .pending
        results[i].unproven = true
        // The concept's fate, tested later: the same draw and chance a PoC would have used.
        results[i].conceptFlaw = results[i].stageSuccessU >= results[i].stageChance
        book(.unprovenProceeds, 1, at: t)
        afterProofOfConcept(i, at: t)
    }

    func proofOfConceptSucceeded(_ i: Int, at t: Double, funded: Bool) {
        results[i].phase = .pending
        if funded {
            results[i].provenInProgramme = true
            book(.pocCompleted, 1, at: t)
        }
        afterProofOfConcept(i, at: t)
    }

    /// The adopter of an unproven result has committed: it does the concept work itself first, for
    /// the PoC's duration (the draw a funded project would have used) and at the PoC's cost, out of
    /// its cash. The end is an event, since the pilot that follows shares the bases' capacity.
    func adopterProvesConcept(_ i: Int, at t: Double) {
        results[i].adopterCash -= results[i].stageCost   // still the PoC's draw: the pilot's comes after
        book(.conceptWorkByAdopter, 1, at: t)
        schedule(.conceptWorkDone, at: t + stageDuration(i, .proofOfConcept), subject: Int32(i))
    }

    /// The adopter's concept work ends: a concept that does not work fails here (after the contract
    /// or the seed round: later and dearer than a PoC would have found it); one that works is proven
    /// and goes on to its pilot.
    func adopterConceptWorkDone(_ i: Int, at t: Double) {
        let venture = results[i].adopter == .venture ? Int(results[i].venture) : nil
        if let v = venture, !ventures[v].failedAt.isInfinite { return }
        guard !results[i].conceptFlaw else {
            finish(i, .failedTechnical, at: t)
            if let v = venture {
                failVenture(v, at: t)
            } else if results[i].loanAmount > 0 && t < results[i].loanEndsAt {
                compensateDefault(results[i].loanAmount, at: t)
            }
            return
        }
        results[i].unproven = false
        results[i].trl = Int8(min(9, Int(results[i].trl) + p.proofOfConcept.trlGain))
        afterConceptProven(i, at: t)
    }

    /// Proven or not: on to matching, or (PoC after matching) to the route.
    private func afterProofOfConcept(_ i: Int, at t: Double) {
        if p.proof.afterMatching {
            chooseRoute(i, at: t)
        } else {
            enterMatching(i, at: t)
        }
    }
}
