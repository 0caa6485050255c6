// SPDX-License-Identifier: GPL-3.0-or-later

/// One named series of a chart (a fan, a line): its legend name and its points in x order.
public struct ChartSeries<Point: Sendable>: Sendable {
    public let name: String
    public let points: [Point]

    public init(name: String, points: [Point]) {
        self.name = name
        self.points = points
    }
}
