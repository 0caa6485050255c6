// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
@testable import TransferSimIO

/// RFC 4180 quoting, formula-injection guards and number formatting.
@Suite struct CSVTests {
    @Test func headerAndRows() {
        var table = CSVWriter(header: ["policy", "metric", "mean", "trials"])
        table.append(["baseline", "licences", 12.5, 1000])
        table.append([.text("land_release"), .text("licences"), .number(0.1), .integer(-3)])
        #expect(table.text == "policy,metric,mean,trials\nbaseline,licences,12.5,1000\nland_release,licences,0.1,-3\n")
        #expect(table.bytes == Array(table.text.utf8))
    }

    @Test func quotesFieldsThatNeedIt() {
        var table = CSVWriter(header: ["label"])
        table.append(["a,b"])
        table.append(["say \"hi\""])
        table.append(["two\nlines"])
        table.append(["carriage\rreturn"])
        table.append(["plain 默认城市"])
        #expect(table.text == "label\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\"carriage\rreturn\"\nplain 默认城市\n")
    }

    @Test func neutralisesFormulaInjectionInText() {
        #expect(CSVCell.text("=1+1").encoded == "'=1+1")
        #expect(CSVCell.text("+33 phone").encoded == "'+33 phone")
        #expect(CSVCell.text("-2").encoded == "'-2")
        #expect(CSVCell.text("@SUM(A1)").encoded == "'@SUM(A1)")
        #expect(CSVCell.text("\tcmd").encoded == "'\tcmd")
        #expect(CSVCell.text("\rcmd").encoded == "\"'\rcmd\"")
        #expect(CSVCell.text("=HYPERLINK(\"x\",\"y\")").encoded == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
        #expect(CSVCell.text("a=b").encoded == "a=b")
        #expect(CSVCell.text("").encoded == "")
    }

    @Test func headerIsTextToo() {
        let table = CSVWriter(header: ["=evil", "ok"])
        #expect(table.text == "'=evil,ok\n")
    }

    @Test func numbersAreNeverNeutralised() {
        #expect(CSVCell.number(-2.5).encoded == "-2.5")
        #expect(CSVCell.integer(-7).encoded == "-7")
    }

    @Test func numberFormat() {
        #expect(CSVCell.number(0.1).encoded == "0.1")
        #expect(CSVCell.number(1500).encoded == "1500")
        #expect(CSVCell.number(1e-7).encoded == "1e-07")
        #expect(CSVCell.number(1.0 / 3.0).encoded == "0.3333333333333333")
        #expect(Double(CSVCell.number(1.0 / 3.0).encoded) == 1.0 / 3.0)
        #expect(CSVCell.number(2e20).encoded == "2e+20")
        #expect(CSVCell.number(-0.0).encoded == "0")
        #expect(CSVCell.number(.infinity).encoded == "inf")
        #expect(CSVCell.number(-.infinity).encoded == "-inf")
    }

    @Test func nanIsAnEmptyCell() {
        var table = CSVWriter(header: ["a", "b", "c"])
        table.append([.number(.nan), .empty, 1.5])
        #expect(table.text == "a,b,c\n,,1.5\n")
    }
}
