// SPDX-License-Identifier: GPL-3.0-or-later

/// How a result ends the horizon (MODEL.md §4). Exactly one per result.
public enum TerminalState: UInt8, CaseIterable, Sendable {
    case inProgress = 0, convertedLocal, convertedElsewhere, failedTechnical, abandoned

    public var name: String {
        ["in_progress", "converted_local", "converted_elsewhere", "failed_technical", "abandoned"][Int(rawValue)]
    }
}

/// Where a result is in the pipeline while the trial runs.
enum Phase: UInt8 {
    case pending, waitingMatch, waitingPoC, inPoC, waitingPilot, inPilot, implementing, waitingLand, venture, done
}

/// Who committed to a result (MODEL.md §4): the counterpart the pilot serves.
enum Adopter: UInt8 { case none = 0, localFirm, outsideFirm, venture }

/// Contract types of the national statistics (CALIBRATION.md).
enum ContractType: UInt8 { case transfer = 0, licence, equity }

/// One result's state within a trial. Kept small and reused across trials (no allocation per result).
struct ResultRecord {
    /// The result's random-stream entity: its arrival candidate's number + 1, the same under every
    /// policy (a policy that discloses more results adds candidates' results; it never renumbers).
    var entity: UInt32 = 0
    var disclosedAt = 0.0
    /// Absolute time at which the waiting result's value decays below the floor.
    var abandonAt = 0.0
    var value0 = 0.0
    var quality = 0.0
    /// slope × (q − mean q): the logit shift quality gives every success chance.
    var qualityShift = 0.0
    var inventorShare = 0.0
    /// When the result joined its current queue (PoC, pilot or land).
    var enqueuedAt = 0.0
    /// Implementation success probability with the adopting firm.
    var implementProbability = 0.0
    var adoptedAt = 0.0
    var price = 0.0
    /// Grants not yet turned into equity (先投后股): PoC and, if enabled, pilot (万元). They convert
    /// at the venture's next round; `convertedGrant` is what has converted.
    var convertibleGrant = 0.0
    var convertedGrant = 0.0
    /// The adopter's cash (万元) left after the deal, for its pilot choice.
    var adopterCash = 0.0
    /// The adopter's gross value of a success (万元), used in its pilot choice.
    var adopterValue = 0.0
    /// A technology loan the adopting firm took for its upfront fee or pilot (万元), and when it ends.
    var loanAmount = 0.0
    var loanEndsAt = 0.0
    /// Draws of the PoC or pilot stage the result is in (cached: needed at request, start, end).
    var stageCost = 0.0
    var stageSuccessU = 0.0
    var stageSelfU = 0.0
    /// The stage's quality- and field-adjusted success chance for this result.
    var stageChance = 0.0
    /// Uniform deciding whether a hazard-driven match was made by a broker (drawn with the match time).
    var brokerU = 0.0
    /// Exp(1) exposure of the first matching attempt, drawn at disclosure.
    var firstMatchExposure = 0.0
    var terminalAt = Double.infinity
    var venture: Int32 = -1
    var source: UInt8 = 0
    var field: UInt8 = 0
    var trl: Int8 = 0
    var phase: Phase = .pending
    var terminal: TerminalState = .inProgress
    /// The funnel stage the result is in (for where it left).
    var stage: FunnelStage = .disclosure
    /// Funnel stages already counted as entered (bit per stage).
    var entered: UInt8 = 0
    var attempts: UInt8 = 0
    var contract: ContractType = .transfer
    var localFit = false
    var needsLand = false
    var registered = false
    var empowered = false
    var brokered = false
    var unpiloted = false
    /// Who committed to the result: none yet, a local firm, a firm elsewhere, or a local venture.
    var adopter: Adopter = .none
    /// The result needed proof of concept and went on without completing it (MODEL.md §5.6).
    var unproven = false
    /// The concept does not work: a PoC would have shown it; an unproven result finds out at its
    /// adopter's own concept work (`region.poc.adopter_proves_concept`), or without that at its next
    /// technical step (pilot, implementation or market entry).
    var conceptFlaw = false
    /// Completed a funded (programme) PoC, for `spinoff_share_after_poc`.
    var provenInProgramme = false
    /// Piloted at a subsidised base in the region (keeps production here, MODEL.md §5.7).
    var pilotedHere = false
    /// An outside adopter that piloted here and will produce here (counted as a local conversion).
    var producesHere = false
    var landForVenture = false
    var inRoadshowPool = false
}

/// A spin-off venture's cap table and status within a trial.
struct VentureRecord {
    var result: Int32
    var createdAt: Double
    var exitDelay: Double
    var roundStartedAt = 0.0
    var lastPostMoney = 0.0
    var ipStake = 1.0
    /// Product of (pre-money / post-money) over the rounds closed: a unit of equity held before
    /// any round is now this stake. Funds hold units, so their stakes dilute with it.
    var dilution = 1.0
    var pocStake = 0.0
    var loanAmount = 0.0
    var loanEndsAt = 0.0
    var failedAt = Double.infinity
    var exitedAt = Double.infinity
    var governmentDominated = false
    var onMarket = false
    /// Whether the venture moves to a region with capital if its seed round fails.
    var relocatesOnFailure = false
    /// Whether a bank bridge loan has given the venture a second attempt at its round before the
    /// market (`TechnologyLoans.swift`): at most one per venture.
    var bridged = false
}

/// A fund's seed deal outside the results pipeline: held at cost until it exits at its multiple.
struct MarketDeal {
    var fund: Int
    var multiple: Double
    var open = true
}

/// Where a fund's deal outside the results pipeline is: a local start-up, or another region.
enum DealPlace: UInt16 {
    case local = 0, outside = 1
}

/// Events of the discrete-event loop. `seq` breaks ties in scheduling order, so the order of
/// simultaneous events is deterministic.
struct Event: Comparable {
    enum Kind: UInt8 {
        case yearStart, roadshow, matchDue
        case pocDone, pilotDone, pocExpiry, pilotExpiry, implementationDone, landExpiry
        case roundResolve, marketEntry, exit, ventureFails, fundEnd, marketDeal, marketDealExit
        case pocRequest, policyChange, conceptWorkDone
    }
    var time: Double
    var seq: UInt32
    var kind: Kind
    /// Validates the event against the subject's state (matching attempt, round index).
    var tag: UInt16
    var subject: Int32

    static func < (a: Event, b: Event) -> Bool { a.time < b.time || (a.time == b.time && a.seq < b.seq) }
    static func == (a: Event, b: Event) -> Bool { a.time == b.time && a.seq == b.seq }
}

/// A first-in, first-out queue of result indices, reused across trials.
struct ResultQueue {
    private var items: [Int32] = []
    private var head = 0

    var isEmpty: Bool { head >= items.count }
    var first: Int32? { isEmpty ? nil : items[head] }
    /// Entries still queued (those that left by other means are removed only when they reach the head).
    var count: Int { items.count - head }

    mutating func reset() {
        items.removeAll(keepingCapacity: true)
        head = 0
    }

    mutating func push(_ i: Int32) { items.append(i) }

    mutating func popFirst() -> Int32? {
        guard head < items.count else { return nil }
        defer { head += 1 }
        return items[head]
    }
}

/// Capacity state of a PoC or pilot programme within a trial.
struct StageCapacity {
    var freeSlots = 0
    /// Results waiting in the queue now (those that left it are no longer counted).
    var waiting = 0
    var budgetLeft = 0.0
    var queue = ResultQueue()
    var waitTotal = 0.0
    var started = 0.0
}

/// Time at which the cumulative hazard, starting at `start` with rate `rate` plus extra rates that
/// switch on at absolute times, reaches `exposure` (an Exp(1) draw). Infinite if it never does.
/// Inverse-CDF sampling: a higher hazard from the same draw always gives an earlier time, which is
/// what common random numbers need.
@inline(__always)
func hazardTime(start: Double, exposure: Double, rate: Double,
                extra1: (at: Double, rate: Double), extra2: (at: Double, rate: Double)) -> Double {
    // Order the two switch-on times (an absent extra has rate 0 or an infinite time).
    var first = extra1.rate > 0 ? extra1.at : .infinity, firstRate = extra1.rate
    var second = extra2.rate > 0 ? extra2.at : .infinity, secondRate = extra2.rate
    if second < first {
        swap(&first, &second)
        swap(&firstRate, &secondRate)
    }
    var e = exposure, now = start, r = rate
    // Advances through one switch-on time; returns the hit time if the exposure is reached before it.
    @inline(__always) func segment(until at: Double, extra: Double) -> Double? {
        guard at.isFinite else { return nil }
        if at <= now {
            r += extra
            return nil
        }
        if r > 0 && now + e / r <= at { return now + e / r }
        e -= r * (at - now)
        now = at
        r += extra
        return nil
    }
    if let hit = segment(until: first, extra: firstRate) { return hit }
    if let hit = segment(until: second, extra: secondRate) { return hit }
    return r > 0 ? now + e / r : .infinity
}

/// The current trial's result records, in memory the simulator owns: element access is a direct
/// address (no copy-on-write uniqueness check or bounds check on every field write, which a Swift
/// array held by a class pays). Records are plain values, so nothing needs deinitialising.
struct ResultStore {
    private var base: UnsafeMutablePointer<ResultRecord>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 1024
        base = .allocate(capacity: capacity)
    }

    var indices: Range<Int> { 0..<count }

    mutating func removeAll() { count = 0 }

    /// Starts a fresh record in the slot after the last and returns its index, so that a new
    /// result's fields are written where they stay (building it elsewhere and appending it cost a
    /// copy of the whole record per result). It joins the store only at `commitNext()`; until then
    /// the next `prepareNext()` overwrites it.
    mutating func prepareNext() -> Int {
        if count == capacity {
            let grown = UnsafeMutablePointer<ResultRecord>.allocate(capacity: 2 * capacity)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: ResultRecord())
        return count
    }

    /// Makes the record started by `prepareNext()` part of the store.
    mutating func commitNext() { count += 1 }

    subscript(i: Int) -> ResultRecord {
        unsafeAddress { UnsafePointer(base + i) }
        nonmutating unsafeMutableAddress { base + i }
    }

    func free() { base.deallocate() }
}
