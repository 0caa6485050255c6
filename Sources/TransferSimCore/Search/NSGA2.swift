// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Multi-objective search by NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002), as EMA Workbench
/// runs it through platypus: a population of `populationSize` candidates; each generation makes as
/// many children by binary tournament (rank, then crowding distance), simulated binary crossover
/// (SBX, probability 1, η = 15) and polynomial mutation (probability 1/levers, η = 20), then keeps
/// the best `populationSize` of parents and children by non-dominated rank and crowding distance.
/// Constraints use Deb's constrained domination (`CandidateScore.dominates`).
///
/// Levers are searched on their unit levels u in [0, 1] and mapped by `DecisionLever.value(at:)`,
/// so whole-number levers are rounded and choices picked after variation. Every random decision
/// comes from one SplitMix64 stream seeded by `seed`, and each generation's children are scored
/// as one batch, so the result depends only on the seed and the scores, never on threads.
public enum NSGA2 {
    public struct Options: Sendable {
        public var populationSize: Int = 40
        public var generations: Int = 25
        public var seed: UInt64 = 1
        public var crossoverEta: Double = 15
        public var mutationEta: Double = 20
        public init() {}
    }

    public struct Result: Sendable {
        /// The final population's first front (non-dominated and feasible when any candidate is),
        /// sorted by the first objective, duplicates removed.
        public let front: [ScoredCandidate]
        /// The final population.
        public let population: [ScoredCandidate]
        /// Candidates scored, duplicates counted once per batch they were asked for.
        public let evaluations: Int
    }

    struct Member {
        var u: [Double]
        var levers: [Double]
        var score: CandidateScore
        var rank = 0
        var crowding = 0.0
    }

    /// Runs the search; `progress` gets the generation just finished (0 = the initial population).
    public static func run(_ levers: [DecisionLever], options: Options = Options(),
                           progress: ((Int) -> Void)? = nil, evaluate: CandidateEvaluator) throws -> Result {
        precondition(!levers.isEmpty && options.populationSize >= 4)
        var random = SplitMix64(seed: options.seed)
        let n = options.populationSize, d = levers.count
        var evaluations = 0
        func score(_ us: [[Double]]) throws -> [Member] {
            let xs = us.map { u in zip(u, levers).map { $1.value(at: $0) } }
            let scores = try evaluate(xs)
            evaluations += xs.count
            return zip(zip(us, xs), scores).map { Member(u: $0.0, levers: $0.1, score: $1) }
        }
        // Initial population: a Latin hypercube on the unit levels.
        var columns: [[Double]] = []
        for _ in 0..<d {
            var strata = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { strata.swapAt(i, Int(random.next() % UInt64(i + 1))) }
            columns.append(strata.map { (Double($0) + random.unit()) / Double(n) })
        }
        var population = try score((0..<n).map { p in columns.map { $0[p] } })
        assignRanks(&population)
        progress?(0)
        for generation in 1...max(1, options.generations) {
            var children: [[Double]] = []
            while children.count < n {
                let a = tournament(population, &random), b = tournament(population, &random)
                let (c1, c2) = crossover(population[a].u, population[b].u, eta: options.crossoverEta, &random)
                children.append(mutate(c1, eta: options.mutationEta, &random))
                if children.count < n { children.append(mutate(c2, eta: options.mutationEta, &random)) }
            }
            var combined = population + (try score(children))
            assignRanks(&combined)
            population = survivors(combined, count: n)
            assignRanks(&population)
            progress?(generation)
        }
        let best = population.filter { $0.rank == 0 }
        var seen: Set<[Double]> = []
        let front = best.sorted { l, r in
            l.score.objectives.lexicographicallyPrecedes(r.score.objectives) }
            .filter { seen.insert($0.levers).inserted }
            .map { ScoredCandidate(levers: $0.levers, score: $0.score) }
        return Result(front: front, population: population.map { ScoredCandidate(levers: $0.levers, score: $0.score) },
                      evaluations: evaluations)
    }

    /// The non-dominated fronts of `scores` (fast non-dominated sort): indices, front by front.
    public static func fronts(_ scores: [CandidateScore]) -> [[Int]] {
        let count = scores.count
        var dominatedBy = [Int](repeating: 0, count: count)
        var dominates = [[Int]](repeating: [], count: count)
        var fronts: [[Int]] = [[]]
        for p in 0..<count {
            for q in stride(from: p + 1, to: count, by: 1) {
                if scores[p].dominates(scores[q]) {
                    dominates[p].append(q)
                    dominatedBy[q] += 1
                } else if scores[q].dominates(scores[p]) {
                    dominates[q].append(p)
                    dominatedBy[p] += 1
                }
            }
        }
        for p in 0..<count where dominatedBy[p] == 0 { fronts[0].append(p) }
        var i = 0
        while !fronts[i].isEmpty {
            var next: [Int] = []
            for p in fronts[i] {
                for q in dominates[p] {
                    dominatedBy[q] -= 1
                    if dominatedBy[q] == 0 { next.append(q) }
                }
            }
            i += 1
            fronts.append(next.sorted())
        }
        fronts.removeLast()
        return fronts
    }

    /// The crowding distance of each member of one front (Deb et al.): the sum over objectives of
    /// the normalised gap between its neighbours; the extremes get infinity.
    static func crowding(_ front: [CandidateScore]) -> [Double] {
        let count = front.count
        var distance = [Double](repeating: 0, count: count)
        guard count > 2 else { return [Double](repeating: .infinity, count: count) }
        for m in 0..<(front.first?.objectives.count ?? 0) {
            let order = (0..<count).sorted { (front[$0].objectives[m], $0) < (front[$1].objectives[m], $1) }
            let low = front[order.first!].objectives[m], high = front[order.last!].objectives[m]
            distance[order.first!] = .infinity
            distance[order.last!] = .infinity
            guard high > low else { continue }
            for k in 1..<(count - 1) {
                distance[order[k]] += (front[order[k + 1]].objectives[m] - front[order[k - 1]].objectives[m]) / (high - low)
            }
        }
        return distance
    }

    static func assignRanks(_ members: inout [Member]) {
        for (rank, front) in fronts(members.map(\.score)).enumerated() {
            let distances = crowding(front.map { members[$0].score })
            for (k, i) in front.enumerated() {
                members[i].rank = rank
                members[i].crowding = distances[k]
            }
        }
    }

    /// The better of two members: lower rank, then larger crowding distance, then the lower index.
    static func better(_ a: Member, _ ai: Int, _ b: Member, _ bi: Int) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        if a.crowding != b.crowding { return a.crowding > b.crowding }
        return ai < bi
    }

    static func tournament(_ population: [Member], _ random: inout SplitMix64) -> Int {
        let a = Int(random.next() % UInt64(population.count)), b = Int(random.next() % UInt64(population.count))
        return better(population[a], a, population[b], b) ? a : b
    }

    static func survivors(_ combined: [Member], count: Int) -> [Member] {
        let order = combined.indices.sorted { better(combined[$0], $0, combined[$1], $1) }
        return order.prefix(count).map { combined[$0] }
    }

    /// Simulated binary crossover on unit levels (Deb and Agrawal 1995), each variable with
    /// probability 1/2, bounded to [0, 1].
    static func crossover(_ a: [Double], _ b: [Double], eta: Double, _ random: inout SplitMix64) -> ([Double], [Double]) {
        var c1 = a, c2 = b
        for i in a.indices {
            guard random.unit() < 0.5, abs(a[i] - b[i]) > 1e-14 else { continue }
            let y1 = min(a[i], b[i]), y2 = max(a[i], b[i])
            let r = random.unit()
            func child(_ beta: Double) -> Double {
                let alpha = 2 - pow(beta, -(eta + 1))
                let q = r <= 1 / alpha ? pow(r * alpha, 1 / (eta + 1)) : pow(1 / (2 - r * alpha), 1 / (eta + 1))
                return q
            }
            let q1 = child(1 + 2 * y1 / (y2 - y1))
            let q2 = child(1 + 2 * (1 - y2) / (y2 - y1))
            var v1 = min(max(0.5 * ((y1 + y2) - q1 * (y2 - y1)), 0), 1)
            var v2 = min(max(0.5 * ((y1 + y2) + q2 * (y2 - y1)), 0), 1)
            if random.unit() < 0.5 { swap(&v1, &v2) }
            c1[i] = v1
            c2[i] = v2
        }
        return (c1, c2)
    }

    /// Polynomial mutation on unit levels (Deb and Goyal 1996), each variable with probability 1/d.
    static func mutate(_ u: [Double], eta: Double, _ random: inout SplitMix64) -> [Double] {
        var out = u
        let p = 1 / Double(u.count)
        for i in u.indices where random.unit() < p {
            let y = u[i], r = random.unit()
            let delta: Double
            if r < 0.5 {
                delta = pow(2 * r + (1 - 2 * r) * pow(1 - y, eta + 1), 1 / (eta + 1)) - 1
            } else {
                delta = 1 - pow(2 * (1 - r) + 2 * (r - 0.5) * pow(y, eta + 1), 1 / (eta + 1))
            }
            out[i] = min(max(y + delta, 0), 1)
        }
        return out
    }
}
