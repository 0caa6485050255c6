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
    /// The arrival streams have their own sources: they are read in between other draws. The
    /// reference stream brings candidate results at the reference share's rate; the extra stream
    /// the candidates a higher share adds (`Disclosure.swift`).
    let arrivals: RandomSource
    let extraArrivals: RandomSource
    /// Events handled (arrivals included) since the simulator was made, for benchmarks.
    public private(set) var eventsProcessed = 0
    var results = ResultStore()
    var ventures: [VentureRecord] = []
    var events = EventQueue()
    var seq: UInt32 = 0
    var conversionMonths: [Double] = []
    var contractValues: [Double] = []

    // Shared capacities of the current trial.
    var poc = StageCapacity()
    var pilotCapacity = StageCapacity()
    var roadshowPool = ResultQueue()
    /// Results that start waiting for a counterpart, bucketed by the first roadshow at or after
    /// that time; a roadshow admits its bucket to the pool in order of time (cheaper than an event
    /// per result).
    var poolArrivals: [[(at: Double, result: Int32)]] = []
    var roadshowGap = 0.0
    /// Buckets already admitted: a result entering during a roadshow waits for the next one.
    var roadshowsAdmitted = 0
    var landQueue = ResultQueue()
    var landLeft = 0.0
    var subsidyLeft = 0.0
    var rewardLeft = 0.0
    /// The funds' ledgers of the current trial, in scenario order.
    var funds: [FundLedger] = []
    /// The funds' deals outside the results pipeline; held as venture id −(index + 1).
    var marketDeals: [MarketDeal] = []
    /// Fund tickets of the round being closed (reused).
    var tickets: [(fund: Int, amount: Double)] = []
    var roadshowsHeld: UInt32 = 0
    var governmentInBackedRounds = 0.0
    var privateInBackedRounds = 0.0
    var landWaitTotal = 0.0
    var landServed = 0.0
    /// Results that reached the route step; ventures from results that completed a funded PoC.
    var routed = 0.0
    var venturesAfterPoc = 0.0
    /// Months from creation to the seed round and to market entry, summed over ventures (for means).
    var monthsToSeed = 0.0
    var monthsToMarket = 0.0

    // The current trial.
    var p: ModelParameters
    var out = TrialRecord(metrics: .init(start: nil, count: 0), yearly: .init(start: nil, count: 0),
                                  funnel: .init(start: nil, count: 0), years: 0)
    var horizon = 0.0
    var meanQuality = 0.0
    /// Logits of the base success probabilities read per result (set per trial).
    var logits = SuccessLogits()
    /// Matching hazard per month before a result's own factors (visibility, local effort, proof).
    var matchingRate = 0.0
    /// Transfer-office effort towards local counterparts (rewards for local conversions, §5.13).
    var localEffort = 1.0
    /// The chance a fundable round finds private money here, with the funds' crowding-in (set per trial).
    var privateAvailability: [Double] = []
    /// Disclosure-rate multipliers at the policy's share, at the empowered share and at a share of
    /// 1 (the largest any share gives; `Disclosure.swift`).
    var disclosureBase = 1.0
    var disclosureEmpowered = 1.0
    var disclosureCeiling = 1.0
    /// Intent hazard per month at the baseline share, the empowered share and the full share.
    var intentRateBase = 0.0
    var intentRateEmpowered = 0.0
    var intentRateFull = 0.0
    /// The reference and extra streams' acceptance (`Disclosure.swift`), from the share in force.
    var acceptReference = (base: 1.0, empowered: 1.0)
    var acceptExtra = (base: 0.0, empowered: 0.0)
    /// The trial's later parameter sets when a policy follows a schedule, each from the start of
    /// its month (`PolicyChange`); empty otherwise.
    var policyChanges: [PolicyChange] = []
    /// The fiscal envelope's accounts of the current trial (kept only when an envelope is set).
    var envelope = EnvelopeLedger()

    var requeue: [Int32] = []
    var tables = LookupTables()

    /// Testing hook (internal, for `@testable` tests only): called with each result's index in the
    /// trial and its record right after its attributes are drawn at disclosure, before any policy acts
    /// on it. Tests use it to check common random numbers (a policy change leaves every result's drawn
    /// source, field, quality and value unchanged). `nil` otherwise, which costs one branch per
    /// disclosure.
    var onDisclosure: ((Int, ResultRecord) -> Void)?

    public init(seed: UInt64) {
        random = RandomSource(seed: seed)
        arrivals = RandomSource(seed: seed)
        extraArrivals = RandomSource(seed: seed)
        let standard = ParameterCatalogue.standard
        p = ModelParameters(catalogue: standard, values: standard.specs.map {
            if case let .number(x) = $0.defaultValue { return x } else { return 0 }
        })
    }

    deinit {
        tables.free()
        results.free()
    }

    /// Runs trial `trial` under `parameters`, writing its outputs to `record`. `changes` are the
    /// parameter sets that take over at later dates when a policy follows a schedule (in order).
    public func run(trial: UInt32, parameters: ModelParameters, changes: [PolicyChange] = [], into record: TrialRecord) {
        p = parameters
        policyChanges = changes
        tables.load(parameters)
        out = record
        record.clear()
        random.trial = trial
        arrivals.trial = trial
        extraArrivals.trial = trial
        horizon = parameters.region.horizonMonths
        meanQuality = parameters.region.meanQuality
        results.removeAll()
        ventures.removeAll(keepingCapacity: true)
        conversionMonths.removeAll(keepingCapacity: true)
        contractValues.removeAll(keepingCapacity: true)
        seq = 0
        events.reset(months: Int(horizon.rounded(.up)))
        // Scheduled first: at a year's start a change comes before the year's budgets are set.
        for (k, change) in changes.enumerated() { schedule(.policyChange, at: change.month, subject: Int32(k)) }
        if parameters.budget.isActive || changes.contains(where: { $0.parameters.budget.isActive }) {
            envelope.reset(years: max(record.years, 1), months: Int(horizon.rounded(.up)))
        }
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
        privateAvailability = privateCapitalAvailability()
        derivePolicy()
        routed = 0
        venturesAfterPoc = 0
        monthsToSeed = 0
        monthsToMarket = 0
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

    /// What the simulator derives from the policy in force: at the trial's start and at each
    /// scheduled change. (Funds, which cannot follow a schedule, are set up once in `run`.)
    func derivePolicy() {
        logits = SuccessLogits(p)
        matchingRate = p.matching.baseHazard * p.matching.brokerFactor * p.income.staffEffortMultiplier
        localEffort = p.rewards.effortMultiplier
        disclosureCeiling = p.income.disclosureCeiling
        disclosureBase = p.income.disclosureMultiplier(share: p.income.inventorShare)
        disclosureEmpowered = p.empowerment.eligibleFraction > 0
            ? p.income.disclosureMultiplier(share: max(p.income.inventorShare, p.empowerment.empoweredShare))
            : disclosureBase
        let extraSpan = disclosureCeiling - 1
        acceptReference = (base: min(disclosureBase, 1), empowered: min(disclosureEmpowered, 1))
        acceptExtra = (base: max(disclosureBase - 1, 0) / max(extraSpan, 1e-300),
                       empowered: max(disclosureEmpowered - 1, 0) / max(extraSpan, 1e-300))
        intentRateBase = p.income.intentHazard * p.income.intentMultiplier(share: p.income.inventorShare)
        intentRateEmpowered = p.income.intentHazard
            * p.income.intentMultiplier(share: max(p.income.inventorShare, p.empowerment.empoweredShare))
        intentRateFull = p.income.intentHazard * p.income.intentMultiplier(share: 1)
    }

    /// A scheduled policy change takes effect (at a year's start, before the year's budgets are set
    /// by `startYear`): the parameters and what is derived from them switch; a raised slot count
    /// starts waiting projects at once, a lowered one starts none until fewer run than it allows.
    func changePolicy(_ k: Int, at t: Double) {
        let old = p
        p = policyChanges[k].parameters
        derivePolicy()
        poc.freeSlots += p.proofOfConcept.slots - old.proofOfConcept.slots
        pilotCapacity.freeSlots += p.pilot.slots - old.pilot.slots
        serveQueue(.proofOfConcept, at: t)
        serveQueue(.pilot, at: t)
    }

    // MARK: - Event loop

    func schedule(_ kind: Event.Kind, at time: Double, subject: Int32, tag: UInt16 = 0) {
        guard time <= horizon else { return }  // beyond the horizon: stays in progress
        seq &+= 1
        events.insert(Event(time: time, seq: seq, kind: kind, tag: tag, subject: subject))
    }

    func loop() {
        // Two Poisson streams of candidate results (`Disclosure.swift`): the reference stream at the
        // reference share's rate, and, when the share is above the reference, the extra stream at
        // the rate a share of 1 would add. Each stream's draws are its gaps alone, whatever the policy.
        let rate = p.region.disclosuresPerMonth
        let intakeEnd = min(p.region.intakeMonths, horizon)
        arrivals.seek(entity: 0, purpose: .arrivals)
        let meanGap = rate > 0 ? 1 / rate : .infinity
        var nextArrival = arrivals.exponential(mean: meanGap)
        let extraSpan = disclosureCeiling - 1
        // The extra stream runs when any policy in force during the trial adds candidates; while the
        // one in force adds none, its candidates are refused (`acceptExtra` is zero).
        let addsCandidates = disclosureEmpowered > 1 || policyChanges.contains { $0.addsDisclosures }
        let extraOn = addsCandidates && extraSpan > 0 && rate > 0
        extraArrivals.seek(entity: 0, purpose: .arrivals, occasion: 1)
        let extraGap = extraOn ? 1 / (rate * extraSpan) : .infinity
        var nextExtra = extraOn ? extraArrivals.exponential(mean: extraGap) : .infinity
        var candidate: UInt32 = 0, extraCandidate: UInt32 = 0
        var handled = 0
        while true {
            handled += 1
            let nextEvent = events.nextTime
            if nextArrival <= intakeEnd && nextArrival <= nextEvent && nextArrival <= nextExtra {
                candidate += 1
                disclose(entity: candidate, accept: acceptReference, at: nextArrival)
                nextArrival += arrivals.exponential(mean: meanGap)
                continue
            }
            if nextExtra <= intakeEnd && nextExtra <= nextEvent {
                extraCandidate += 1
                disclose(entity: TrialSimulator.extraEntityBase + extraCandidate, accept: acceptExtra, at: nextExtra)
                nextExtra += extraArrivals.exponential(mean: extraGap)
                continue
            }
            guard let event = events.popMin() else { break }
            handle(event)
        }
        eventsProcessed += handled - 1
    }

    func handle(_ e: Event) {
        let i = Int(e.subject), t = e.time
        switch e.kind {
        case .yearStart: startYear(Int(e.subject))
        case .policyChange: changePolicy(i, at: t)
        case .roadshow: holdRoadshow(Int(e.subject), at: t)
        case .matchDue:
            if results[i].phase == .waitingMatch && UInt16(results[i].attempts) == e.tag { matched(i, at: t, brokerDraw: true) }
        case .pocDone: stageDone(i, .proofOfConcept, at: t, funded: e.tag == 1)
        case .pilotDone: stageDone(i, .pilot, at: t, funded: e.tag == 1)
        // A request whose wait ran out leaves its queue: serve the requests behind it, which the
        // capacity left may fit (otherwise they would wait behind a departed request).
        case .pocExpiry:
            if results[i].phase == .waitingPoC {
                leaveQueue(i, .proofOfConcept)
                proofOfConceptWithoutSlot(i, at: t)
                serveQueue(.proofOfConcept, at: t)
            }
        case .pilotExpiry:
            if results[i].phase == .waitingPilot {
                leaveQueue(i, .pilot)
                choosePilot(i, at: t, mayWait: false)
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
        case .pocRequest: requestProofOfConcept(i, at: t)
        case .conceptWorkDone: adopterConceptWorkDone(i, at: t)
        }
    }

    func startYear(_ year: Int) {
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

    @inline(__always) func year(of t: Double) -> Int { min(Int(t / 12), out.years - 1) }

    /// Books an amount on a metric (and optionally a yearly series) if it happens within the horizon.
    @inline(__always) func book(_ m: Metric, _ amount: Double, at t: Double, yearly: YearlyMetric? = nil) {
        guard t <= horizon, amount != 0 else { return }
        out.add(m, amount)
        if let yearly { out.addYearly(yearly, year: year(of: t), amount) }
    }

    /// Fiscal spending on one budget line (also counted in the total and its yearly series).
    @inline(__always) func spend(_ line: Metric, _ amount: Double, at t: Double) {
        book(line, amount, at: t)
        book(.fiscalCostTotal, amount, at: t, yearly: .fiscalCost)
        if p.budget.isActive { envelopeRecord(line, amount, at: t) }
    }


    /// A contract signed at `t` with `adopter` (a local firm, a firm elsewhere, or a local venture
    /// for an equity contract): counted at signature, on the adopter's side (MODEL.md §4).
    func signContract(_ i: Int, _ type: ContractType, value: Double, adopter: Adopter, at t: Double) {
        results[i].contract = type
        results[i].adopter = adopter
        guard t <= horizon else { return }
        // The metric is chosen before `out` is used: an argument computed in the call made the
        // compiler copy (retain and release) the whole record first.
        let side: Metric = adopter == .outsideFirm ? .contractsElsewhere : .contractsLocal
        out.add(.contracts, 1)
        out.add(side, 1)
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
    @inline(__always) func enter(_ i: Int, _ stage: FunnelStage, at t: Double) {
        results[i].stage = stage
        let bit = UInt8(1) << UInt8(stage.rawValue)
        guard results[i].entered & bit == 0 else { return }
        results[i].entered |= bit
        if t <= horizon { out.addFunnel(stage, .entered) }
    }

    /// Marks result `i` as passing its current stage and entering `next` at `t`.
    @inline(__always) func pass(_ i: Int, to next: FunnelStage, at t: Double) {
        let current = results[i].stage
        let nextBit = UInt8(1) << UInt8(next.rawValue)
        if results[i].entered & nextBit == 0 && t <= horizon { out.addFunnel(current, .passed) }
        enter(i, next, at: t)
    }

    /// Ends result `i` in `state` at `t`. Beyond the horizon it stays in progress.
    func finish(_ i: Int, _ state: TerminalState, at t: Double) {
        results[i].phase = .done
        results[i].terminal = state
        results[i].terminalAt = t
        guard t <= horizon else { return }
        let stage = results[i].stage
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
    /// logistic(logit(`base`) + slope × (q − mean q) [+ ln(field's technical odds)]), from the
    /// trial's precomputed `logit` of the base and the result's precomputed shifts (one `exp`).
    /// A base of 0 or odds of 0 give 0, a base of 1 gives 1 (unless the odds are 0).
    @inline(__always) func adjusted(logit: Double, _ i: Int, technical: Bool) -> Double {
        let x = logit + results[i].qualityShift + (technical ? tables.technicalLogOdds(results[i].field) : 0)
        return x.isNaN ? 0 : 1 / (1 + exp(-x))
    }

    /// ln(p / (1 − p)), ±∞ at 0 and 1.
    static func logit(_ p: Double) -> Double { p <= 0 ? -.infinity : p >= 1 ? .infinity : log(p / (1 - p)) }


    /// Value of result `i` at time `t`, decayed by its half-life since disclosure.
    @inline(__always) func value(_ i: Int, at t: Double) -> Double {
        results[i].value0 * exp2(-(t - results[i].disclosedAt) / p.region.valueHalfLifeMonths)
    }









    // MARK: - End of trial

    func tally() {
        // Results still waiting for a counterpart were abandoned when their value hit the floor (at
        // the latest when they started waiting); beyond the horizon they stay in progress.
        for i in results.indices where results[i].phase == .waitingMatch { abandonWhileWaiting(i) }
        var counts = [Double](repeating: 0, count: TerminalState.allCases.count)
        let threeYears = 36.0
        var eligible3y = 0.0, within3y = 0.0
        for i in results.indices {
            let terminalAt = results[i].terminalAt, disclosedAt = results[i].disclosedAt
            let state = terminalAt <= horizon ? results[i].terminal : .inProgress
            counts[Int(state.rawValue)] += 1
            if disclosedAt <= horizon - threeYears {
                eligible3y += 1
                if (state == .convertedLocal || state == .convertedElsewhere) && terminalAt - disclosedAt <= threeYears {
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
        cohortShares()
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
        out[.spinoffShare] = ratio(out[.venturesCreated], routed)
        out[.monthsToSeedMean] = ratio(monthsToSeed, out[.venturesRaisedSeed])
        out[.monthsToMarketMean] = ratio(monthsToMarket, out[.venturesOnMarket])
        out[.spinoffShareAfterPoc] = ratio(venturesAfterPoc, out[.pocCompleted])
        out[.privateCapitalPerFiscalYuan] = ratio(privateInBackedRounds, governmentInBackedRounds)
        out[.pocStarted] = poc.started
        out[.pocWaitMonthsMean] = ratio(poc.waitTotal, poc.started)
        out[.pilotStarted] = pilotCapacity.started
        out[.pilotWaitMonthsMean] = ratio(pilotCapacity.waitTotal, pilotCapacity.started)
        out[.landWaitMonthsMean] = ratio(landWaitTotal, landServed)
        var nav = 0.0, monthsToExit = 0.0, monthsToFailure = 0.0
        for (k, v) in ventures.enumerated() where v.createdAt <= horizon {
            if v.exitedAt <= horizon {
                out.add(.venturesExited, 1)
                monthsToExit += v.exitedAt - v.createdAt
            } else if v.failedAt <= horizon {
                out.add(.venturesFailed, 1)
                monthsToFailure += v.failedAt - v.createdAt
            } else {
                out.add(.venturesAlive, 1)
                if v.pocStake > 0 {   // a converted PoC grant, valued at most at its preserved value
                    nav += min(v.pocStake * v.lastPostMoney, preservedValue(k, at: horizon))
                }
            }
        }
        out[.monthsToExitMean] = ratio(monthsToExit, out[.venturesExited])
        out[.monthsToFailureMean] = ratio(monthsToFailure, out[.venturesFailed])
        tallyFunds(governmentNAV: nav)
        tallyEnvelope()
        cumulativeSeries()
        // After the funds' flows are booked: fiscal_cost_total is final only now.
        out[.fiscalCostPerLocalConversion] = ratio(out[.fiscalCostTotal], out[.convertedLocal])
    }

    /// The cost curve's running totals: fiscal cost (net, funds included, as `fiscal_cost`) and local
    /// conversions up to the end of each year. After the funds' flows are booked.
    private func cumulativeSeries() {
        var cost = 0.0, local = 0.0
        for y in 0..<out.years {
            let row = y * YearlyMetric.count
            cost += out.yearly[row + YearlyMetric.fiscalCost.rawValue]
            local += out.yearly[row + YearlyMetric.convertedLocal.rawValue]
            out.yearly[row + YearlyMetric.cumulativeFiscalCost.rawValue] = cost
            out.yearly[row + YearlyMetric.cumulativeConvertedLocal.rawValue] = local
        }
    }

    /// Intake-cohort shares (MODEL.md §4): the results disclosed in the first `cohortIntakeMonths`,
    /// each followed for `cohortFollowMonths` from its disclosure, the window shortened so that the
    /// last disclosure's window ends by the horizon. Undefined when no window fits.
    private func cohortShares() {
        let intake = min(p.region.cohortIntakeMonths, horizon)
        let follow = min(p.region.cohortFollowMonths, horizon - intake)
        guard intake > 0, follow > 0 else {
            out[.cohortConversionShare] = .nan
            out[.cohortLocalConversionShare] = .nan
            return
        }
        var cohort = 0.0, converted = 0.0, local = 0.0
        // Results are stored in disclosure order: the cohort is a prefix.
        for i in results.indices {
            guard results[i].disclosedAt < intake else { break }
            cohort += 1
            guard results[i].terminalAt - results[i].disclosedAt <= follow else { continue }
            let state = results[i].terminal
            if state == .convertedLocal { converted += 1; local += 1 } else if state == .convertedElsewhere { converted += 1 }
        }
        out[.cohortConversionShare] = ratio(converted, cohort)
        out[.cohortLocalConversionShare] = ratio(local, cohort)
    }

    /// Closes every fund's ledger at the horizon, books the government's LP flows as fiscal
    /// contributions and proceeds, and writes the funds' metrics and yearly blocks.
    func tallyFunds(governmentNAV pocNAV: Double) {
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
    @inline(__always) func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
}

/// The logits of the base success probabilities that every result's chance is adjusted from
/// (`TrialSimulator.adjusted`), computed once a trial.
struct SuccessLogits {
    var implementation = 0.0, marketEntry = 0.0, proofOfConcept = 0.0, pilot = 0.0
    var graduation: [Double] = []

    init() {}

    init(_ p: ModelParameters) {
        implementation = TrialSimulator.logit(p.adoption.implementationSuccess)
        marketEntry = TrialSimulator.logit(p.financing.marketEntryProbability)
        proofOfConcept = TrialSimulator.logit(p.proofOfConcept.successProbability)
        pilot = TrialSimulator.logit(p.pilot.successProbability)
        graduation = p.financing.rounds.map { TrialSimulator.logit($0.graduationProbability) }
    }
}

/// A parameter set that takes over from month `month` (a year's start) when a policy follows a
/// schedule: the trial's parameters as they stand from that year.
public struct PolicyChange: Sendable {
    public let month: Double
    public let parameters: ModelParameters
    /// Whether its disclosure multiplier exceeds 1 (the extra candidate stream must run).
    let addsDisclosures: Bool

    public init(month: Double, parameters: ModelParameters) {
        self.month = month
        self.parameters = parameters
        let p = parameters
        let share = p.empowerment.eligibleFraction > 0
            ? max(p.income.inventorShare, p.empowerment.empoweredShare) : p.income.inventorShare
        addsDisclosures = p.income.disclosureMultiplier(share: share) > 1
    }
}
