// SPDX-License-Identifier: GPL-3.0-or-later

/// The trial's pending events, earliest first: a 4-ary min-heap on (time, seq).
///
/// Written here rather than taken from swift-collections' `Heap` (a min-max heap, whose
/// double-ended sift cost about a quarter of run time): the engine only ever needs the minimum, and
/// four children per node halve the levels a pop walks, with siblings in one or two cache lines.
/// Storage is kept across trials.
struct EventQueue {
    private var items: [Event] = []

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }

    /// Time of the earliest event (infinity when empty).
    var nextTime: Double { items.isEmpty ? .infinity : items[0].time }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    mutating func insert(_ e: Event) {
        items.append(e)
        items.withUnsafeMutableBufferPointer { h in
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

    mutating func popMin() -> Event? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        let top = items[0]
        items.withUnsafeMutableBufferPointer { h in
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
