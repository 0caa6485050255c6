// SPDX-License-Identifier: GPL-3.0-or-later
import CXlsxWriter
import Foundation
import TransferSimCore

/// The Excel workbook of a results folder (`transfersim export DIR --xlsx FILE`, and `--xlsx` on
/// the commands that write a folder), written with libxlsxwriter:
///
/// - `about 说明`: what the run was (scenario, policy, command, seed, trials, version, revision,
///   times, from `manifest.json`), the sheets, and how to read them, in Chinese and English;
/// - `charts 图表` (when the folder has data for one): native Excel charts of the time series,
///   the funnel, each variant's or lever step's paired difference with its 95 % interval, the
///   sweep's points and the sensitivity indices, each beside the small table it is drawn from;
/// - one sheet per table of the folder, in the manifest's order, `metrics.csv` last.
///
/// A table sheet has five header rows — a title, the Chinese header, the English header, the
/// unit, and the CSV's own column name — frozen above the data, which follow in the CSV's row
/// and column order. Tables whose rows name a metric get its Chinese and English labels and unit
/// beside it (columns `label_zh`, `label_en`, `unit`, from `metrics.csv`'s dictionary). Every
/// number is the CSV's value (libxlsxwriter keeps 16 significant digits); number formats only
/// round what is shown: thousands separators, 万元 on money, percentages for shares.
public enum ResultsWorkbook {
    /// The header rows above a table's data.
    public static let headerRows = 5
    /// The row (0-based) holding the CSV's column names.
    public static let keyRow = 4
    /// Excel's row limit; a larger table is left out with a note on the first sheet.
    static let rowLimit = 1_048_576

    /// Why a workbook was not written: the folder could not be read (65, 66) or the file could
    /// not be written (64, 73, 74).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        public let exitCode: Int32
    }

    /// The commands whose folders can be exported.
    public static let kinds = ["run", "compare", "sweep", "merge", "sensitivity", "levers"]

    /// Checks before a long run that a workbook can later be written at `path` (a new or regular
    /// file in an existing folder).
    public static func checkWritable(_ path: String) throws(Failure) {
        do {
            _ = try AtomicFile.temporaryPath(for: path, inputs: [])
        } catch {
            throw Failure(description: error.description, exitCode: error.exitCode)
        }
    }

    /// Reads the results folder at `folder` (checked against its manifest first) and writes its
    /// workbook to `path`, through a temporary file renamed into place: a failure leaves no
    /// workbook, or the earlier file at `path`.
    public static func write(folder: String, to path: String) throws(Failure) {
        let manifest: Manifest
        do {
            manifest = try Manifest.verifiedFolder(folder, kinds: kinds)
        } catch {
            throw Failure(description: error.description, exitCode: error.exitCode)
        }
        var tables: [(file: String, header: [String], rows: [[String]])] = []
        let files = (manifest.files ?? []).map(\.name).filter { $0.hasSuffix(".csv") }
        for file in files.filter({ $0 != MetricDictionary.fileName }) + files.filter({ $0 == MetricDictionary.fileName }) {
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.readFile(OutputFolder.join(folder, file))
            } catch {
                throw Failure(description: "error: cannot read '\(OutputFolder.join(folder, file))': \(error.reason)", exitCode: 66)
            }
            let rows = CSVReader.rows(String(decoding: bytes, as: UTF8.self))
            guard let header = rows.first else { continue }
            tables.append((file, header, Array(rows.dropFirst())))
        }
        do throws(OutputError) {
            try AtomicFile.write(to: path, inputs: [folder]) { (temporary: String) throws(OutputError) in
                guard let book = XLSXBook(path: temporary) else {
                    throw .cannotWrite(path: path, reason: "libxlsxwriter could not start a workbook")
                }
                let builder = Builder(book: book, manifest: manifest, folder: folder)
                builder.build(tables)
                do throws(XLSXError) {
                    try book.close()
                } catch {
                    throw .cannotWrite(path: path, reason: error.description)
                }
                // For the tests of the no-half-written-workbook guarantee (see OutputFolder.failWriteVariable).
                if ProcessInfo.processInfo.environment[OutputFolder.failWriteVariable] == OutputFolder.baseName(path) {
                    throw .cannotWrite(path: path, reason: FileSystem.reason(ENOSPC))
                }
            }
        } catch {
            throw Failure(description: error.description, exitCode: error.exitCode)
        }
    }

    /// Lays out one workbook.
    final class Builder {
        let book: XLSXBook
        let manifest: Manifest
        let folder: String
        let title: UnsafeMutablePointer<lxw_format>
        let headerZh: UnsafeMutablePointer<lxw_format>
        let headerEn: UnsafeMutablePointer<lxw_format>
        let unitFormat: UnsafeMutablePointer<lxw_format>
        let keyFormat: UnsafeMutablePointer<lxw_format>
        let bold: UnsafeMutablePointer<lxw_format>
        let wrapped: UnsafeMutablePointer<lxw_format>

        init(book: XLSXBook, manifest: Manifest, folder: String) {
            self.book = book
            self.manifest = manifest
            self.folder = folder
            title = book.format(bold: true, size: 13)
            headerZh = book.format(bold: true, wrap: true, fill: 0xDCE6F1)
            headerEn = book.format(bold: true, wrap: true, fill: 0xEEF3F8)
            unitFormat = book.format(italic: true, wrap: true, fill: 0xEEF3F8, colour: 0x505050)
            keyFormat = book.format(fill: 0xEEF3F8, colour: 0x808080, size: 9)
            bold = book.format(bold: true)
            wrapped = book.format(wrap: true)
        }

        func build(_ tables: [(file: String, header: [String], rows: [[String]])]) {
            book.setProperties(
                title: "TransferSim — \(manifest.scenarioName)",
                subject: "\(manifest.command ?? "run") results 结果",
                created: Self.date(manifest.endTime))
            guard let about = book.addSheet("about 说明") else { return }
            let charts = WorkbookCharts(book: book, builder: self)
            let hasCharts = charts.plan(tables)
            let chartSheet = hasCharts ? book.addSheet("charts 图表") : nil
            var written: [(sheet: String, file: String, rows: Int, en: String, zh: String)] = []
            var skipped: [String] = []
            for table in tables {
                let sheet = WorkbookColumns.sheet(for: table.file)
                if table.rows.count + headerRows > rowLimit {
                    skipped.append(table.file)
                    continue
                }
                guard let worksheet = book.addSheet(sheet.name) else { return }
                writeTable(table.file, header: table.header, rows: table.rows, into: worksheet, sheet: sheet)
                written.append((sheet.name, table.file, table.rows.count, sheet.en, sheet.zh))
            }
            writeAbout(about, sheets: written, skipped: skipped, charts: hasCharts)
            if let chartSheet { charts.draw(into: chartSheet) }
        }

        /// The first sheet: what the run was, the sheets, and how to read them.
        func writeAbout(_ sheet: XLSXSheet, sheets: [(sheet: String, file: String, rows: Int, en: String, zh: String)],
                        skipped: [String], charts: Bool) {
            sheet.write(0, 0, "TransferSim 结果工作簿 · Results workbook", title)
            var facts: [(String, String, String)] = [
                ("情景", "Scenario", manifest.scenarioName),
                ("情景文件", "Scenario file", manifest.scenarioFile ?? "bundled default scenario 内置默认情景"),
                ("政策", "Policy", manifest.policy),
                ("命令", "Command", manifest.command ?? ""),
                ("命令行", "Command line", manifest.commandLine.joined(separator: " ")),
                ("随机种子", "Seed", String(manifest.seed)),
                ("试验次数", "Trials", ReadableNumber.count(manifest.trials)),
                ("线程", "Threads", String(manifest.threads)),
            ]
            if let points = manifest.points { facts.append(("设计点", "Design points", String(points))) }
            if let shard = manifest.shard { facts.append(("分片", "Shard", shard)) }
            facts += [
                ("TransferSim 版本", "TransferSim version", manifest.toolVersion),
                ("Git 版本", "Git revision", manifest.gitRevision ?? "unknown"),
                ("GSL 版本", "GSL version", manifest.gslVersion),
                ("开始时间", "Started", manifest.startTime),
                ("结束时间", "Finished", manifest.endTime),
                ("结果文件夹", "Results folder", folder),
                ("情景 SHA-256", "Scenario SHA-256", manifest.scenarioSHA256 ?? ""),
            ]
            sheet.write(2, 0, "项目", headerZh)
            sheet.write(2, 1, "Item", headerEn)
            sheet.write(2, 2, "值 Value", headerZh)
            var row = 3
            for (zh, en, value) in facts {
                sheet.write(row, 0, zh, bold)
                sheet.write(row, 1, en)
                sheet.write(row, 2, value)
                row += 1
            }
            row += 1
            sheet.write(row, 0, "工作表", headerZh)
            sheet.write(row, 1, "Sheet", headerEn)
            sheet.write(row, 2, "内容 Contents", headerZh)
            sheet.write(row, 3, "文件 File", headerEn)
            sheet.write(row, 4, "行数 Rows", headerEn)
            row += 1
            if charts {
                sheet.write(row, 0, "charts 图表", bold)
                sheet.write(row, 1, "charts 图表")
                sheet.write(row, 2, "图表及其数据 Charts and the numbers they draw")
                row += 1
            }
            for entry in sheets {
                sheet.write(row, 0, entry.sheet, bold)
                sheet.write(row, 1, entry.sheet)
                sheet.write(row, 2, "\(entry.zh) · \(entry.en)")
                sheet.write(row, 3, entry.file)
                sheet.write(row, 4, Double(entry.rows), book.format(number: "#,##0"))
                row += 1
            }
            row += 1
            var notes = [
                "表头五行：标题、中文、English、单位 unit、CSV 列名。Five header rows: title, Chinese, English, unit, the CSV's column name.",
                "数值即 CSV 中的数值，格式只影响显示。Numbers are the CSV's values; formats only round what is shown.",
                "金额单位万元（人民币1万元）；土地单位亩；时间单位月。Money in 万元 (CNY 10,000), land in 亩, time in months.",
                "比例以百分比显示，比例之差为百分点。Shares are shown as percentages; differences of shares are percentage points.",
                "p05–p95：90 % 的试验结果落在此区间。p05–p95 holds 90 % of the trials' outcomes; ci: 95 % interval of the mean.",
                "各指标的含义见 metrics 指标说明 表。Every metric's meaning is on the sheet 'metrics 指标说明'.",
            ]
            for file in skipped {
                notes.append("\(file) 行数超过 Excel 上限，未收入本工作簿，请使用 CSV。\(file) has more rows than a sheet holds; use the CSV.")
            }
            sheet.write(row, 0, "说明", headerZh)
            sheet.write(row, 1, "Notes", headerEn)
            row += 1
            for note in notes {
                sheet.write(row, 0, note)
                row += 1
            }
            sheet.setColumn(0, width: 22)
            sheet.setColumn(1, width: 22)
            sheet.setColumn(2, width: 60)
            sheet.setColumn(3, width: 24)
            sheet.setColumn(4, width: 10)
            sheet.freeze(rows: 1, columns: 0)
            sheet.setPrintLayout(repeatRows: 0)
        }

        /// One table: five header rows, then the CSV's rows with the metric labels inserted.
        func writeTable(_ file: String, header: [String], rows: [[String]], into sheet: XLSXSheet,
                        sheet info: WorkbookColumns.Sheet) {
            let layout = TableLayout(file: file, header: header)
            sheet.write(0, 0, "\(file) — \(info.zh) · \(info.en)", title)
            var widths = [Double](repeating: 8, count: layout.columns.count)
            for (j, column) in layout.columns.enumerated() {
                sheet.write(1, j, column.zh, headerZh)
                sheet.write(2, j, column.en, headerEn)
                sheet.write(3, j, column.unitText, unitFormat)
                sheet.write(keyRow, j, column.key, keyFormat)
                widths[j] = max(widths[j], min(18, Self.displayWidth(column.zh), Self.displayWidth(column.en)) + 2)
            }
            for (i, row) in rows.enumerated() {
                let r = headerRows + i
                let metric = layout.metricColumn.map { $0 < row.count ? row[$0] : "" } ?? ""
                let entry = layout.entry(for: metric)
                for (j, column) in layout.columns.enumerated() {
                    let cell: String
                    switch column.source {
                    case let .csv(index): cell = index < row.count ? ResultsFolder.Table.unneutralised(row[index]) : ""
                    case .labelZh: cell = entry?.labels.zh ?? ""
                    case .labelEn: cell = entry?.labels.en ?? ""
                    case .unit: cell = entry.map { WorkbookColumns.shownUnit($0.unit) } ?? ""
                    }
                    if cell.isEmpty { continue }
                    let unit: String?
                    switch column.unit {
                    case .text: unit = nil
                    case let .fixed(fixed): unit = fixed
                    case .integer: unit = "integer"
                    case .rowMetric, .rowMetricDifference: unit = entry?.unit ?? ""
                    }
                    if let unit, let value = Double(cell), value.isFinite {
                        sheet.write(r, j, value, book.format(number: WorkbookColumns.numberFormat(unit)))
                        if i < 400 { widths[j] = max(widths[j], Self.numberWidth(value, unit: unit)) }
                    } else {
                        sheet.write(r, j, cell)
                        if i < 400 { widths[j] = max(widths[j], Self.displayWidth(cell) + 1) }
                    }
                }
            }
            for (j, width) in widths.enumerated() { sheet.setColumn(j, width: min(width, 60)) }
            for r in 1...3 { sheet.setRow(r, height: 30) }
            sheet.freeze(rows: headerRows, columns: layout.frozenColumns)
            sheet.setPrintLayout(repeatRows: headerRows)
        }

        /// The width a number takes in `unit`'s format: integer digits with separators, decimals,
        /// the unit's suffix.
        static func numberWidth(_ value: Double, unit: String) -> Double {
            let digits = Double(max(1, Int(log10(max(abs(value), 1))) + 1))
            let separators = (digits - 1) / 3
            let format = WorkbookColumns.numberFormat(unit)
            let decimals = Double(format.split(separator: ".").last.map { $0.prefix { $0 == "0" }.count } ?? 0)
            let suffix = format.contains("万元/项") ? 7.0 : format.contains("万元") ? 4.0 : format.contains("%") ? 1.0 : 0.0
            return digits + separators.rounded(.down) + decimals + 1 + suffix + (value < 0 ? 1 : 0) + 2
        }

        /// The width of `text` in Excel's character units: CJK characters count twice.
        static func displayWidth(_ text: String) -> Double {
            Double(text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) })
        }

        /// A manifest time (ISO 8601) as a date.
        static func date(_ text: String) -> Date? {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.date(from: text)
        }
    }

    /// The columns of one table's sheet: the CSV's, with the metric's labels and unit inserted
    /// after the column naming each row's metric.
    struct TableLayout {
        enum Source { case csv(Int), labelZh, labelEn, unit }

        struct Column {
            let key: String
            let en: String
            let zh: String
            let unit: WorkbookColumns.UnitSource
            let unitText: String
            let source: Source
        }

        let file: String
        let columns: [Column]
        let metricColumn: Int?
        let frozenColumns: Int

        init(file: String, header: [String]) {
            self.file = file
            let metricColumn = WorkbookColumns.metricColumn(header, file: file)
            self.metricColumn = metricColumn
            var columns: [Column] = []
            for (index, name) in header.enumerated() {
                let known = WorkbookColumns.column(name, file: file)
                columns.append(Column(key: name, en: known.en, zh: known.zh, unit: known.unit,
                                      unitText: Self.unitText(known.unit), source: .csv(index)))
                if index == metricColumn {
                    for (key, source) in [("label_zh", Source.labelZh), ("label_en", .labelEn), ("unit", .unit)] {
                        if key == "unit" && file == SensitivityTable.fileName { continue }
                        let known = WorkbookColumns.known[key]!
                        columns.append(Column(key: key, en: known.en, zh: known.zh, unit: .text, unitText: "", source: source))
                    }
                }
            }
            self.columns = columns
            frozenColumns = metricColumn.map { $0 + 2 } ?? 1
        }

        static func unitText(_ unit: WorkbookColumns.UnitSource) -> String {
            switch unit {
            case .text: return ""
            case .integer: return "count 计数"
            case let .fixed(unit): return unit.isEmpty || unit == "0/1" ? unit : WorkbookColumns.shownUnit(unit)
            case .rowMetric: return "see unit 见单位列"
            case .rowMetricDifference: return "see unit; shares in points 见单位列；比例为百分点"
            }
        }

        /// The dictionary entry of the metric a row names (`timeseries.csv` and
        /// `compare_timeseries.csv` name yearly flows: `converted_local` there is a year's).
        func entry(for metric: String) -> MetricDictionary.Entry? {
            if metric.isEmpty { return nil }
            if file == TimeSeriesTable.fileName || file == CompareTimeSeriesTable.fileName, let yearly = YearlyMetric.allCases.first(where: { $0.name == metric }) {
                return MetricDictionary.Entry(metric: metric, unit: yearly.unit, labels: yearly.labels,
                                              description: "", better: .none)
            }
            return MetricDictionary.entry(metric)
        }
    }
}
