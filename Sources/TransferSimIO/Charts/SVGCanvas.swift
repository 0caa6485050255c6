// SPDX-License-Identifier: GPL-3.0-or-later

/// A standalone SVG document built element by element. Coordinates are SVG user units (pixels
/// at 100 %); numbers are written with `ChartNumber.coordinate`, text is always escaped.
public struct SVGCanvas: Sendable {
    /// The font stack: a system CJK font first (Debian: `fonts-noto-cjk`), so Chinese labels
    /// render; then common Latin fonts.
    public static let fontFamily =
        "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"

    /// Width and height in user units.
    public let width: Double
    public let height: Double
    private var elements: [String] = []

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    private static func c(_ x: Double) -> String { ChartNumber.coordinate(x) }

    /// A rectangle; `opacity` below 1 makes the fill translucent.
    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String,
        opacity: Double = 1, stroke: String? = nil, title: String? = nil
    ) {
        var element =
            "<rect x=\"\(Self.c(x))\" y=\"\(Self.c(y))\" width=\"\(Self.c(max(0, width)))\" height=\"\(Self.c(max(0, height)))\" fill=\"\(fill)\""
        if opacity < 1 { element += " fill-opacity=\"\(Self.c(opacity))\"" }
        if let stroke { element += " stroke=\"\(stroke)\"" }
        if let title {
            element += "><title>\(Markup.escape(title))</title></rect>"
        } else {
            element += "/>"
        }
        elements.append(element)
    }

    /// A straight line.
    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
        dash: String? = nil
    ) {
        var element =
            "<line x1=\"\(Self.c(x1))\" y1=\"\(Self.c(y1))\" x2=\"\(Self.c(x2))\" y2=\"\(Self.c(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.c(width))\""
        if let dash { element += " stroke-dasharray=\"\(dash)\"" }
        elements.append(element + "/>")
    }

    /// An open line through `points`.
    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        guard !points.isEmpty else { return }
        var element =
            "<polyline points=\"\(Self.pointList(points))\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.c(width))\" stroke-linejoin=\"round\""
        if let dash { element += " stroke-dasharray=\"\(dash)\"" }
        elements.append(element + "/>")
    }

    /// A filled closed shape through `points`.
    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        guard points.count > 2 else { return }
        var element = "<polygon points=\"\(Self.pointList(points))\" fill=\"\(fill)\""
        if opacity < 1 { element += " fill-opacity=\"\(Self.c(opacity))\"" }
        elements.append(element + "/>")
    }

    /// A filled circle.
    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil) {
        var element = "<circle cx=\"\(Self.c(cx))\" cy=\"\(Self.c(cy))\" r=\"\(Self.c(r))\" fill=\"\(fill)\""
        if let stroke { element += " stroke=\"\(stroke)\" stroke-width=\"1.5\"" }
        elements.append(element + "/>")
    }

    /// Text anchored at `(x, y)` (`anchor`: start, middle, end); `rotate` turns it about that point.
    mutating func text(
        _ text: String, x: Double, y: Double, size: Double = 15, anchor: String = "start",
        weight: String? = nil, fill: String = Palette.ink, rotate: Double? = nil
    ) {
        var element = "<text x=\"\(Self.c(x))\" y=\"\(Self.c(y))\" font-size=\"\(Self.c(size))\""
        if anchor != "start" { element += " text-anchor=\"\(anchor)\"" }
        if let weight { element += " font-weight=\"\(weight)\"" }
        if fill != Palette.ink { element += " fill=\"\(fill)\"" }
        if let rotate { element += " transform=\"rotate(\(Self.c(rotate)) \(Self.c(x)) \(Self.c(y)))\"" }
        elements.append(element + ">\(Markup.escape(text))</text>")
    }

    /// The document: an `<svg>` root with a `<title>` (the accessible name) and a white background.
    public func document(title: String) -> String {
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.c(width))\" height=\"\(Self.c(height))\" viewBox=\"0 0 \(Self.c(width)) \(Self.c(height))\" role=\"img\" font-family=\"\(Markup.escape(Self.fontFamily))\" fill=\"\(Palette.ink)\">\n"
        out += "<title>\(Markup.escape(title))</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n"
        for element in elements { out += element + "\n" }
        out += "</svg>\n"
        return out
    }

    private static func pointList(_ points: [(Double, Double)]) -> String {
        points.map { c($0.0) + "," + c($0.1) }.joined(separator: " ")
    }
}
