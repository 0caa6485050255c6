// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// One cell of a CSV table.
///
/// Text, numbers and integers are written differently: only text is guarded against spreadsheet
/// formula injection, and only numbers follow the shortest round-trip rule.
public enum CSVCell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral
{
    /// Text, possibly from a user (a scenario or variant name, a label). A value starting with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that a spreadsheet
    /// shows it as text instead of evaluating it as a formula (OWASP's CSV-injection advice). A
    /// reader that wants the original text removes one leading `'` before such a character.
    case text(String)
    /// A real number in the shortest form that reads back to the same `Double` ("0.1", "1500",
    /// "1e-07"), independent of locale. NaN (an undefined statistic) is an empty cell; infinities
    /// are `inf` and `-inf`.
    case number(Double)
    /// A whole number.
    case integer(Int)
    /// An empty cell (a missing or undefined value).
    case empty

    public init(stringLiteral value: String) { self = .text(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }

    /// The cell as it appears in the file, quoted where RFC 4180 requires.
    public var encoded: String {
        switch self {
        case let .text(value): return CSVWriter.quoted(CSVWriter.neutralised(value))
        case let .number(value): return value.isNaN ? "" : TransferSimCore.format(value)
        case let .integer(value): return String(value)
        case .empty: return ""
        }
    }
}

/// Builds an RFC 4180 CSV table: UTF-8, comma separators, a header row, `\n` line ends (RFC 4180
/// asks for CRLF; every spreadsheet and data-frame reader accepts LF, and it keeps files diffable).
/// A field holding a comma, a double quote, CR or LF is enclosed in double quotes, with its quotes
/// doubled.
///
/// ```swift
/// var table = CSVWriter(header: ["policy", "metric", "mean"])
/// table.append(["baseline", "licences", 12.5])
/// let text = table.text
/// ```
public struct CSVWriter: Sendable {
    /// The column names.
    public let header: [String]
    /// The table so far, header included.
    public private(set) var text: String

    /// A table with the given column names (written as text cells: quoted and neutralised).
    public init(header: [String]) {
        precondition(!header.isEmpty, "a CSV table needs at least one column")
        self.header = header
        self.text = ""
        appendLine(header.map { CSVCell.text($0) })
    }

    /// Appends one row; it must have one cell per column.
    public mutating func append(_ row: [CSVCell]) {
        precondition(row.count == header.count, "CSV row has \(row.count) cells, the header \(header.count)")
        appendLine(row)
    }

    /// The table as UTF-8 bytes.
    public var bytes: [UInt8] { Array(text.utf8) }

    /// The rows after the header line (for a table streamed in parts: its header once, then the
    /// body of each part's table).
    public var body: Substring { text[text.index(after: text.firstIndex(of: "\n")!)...] }

    private mutating func appendLine(_ cells: [CSVCell]) {
        text += cells.map(\.encoded).joined(separator: ",")
        text += "\n"
    }

    /// `value` with a leading `'` if a spreadsheet would read it as a formula.
    static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first else { return value }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + value
        default: return value
        }
    }

    /// `value` enclosed in double quotes (with its quotes doubled) if it holds `,`, `"`, CR or LF.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
