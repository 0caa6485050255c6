// SPDX-License-Identifier: GPL-3.0-or-later

/// The trial's pending events, earliest first, ordered by (time, seq).
///
/// A calendar queue: events wait unsorted in one bin per eighth of a month (an O(1) append). When
/// the current bin's events run out, the next non-empty bin becomes current and is sorted once,
/// latest first, so that taking the earliest event is a `popLast`; the few events scheduled into the
/// current bin are inserted in order (a binary search). A bin holds a handful of events, so its
/// sort is a short insertion sort. (A 4-ary heap of a month's events cost about twice as much, and
/// swift-collections' `Heap`, a min-max heap, a quarter of run time.) (time, seq) is a total order,
/// so each of these gives the same sequence of events. Storage is kept across trials.
struct EventQueue {
    /// Bins per month.
    private static let binsPerMonth = 8
    /// The current bin's events, sorted latest first.
    private var current: [Event] = []
    private var bins: [[Event]] = []
    /// The current bin; bins up to it are empty.
    private var slot = 0
    private var pendingInBins = 0

    var isEmpty: Bool { current.isEmpty && pendingInBins == 0 }

    /// Prepares for a trial of `months` months (events after the last month go in the last bin).
    mutating func reset(months: Int) {
        current.removeAll(keepingCapacity: true)
        let needed = months * Self.binsPerMonth + 1
        if bins.count < needed { bins += Array(repeating: [], count: needed - bins.count) }
        for k in bins.indices where !bins[k].isEmpty { bins[k].removeAll(keepingCapacity: true) }
        slot = 0
        pendingInBins = 0
    }

    @inline(__always) private func bin(of time: Double) -> Int { min(max(Int(time * Double(Self.binsPerMonth)), 0), bins.count - 1) }

    /// Time of the earliest event (infinity when empty).
    var nextTime: Double {
        mutating get {
            if current.isEmpty { refill() }
            return current.last?.time ?? .infinity
        }
    }

    mutating func insert(_ e: Event) {
        let b = bin(of: e.time)
        if b > slot {
            bins[b].append(e)
            pendingInBins += 1
            return
        }
        // Into the current bin: after every later event, before every earlier one.
        var low = 0, high = current.count
        while low < high {
            let mid = (low + high) >> 1
            if e < current[mid] { low = mid + 1 } else { high = mid }
        }
        current.insert(e, at: low)
    }

    mutating func popMin() -> Event? {
        if current.isEmpty { refill() }
        return current.popLast()
    }

    /// Makes the next non-empty bin current when the current one runs dry.
    private mutating func refill() {
        while current.isEmpty && pendingInBins > 0 {
            slot += 1
            guard !bins[slot].isEmpty else { continue }
            pendingInBins -= bins[slot].count
            swap(&current, &bins[slot])   // the emptied array keeps its storage for a later bin
            sortLatestFirst()
        }
    }

    private mutating func sortLatestFirst() {
        guard current.count <= 32 else {
            current.sort(by: >)
            return
        }
        current.withUnsafeMutableBufferPointer { events in
            for k in events.indices.dropFirst() {
                let e = events[k]
                var j = k
                while j > 0 && events[j - 1] < e {
                    events[j] = events[j - 1]
                    j -= 1
                }
                events[j] = e
            }
        }
    }
}
