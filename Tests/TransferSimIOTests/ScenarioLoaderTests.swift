// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
@testable import TransferSimIO

/// Good scenario files, and reading from disk.
@Suite struct ScenarioLoaderTests {
    static let example = """
        # An example scenario, with the brief's features.
        name: "Default city (默认城市)"
        description: "A mid-sized city"
        region:
          time: {horizon_years: 12}
          arrivals:
            annual_disclosures: {dist: triangular, low: 600, mode: 800, high: 1000}   # drawn once per trial
          fields:
            biomedicine: {share: 0.18, local_fit: 0.3}
            marine: {share: 0.05}
        policy:
          income: {inventor_share: 0.7, transfer_staff_share: 0.05}
          empowerment: {mode: full_ownership}
          approval: {single_list: true}
          poc:
            slots: 1_000
        variants:
          land_release:
            description: "Release 300 亩 a year"
            policy:
              income: {inventor_share: 0.8}
          no_single_list:
            policy:
              approval:
                single_list: false
        """

    @Test func readsTheExample() throws {
        let s = try scenario(Self.example)
        #expect(s.name == "Default city (默认城市)")
        #expect(s.description == "A mid-sized city")
        #expect(s.file == "s.yaml")
        #expect(s.addedFields == ["marine"])
        #expect(s.settings["region.time.horizon_years"]?.value == .number(12))
        #expect(s.settings["region.arrivals.annual_disclosures"]?.value
            == .distribution(.triangular(low: 600, mode: 800, high: 1000)))
        #expect(s.settings["region.fields.biomedicine.share"]?.value == .number(0.18))
        #expect(s.settings["region.fields.marine.share"]?.value == .number(0.05))
        #expect(s.settings["policy.income.inventor_share"]?.value == .number(0.7))
        #expect(s.settings["policy.empowerment.mode"]?.value == .number(2))
        #expect(s.settings["policy.approval.single_list"]?.value == .number(1))
        #expect(s.settings["policy.poc.slots"]?.value == .number(1000))
        #expect(s.settings.count == 10)
    }

    @Test func recordsOrigins() throws {
        let s = try scenario(Self.example)
        #expect(s.settings["region.time.horizon_years"]?.origin == Origin(file: "s.yaml", line: 5, column: 25))
        #expect(s.settings["region.arrivals.annual_disclosures"]?.origin == Origin(file: "s.yaml", line: 7, column: 25))
        #expect(s.settings["policy.poc.slots"]?.origin == Origin(file: "s.yaml", line: 16, column: 12))
        let resolved = try s.resolve()
        #expect(resolved.origin(of: "policy.income.inventor_share") == Origin(file: "s.yaml", line: 12, column: 28))
        #expect(resolved.origin(of: "policy.income.transfer_staff_share") == Origin(file: "s.yaml", line: 12, column: 55))
        #expect(resolved.origin(of: "region.fields.agriculture.share") == nil)
    }

    @Test func readsVariants() throws {
        let s = try scenario(Self.example)
        #expect(s.policyNames == ["baseline", "land_release", "no_single_list"])
        let land = try #require(s.variants.first)
        #expect(land.description == "Release 300 亩 a year")
        #expect(land.settings.count == 1)
        #expect(land.settings["policy.income.inventor_share"]
            == ParameterSetting(.number(0.8), origin: Origin(file: "s.yaml", line: 21, column: 32)))
        #expect(s.variants[1].description == "")
        #expect(s.variants[1].settings["policy.approval.single_list"]?.value == .number(0))

        let resolved = try s.resolve(policy: "land_release")
        #expect(resolved.policyName == "land_release")
        #expect(resolved["policy.income.inventor_share"] == .number(0.8))
        #expect(resolved["policy.approval.single_list"] == .number(1))
    }

    @Test func everyDistributionForm() throws {
        let yaml = """
            region:
              arrivals:
                annual_disclosures:
                  dist: discrete
                  values: [600, 800, 1000]
                  weights: [1, 2, 1]
              fields:
                new_materials: {local_fit: {dist: beta, a: 2, b: 5}}
                biomedicine: {share: {dist: triangular, low: 0.1, mode: 0.2, high: 0.4}, local_fit: {dist: normal, mean: 0.3, sd: 0.1}}
            policy:
              income:
                inventor_share: {dist: uniform, low: 0.5, high: 0.9}
            """
        let s = try scenario(yaml)
        #expect(s.settings["region.arrivals.annual_disclosures"]?.value
            == .distribution(.discrete(values: [600, 800, 1000], weights: [1, 2, 1])))
        #expect(s.settings["region.arrivals.annual_disclosures"]?.origin == Origin(file: "s.yaml", line: 4, column: 7))
        #expect(s.settings["region.fields.new_materials.local_fit"]?.value == .distribution(.beta(a: 2, b: 5)))
        #expect(s.settings["region.fields.biomedicine.share"]?.value == .distribution(.triangular(low: 0.1, mode: 0.2, high: 0.4)))
        #expect(s.settings["region.fields.biomedicine.local_fit"]?.value == .distribution(.normal(mean: 0.3, sd: 0.1)))
        #expect(s.settings["policy.income.inventor_share"]?.value == .distribution(.uniform(low: 0.5, high: 0.9)))
        #expect(try s.resolve().hasDistributions)
    }

    @Test func lognormalIsTruncatedToTheRangeAndItsMedianChecked() throws {
        // A lognormal is unbounded above: it is accepted and truncated to the parameter's range, as
        // long as its median lies inside the range.
        let s = try scenario("region:\n  fields:\n    energy: {share: {dist: lognormal, median: 0.2, sigma: 0.3}}\n")
        #expect(s.settings["region.fields.energy.share"]?.value == .distribution(.lognormal(median: 0.2, sigma: 0.3)))
        #expect(scenarioErrors("region:\n  fields:\n    energy: {local_fit: {dist: lognormal, median: 2, sigma: 0.3}}\n") == [
            "s.yaml:3:25: error: region.fields.energy.local_fit: the lognormal's median 2 is outside the allowed range (a probability in [0, 1])",
        ])
    }

    @Test func nameDefaultsToTheFileName() throws {
        let s = try ScenarioLoader.parse(yaml: "policy: {poc: {slots: 3}}\n", file: "Scenarios/harbour-city.yaml")
        #expect(s.name == "harbour-city")
        #expect(s.description == "")
    }

    @Test func emptyGroupsAndVariantsAreAllowed() throws {
        let s = try scenario("name: plain\nregion:\n  # nothing changed yet\npolicy: {}\nvariants:\n")
        #expect(s.settings.isEmpty)
        #expect(s.variants.isEmpty)
    }

    @Test func numbersInTheirUsualForms() throws {
        let s = try scenario("region:\n  arrivals: {annual_disclosures: 1.5e3}\n  fields: {energy: {local_fit: .25}}\n")
        #expect(s.settings["region.arrivals.annual_disclosures"]?.value == .number(1500))
        #expect(s.settings["region.fields.energy.local_fit"]?.value == .number(0.25))
    }

    @Test func parsedScenarioResolvesForEveryPolicy() throws {
        let s = try scenario(Self.example)
        for name in s.policyNames {
            let resolved = try s.resolve(policy: name)
            #expect(resolved.catalogue.fields.contains("marine"))
        }
    }

    // MARK: Files on disk

    @Test func loadsAFileAndHashesIt() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/city.yaml"
        try Self.example.write(toFile: path, atomically: false, encoding: .utf8)
        let (loaded, digest) = try ScenarioLoader.loadWithDigest(path: path)
        #expect(loaded.name == "Default city (默认城市)")
        #expect(loaded.file == path)
        #expect(digest == SHA256.hex(of: Array(Self.example.utf8)))
        #expect(try ScenarioLoader.load(path: path).settings.count == 10)
    }

    @Test func errorsFromAFileNameIt() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/bad.yaml"
        try "policy:\n  poc: {slots: -3}\n".write(toFile: path, atomically: false, encoding: .utf8)
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        #expect(error?.category == .invalid)
        #expect(error?.description == "\(path):2:16: error: policy.poc.slots must be a whole number in [0, 10000000], got -3")
    }

    @Test func missingFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/nowhere.yaml"
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        #expect(error?.category == .missingFile)
        #expect(error?.description == "error: cannot read '\(path)': no such file")
    }

    @Test func folderInsteadOfFile() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: folder.path) }
        #expect(error?.category == .missingFile)
        #expect(error?.description == "error: cannot read '\(folder.path)': is a directory")
    }

    @Test func binaryFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/model.bin"
        let bytes: [UInt8] = Array("name: x\n".utf8) + [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        #expect(error?.category == .invalid)
        #expect(error?.description == "\(path):2:1: error: not a UTF-8 text file: invalid byte 0x89 at byte 9 (is it a binary file?)")
    }

    @Test func nulByte() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/nul.yaml"
        try Data([0x61, 0x3A, 0x20, 0x00]).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        #expect(error?.description == "\(path):1:4: error: not a text file: it contains a NUL byte at byte 4 (is it a binary file?)")
    }

    @Test func utf16File() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/utf16.yaml"
        try "name: x\n".write(toFile: path, atomically: false, encoding: .utf16LittleEndian)
        let bom = try Data([0xFF, 0xFE]) + Data(contentsOf: URL(fileURLWithPath: path))
        try bom.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        #expect(error?.description == "\(path):1:1: error: not a UTF-8 text file: it starts with a UTF-16 byte order mark (save it as UTF-8)")
    }

    @Test func controlCharacter() {
        #expect(scenarioErrors("name: a\ndescription: b\u{7}\n") == [
            "s.yaml:2:15: error: invalid text: control characters are not allowed",
        ])
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let text = try ScenarioLoader.decodeText([0xEF, 0xBB, 0xBF] + Array("name: x\n".utf8), file: "b.yaml")
        #expect(try ScenarioLoader.parse(yaml: text, file: "b.yaml").name == "x")
    }
}

/// A fresh folder under the system's temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "transfersim-io-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
