// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// A capacity-limited maturation stage: proof of concept (概念验证, §5.6, `ProofOfConcept.swift`)
/// and pilot (中试熟化, §5.7, `Pilot.swift`) share this machinery. Results below a TRL need the
/// stage; a funded slot at a centre or base serves them in arrival order within its yearly budget.
/// What a result does without a slot differs: see each stage's file.
public struct ScaleUpStage: Sendable {
    public enum Kind: Sendable {
        case proofOfConcept, pilot
        var budgetLine: BudgetLine { self == .proofOfConcept ? .pocGrants : .pilotSubsidies }
    }
    public let kind: Kind
    /// Results with TRL below this need the stage.
    public var needsBelowTRL: Int
    public var successProbability: Double
    public var durationMedianMonths: Double
    public var durationSigma: Double
    public var costMedian: Double
    public var costSigma: Double
    /// Probability that a result without a funded slot runs the stage on its own money (proof of
    /// concept only: a pilot's adopter decides by expected value, `Pilot.swift`).
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
        let selfFunded: Double?, slots: Double, fundedShare: Double, budget: Double, maxWait: Double
        let slotSource: String, shareSource: String
    }
    static let poc = Defaults(key: "poc", label: "proof of concept", needsBelow: 5, success: 0.5, duration: 9, cost: 50,
                              selfFunded: 0.5, slots: 15, fundedShare: 1.0, budget: 1000, maxWait: 6,
                              slotSource: "assumption: a mid-size city's PoC centres; MODEL.md §5.6",
                              shareSource: "MODEL.md §5.6 (grant per project)")
    static let pilot = Defaults(key: "pilot", label: "pilot (中试)", needsBelow: 7, success: 0.6, duration: 12, cost: 200,
                                selfFunded: nil, slots: 25, fundedShare: 0.3, budget: 2000, maxWait: 9,
                                slotSource: "assumption, scaled from Henan's 50 pilot bases province-wide (000)",
                                shareSource: "assumption: subsidy share of pilot cost, MODEL.md §5.7")

    static func parameters(_ d: Defaults) -> [ParameterSpec] {
        let r = "region.\(d.key)", p = "policy.\(d.key)"
        let selfFunded: [ParameterSpec] = d.selfFunded.map {
            [.probability("\(r).self_funded_probability", $0,
                          "Probability that a result without a funded slot runs \(d.label) on its own money.", source: "assumption")]
        } ?? []
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
        ] + selfFunded
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
        selfFundedProbability = d.selfFunded == nil ? 0 : r["\(rp).self_funded_probability"]
        trlGain = r.int("\(rp).trl_gain")
        slots = r.int("\(pp).slots")
        fundedShare = r["\(pp).funded_share"]
        annualBudget = r["\(pp).annual_budget"]
        maxWaitMonths = r["\(pp).max_wait_months"]
    }
}

extension TrialSimulator {
    // MARK: - Slots, budgets and queues shared by proof of concept and pilot

    func stage(_ kind: ScaleUpStage.Kind) -> ScaleUpStage { kind == .proofOfConcept ? p.proofOfConcept : p.pilot }

    func withCapacity<T>(_ kind: ScaleUpStage.Kind, _ body: (inout StageCapacity) -> T) -> T {
        kind == .proofOfConcept ? body(&poc) : body(&pilotCapacity)
    }

    /// Draws the stage's cost, success uniform and (proof of concept) self-funding uniform for result
    /// `i` from its own stream, once, when it reaches the stage, and its success chance; they are then
    /// read from its record. The duration has a stream of its own, drawn when a project starts.
    func drawStage(_ i: Int, _ kind: ScaleUpStage.Kind) {
        random.seek(entity: results[i].entity, purpose: kind == .proofOfConcept ? .proofOfConcept : .pilot)
        results[i].stageCost = kind == .proofOfConcept
            ? random.lognormal(median: p.proofOfConcept.costMedian, sigma: p.proofOfConcept.costSigma)
            : random.lognormal(median: p.pilot.costMedian, sigma: p.pilot.costSigma)
        results[i].stageSuccessU = random.uniform()
        if kind == .proofOfConcept { results[i].stageSelfU = random.uniform() }
        results[i].stageChance = adjusted(logit: kind == .proofOfConcept ? logits.proofOfConcept : logits.pilot, i, technical: true)
    }

    /// The programme's grant for result `i`'s project (万元).
    @inline(__always) func grant(_ i: Int, _ kind: ScaleUpStage.Kind) -> Double {
        (kind == .proofOfConcept ? p.proofOfConcept.fundedShare : p.pilot.fundedShare) * results[i].stageCost
    }

    /// Whether a funded slot can start result `i`'s project at `t`: nobody queued ahead, a slot
    /// free, budget left this year, and room in the fiscal envelope.
    func fundedSlotFree(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double) -> Bool {
        let g = grant(i, kind)
        return withCapacity(kind) { c in c.queue.isEmpty && c.freeSlots > 0 && c.budgetLeft >= g }
            && envelopeAllows(kind.budgetLine, g, at: t)
    }

    /// The wait (months) a newcomer to the stage's queue can expect: the people ahead of it plus
    /// itself, over the programme's throughput, the lower of its slots' (slots / median duration)
    /// and its budget's (yearly budget / 12 / the mean grant).
    func expectedWait(_ kind: ScaleUpStage.Kind) -> Double {
        let s = stage(kind)
        let bySlots = Double(s.slots) / max(s.durationMedianMonths, 1e-9)
        let meanGrant = s.fundedShare * s.costMedian * exp(s.costSigma * s.costSigma / 2)
        let byBudget = meanGrant > 0 ? s.annualBudget / 12 / meanGrant : .infinity
        let throughput = min(bySlots, byBudget)
        guard throughput > 0 else { return .infinity }
        return Double(withCapacity(kind) { $0.waiting } + 1) / throughput
    }

    /// Result `i` joins the stage's queue at `t`; it leaves it at the latest after the maximum wait.
    func joinQueue(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double) {
        results[i].phase = kind == .proofOfConcept ? .waitingPoC : .waitingPilot
        results[i].enqueuedAt = t
        withCapacity(kind) { $0.queue.push(Int32(i)); $0.waiting += 1 }
        schedule(kind == .proofOfConcept ? .pocExpiry : .pilotExpiry, at: t + stage(kind).maxWaitMonths, subject: Int32(i))
    }

    /// The project's duration (months), from its own stream (occasion 1 of the stage's purpose).
    func stageDuration(_ i: Int, _ kind: ScaleUpStage.Kind) -> Double {
        random.seek(entity: results[i].entity, purpose: kind == .proofOfConcept ? .proofOfConcept : .pilot, occasion: 1)
        return kind == .proofOfConcept
            ? random.lognormal(median: p.proofOfConcept.durationMedianMonths, sigma: p.proofOfConcept.durationSigma)
            : random.lognormal(median: p.pilot.durationMedianMonths, sigma: p.pilot.durationSigma)
    }

    func startFunded(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double) {
        let g = grant(i, kind)
        let queued = results[i].phase == .waitingPoC || results[i].phase == .waitingPilot
        let waited = queued ? t - results[i].enqueuedAt : 0
        withCapacity(kind) { c in
            if queued { c.waiting -= 1 }
            c.freeSlots -= 1
            c.budgetLeft -= g
            if t <= horizon {
                c.waitTotal += waited
                c.started += 1
            }
        }
        if kind == .proofOfConcept {
            results[i].phase = .inPoC
            if p.investFirst.enabled { results[i].convertibleGrant += g }
            spend(.fiscalPocGrants, g, at: t)
        } else {
            results[i].phase = .inPilot
            results[i].pilotedHere = true
            if p.investFirst.pilotEnabled && results[i].adopter == .venture { results[i].convertibleGrant += g }
            spend(.fiscalPilotSubsidies, g, at: t)
        }
        schedule(kind == .proofOfConcept ? .pocDone : .pilotDone, at: t + stageDuration(i, kind), subject: Int32(i), tag: 1)
    }

    /// The stage run on the result's (or its adopter's) own money. It touches no shared capacity,
    /// so its end is resolved at once, dated when it ends (what follows is safe to start at a later
    /// date), except for proof of concept after matching, which leads to the route and the shared
    /// subsidy budget: that one waits for its event.
    func startSelfFunded(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double) {
        results[i].phase = kind == .proofOfConcept ? .inPoC : .inPilot
        let end = t + stageDuration(i, kind)
        if kind == .proofOfConcept && p.proof.afterMatching {
            schedule(.pocDone, at: end, subject: Int32(i), tag: 0)
        } else {
            stageDone(i, kind, at: end, funded: false)
        }
    }

    /// Result `i`'s maximum wait ran out: it leaves the queue.
    func leaveQueue(_ i: Int, _ kind: ScaleUpStage.Kind) {
        results[i].phase = .pending
        withCapacity(kind) { $0.waiting -= 1 }
    }

    func serveQueue(_ kind: ScaleUpStage.Kind, at t: Double) {
        let waiting: Phase = kind == .proofOfConcept ? .waitingPoC : .waitingPilot
        while true {
            let next: Int32? = withCapacity(kind) { c in
                while let j = c.queue.first, results[Int(j)].phase != waiting { _ = c.queue.popFirst() }
                guard c.freeSlots > 0, let j = c.queue.first else { return nil }
                return j
            }
            guard let j = next else { return }
            let g = grant(Int(j), kind)
            guard withCapacity(kind, { $0.budgetLeft >= g }) else { return }   // budget out until next year
            guard envelopeAllows(kind.budgetLine, g, at: t) else { return }      // so is the envelope's room
            _ = withCapacity(kind) { $0.queue.popFirst() }
            startFunded(Int(j), kind, at: t)
        }
    }

    /// A project ends: a funded slot frees up; success is quality-adjusted, and a concept that does
    /// not work fails whichever stage tests it first.
    func stageDone(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double, funded: Bool) {
        if funded {
            withCapacity(kind) { $0.freeSlots += 1 }
        }
        let works = !results[i].conceptFlaw && results[i].stageSuccessU < results[i].stageChance
        if works {
            let gain = kind == .proofOfConcept ? p.proofOfConcept.trlGain : p.pilot.trlGain
            results[i].trl = Int8(min(9, Int(results[i].trl) + gain))
            if kind == .proofOfConcept {
                proofOfConceptSucceeded(i, at: t, funded: funded)
            } else {
                afterPilot(i, at: t)
            }
        } else {
            finish(i, .failedTechnical, at: t)
        }
        if funded { serveQueue(kind, at: t) }
    }
}
