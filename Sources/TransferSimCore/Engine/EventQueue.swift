// SPDX-License-Identifier: GPL-3.0-or-later

/// The trial's pending events, earliest first, ordered by (time, seq).
///
/// A calendar queue: events for later months wait unsorted in one bin per month (an O(1) append).
/// When the current month's events run out, the next non-empty bin becomes the current month and
/// is sorted once, latest first, so that taking the earliest event is a `popLast`; the few events
/// scheduled into the current month are inserted in order (a binary search). Most events are
/// scheduled months ahead, so a month is sorted once and never rearranged. (A 4-ary heap of the
/// current month cost twice as much; swift-collections' `Heap`, a min-max heap, a quarter of run
/// time.) (time, seq) is a total order, so any of these gives the same sequence of events.
/// Storage is kept across trials.
struct EventQueue {
    /// The current month's events, sorted latest first.
    private var current: [Event] = []
    private var bins: [[Event]] = []
    /// The current month; bins up to it are empty.
    private var month = 0
    private var pendingInBins = 0

    var isEmpty: Bool { current.isEmpty && pendingInBins == 0 }

    /// Prepares for a trial of `months` months (events after the last month go in the last bin).
    mutating func reset(months: Int) {
        current.removeAll(keepingCapacity: true)
        if bins.count < months + 1 { bins += Array(repeating: [], count: months + 1 - bins.count) }
        for k in bins.indices where !bins[k].isEmpty { bins[k].removeAll(keepingCapacity: true) }
        month = 0
        pendingInBins = 0
    }

    @inline(__always) private func bin(of time: Double) -> Int { min(max(Int(time), 0), bins.count - 1) }

    /// Time of the earliest event (infinity when empty).
    var nextTime: Double {
        mutating get {
            if current.isEmpty { refill() }
            return current.last?.time ?? .infinity
        }
    }

    mutating func insert(_ e: Event) {
        let b = bin(of: e.time)
        if b > month {
            bins[b].append(e)
            pendingInBins += 1
            return
        }
        // Into the current month: after every later event, before every earlier one.
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

    /// Makes the next non-empty month's bin the current month when the current one runs dry.
    private mutating func refill() {
        while current.isEmpty && pendingInBins > 0 {
            month += 1
            guard !bins[month].isEmpty else { continue }
            pendingInBins -= bins[month].count
            swap(&current, &bins[month])   // the emptied array keeps its storage for a later month
            current.sort(by: >)
        }
    }
}
