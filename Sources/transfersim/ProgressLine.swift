// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore
import Synchronization

/// A one-line progress display on standard error — trials done of the total, the rate, and the
/// estimated time left — redrawn in place with `\r`, at most ten times a second.
///
/// It exists only when standard error is a terminal and the `CI` environment variable is unset
/// or empty: redirected output and CI logs never get it.
final class ProgressLine: Sendable {
    private struct State {
        var lastDrawn: ContinuousClock.Instant
        var drawn = false
        /// The highest count seen (workers report out of order).
        var done = 0
    }

    private let total: Int
    private let started: ContinuousClock.Instant
    private let state: Mutex<State>
    private static let interval = Duration.milliseconds(100)

    /// What is counted: "trials" for runs, "points" for sweeps.
    private let unit: String

    /// A progress line for `total` trials (or other units), or `nil` when standard error is not a
    /// terminal or a CI run is detected.
    init?(total: Int, unit: String = "trials") {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty { return nil }
        self.total = total
        self.unit = unit
        let now = ContinuousClock.now
        self.started = now
        self.state = Mutex(State(lastDrawn: now))
    }

    /// Records that `done` trials have finished (called from worker threads).
    func update(done: Int) {
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            guard done > state.done else { return nil }
            state.done = done
            guard now - state.lastDrawn >= Self.interval || done == total else { return nil }
            state.lastDrawn = now
            state.drawn = true
            return text(done: done, elapsed: now - started)
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Clears the line (call once the trials are done).
    func finish() {
        let drawn = state.withLock { $0.drawn }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// `\r` then e.g. `trials 340/1000 (34 %), 1250 trials/s, about 1 s left`, clearing the rest.
    private func text(done: Int, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let percent = total > 0 ? 100 * done / total : 100
        var line = "\r\(unit) \(done)/\(total) (\(percent) %)"
        if rate > 0 {
            line += rate >= 10 ? ", \(Int(rate.rounded())) \(unit)/s" : ", \(format((rate * 60).rounded())) \(unit)/min"
            if done < total { line += ", about \(Self.duration(Double(total - done) / rate)) left" }
        }
        return line + "\u{1B}[K"
    }

    /// `42 s`, `3 min 5 s` or `2 h 10 min`.
    private static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        return "\(s / 3600) h \((s % 3600) / 60) min"
    }
}
