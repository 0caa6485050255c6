// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore

/// The input files a command reads — scenarios, sweep files, sensitivity specs, design CSVs —
/// read with a bound, so that a mistaken path (`/dev/zero`, a data dump, a FIFO that never ends)
/// is refused at once instead of filling memory.
public enum InputFile {
    /// The largest input file accepted: 4 MiB. The shipped scenarios and sweep files are a few KiB.
    public static let sizeLimit = FileSystem.inputLimit

    /// The bytes of the file at `path`, at most `sizeLimit` of them. `kind` names the file in
    /// messages ("scenario", "sweep file"). Throws a `ScenarioError` of category `.missingFile`
    /// (exit 66) when the file cannot be read, `.invalid` (65) when it is too large.
    public static func bytes(_ path: String, kind: String) throws(ScenarioError) -> [UInt8] {
        do {
            return try FileSystem.readFile(path, limit: sizeLimit)
        } catch {
            if error.errorNumber == EFBIG {
                throw ScenarioError("'\(path)' is larger than \(sizeLimit >> 20) MiB, the limit for a \(kind); is it the right file?")
            }
            let reason = error.isNoSuchFile ? "no such file" : error.reason
            throw ScenarioError("cannot read '\(path)': \(reason)", category: .missingFile)
        }
    }

    /// The text (UTF-8) of the file at `path`; see `bytes(_:kind:)`.
    public static func text(_ path: String, kind: String) throws(ScenarioError) -> String {
        String(decoding: try bytes(path, kind: kind), as: UTF8.self)
    }
}
