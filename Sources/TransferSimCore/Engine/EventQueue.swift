// SPDX-License-Identifier: GPL-3.0-or-later

/// The trial's pending events, earliest first, ordered by (time, seq).
///
/// A calendar queue: events for later months wait unsorted in one bin per month (an O(1) append);
/// only the current month's events sit in a small 4-ary min-heap. Most events are scheduled months
/// ahead, so the heap stays small and its sifts cheap. (swift-collections' `Heap`, a min-max heap,
/// cost about a quarter of run time here; the engine only ever needs the minimum.)
/// Storage is kept across trials.
struct EventQueue {
    private var heap: [Event] = []
    private var bins: [[Event]] = []
    /// The month whose events are in `heap`; bins before it are empty.
    private var month = 0
    private var pendingInBins = 0

    var isEmpty: Bool { heap.isEmpty && pendingInBins == 0 }

    /// Prepares for a trial of `months` months (events after the last month go in the last bin).
    mutating func reset(months: Int) {
        heap.removeAll(keepingCapacity: true)
        if bins.count < months + 1 { bins += Array(repeating: [], count: months + 1 - bins.count) }
        for k in bins.indices where !bins[k].isEmpty { bins[k].removeAll(keepingCapacity: true) }
        month = 0
        pendingInBins = 0
    }

    @inline(__always) private func bin(of time: Double) -> Int { min(max(Int(time), 0), bins.count - 1) }

    /// Time of the earliest event (infinity when empty).
    var nextTime: Double {
        mutating get {
            refill()
            return heap.isEmpty ? .infinity : heap[0].time
        }
    }

    mutating func insert(_ e: Event) {
        let b = bin(of: e.time)
        if b > month {
            bins[b].append(e)
            pendingInBins += 1
        } else {
            push(e)
        }
    }

    mutating func popMin() -> Event? {
        refill()
        return pop()
    }

    /// Moves the next non-empty month's bin into the heap when the heap runs dry.
    private mutating func refill() {
        while heap.isEmpty && pendingInBins > 0 {
            month += 1
            guard !bins[month].isEmpty else { continue }
            pendingInBins -= bins[month].count
            for e in bins[month] { push(e) }
            bins[month].removeAll(keepingCapacity: true)
        }
    }

    private mutating func push(_ e: Event) {
        heap.append(e)
        heap.withUnsafeMutableBufferPointer { h in
            var child = h.count - 1
            while child > 0 {
                let parent = (child - 1) >> 2
                guard e < h[parent] else { break }
                h[child] = h[parent]
                child = parent
            }
            h[child] = e
        }
    }

    private mutating func pop() -> Event? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var hole = 0
            while true {
                let first = 4 * hole + 1
                if first >= n { break }
                var child = first
                for c in (first + 1)..<min(first + 4, n) where h[c] < h[child] { child = c }
                guard h[child] < last else { break }
                h[hole] = h[child]
                hole = child
            }
            h[hole] = last
        }
        return top
    }
}
