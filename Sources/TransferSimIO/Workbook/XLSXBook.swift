// SPDX-License-Identifier: GPL-3.0-or-later
import CXlsxWriter
import Foundation

/// A thin Swift face on libxlsxwriter: a workbook at a path, its sheets, cell formats (made once
/// per distinct number format) and charts. The first error of any call is kept and reported by
/// `close()`, so a workbook with a failed cell is never called finished.
final class XLSXBook {
    private let book: UnsafeMutablePointer<lxw_workbook>
    private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    private(set) var firstError: String?
    private var closed = false

    /// A new workbook written to `path` by `close()`; nil when libxlsxwriter cannot start one.
    init?(path: String) {
        guard let book = workbook_new(path) else { return nil }
        self.book = book
    }

    deinit {
        if !closed { _ = workbook_close(book) }
    }

    /// Records the first failure of a libxlsxwriter call.
    func check(_ error: lxw_error, _ what: @autoclosure () -> String) {
        guard error != LXW_NO_ERROR, firstError == nil else { return }
        firstError = "\(what()): \(String(cString: lxw_strerror(error)))"
    }

    /// A cell format: `number` is an Excel number format ("" for General); `bold`, `italic`,
    /// `wrap`, a `fill` and a font `colour` (0xRRGGBB) are optional.
    func format(number: String = "", bold: Bool = false, italic: Bool = false, wrap: Bool = false,
                fill: UInt32? = nil, colour: UInt32? = nil, size: Double? = nil) -> UnsafeMutablePointer<lxw_format> {
        let key = "\(number)|\(bold)|\(italic)|\(wrap)|\(fill ?? 0)|\(colour ?? 0)|\(size ?? 0)"
        if let known = formats[key] { return known }
        let format = workbook_add_format(book)!
        if !number.isEmpty { format_set_num_format(format, number) }
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if wrap {
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        if let fill {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, fill)
        }
        if let colour { format_set_font_color(format, colour) }
        if let size { format_set_font_size(format, size) }
        formats[key] = format
        return format
    }

    /// Adds a sheet named `name`.
    func addSheet(_ name: String) -> XLSXSheet? {
        guard let sheet = workbook_add_worksheet(book, name) else {
            if firstError == nil { firstError = "cannot add the sheet '\(name)'" }
            return nil
        }
        return XLSXSheet(sheet: sheet, name: name, book: self)
    }

    /// Adds a chart of `type` (`LXW_CHART_LINE`, …) to be inserted in a sheet.
    func addChart(_ type: lxw_chart_type) -> UnsafeMutablePointer<lxw_chart>? {
        workbook_add_chart(book, UInt8(type.rawValue))
    }

    /// Sets the document's title, subject and creation time (the run's end, so that the file
    /// depends on the results folder only).
    func setProperties(title: String, subject: String, created: Date?) {
        title.withCString { titlePointer in
            subject.withCString { subjectPointer in
                "TransferSim".withCString { author in
                    var properties = lxw_doc_properties()
                    properties.title = UnsafeMutablePointer(mutating: titlePointer)
                    properties.subject = UnsafeMutablePointer(mutating: subjectPointer)
                    properties.author = UnsafeMutablePointer(mutating: author)
                    if let created { properties.created = time_t(created.timeIntervalSince1970) }
                    check(workbook_set_properties(book, &properties), "cannot set the workbook's properties")
                }
            }
        }
    }

    /// Writes the file; throws the first error of any call, or the writer's own.
    func close() throws(XLSXError) {
        closed = true
        let status = workbook_close(book)
        if let firstError { throw XLSXError(description: firstError) }
        if status != LXW_NO_ERROR { throw XLSXError(description: String(cString: lxw_strerror(status))) }
    }
}

/// A failure of libxlsxwriter, as its message.
struct XLSXError: Error {
    let description: String
}

/// One sheet of an `XLSXBook`.
struct XLSXSheet {
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    let name: String
    unowned let book: XLSXBook

    func write(_ row: Int, _ column: Int, _ text: String, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
        book.check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), text, format),
                   "cannot write the cell \(name)!R\(row + 1)C\(column + 1)")
    }

    func write(_ row: Int, _ column: Int, _ number: Double, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
        book.check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), number, format),
                   "cannot write the cell \(name)!R\(row + 1)C\(column + 1)")
    }

    func setColumn(_ column: Int, width: Double) {
        book.check(worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil),
                   "cannot set a column width of \(name)")
    }

    /// Starts a new printed page above each of `rows`.
    func setPageBreaks(before rows: [Int]) {
        guard !rows.isEmpty else { return }
        var breaks = rows.map { lxw_row_t($0) } + [0]
        book.check(worksheet_set_h_pagebreaks(sheet, &breaks), "cannot set the page breaks of \(name)")
    }

    func setRow(_ row: Int, height: Double) {
        book.check(worksheet_set_row(sheet, lxw_row_t(row), height, nil), "cannot set a row height of \(name)")
    }

    func freeze(rows: Int, columns: Int) {
        worksheet_freeze_panes(sheet, lxw_row_t(rows), lxw_col_t(columns))
    }

    /// Prints landscape on A4, one page wide, repeating the first `repeatRows` rows on each page.
    func setPrintLayout(repeatRows: Int) {
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, 9)
        worksheet_fit_to_pages(sheet, 1, 0)
        if repeatRows > 0 {
            book.check(worksheet_repeat_rows(sheet, 0, lxw_row_t(repeatRows - 1)), "cannot set the print titles of \(name)")
        }
    }

    func insert(_ chart: UnsafeMutablePointer<lxw_chart>, row: Int, column: Int) {
        var options = lxw_chart_options()
        options.x_scale = 1.5
        options.y_scale = 1.3
        book.check(worksheet_insert_chart_opt(sheet, lxw_row_t(row), lxw_col_t(column), chart, &options),
                   "cannot insert a chart in \(name)")
    }
}
