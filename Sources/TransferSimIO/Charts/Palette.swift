// SPDX-License-Identifier: GPL-3.0-or-later

/// Colours that people with the common colour-vision deficiencies can tell apart: the Okabe–Ito
/// palette (Okabe & Ito, "Color Universal Design", 2002) for categories, and a viridis-like ramp
/// for heat maps.
public enum Palette {
    /// Okabe–Ito: blue, vermillion, bluish green, orange, sky blue, reddish purple, yellow, black.
    public static let categorical = [
        "#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000",
    ]
    /// The `index`-th categorical colour (cycling).
    public static func colour(_ index: Int) -> String {
        categorical[((index % categorical.count) + categorical.count) % categorical.count]
    }

    /// Text and axis lines.
    static let ink = "#222222"
    /// Grid lines.
    static let grid = "#DDDDDD"
    /// Secondary text (notes, sources).
    static let muted = "#555555"

    /// Anchor colours of the sequential ramp (viridis at 0, 0.25, 0.5, 0.75, 1).
    private static let ramp: [(Double, Double, Double)] = [
        (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    ]

    /// The sequential colour at `t` in 0...1 (clamped), as `#RRGGBB`, by linear interpolation
    /// between the viridis anchors.
    public static func sequential(_ t: Double) -> String {
        let clamped = t.isFinite ? min(1, max(0, t)) : 0
        let position = clamped * Double(ramp.count - 1)
        let index = min(ramp.count - 2, Int(position))
        let f = position - Double(index)
        let a = ramp[index]
        let b = ramp[index + 1]
        let channel = { (x: Double, y: Double) in hex(Int((x + (y - x) * f).rounded())) }
        return "#" + channel(a.0, b.0) + channel(a.1, b.1) + channel(a.2, b.2)
    }

    /// Whether text on the sequential colour at `t` should be dark (light background).
    static func darkTextOnSequential(_ t: Double) -> Bool { t > 0.55 }

    private static func hex(_ value: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        let v = min(255, max(0, value))
        return String([digits[v / 16], digits[v % 16]])
    }
}
