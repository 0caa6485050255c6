// SPDX-License-Identifier: GPL-3.0-or-later

/// A plain-text table for a terminal: each column padded to its widest cell, columns two spaces
/// apart, no trailing spaces. Widths are measured in terminal columns, where a Chinese character
/// (or another East Asian wide character, such as `万` or `亩`) takes two.
public struct TextTable: Sendable {
    /// How a column's cells are placed within its width.
    public enum Alignment: Sendable {
        case left, right
    }

    /// The placement of each column.
    public let alignments: [Alignment]
    /// The rows so far (the first is usually a header).
    public private(set) var rows: [[String]] = []

    /// An empty table with one column per alignment.
    public init(_ alignments: [Alignment]) {
        self.alignments = alignments
    }

    /// Appends a row; it must have one cell per column.
    public mutating func append(_ row: [String]) {
        precondition(row.count == alignments.count, "row has \(row.count) cells, the table \(alignments.count)")
        rows.append(row)
    }

    /// The table, one line per row, each ending in `\n`.
    public var text: String {
        var widths = [Int](repeating: 0, count: alignments.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], Self.displayWidth(cell)) }
        }
        var out = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[i] - Self.displayWidth(cell))
                if i > 0 { line += "  " }
                line += alignments[i] == .left ? cell + padding : padding + cell
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// The number of terminal columns `text` takes: two for each East Asian wide or full-width
    /// character, none for combining marks, one for anything else.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return width
            default: return width + (isWide(scalar) ? 2 : 1)
            }
        }
    }

    /// East Asian wide and full-width ranges (Unicode UAX #11, the blocks used in practice).
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
