// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// A capacity-limited maturation stage: proof of concept (概念验证, §5.6) and pilot (中试熟化, §5.7)
/// work the same way. Results below a TRL need the stage; a funded slot at a centre or base serves
/// them in arrival order within its yearly budget; a result that waits longer than the maximum runs
/// the stage on its own money with some probability, or otherwise drops out (PoC) or goes on
/// unpiloted (pilot).
public struct ScaleUpStage: Sendable {
    public enum Kind: Sendable { case proofOfConcept, pilot }
    public let kind: Kind
    /// Results with TRL below this need the stage.
    public var needsBelowTRL: Int
    public var successProbability: Double
    public var durationMedianMonths: Double
    public var durationSigma: Double
    public var costMedian: Double
    public var costSigma: Double
    /// Probability that a result without a funded slot runs the stage on its own money.
    public var selfFundedProbability: Double
    public var trlGain: Int
    /// Concurrent funded slots (centres' or bases' capacity), the share of cost they fund, their
    /// yearly budget (万元) and the longest a result waits for a slot.
    public var slots: Int
    public var fundedShare: Double
    public var annualBudget: Double
    public var maxWaitMonths: Double

    struct Defaults {
        let key: String, label: String, needsBelow: Double, success: Double, duration: Double, cost: Double
        let selfFunded: Double, slots: Double, fundedShare: Double, budget: Double, maxWait: Double
        let slotSource: String, shareSource: String
    }
    static let poc = Defaults(key: "poc", label: "proof of concept", needsBelow: 5, success: 0.5, duration: 9, cost: 50,
                              selfFunded: 0.5, slots: 15, fundedShare: 1.0, budget: 1000, maxWait: 6,
                              slotSource: "assumption: a mid-size city's PoC centres; MODEL.md §5.6",
                              shareSource: "MODEL.md §5.6 (grant per project)")
    static let pilot = Defaults(key: "pilot", label: "pilot (中试)", needsBelow: 7, success: 0.6, duration: 12, cost: 200,
                                selfFunded: 0.35, slots: 25, fundedShare: 0.3, budget: 2000, maxWait: 9,
                                slotSource: "assumption, scaled from Henan's 50 pilot bases province-wide (000)",
                                shareSource: "assumption: subsidy share of pilot cost, MODEL.md §5.7")

    static func parameters(_ d: Defaults) -> [ParameterSpec] {
        let r = "region.\(d.key)", p = "policy.\(d.key)"
        return [
            ParameterSpec("\(r).needs_below_trl", .integer(0...10), default: .number(d.needsBelow),
                          meaning: "Results with a TRL below this need \(d.label).", source: "assumption: MODEL.md §4 (stages a result does not need are skipped)"),
            .probability("\(r).success_probability", d.success, "Probability that \(d.label) succeeds for a result of mean quality.",
                         source: "assumption"),
            .amount("\(r).duration_median_months", d.duration, unit: "months", "Median duration of \(d.label).",
                    source: "assumption", max: 600),
            .amount("\(r).duration_sigma", 0.4, unit: "log-scale sd", "Log-scale spread of its duration.", source: "assumption", max: 10),
            .amount("\(r).cost_median", d.cost, unit: "万元", "Median cost of one \(d.label) project.", source: "assumption"),
            .amount("\(r).cost_sigma", 0.5, unit: "log-scale sd", "Log-scale spread of its cost.", source: "assumption", max: 10),
            .probability("\(r).self_funded_probability", d.selfFunded,
                         "Probability that a result without a funded slot runs \(d.label) on its own money.", source: "assumption"),
            ParameterSpec("\(r).trl_gain", .integer(0...9), default: .number(2),
                          meaning: "TRL levels gained by a successful \(d.label).", source: "assumption"),
            .count("\(p).slots", d.slots, unit: "concurrent projects",
                   "Funded \(d.label) slots (projects run at once); 0 switches the lever off.", source: d.slotSource, neutral: 0),
            .probability("\(p).funded_share", d.fundedShare, "Share of a project's cost the \(d.label) programme pays.",
                         source: d.shareSource),
            .amount("\(p).annual_budget", d.budget, unit: "万元 per year",
                    "Yearly budget of the \(d.label) programme; a project starts only while budget remains.", source: "assumption"),
            .amount("\(p).max_wait_months", d.maxWait, unit: "months",
                    "Longest a result waits for a funded \(d.label) slot before going on without one.", source: "assumption", max: 600),
        ]
    }

    init(_ r: ParameterReader, _ d: Defaults, kind: Kind) {
        self.kind = kind
        let rp = "region.\(d.key)", pp = "policy.\(d.key)"
        needsBelowTRL = r.int("\(rp).needs_below_trl")
        successProbability = r["\(rp).success_probability"]
        durationMedianMonths = r["\(rp).duration_median_months"]
        durationSigma = r["\(rp).duration_sigma"]
        costMedian = r["\(rp).cost_median"]
        costSigma = r["\(rp).cost_sigma"]
        selfFundedProbability = r["\(rp).self_funded_probability"]
        trlGain = r.int("\(rp).trl_gain")
        slots = r.int("\(pp).slots")
        fundedShare = r["\(pp).funded_share"]
        annualBudget = r["\(pp).annual_budget"]
        maxWaitMonths = r["\(pp).max_wait_months"]
    }
}

extension TrialSimulator {
    // MARK: - Proof of concept and pilot (shared slots, budgets, queues)

    func stage(_ kind: ScaleUpStage.Kind) -> ScaleUpStage { kind == .proofOfConcept ? p.proofOfConcept : p.pilot }

    func withCapacity<T>(_ kind: ScaleUpStage.Kind, _ body: (inout StageCapacity) -> T) -> T {
        kind == .proofOfConcept ? body(&poc) : body(&pilotCapacity)
    }

    /// The stage's draws for result `i`: cost, duration, success uniform, self-funding uniform.
    /// Drawn once from the result's own stream when it reaches the stage, then read from its record.
    @inline(__always)
    func stageDraws(_ i: Int, _ kind: ScaleUpStage.Kind) -> (cost: Double, duration: Double, successU: Double, selfU: Double) {
        let r = results[i]
        return (r.stageCost, r.stageDuration, r.stageSuccessU, r.stageSelfU)
    }

    func request(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double) {
        let s = stage(kind)
        random.seek(entity: UInt32(i + 1), purpose: kind == .proofOfConcept ? .proofOfConcept : .pilot)
        results[i].stageCost = random.lognormal(median: s.costMedian, sigma: s.costSigma)
        results[i].stageDuration = random.lognormal(median: s.durationMedianMonths, sigma: s.durationSigma)
        results[i].stageSuccessU = random.uniform()
        results[i].stageSelfU = random.uniform()
        guard s.slots > 0 else {
            withoutSlot(i, kind, at: t)
            return
        }
        let grant = s.fundedShare * stageDraws(i, kind).cost
        let startNow = withCapacity(kind) { c in c.queue.isEmpty && c.freeSlots > 0 && c.budgetLeft >= grant }
        if startNow {
            startFunded(i, kind, at: t)
        } else {
            results[i].phase = kind == .proofOfConcept ? .waitingPoC : .waitingPilot
            results[i].enqueuedAt = t
            withCapacity(kind) { $0.queue.push(Int32(i)) }
            schedule(kind == .proofOfConcept ? .pocExpiry : .pilotExpiry, at: t + s.maxWaitMonths, subject: Int32(i))
        }
    }

    func startFunded(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double) {
        let s = stage(kind)
        let d = stageDraws(i, kind)
        let grant = s.fundedShare * d.cost
        let waited = results[i].phase == .waitingPoC || results[i].phase == .waitingPilot ? t - results[i].enqueuedAt : 0
        withCapacity(kind) { c in
            c.freeSlots -= 1
            c.budgetLeft -= grant
            if t <= horizon {
                c.waitTotal += waited
                c.started += 1
            }
        }
        if kind == .proofOfConcept {
            results[i].phase = .inPoC
            if p.investFirst.enabled { results[i].convertibleGrant += grant }
            spend(.fiscalPocGrants, grant, at: t)
        } else {
            results[i].phase = .inPilot
            if p.investFirst.pilotEnabled { results[i].convertibleGrant += grant }
            spend(.fiscalPilotSubsidies, grant, at: t)
        }
        schedule(kind == .proofOfConcept ? .pocDone : .pilotDone, at: t + d.duration, subject: Int32(i), tag: 1)
    }

    /// No funded slot (none offered, or the wait ran out): run the stage on own money with some
    /// probability; otherwise drop out (PoC) or go on without a pilot.
    func withoutSlot(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double) {
        let s = stage(kind)
        let d = stageDraws(i, kind)
        if d.selfU < s.selfFundedProbability {
            results[i].phase = kind == .proofOfConcept ? .inPoC : .inPilot
            schedule(kind == .proofOfConcept ? .pocDone : .pilotDone, at: t + d.duration, subject: Int32(i), tag: 0)
        } else if kind == .proofOfConcept {
            finish(i, .abandoned, at: t)
        } else {
            results[i].unpiloted = true
            book(.unpilotedProceeds, 1, at: t)
            pass(i, to: .deal, at: t)
            chooseRoute(i, at: t)
        }
    }

    func serveQueue(_ kind: ScaleUpStage.Kind, at t: Double) {
        let waiting: Phase = kind == .proofOfConcept ? .waitingPoC : .waitingPilot
        let share = stage(kind).fundedShare
        while true {
            let next: Int32? = withCapacity(kind) { c in
                while let j = c.queue.first, results[Int(j)].phase != waiting { _ = c.queue.popFirst() }
                guard c.freeSlots > 0, let j = c.queue.first else { return nil }
                return j
            }
            guard let j = next else { return }
            let grant = share * stageDraws(Int(j), kind).cost
            guard withCapacity(kind, { $0.budgetLeft >= grant }) else { return }   // budget out until next year
            _ = withCapacity(kind) { $0.queue.popFirst() }
            startFunded(Int(j), kind, at: t)
        }
    }

    func stageDone(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double, funded: Bool) {
        if funded {
            withCapacity(kind) { $0.freeSlots += 1 }
        }
        let s = stage(kind)
        let success = stageDraws(i, kind).successU < adjusted(s.successProbability, i, odds: technicalOdds(i))
        if success {
            results[i].trl = Int8(min(9, Int(results[i].trl) + s.trlGain))
            if kind == .proofOfConcept {
                afterProofOfConcept(i, at: t)
            } else {
                pass(i, to: .deal, at: t)
                chooseRoute(i, at: t)
            }
        } else {
            finish(i, .failedTechnical, at: t)
        }
        if funded { serveQueue(kind, at: t) }
    }

    func afterProofOfConcept(_ i: Int, at t: Double) {
        results[i].phase = .pending
        pass(i, to: .pilot, at: t)
        if Int(results[i].trl) < p.pilot.needsBelowTRL {
            request(i, .pilot, at: t)
        } else {
            pass(i, to: .deal, at: t)
            chooseRoute(i, at: t)
        }
    }
}
