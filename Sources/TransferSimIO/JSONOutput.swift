// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// JSON as TransferSim writes it (`--json` summaries, `manifest.json`): pretty-printed, keys
/// sorted, slashes unescaped, a final newline, so the output is stable and diffs cleanly.
public enum JSONOutput {
    /// `value` as JSON bytes. Non-finite numbers cannot be written in JSON: give undefined
    /// quantities as `nil` (see `finite(_:)`), which synthesised `Encodable` conformances leave
    /// out; encoding NaN or an infinity throws.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// `value` as JSON text; see `encode(_:)`.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    /// `x`, or `nil` when it is NaN or infinite (an undefined statistic).
    public static func finite(_ x: Double) -> Double? {
        x.isFinite ? x : nil
    }
}
