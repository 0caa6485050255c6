// SPDX-License-Identifier: GPL-3.0-or-later
import Testing

@testable import TransferSimIO

@Suite("Chart kit")
struct ChartKitTests {
    @Test("Heckbert's loose labelling: nice ends and steps around the data")
    func niceScale() {
        let a = NiceScale(minimum: 0, maximum: 183)
        #expect(a.lower == 0 && a.upper == 200 && a.step == 50)
        #expect(a.ticks == [0, 50, 100, 150, 200])
        let b = NiceScale(minimum: 0.0213, maximum: 0.0342)
        #expect(b.step == 0.005 && b.lower == 0.02 && b.upper == 0.035 && b.decimals == 3)
        #expect(b.ticks.map(b.label) == ["0.020", "0.025", "0.030", "0.035"])
        let c = NiceScale(minimum: -2.1, maximum: 2.0)
        #expect(c.lower == -3 && c.upper == 2 && c.step == 1)
        // A constant series still gets an axis around its value.
        let d = NiceScale(minimum: 5, maximum: 5)
        #expect(d.lower < 5 && d.upper > 5)
        let e = NiceScale(minimum: 0, maximum: 12_345)
        #expect(e.label(10_000) == "10,000")
    }

    @Test("nice numbers are 1, 2, 5 or 10 times a power of ten")
    func niceNumbers() {
        #expect(NiceScale.nice(183, round: false) == 200)
        #expect(NiceScale.nice(46, round: true) == 50)
        #expect(NiceScale.nice(0.14, round: true) == 0.1)
        #expect(NiceScale.nice(2.6, round: true) == 2)
        #expect(NiceScale.nice(3.2, round: false) == 5)
    }

    @Test("markup escaping turns user text into text")
    func escaping() {
        #expect(Markup.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(Markup.escape("a & \"b\" 'c'") == "a &amp; &quot;b&quot; &#39;c&#39;")
        #expect(Markup.escape("bell\u{07}") == "bell")
        #expect(Markup.escape("本地转化") == "本地转化")
    }

    @Test("numbers are written the same way whatever the value's rounding")
    func numbers() {
        #expect(ChartNumber.coordinate(12.5) == "12.5")
        #expect(ChartNumber.coordinate(3.0) == "3")
        #expect(ChartNumber.coordinate(-0.001) == "0")
        #expect(ChartNumber.tick(-0.0, decimals: 1) == "0.0")
        #expect(ChartNumber.tick(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(ChartNumber.label(183.46) == "183")
        #expect(ChartNumber.label(0.04123) == "0.0412")
        #expect(ChartNumber.label(2.5) == "2.5")
        // Negative numbers carry U+2212 MINUS SIGN, never the hyphen-minus; a rounded zero has none.
        #expect(ChartNumber.tick(-1234.5, decimals: 1) == "\u{2212}1,234.5")
        #expect(ChartNumber.label(-0.0412) == "\u{2212}0.0412")
        #expect(ChartNumber.label(-0.00001) == "0")
        #expect(NiceScale(minimum: -3, maximum: 2).ticks.map { NiceScale(minimum: -3, maximum: 2).label($0) }.first == "\u{2212}3")
        #expect(ReportNumber.difference(-0.0038, unit: "share", language: .en) == "\u{2212}0.38 pp")
        #expect(ReportNumber.difference(0.01, unit: "share", language: .zh) == "+1.00 个百分点")
        #expect(ReportNumber.difference(0.001, unit: "results", language: .en) == "0.00")
        #expect(ReportNumber.value(-12_345, unit: "万元") == "\u{2212}12,345")
    }

    /// The funnel writes each stage's total right of its bar: the longest bar's label (7,997, whose
    /// last digit was clipped at the right edge) must end inside the 800-unit-wide chart.
    @Test("the funnel's top label fits inside the chart")
    func funnelLabelFits() throws {
        for entered in [7_997.0, 398, 99_999, 1_000] {
            let chart = FunnelChart(
                title: "t", axisTitle: "results",
                stages: [
                    .init(name: "disclosure", entered: entered, passed: entered * 0.7, failedTechnical: 0, abandoned: 10, outflow: 0),
                    .init(name: "approval", entered: entered * 0.7, passed: entered * 0.5, failedTechnical: 0, abandoned: 5, outflow: 0),
                ])
            let svg = chart.svg(.of(.en))
            let label = ChartNumber.label(entered)
            let element = try #require(svg.split(separator: "\n").first { $0.hasSuffix(">\(label)</text>") })
            let x = try #require(Double(element.split(separator: "\"")[1]))
            #expect(x + ChartFrame.textWidth(label, size: ChartFrame.labelSize) <= ChartFrame.width, "\(label) at \(x)")
        }
    }

    @Test("headline numbers are rounded as said aloud")
    func spoken() {
        #expect(Headline.spoken(196.06) == "196")
        #expect(Headline.spoken(12_345) == "12,300")
        #expect(Headline.spoken(7.25) == "7.3" || Headline.spoken(7.25) == "7.2")
        #expect(Headline.percent(0.0245) == "2.5 %" || Headline.percent(0.0245) == "2.4 %")
        let sentences = Headline.sentences(language: .en, years: 10) { metric in
            metric == "converted_local" ? ["mean": 183.2, "p05": 150.4, "p95": 215.1] : nil
        }
        #expect(sentences == ["About 183 results converted locally over 10 years (90 % interval 150–215)."])
    }

    @Test("histogram bins cover every value once; whole-number data gets whole-number bins")
    func histogramBins() {
        let values = (0..<100).map { Double($0 % 23) } + [.nan]
        let (start, width, counts) = HistogramChart(title: "", xTitle: "", values: values).bins()
        #expect(counts.reduce(0, +) == 100)
        #expect(width >= 1 && width == width.rounded())
        #expect(start <= 0 && start + width * Double(counts.count) > 22)
    }

    @Test("the sequential palette runs from viridis's purple to its yellow")
    func sequential() {
        #expect(Palette.sequential(0) == "#440154")
        #expect(Palette.sequential(1) == "#FDE725")
        #expect(Palette.sequential(.nan) == "#440154")
    }
}
