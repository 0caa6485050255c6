// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Pilot and scale-up (中试熟化, MODEL.md §4, §5.7): what a pilot does, and how an adopter decides.
///
/// The pilot comes after a counterpart has committed: a local firm or a firm elsewhere that signed a
/// licence or transfer, or a venture that closed its seed round. Results below
/// `region.pilot.needs_below_trl` need one. The adopter chooses by expected value (below) between a
/// subsidised slot at one of the region's pilot bases (`policy.pilot.*`, in `ScaleUpStage`), paying
/// for a pilot itself if its cash allows, and going on unpiloted. A completed pilot raises every
/// adopter's later success: without one, implementation or market entry succeeds
/// `unpiloted_market_factor` times as often, local, elsewhere or venture alike. A firm elsewhere that
/// pilots at a base here produces here with probability `local_retention` (the base keeps the team
/// and the scale-up), which is how pilot capacity keeps results in the region.
public struct PilotEffects: Sendable {
    /// Implementation or market-entry success factor without a needed pilot.
    public var unpilotedFactor: Double
    /// Probability that a firm elsewhere that piloted at a base here produces here.
    public var localRetention: Double
    /// Whether firms elsewhere may use the region's subsidised pilot slots.
    public var openToOutsideAdopters: Bool

    static let parameters: [ParameterSpec] = [
        .probability("region.pilot.unpiloted_market_factor", 0.375,
                     "Multiplier on implementation and market-entry success for a result that needed a pilot and went on without one (any adopter: local, elsewhere or venture).",
                     source: "assumption [L]: the folk figure '80 % industrialised after a pilot, 30 % without' (CALIBRATION.md) gives 30/80"),
        .probability("region.pilot.local_retention", 0.3,
                     "Probability that a firm elsewhere that piloted at one of the region's bases produces here (a local conversion).",
                     source: "assumption [L]: MODEL.md §4 and §5.7 (a pilot base in the region keeps the team and the scale-up here); size an analyst's guess"),
        .flag("policy.pilot.open_to_outside_adopters", true,
              "Firms elsewhere that adopted a result from the region may use its subsidised pilot slots.",
              source: "MODEL.md §4 (the pilot serves the counterpart wherever it is); assumption that bases are open"),
    ]

    init(_ r: ParameterReader) {
        unpilotedFactor = r["region.pilot.unpiloted_market_factor"]
        localRetention = r["region.pilot.local_retention"]
        openToOutsideAdopters = r.flag("policy.pilot.open_to_outside_adopters")
    }
}

extension TrialSimulator {
    // MARK: - Pilot

    @inline(__always) func needsPilot(_ i: Int) -> Bool { Int(results[i].trl) < p.pilot.needsBelowTRL }

    /// The adopter has committed (contract signed, or seed round closed): a pilot if the result
    /// needs one, then implementation or market entry.
    func afterCommitment(_ i: Int, at t: Double) {
        pass(i, to: .pilot, at: t)
        if results[i].unproven && p.proof.adopterProvesConcept {
            adopterProvesConcept(i, at: t)   // ProofOfConcept.swift; then afterConceptProven
        } else {
            afterConceptProven(i, at: t)
        }
    }

    /// The concept is proven (or was never in doubt, or the adopter goes on without proving it).
    func afterConceptProven(_ i: Int, at t: Double) {
        if needsPilot(i) {
            drawStage(i, .pilot)
            choosePilot(i, at: t, mayWait: true)
        } else {
            afterPilot(i, at: t)
        }
    }

    /// The adopter's choice by expected value (MODEL.md §5.7). With W its gross value of success
    /// (万元, at today's value), p the pilot's and q the later step's success chances, d the pilot's
    /// median duration, w the expected wait for a base slot and decay(x) = 2^(−x / value half-life):
    ///
    ///     unpiloted:        W · q · unpiloted factor
    ///     a base's slot:    W · decay(w + d) · p · q − (1 − subsidy share) · cost
    ///     its own pilot:    W · decay(d) · p · q − cost            (only if its cash, or a loan, covers the cost)
    ///
    /// The base is open to firms elsewhere only if the policy says so; the wait is what a newcomer
    /// can expect from the queue and the programme's throughput (`expectedWait`), and the base is an
    /// option only if that is within the maximum wait. Once the maximum wait has run out (`mayWait`
    /// false) only the other two remain.
    func choosePilot(_ i: Int, at t: Double, mayWait: Bool) {
        let s = p.pilot
        let r = (adopterValue: results[i].adopterValue, stageChance: results[i].stageChance,
                 implementProbability: results[i].implementProbability, adopterCash: results[i].adopterCash,
                 stageCost: results[i].stageCost, adopter: results[i].adopter)
        let halfLife = p.region.valueHalfLifeMonths
        let success = r.adopterValue * r.stageChance * r.implementProbability
        let unpiloted = r.adopterValue * r.implementProbability * p.pilotEffects.unpilotedFactor
        var best = unpiloted, choice = 0   // 0 unpiloted, 1 base now, 2 base after a wait, 3 own pilot
        // Its own pilot if its cash covers it, or a technology loan covers the rest (a firm here or
        // a venture; TechnologyLoans.swift).
        var ownLoan = 0.0
        var affordable = r.adopterCash >= r.stageCost
        if !affordable && r.adopter != .outsideFirm
            && firmLoanApproved(i, shortfall: r.stageCost - max(r.adopterCash, 0), occasion: 0x40) {
            affordable = true
            ownLoan = r.stageCost - max(r.adopterCash, 0)
        }
        if affordable {
            let own = success * exp2(-s.durationMedianMonths / halfLife) - r.stageCost - p.loans.borrowerInterest(ownLoan)
            if own > best { best = own; choice = 3 }
        }
        let baseOpen = s.slots > 0 && (r.adopter != .outsideFirm || p.pilotEffects.openToOutsideAdopters)
        if baseOpen {
            let freeNow = fundedSlotFree(i, .pilot, at: t)
            if freeNow || mayWait {
                let wait = freeNow ? 0 : expectedWait(.pilot)
                let base = success * exp2(-(wait + s.durationMedianMonths) / halfLife) - (1 - s.fundedShare) * r.stageCost
                if base > best && wait <= s.maxWaitMonths { best = base; choice = freeNow ? 1 : 2 }
            }
        }
        switch choice {
        case 1: startFunded(i, .pilot, at: t)
        case 2: joinQueue(i, .pilot, at: t)
        case 3:
            book(.pilotsSelfFunded, 1, at: t)
            if ownLoan > 0 { lend(i, ownLoan, at: t) }
            // A local firm or a venture pilots in the region; a firm elsewhere at home.
            results[i].pilotedHere = r.adopter != .outsideFirm
            startSelfFunded(i, .pilot, at: t)
        default:
            results[i].phase = .pending
            results[i].unpiloted = true
            book(.unpilotedProceeds, 1, at: t)
            afterPilot(i, at: t)
        }
    }

    /// Piloted, unpiloted, or no pilot needed: a firm implements, a venture heads for the market.
    func afterPilot(_ i: Int, at t: Double) {
        results[i].phase = .pending
        if results[i].adopter == .venture {
            scheduleMarketEntry(Int(results[i].venture), at: t)
        } else {
            startImplementation(i, at: t)
        }
    }
}
