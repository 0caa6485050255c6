// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import TransferSimCore

/// `EventQueue` serves events in (time, seq) order, the order every output depends on.
@Suite("Event queue")
struct EventQueueTests {
    /// Random schedules, pops interleaved with inserts at or after the time last served (as the engine
    /// schedules): into the current bin, later bins, ties in time, and the horizon's last bin. The
    /// queue must give exactly the events a sorted reference gives.
    @Test func servesEventsInTimeThenSequenceOrder() {
        let months = 24
        let random = RandomSource(seed: 42)
        random.seek(entity: 1, purpose: .market)
        var queue = EventQueue()
        for round in 0..<3 {   // the queue is reused from trial to trial
            queue.reset(months: months)
            var pending: [Event] = [], served: [Event] = [], expected: [Event] = []
            var seq: UInt32 = 0, now = 0.0
            func schedule(_ time: Double) {
                seq += 1
                let e = Event(time: time, seq: seq, kind: .matchDue, tag: 0, subject: Int32(round))
                queue.insert(e)
                pending.append(e)
            }
            for _ in 0..<200 { schedule(Double(months) * random.uniform()) }
            schedule(Double(months))
            schedule(5); schedule(5)
            while let e = queue.popMin() {
                served.append(e)
                let next = pending.min()!
                expected.append(next)
                pending.removeAll { $0 == next }   // == compares (time, seq)
                now = e.time
                let u = random.uniform()
                if u < 0.3 { schedule(now + 0.01 * random.uniform()) }              // same bin
                else if u < 0.5 { schedule(min(now + 3 * random.uniform(), Double(months))) }
                else if u < 0.55 { schedule(now) }                                   // a tie in time
            }
            #expect(served.count > 250)
            #expect(served == expected)
            #expect(pending.isEmpty)
        }
    }
}
