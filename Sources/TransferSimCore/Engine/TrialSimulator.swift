// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Simulates one trial: one possible history of the region's research pipeline (MODEL.md §4–5).
///
/// Event-driven: results arrive as a Poisson stream merged with a priority queue of dated events;
/// stages that involve no shared capacity are resolved in closed form (a hazard's waiting time is
/// drawn by inverse CDF), and only the steps that touch shared capacities (roadshows, PoC and pilot
/// slots and budgets, subsidy budgets, land, the funds) are events served in time order. Cost
/// grows with events, not with months × results.
///
/// One simulator per worker thread; its buffers are reused from trial to trial.
public final class TrialSimulator {
    let random: RandomSource
    /// The arrival stream has its own source: it is read in between other draws.
    private let arrivals: RandomSource
    /// Events handled (arrivals included) since the simulator was made, for benchmarks.
    public private(set) var eventsProcessed = 0
    private var results = ResultStore()
    private var ventures: [VentureRecord] = []
    private var events = EventQueue()
    private var seq: UInt32 = 0
    private var conversionMonths: [Double] = []
    private var contractValues: [Double] = []

    // Shared capacities of the current trial.
    private var poc = StageCapacity()
    private var pilotCapacity = StageCapacity()
    private var roadshowPool = ResultQueue()
    /// Results that start waiting for a counterpart, bucketed by the first roadshow at or after
    /// that time; a roadshow admits its bucket to the pool in order of time (cheaper than an event
    /// per result).
    private var poolArrivals: [[(at: Double, result: Int32)]] = []
    private var roadshowGap = 0.0
    /// Buckets already admitted: a result entering during a roadshow waits for the next one.
    private var roadshowsAdmitted = 0
    private var landQueue = ResultQueue()
    private var landLeft = 0.0
    private var subsidyLeft = 0.0
    private var rewardLeft = 0.0
    /// The funds' ledgers of the current trial, in scenario order.
    private(set) var funds: [FundLedger] = []
    /// The funds' deals outside the results pipeline; held as venture id −(index + 1).
    private var marketDeals: [MarketDeal] = []
    /// Fund tickets of the round being closed (reused).
    private var tickets: [(fund: Int, amount: Double)] = []
    private var roadshowsHeld: UInt32 = 0
    private var governmentInBackedRounds = 0.0
    private var privateInBackedRounds = 0.0
    private var landWaitTotal = 0.0
    private var landServed = 0.0

    // The current trial.
    private var p: ModelParameters
    private var out = TrialRecord(metrics: .init(start: nil, count: 0), yearly: .init(start: nil, count: 0),
                                  funnel: .init(start: nil, count: 0), years: 0)
    private var horizon = 0.0
    private var meanQuality = 0.0
    private var matchingRate = 0.0
    /// Intent hazard per month at the baseline share, the empowered share and the full share.
    private var intentRateBase = 0.0
    private var intentRateEmpowered = 0.0
    private var intentRateFull = 0.0

    private var requeue: [Int32] = []
    private var tables = LookupTables()

    /// Testing hook (internal, for `@testable` tests only): called with each result's index in the
    /// trial and its record right after its attributes are drawn at disclosure, before any policy acts
    /// on it. Tests use it to check common random numbers (a policy change leaves every result's drawn
    /// source, field, quality and value unchanged). `nil` otherwise, which costs one branch per
    /// disclosure.
    var onDisclosure: ((Int, ResultRecord) -> Void)?

    public init(seed: UInt64) {
        random = RandomSource(seed: seed)
        arrivals = RandomSource(seed: seed)
        let standard = ParameterCatalogue.standard
        p = ModelParameters(catalogue: standard, values: standard.specs.map {
            if case let .number(x) = $0.defaultValue { return x } else { return 0 }
        })
    }

    deinit {
        tables.free()
        results.free()
    }

    /// Runs trial `trial` under `parameters`, writing its outputs to `record`.
    public func run(trial: UInt32, parameters: ModelParameters, into record: TrialRecord) {
        p = parameters
        tables.load(parameters)
        out = record
        record.clear()
        random.trial = trial
        arrivals.trial = trial
        horizon = parameters.region.horizonMonths
        meanQuality = parameters.region.meanQuality
        results.removeAll()
        ventures.removeAll(keepingCapacity: true)
        conversionMonths.removeAll(keepingCapacity: true)
        contractValues.removeAll(keepingCapacity: true)
        seq = 0
        events.reset(months: Int(horizon.rounded(.up)))
        roadshowsHeld = 0
        governmentInBackedRounds = 0
        privateInBackedRounds = 0
        landWaitTotal = 0
        landServed = 0
        poc = StageCapacity()
        pilotCapacity = StageCapacity()
        roadshowPool.reset()
        for k in poolArrivals.indices { poolArrivals[k].removeAll(keepingCapacity: true) }
        landQueue.reset()
        funds = p.funds.funds.map { FundLedger(terms: $0, months: Int(horizon.rounded(.up))) }
        marketDeals.removeAll(keepingCapacity: true)
        for (k, fund) in funds.enumerated() where fund.isActive {
            if fund.terms.endMonth <= horizon { schedule(.fundEnd, at: fund.terms.endMonth, subject: Int32(k)) }
            scheduleMarketDeals(fund: k)
        }
        matchingRate = p.matching.baseHazard * p.matching.brokerFactor * p.income.staffEffortMultiplier
            * p.rewards.effortMultiplier
        intentRateBase = p.income.intentHazard * p.income.intentMultiplier(share: p.income.inventorShare)
        intentRateEmpowered = p.income.intentHazard
            * p.income.intentMultiplier(share: max(p.income.inventorShare, p.empowerment.empoweredShare))
        intentRateFull = p.income.intentHazard * p.income.intentMultiplier(share: 1)
        startYear(0)
        for year in 1..<max(record.years, 1) { schedule(.yearStart, at: Double(12 * year), subject: Int32(year)) }
        if p.matching.roadshowsPerYear > 0 {
            roadshowGap = 12 / p.matching.roadshowsPerYear
            roadshowsAdmitted = 0
            var k = 0
            while roadshowTime(k) <= horizon {
                schedule(.roadshow, at: roadshowTime(k), subject: Int32(k))
                k += 1
            }
            while poolArrivals.count < k { poolArrivals.append([]) }
        }
        loop()
        tally()
    }

    // MARK: - Event loop

    private func schedule(_ kind: Event.Kind, at time: Double, subject: Int32, tag: UInt16 = 0) {
        guard time <= horizon else { return }  // beyond the horizon: stays in progress
        seq &+= 1
        events.insert(Event(time: time, seq: seq, kind: kind, tag: tag, subject: subject))
    }

    private func loop() {
        arrivals.seek(entity: 0, purpose: .arrivals)
        let meanGap = p.region.disclosuresPerMonth > 0 ? 1 / p.region.disclosuresPerMonth : .infinity
        let intakeEnd = min(p.region.intakeMonths, horizon)
        var nextArrival = arrivals.exponential(mean: meanGap)
        var handled = 0
        while true {
            handled += 1
            let nextEvent = events.nextTime
            if nextArrival <= intakeEnd && nextArrival <= nextEvent {
                disclose(at: nextArrival)
                nextArrival += arrivals.exponential(mean: meanGap)
                continue
            }
            guard let event = events.popMin() else { break }
            handle(event)
        }
        eventsProcessed += handled - 1
    }

    private func handle(_ e: Event) {
        let i = Int(e.subject), t = e.time
        switch e.kind {
        case .yearStart: startYear(Int(e.subject))
        case .roadshow: holdRoadshow(Int(e.subject), at: t)
        case .matchDue:
            if results[i].phase == .waitingMatch && UInt16(results[i].attempts) == e.tag { matched(i, at: t, brokerDraw: true) }
        case .pocDone: stageDone(i, .proofOfConcept, at: t, funded: e.tag == 1)
        case .pilotDone: stageDone(i, .pilot, at: t, funded: e.tag == 1)
        // A request whose wait ran out leaves its queue: serve the requests behind it, which the
        // capacity left may fit (otherwise they would wait behind a departed request).
        case .pocExpiry:
            if results[i].phase == .waitingPoC {
                withoutSlot(i, .proofOfConcept, at: t)
                serveQueue(.proofOfConcept, at: t)
            }
        case .pilotExpiry:
            if results[i].phase == .waitingPilot {
                withoutSlot(i, .pilot, at: t)
                serveQueue(.pilot, at: t)
            }
        case .implementationDone: implementationDone(i, at: t)
        case .landExpiry:
            if results[i].phase == .waitingLand {
                landRefused(i, at: t)
                serveLand(at: t)
            }
        case .roundResolve: resolveRound(i, round: Int(e.tag), at: t)
        case .marketEntry: ventureMarketEntry(i, at: t)
        case .exit: ventureExit(i, at: t)
        case .ventureFails: ventureFailsToRaise(i, at: t)
        case .fundEnd: funds[i].liquidate(at: t, unitValue)
        case .marketDeal: marketDeal(fund: i, tag: e.tag, at: t)
        case .marketDealExit: marketDealExit(i, at: t)
        }
    }

    private func startYear(_ year: Int) {
        let t = Double(12 * year)
        poc.budgetLeft = p.proofOfConcept.annualBudget
        pilotCapacity.budgetLeft = p.pilot.annualBudget
        if year == 0 {
            poc.freeSlots = p.proofOfConcept.slots
            pilotCapacity.freeSlots = p.pilot.slots
        }
        subsidyLeft = p.adoption.subsidyAnnualBudget
        rewardLeft = p.rewards.annualCap
        landLeft = p.land.annualQuotaMu
        serveQueue(.proofOfConcept, at: t)
        serveQueue(.pilot, at: t)
        serveLand(at: t)
        if year > 0 {
            for k in funds.indices where funds[k].isActive { funds[k].offerBuyback(at: t, unitValue) }
        }
    }

    // MARK: - Money, contracts and outcomes

    @inline(__always) private func year(of t: Double) -> Int { min(Int(t / 12), out.years - 1) }

    /// Books an amount on a metric (and optionally a yearly series) if it happens within the horizon.
    @inline(__always) private func book(_ m: Metric, _ amount: Double, at t: Double, yearly: YearlyMetric? = nil) {
        guard t <= horizon, amount != 0 else { return }
        out.add(m, amount)
        if let yearly { out.addYearly(yearly, year: year(of: t), amount) }
    }

    /// Fiscal spending on one budget line (also counted in the total and its yearly series).
    @inline(__always) private func spend(_ line: Metric, _ amount: Double, at t: Double) {
        book(line, amount, at: t)
        book(.fiscalCostTotal, amount, at: t, yearly: .fiscalCost)
    }

    /// Conversion income paid to the holders of result `i`'s IP: the broker's commission first (on
    /// contract payments of a contract it brokered, not on equity exit proceeds), then the inventor,
    /// transfer-staff and institution shares (MODEL.md §5.1).
    private func payRightsHolders(_ i: Int, _ amount: Double, at t: Double, commissionable: Bool = true) {
        guard amount > 0 else { return }
        let commission = commissionable && results[i].brokered ? p.matching.brokerCommission * amount : 0
        let net = amount - commission
        let inventor = results[i].inventorShare * net
        let staff = p.income.transferStaffShare * net
        book(.ipIncomeTotal, amount, at: t)
        book(.brokerIncome, commission, at: t)
        book(.inventorIncome, inventor, at: t, yearly: .inventorIncome)
        book(.transferStaffIncome, staff, at: t)
        book(.institutionIncome, net - inventor - staff, at: t, yearly: .institutionIncome)
    }

    private func signContract(_ i: Int, _ type: ContractType, value: Double, at t: Double) {
        results[i].contract = type
        guard t <= horizon else { return }
        out.add(.contracts, 1)
        out.add(.contractValueTotal, value)
        out.addYearly(.contracts, year: year(of: t), 1)
        out.addYearly(.contractValue, year: year(of: t), value)
        switch type {
        case .transfer: out.add(.contractsTransfer, 1); out.add(.contractValueTransfer, value)
        case .licence: out.add(.contractsLicence, 1); out.add(.contractValueLicence, value)
        case .equity: out.add(.contractsEquity, 1); out.add(.contractValueEquity, value)
        }
        contractValues.append(value)
    }

    /// Marks result `i` as entering funnel stage `stage` at `t` (once per result and stage).
    @inline(__always) private func enter(_ i: Int, _ stage: FunnelStage, at t: Double) {
        results[i].stage = UInt8(stage.rawValue)
        let bit = UInt8(1) << UInt8(stage.rawValue)
        guard results[i].entered & bit == 0 else { return }
        results[i].entered |= bit
        if t <= horizon { out.addFunnel(stage, .entered) }
    }

    /// Marks result `i` as passing its current stage and entering `next` at `t`.
    @inline(__always) private func pass(_ i: Int, to next: FunnelStage, at t: Double) {
        let current = FunnelStage(rawValue: Int(results[i].stage)) ?? .disclosure
        let nextBit = UInt8(1) << UInt8(next.rawValue)
        if results[i].entered & nextBit == 0 && t <= horizon { out.addFunnel(current, .passed) }
        enter(i, next, at: t)
    }

    /// Ends result `i` in `state` at `t`. Beyond the horizon it stays in progress.
    private func finish(_ i: Int, _ state: TerminalState, at t: Double) {
        results[i].phase = .done
        results[i].terminal = state
        results[i].terminalAt = t
        guard t <= horizon else { return }
        let stage = FunnelStage(rawValue: Int(results[i].stage)) ?? .disclosure
        switch state {
        case .convertedLocal:
            out.addFunnel(stage, .passed)
            out.addYearly(.convertedLocal, year: year(of: t), 1)
            conversionMonths.append(t - results[i].disclosedAt)
        case .convertedElsewhere:
            out.addFunnel(stage, .outflow)
            out.addYearly(.convertedElsewhere, year: year(of: t), 1)
            conversionMonths.append(t - results[i].disclosedAt)
        case .failedTechnical: out.addFunnel(stage, .failedTechnical)
        case .abandoned: out.addFunnel(stage, .abandoned)
        case .inProgress: break
        }
    }

    /// Success probability adjusted for quality and field: logit p + slope (q − q̄) + ln(odds).
    @inline(__always) private func adjusted(_ base: Double, _ i: Int, odds: Double = 1) -> Double {
        if base <= 0 || odds <= 0 { return 0 }
        if base >= 1 { return 1 }
        let x = log(base / (1 - base)) + p.region.qualitySlope * (results[i].quality - meanQuality) + log(odds)
        return 1 / (1 + exp(-x))
    }

    @inline(__always) private func technicalOdds(_ i: Int) -> Double { tables.technicalOdds(results[i].field) }

    /// Value of result `i` at time `t`, decayed by its half-life since disclosure.
    @inline(__always) private func value(_ i: Int, at t: Double) -> Double {
        results[i].value0 * exp2(-(t - results[i].disclosedAt) / p.region.valueHalfLifeMonths)
    }

    // MARK: - Disclosure, intent and approval

    private func disclose(at t: Double) {
        let i = results.count
        let entity = UInt32(i + 1)
        random.seek(entity: entity, purpose: .attributes)
        var r = ResultRecord()
        r.disclosedAt = t
        r.source = UInt8(random.categorical(cumulativeWeights: tables.sourceCumulative))
        r.field = UInt8(random.categorical(cumulativeWeights: tables.fieldCumulative))
        r.trl = Int8(Region.lowestTRL + random.categorical(cumulativeWeights: tables.trlCumulative))
        r.quality = random.beta(p.region.qualityA, p.region.qualityB)
        var v = random.lognormal(median: p.region.valueMedian, sigma: p.region.valueSigma)
        let tailU = random.uniform(), paretoU = random.uniform()   // both always drawn: fixed stream layout
        if tailU < p.region.valueTailProbability {
            let x = truncatedParetoQuantile(paretoU, alpha: p.region.valueTailAlpha, minimum: 1,
                                            cap: max(p.region.valueTailCapMultiple, 1 + 1e-9))
            v = p.region.valueMedian * exp(1.6448536269514722 * p.region.valueSigma) * x
        }
        r.value0 = v
        r.localFit = random.bernoulli(tables.localFit(r.field))
        r.needsLand = random.bernoulli(tables.needsLand(r.field))
        r.registered = random.bernoulli(p.matching.registrationRate)
        let empowermentU = random.uniform()
        let eligible = r.source == UInt8(ResultSource.university.rawValue) || r.source == UInt8(ResultSource.institute.rawValue)
        r.empowered = eligible && empowermentU < p.empowerment.eligibleFraction
        r.inventorShare = r.empowered ? max(p.income.inventorShare, p.empowerment.empoweredShare) : p.income.inventorShare
        r.abandonAt = v > p.region.valueFloor ? t + p.region.valueHalfLifeMonths * log2(v / p.region.valueFloor) : t
        results.append(r)
        onDisclosure?(i, r)
        out.add(.disclosed, 1)
        enter(i, .disclosure, at: t)

        // Intent: a hazard scaled by the inventor's share; after the "inventor may act" deadline the
        // inventor's own attempt, with the full share, adds its hazard (MODEL.md §5.1, §5.4).
        let sourceMultiplier = tables.sourceIntent(r.source)
        let rate = sourceMultiplier * (r.empowered ? intentRateEmpowered : intentRateBase)
        let actDeadline = p.timeLimits.inventorActMonths > 0 ? t + p.timeLimits.inventorActMonths : Double.infinity
        let ownRate = actDeadline.isFinite ? sourceMultiplier * intentRateFull : 0
        // One stream for the early stages, every value always drawn in this order (so its layout
        // never depends on policy): intent, approval, then the first matching attempt.
        random.seek(entity: entity, purpose: .intent)
        let exposure = -log(random.uniformPositive())
        let whoU = random.uniform()
        let approvalZ = random.standardNormal(), grantedU = random.uniform()
        results[i].firstMatchExposure = -log(random.uniformPositive())
        results[i].brokerU = random.uniform()
        let intentAt = hazardTime(start: t, exposure: exposure, rate: rate, extra1: (actDeadline, ownRate), extra2: (.infinity, 0))
        if intentAt >= r.abandonAt {
            finish(i, .abandoned, at: r.abandonAt)
            return
        }
        if intentAt > actDeadline && whoU < ownRate / (rate + ownRate) {
            // The inventor acted alone: the inventor keeps all but the transfer staff's share.
            results[i].inventorShare = 1 - p.income.transferStaffShare - p.income.officeRetention
        }
        pass(i, to: .approval, at: intentAt)

        // State-asset approval (MODEL.md §5.3), shortened or removed by empowerment (§5.2).
        var delayFactor = 1.0
        if !tables.sourceNeedsApproval(r.source) { delayFactor = 0 }
        if r.empowered { delayFactor *= p.empowerment.approvalDelayFactor }
        var matchingAt = intentAt
        if delayFactor > 0 {
            let delay = delayFactor * p.approval.delayMedianMonths * exp(p.approval.delaySigma * approvalZ)
            matchingAt += delay
            if grantedU >= p.approval.probability {
                finish(i, .abandoned, at: matchingAt)
                return
            }
        }
        if matchingAt > horizon {   // still in approval at the horizon
            results[i].phase = .pending
            return
        }
        enterMatching(i, at: matchingAt)
    }

    // MARK: - Matching (brokers, roadshows, registration, time limits)

    /// Result `i` starts waiting for a counterpart at `t` (which may be later than the event being
    /// handled: the wait involves no shared capacity until a roadshow or a match).
    private func enterMatching(_ i: Int, at t: Double) {
        if results[i].attempts == 0 { pass(i, to: .matching, at: t) }
        results[i].phase = .waitingMatch
        results[i].enqueuedAt = t
        let attempt = UInt16(results[i].attempts)
        if p.matching.roadshowsPerYear > 0 && !results[i].inRoadshowPool {
            results[i].inRoadshowPool = true
            var k = max(0, Int(((t - roadshowGap / 2) / roadshowGap).rounded(.up)))
            if roadshowTime(k) < t { k += 1 }
            k = max(k, roadshowsAdmitted)
            if k < poolArrivals.count { poolArrivals[k].append((t, Int32(i))) }
        }
        let visibility = results[i].registered ? p.matching.registeredVisibility : 1
        let rate = matchingRate * visibility
        let d = results[i].disclosedAt
        let listing = p.timeLimits.listingMonths > 0 ? (d + p.timeLimits.listingMonths, p.timeLimits.listingHazard) : (Double.infinity, 0)
        let licensing = p.timeLimits.licensingMonths > 0 ? (d + p.timeLimits.licensingMonths, p.timeLimits.licensingHazard) : (Double.infinity, 0)
        // The first attempt's draws were made at disclosure; later attempts have their own streams.
        var exposure = results[i].firstMatchExposure
        if attempt > 0 {
            random.seek(entity: UInt32(i + 1), purpose: .matching, occasion: UInt32(attempt))
            exposure = -log(random.uniformPositive())
            results[i].brokerU = random.uniform()   // whether a hazard-driven match is a broker's
        }
        let matchAt = hazardTime(start: t, exposure: exposure, rate: rate, extra1: listing, extra2: licensing)
        // Without a match before its value floor, the result is abandoned at `abandonAt`. That needs
        // no event: roadshows skip it from then on, and the end of the trial records it.
        if matchAt < results[i].abandonAt {
            schedule(.matchDue, at: matchAt, subject: Int32(i), tag: attempt)
        }
    }

    /// Time of roadshow `k`: evenly spaced, the first half a gap into the year.
    @inline(__always) private func roadshowTime(_ k: Int) -> Double { roadshowGap / 2 + Double(k) * roadshowGap }

    /// Moves the results that started waiting since the previous roadshow into the pool, in order of time.
    private func admitToRoadshowPool(_ k: Int) {
        poolArrivals[k].sort { $0.at < $1.at || ($0.at == $1.at && $0.result < $1.result) }
        for a in poolArrivals[k] { roadshowPool.push(a.result) }
        poolArrivals[k].removeAll(keepingCapacity: true)
        roadshowsAdmitted = k + 1
    }

    /// A result still waiting for a counterpart is abandoned when its value reached the floor (at
    /// the latest when it started waiting); dated after the horizon, it stays in progress.
    private func abandonWhileWaiting(_ i: Int) {
        finish(i, .abandoned, at: max(results[i].abandonAt, results[i].enqueuedAt))
    }

    private func holdRoadshow(_ k: Int, at t: Double) {
        admitToRoadshowPool(k)
        roadshowsHeld += 1
        var shown = 0
        requeue.removeAll(keepingCapacity: true)
        while shown < p.matching.resultsPerRoadshow, let j = roadshowPool.popFirst() {
            let i = Int(j)
            guard results[i].phase == .waitingMatch else {
                results[i].inRoadshowPool = false
                continue
            }
            if results[i].abandonAt <= t {
                results[i].inRoadshowPool = false
                abandonWhileWaiting(i)
                continue
            }
            shown += 1
            random.seek(entity: UInt32(i + 1), purpose: .roadshow, occasion: roadshowsHeld)
            if random.bernoulli(p.matching.roadshowMatchProbability) {
                results[i].inRoadshowPool = false
                matched(i, at: t, brokerDraw: false)
            } else {
                requeue.append(j)
            }
        }
        for j in requeue { roadshowPool.push(j) }
    }

    private func matched(_ i: Int, at t: Double, brokerDraw: Bool) {
        results[i].phase = .pending
        // Brokers make part of the hazard-driven matches; a roadshow match is nobody's commission.
        results[i].brokered = false
        if brokerDraw { results[i].brokered = results[i].brokerU < p.matching.brokerShareOfMatches }
        if results[i].attempts > 0 {
            offerToFirms(i, at: t)   // PoC, pilot and route were settled on the first attempt
            return
        }
        pass(i, to: .proofOfConcept, at: t)
        if Int(results[i].trl) < p.proofOfConcept.needsBelowTRL {
            request(i, .proofOfConcept, at: t)
        } else {
            afterProofOfConcept(i, at: t)
        }
    }

    // MARK: - Proof of concept and pilot (shared slots, budgets, queues)

    private func stage(_ kind: ScaleUpStage.Kind) -> ScaleUpStage { kind == .proofOfConcept ? p.proofOfConcept : p.pilot }

    private func withCapacity<T>(_ kind: ScaleUpStage.Kind, _ body: (inout StageCapacity) -> T) -> T {
        kind == .proofOfConcept ? body(&poc) : body(&pilotCapacity)
    }

    /// The stage's draws for result `i`: cost, duration, success uniform, self-funding uniform.
    /// Drawn once from the result's own stream when it reaches the stage, then read from its record.
    @inline(__always)
    private func stageDraws(_ i: Int, _ kind: ScaleUpStage.Kind) -> (cost: Double, duration: Double, successU: Double, selfU: Double) {
        let r = results[i]
        return (r.stageCost, r.stageDuration, r.stageSuccessU, r.stageSelfU)
    }

    private func request(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double) {
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

    private func startFunded(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double) {
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
    private func withoutSlot(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double) {
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

    private func serveQueue(_ kind: ScaleUpStage.Kind, at t: Double) {
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

    private func stageDone(_ i: Int, _ kind: ScaleUpStage.Kind, at t: Double, funded: Bool) {
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

    private func afterProofOfConcept(_ i: Int, at t: Double) {
        results[i].phase = .pending
        pass(i, to: .pilot, at: t)
        if Int(results[i].trl) < p.pilot.needsBelowTRL {
            request(i, .pilot, at: t)
        } else {
            pass(i, to: .deal, at: t)
            chooseRoute(i, at: t)
        }
    }

    // MARK: - Route, licensing and local adoption

    private func chooseRoute(_ i: Int, at t: Double) {
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
    private func offerToFirms(_ i: Int, at t: Double) {
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

    private func implementationDone(_ i: Int, at t: Double) {
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
    private func startProduction(_ i: Int, forVenture: Bool, at t: Double) {
        results[i].landForVenture = forVenture
        if results[i].needsLand {
            requestLand(i, at: t)
        } else {
            produce(i, at: t)
        }
    }

    /// Production starts: the licensee's result converts, or the venture enters the market.
    private func produce(_ i: Int, at t: Double) {
        if results[i].landForVenture {
            ventureOnMarket(Int(results[i].venture), at: t)
        } else {
            convertLocally(i, at: t)
        }
    }

    /// Result `i` reaches production locally: counted, rewarded, and (for a licence) pays royalties
    /// on its revenue until the horizon.
    private func convertLocally(_ i: Int, at t: Double) {
        finish(i, .convertedLocal, at: t)
        guard t <= horizon else { return }
        let reward = min(p.rewards.perLocalConversion, rewardLeft)
        if reward > 0 {
            rewardLeft -= reward
            spend(.fiscalInstitutionRewards, reward, at: t)
        }
        guard results[i].venture < 0 else { return }
        random.seek(entity: UInt32(i + 1), purpose: .market)
        let annualRevenue = p.market.revenueShareOfValue * value(i, at: t)
            * random.lognormal(median: 1, sigma: p.market.revenueSigma)
        let royaltyRate = results[i].contract == .licence ? p.route.royaltyRate : 0
        var start = t
        while start < horizon {
            let end = min(Double(Int(start / 12) + 1) * 12, horizon)
            let revenue = annualRevenue * (end - start) / 12
            let royalty = royaltyRate * revenue
            payRightsHolders(i, royalty, at: start)
            book(.firmIncome, revenue - royalty, at: start)
            start = end
        }
    }

    // MARK: - Land

    private func requestLand(_ i: Int, at t: Double) {
        let need = tables.landMu(results[i].field)
        if landQueue.isEmpty && need <= landLeft {
            grantLand(i, need, at: t, waited: 0)
        } else {
            results[i].phase = .waitingLand
            results[i].enqueuedAt = t
            landQueue.push(Int32(i))
            schedule(.landExpiry, at: t + p.land.patienceMonths, subject: Int32(i))
        }
    }

    private func grantLand(_ i: Int, _ mu: Double, at t: Double, waited: Double) {
        landLeft -= mu
        book(.landAllocatedMu, mu, at: t, yearly: .landAllocatedMu)
        if t <= horizon {
            landWaitTotal += waited
            landServed += 1
        }
        produce(i, at: t)
    }

    private func serveLand(at t: Double) {
        while let j = landQueue.first {
            let i = Int(j)
            if results[i].phase != .waitingLand {
                _ = landQueue.popFirst()
                continue
            }
            let need = tables.landMu(results[i].field)
            guard need <= landLeft else { return }   // strict request order: the head waits for next year's quota
            _ = landQueue.popFirst()
            results[i].phase = .pending
            grantLand(i, need, at: t, waited: t - results[i].enqueuedAt)
        }
    }

    /// Not served within its patience: relocates to another region, or stalls.
    private func landRefused(_ i: Int, at t: Double) {
        random.seek(entity: UInt32(i + 1), purpose: .land)
        if random.bernoulli(p.land.relocationProbability) {
            book(.landRelocations, 1, at: t)
            finish(i, .convertedElsewhere, at: t)
        } else {
            book(.landStalls, 1, at: t)
            finish(i, .abandoned, at: t)
        }
        if results[i].landForVenture { failVenture(Int(results[i].venture), at: t) }
    }

    // MARK: - Ventures: rounds, market entry, exits

    private func createVenture(_ i: Int, at t: Double) {
        let entity = UInt32(i + 1)
        random.seek(entity: entity, purpose: .exit)
        let exitDelay = random.lognormal(median: p.financing.exitMedianMonths, sigma: p.financing.exitSigma)
        let v = ventures.count
        ventures.append(VentureRecord(result: Int32(i), createdAt: t, exitDelay: exitDelay))
        results[i].venture = Int32(v)
        results[i].phase = .venture
        book(.venturesCreated, 1, at: t, yearly: .venturesCreated)
        let ipValue = p.route.equityValueShare * value(i, at: t)
        signContract(i, .equity, value: ipValue, at: t)
        ventures[v].lastPostMoney = ipValue

        // Bank technology loan with interest subsidy and risk compensation (MODEL.md §5.10).
        random.seek(entity: entity, purpose: .loan)
        let approvedU = random.uniform()
        let amount = random.lognormal(median: p.financing.loanAmountMedian, sigma: 0.5)
        if approvedU < p.financing.effectiveLoanApproval {
            ventures[v].loanAmount = amount
            ventures[v].loanEndsAt = t + p.financing.loanTermMonths
            book(.loansGranted, 1, at: t)
            spend(.fiscalLoanInterestSubsidies,
                  p.financing.interestSubsidyShare * p.financing.loanRate * amount * p.financing.loanTermMonths / 12, at: t)
        }
        startRound(v, 0, at: t)
    }

    private func startRound(_ v: Int, _ round: Int, at t: Double) {
        ventures[v].roundStartedAt = t
        let i = Int(ventures[v].result)
        random.seek(entity: UInt32(i + 1), purpose: .financing, occasion: UInt32(round))
        let duration = random.lognormal(median: p.financing.rounds[round].durationMedianMonths, sigma: 0.5)
        let resolveAt = t + min(duration, p.financing.patienceMonths)
        if resolveAt > horizon { return }   // still raising at the horizon
        schedule(.roundResolve, at: resolveAt, subject: Int32(v), tag: UInt16(round))
    }

    private func resolveRound(_ v: Int, round: Int, at t: Double) {
        guard ventures[v].failedAt.isInfinite, ventures[v].exitedAt.isInfinite else { return }
        let i = Int(ventures[v].result)
        let spec = p.financing.rounds[round]
        let f = p.financing
        random.seek(entity: UInt32(i + 1), purpose: .financing, occasion: UInt32(round))
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
        let availability = f.privateAvailability + (1 - f.privateAvailability) * (tickets.isEmpty ? 0 : 1 - uncovered)
        let boost = ventures[v].loanAmount > 0 ? f.loanRaiseBoost : 1
        let chance = min(1, adjusted(spec.graduationProbability, i) * availability * boost)
        guard raiseU < chance else {
            // A venture on the market that misses a growth round carries on without it (and without
            // later rounds): the exit-multiple buckets already hold the failures among financed
            // ventures. Before the market, the venture fails when its patience runs out.
            if !ventures[v].onMarket {
                ventures[v].relocatesOnFailure = relocateU < f.relocateForCapitalProbability
                schedule(.ventureFails, at: ventures[v].roundStartedAt + f.patienceMonths, subject: Int32(v))
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
        if round == 0 && results[i].convertibleGrant > 0 {
            // 先投后股: the PoC grant (and pilot subsidy, if enabled) turns into a stake at the first
            // round's price, taken from the IP holders' stake.
            ventures[v].pocStake = min(results[i].convertibleGrant / post, ventures[v].ipStake)
            ventures[v].ipStake -= ventures[v].pocStake
        }
        if round == 0 {
            pass(i, to: .marketEntry, at: t)
            random.seek(entity: UInt32(i + 1), purpose: .market)
            let delay = random.lognormal(median: f.marketEntryMedianMonths, sigma: 0.5)
            schedule(.marketEntry, at: t + delay, subject: Int32(v))
        } else if round + 1 < f.rounds.count {
            startRound(v, round + 1, at: t)
        }
    }

    /// A venture that could not raise its seed round within its patience: it relocates to a region
    /// with capital (outflow) or is abandoned.
    private func ventureFailsToRaise(_ v: Int, at t: Double) {
        guard ventures[v].failedAt.isInfinite, ventures[v].exitedAt.isInfinite else { return }
        finish(Int(ventures[v].result), ventures[v].relocatesOnFailure ? .convertedElsewhere : .abandoned, at: t)
        failVenture(v, at: t)
    }

    private func ventureMarketEntry(_ v: Int, at t: Double) {
        guard ventures[v].failedAt.isInfinite else { return }
        let i = Int(ventures[v].result)
        random.seek(entity: UInt32(i + 1), purpose: .market)
        _ = random.lognormal(median: p.financing.marketEntryMedianMonths, sigma: 0.5)
        let successU = random.uniform()
        let chance = adjusted(p.financing.marketEntryProbability, i, odds: technicalOdds(i)) * (results[i].unpiloted ? p.unpilotedFactor : 1)
        guard successU < chance else {
            finish(i, .failedTechnical, at: t)
            failVenture(v, at: t)
            return
        }
        startProduction(i, forVenture: true, at: t)
    }

    private func ventureOnMarket(_ v: Int, at t: Double) {
        let i = Int(ventures[v].result)
        ventures[v].onMarket = true
        results[i].phase = .venture
        convertLocally(i, at: t)
        if p.financing.rounds.count > 1 { startRound(v, 1, at: t) }
        let exitAt = max(ventures[v].createdAt + ventures[v].exitDelay, t + 12)
        schedule(.exit, at: exitAt, subject: Int32(v))
    }

    private func ventureExit(_ v: Int, at t: Double) {
        guard ventures[v].failedAt.isInfinite, ventures[v].exitedAt.isInfinite else { return }
        let f = p.financing
        let i = Int(ventures[v].result)
        random.seek(entity: UInt32(i + 1), purpose: .exit)
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
    private func exitMultiple(bucketU: Double, withinU: Double, tail: Double, dominated: Bool) -> Double {
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

    // MARK: - Funds' deals outside the results pipeline

    /// The stream entity of fund `k`'s own deals: a hash of its id, so adding a fund leaves the
    /// others' draws unchanged.
    private func fundEntity(_ k: Int) -> UInt32 { fnv1a32("fund." + funds[k].terms.id) }

    /// Poisson arrivals of fund `k`'s deals outside the results pipeline over its investment
    /// period: local start-ups, and deals in other regions (each its own stream).
    private func scheduleMarketDeals(fund k: Int) {
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
    private func marketDeal(fund k: Int, tag: UInt16, at t: Double) {
        let place = DealPlace(rawValue: tag >> 15) ?? .local, number = Int(tag & 0x7FFF)
        let terms = funds[k].terms, f = p.financing
        let round = f.rounds[0]
        let ticket = min(terms.ticketMax, terms.maxShareOfRound * round.size)
        let allowed = place == .local ? funds[k].mayInvestNew(ticket, at: t) : funds[k].mayInvestOutside(ticket, at: t)
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

    private func marketDealExit(_ d: Int, at t: Double) {
        let k = marketDeals[d].fund, id = Int32(-(d + 1))
        funds[k].realise(id, valuePerUnit: marketDeals[d].multiple, at: t, unitValue)   // unless sold at liquidation
        marketDeals[d].open = false
    }

    /// A converted PoC grant compounded at the preserved-value rate from the venture's creation to `t`
    /// (按保值退出): the most the government takes back from that stake.
    private func preservedValue(_ v: Int, at t: Double) -> Double {
        results[Int(ventures[v].result)].convertibleGrant
            * pow(1 + p.investFirst.exitReturnRate, (t - ventures[v].createdAt) / 12)
    }

    /// Government money recovered from a converted PoC stake at exit, netted off the fiscal cost.
    private func recover(_ amount: Double, at t: Double) {
        book(.fiscalEquityProceeds, amount, at: t)
        book(.fiscalCostTotal, -amount, at: t, yearly: .fiscalCost)
    }

    /// The value now of one unit of venture `v`'s equity held before any round (0 once it failed).
    private func unitValue(_ v: Int32) -> Double {
        if v < 0 { return marketDeals[Int(-v) - 1].open ? 1 : 0 }
        let r = ventures[Int(v)]
        return r.failedAt.isInfinite && r.exitedAt.isInfinite ? r.dilution * r.lastPostMoney : 0
    }

    /// Before a round changes venture `v`'s value: month-end NAVs up to `t` in every fund holding it
    /// (trades — `invest`, `realise` — record them themselves).
    private func markFunds(holding v: Int, at t: Double) {
        for k in funds.indices where funds[k].holds(Int32(v)) { funds[k].markNAV(through: t, unitValue) }
    }

    private func failVenture(_ v: Int, at t: Double) {
        guard ventures[v].failedAt.isInfinite else { return }
        for k in funds.indices where funds[k].holds(Int32(v)) { funds[k].realise(Int32(v), valuePerUnit: 0, at: t, unitValue) }
        ventures[v].failedAt = t
        let loan = ventures[v].loanAmount
        if loan > 0 && t < ventures[v].loanEndsAt {
            spend(.fiscalRiskCompensation, p.financing.riskCompensationShare * loan * (1 - p.financing.loanRecovery), at: t)
        }
    }

    // MARK: - End of trial

    private func tally() {
        // Results still waiting for a counterpart were abandoned when their value hit the floor (at
        // the latest when they started waiting); beyond the horizon they stay in progress.
        for i in results.indices where results[i].phase == .waitingMatch { abandonWhileWaiting(i) }
        var counts = [Double](repeating: 0, count: TerminalState.allCases.count)
        let threeYears = 36.0
        var eligible3y = 0.0, within3y = 0.0
        for i in results.indices {
            let r = results[i]
            let state = r.terminalAt <= horizon ? r.terminal : .inProgress
            counts[Int(state.rawValue)] += 1
            if r.disclosedAt <= horizon - threeYears {
                eligible3y += 1
                if (state == .convertedLocal || state == .convertedElsewhere) && r.terminalAt - r.disclosedAt <= threeYears {
                    within3y += 1
                }
            }
        }
        out[.convertedLocal] = counts[Int(TerminalState.convertedLocal.rawValue)]
        out[.convertedElsewhere] = counts[Int(TerminalState.convertedElsewhere.rawValue)]
        out[.failedTechnical] = counts[Int(TerminalState.failedTechnical.rawValue)]
        out[.abandoned] = counts[Int(TerminalState.abandoned.rawValue)]
        out[.inProgress] = counts[Int(TerminalState.inProgress.rawValue)]
        let n = out[.disclosed]
        out[.conversionShare] = ratio(out[.convertedLocal] + out[.convertedElsewhere], n)
        out[.localConversionShare] = ratio(out[.convertedLocal], n)
        out[.outflowShare] = ratio(out[.convertedElsewhere], n)
        out[.convertedWithin3yShare] = ratio(within3y, eligible3y)
        if conversionMonths.isEmpty {
            out[.monthsToConversionMedian] = .nan
            out[.monthsToConversionMean] = .nan
        } else {
            conversionMonths.sort()
            out[.monthsToConversionMedian] = quantile(sorted: conversionMonths, 0.5)
            out[.monthsToConversionMean] = conversionMonths.reduce(0, +) / Double(conversionMonths.count)
        }
        if contractValues.isEmpty {
            out[.contractValueTop10Share] = .nan
        } else {
            contractValues.sort(by: >)
            let top = max(1, Int((Double(contractValues.count) * 0.1).rounded(.up)))
            out[.contractValueTop10Share] = ratio(contractValues[..<top].reduce(0, +), contractValues.reduce(0, +))
        }
        out[.fiscalCostPerLocalConversion] = ratio(out[.fiscalCostTotal], out[.convertedLocal])
        out[.privateCapitalPerFiscalYuan] = ratio(privateInBackedRounds, governmentInBackedRounds)
        out[.pocStarted] = poc.started
        out[.pocWaitMonthsMean] = ratio(poc.waitTotal, poc.started)
        out[.pilotStarted] = pilotCapacity.started
        out[.pilotWaitMonthsMean] = ratio(pilotCapacity.waitTotal, pilotCapacity.started)
        out[.landWaitMonthsMean] = ratio(landWaitTotal, landServed)
        var nav = 0.0
        for (k, v) in ventures.enumerated() where v.createdAt <= horizon {
            if v.exitedAt <= horizon {
                out.add(.venturesExited, 1)
            } else if v.failedAt <= horizon {
                out.add(.venturesFailed, 1)
            } else {
                out.add(.venturesAlive, 1)
                if v.pocStake > 0 {   // a converted PoC grant, valued at most at its preserved value
                    nav += min(v.pocStake * v.lastPostMoney, preservedValue(k, at: horizon))
                }
            }
        }
        tallyFunds(governmentNAV: nav)
    }

    /// Closes every fund's ledger at the horizon, books the government's LP flows as fiscal
    /// contributions and proceeds, and writes the funds' metrics and yearly blocks.
    private func tallyFunds(governmentNAV pocNAV: Double) {
        var nav = pocNAV
        var metrics: [Double] = []
        for k in funds.indices where funds[k].isActive {
            funds[k].close(at: horizon, unitValue)
            let g = LPClass.government.rawValue
            for m in 0..<funds[k].months {
                let paid = funds[k].contributions[g][m], received = funds[k].distributions[g][m]
                book(.fiscalFundContributions, paid, at: Double(m))
                book(.fiscalEquityProceeds, received, at: Double(m))
                book(.fiscalCostTotal, paid - received, at: Double(m), yearly: .fiscalCost)
            }
            nav += funds[k].nav[g][funds[k].months - 1]
        }
        out[.governmentEquityNav] = nav
        guard let layout = out.fundLayout else { return }
        for k in funds.indices {
            funds[k].report(unitValue, layout: layout, fund: k, metrics: &metrics, yearly: out.fundYearly)
            out.recordFlows(funds[k], fund: k)
        }
        for (c, x) in metrics.enumerated() { out.fundMetrics[c] = x }
    }

    /// numerator / denominator, undefined (NaN) when the denominator is zero.
    @inline(__always) private func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
}
