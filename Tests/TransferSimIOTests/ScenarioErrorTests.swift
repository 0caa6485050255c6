// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
import TransferSimCore
@testable import TransferSimIO

/// Every kind of bad scenario file gives its exact position and message.
@Suite struct ScenarioErrorTests {
    // MARK: YAML and file shape

    @Test func yamlSyntaxError() {
        #expect(scenarioErrors("name: a: b\n") == [
            "s.yaml:1:8: error: invalid YAML: mapping values are not allowed in this context",
        ])
    }

    @Test func unclosedFlowMapping() {
        let yaml = """
            policy:
              income: {inventor_share: 0.7
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:3:1: error: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 2, column 11)",
        ])
    }

    @Test func emptyFile() {
        #expect(scenarioErrors("") == ["s.yaml:1:1: error: the scenario file is empty"])
    }

    @Test func commentOnlyFile() {
        #expect(scenarioErrors("# nothing yet\n\n   # still nothing\n") == ["s.yaml:1:1: error: the scenario file is empty"])
    }

    @Test func documentMarkerOnly() {
        #expect(scenarioErrors("# draft\n---\n") == ["s.yaml:1:1: error: the scenario file is empty"])
    }

    @Test func plainTextIsNotAScenario() {
        #expect(scenarioErrors("hello world\n") == [
            "s.yaml:1:1: error: not a scenario file: expected a mapping of keys at the top level (name, description, region, policy, variants)",
        ])
    }

    @Test func listIsNotAScenario() {
        #expect(scenarioErrors("\n- name: a\n- name: b\n") == [
            "s.yaml:2:1: error: not a scenario file: expected a mapping of keys at the top level (name, description, region, policy, variants)",
        ])
    }

    @Test func secondDocument() {
        #expect(scenarioErrors("name: a\n---\nname: b\n") == [
            "s.yaml:2:1: error: a scenario file holds one YAML document; a second one starts here",
        ])
    }

    // MARK: Unknown keys

    @Test func unknownTopLevelKey() {
        #expect(scenarioErrors("name: a\npolcy:\n  poc: {slots: 3}\n") == [
            "s.yaml:2:1: error: unknown key 'polcy' at the top level; did you mean 'policy'?",
        ])
    }

    @Test func targetsMustBeAListAndFundsBelongUnderPolicy() {
        #expect(scenarioErrors("targets: {}\nfunds: []\n") == [
            "s.yaml:1:10: error: targets must be a list of conditions such as 'local_conversion_share.mean >= 0.02'",
            "s.yaml:2:1: error: unknown key 'funds' at the top level; it belongs under 'policy'",
        ])
    }

    @Test func aNewFundMustGiveItsGovernmentCommitment() {
        #expect(scenarioErrors("policy:\n  funds:\n    angle: {ticket_max: 100}\n") == [
            "s.yaml:3:5: error: unknown fund 'angle' (a new fund must give its government_commitment)",
        ])
        #expect(scenarioErrors("policy:\n  funds:\n    angel: {government_commitment: 100, tiket_max: 5}\n").first?
            .hasPrefix("s.yaml:3:41: error: unknown key 'tiket_max' in policy.funds.angel; did you mean 'ticket_max'?") == true)
    }

    @Test func policyKeyAtTopLevelSaysWhereItBelongs() {
        #expect(scenarioErrors("income: {inventor_share: 0.7}\n") == [
            "s.yaml:1:1: error: unknown key 'income' at the top level; it belongs under 'policy'",
        ])
    }

    @Test func unknownNestedKey() {
        let yaml = """
            policy:
              income:
                inventor_shar: 0.7
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:3:5: error: unknown key 'inventor_shar' in policy.income; did you mean 'inventor_share'?",
        ])
    }

    @Test func unknownKeyInFlowMapping() {
        #expect(scenarioErrors("region:\n  time: {horizon_yeras: 10}\n") == [
            "s.yaml:2:10: error: unknown key 'horizon_yeras' in region.time; did you mean 'horizon_years'?",
        ])
    }

    @Test func unknownKeyInsideVariant() {
        let yaml = """
            variants:
              more_for_inventors:
                policy:
                  income: {inventor_shar: 0.8}
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:4:16: error: unknown key 'inventor_shar' in policy.income; did you mean 'inventor_share'?",
        ])
    }

    @Test func unknownVariantKey() {
        let yaml = """
            variants:
              a:
                descriptoin: "x"
                income: {inventor_share: 0.8}
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:3:5: error: unknown key 'descriptoin' in variant 'a'; did you mean 'description'?",
            "s.yaml:4:5: error: unknown key 'income' in variant 'a'; a variant's policy settings go under 'policy:' (policy: {income: …})",
        ])
    }

    // MARK: Wrong types

    @Test func textForWholeNumber() {
        #expect(scenarioErrors("policy:\n  poc:\n    slots: abc\n") == [
            "s.yaml:3:12: error: policy.poc.slots must be a whole number in [0, 10000000], got 'abc'",
        ])
    }

    @Test func booleanForNumberAndQuotedNumber() {
        let yaml = """
            policy:
              income: {inventor_share: true, transfer_staff_share: "0.1"}
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:2:28: error: policy.income.inventor_share must be a probability in [0, 1], got 'true'",
            "s.yaml:2:56: error: policy.income.transfer_staff_share must be a probability in [0, 1], got '0.1' (in quotes it is text: remove the quotes)",
        ])
    }

    @Test func fractionForWholeNumber() {
        #expect(scenarioErrors("region: {time: {horizon_years: 2.5}}\n") == [
            "s.yaml:1:32: error: region.time.horizon_years must be a whole number in [1, 50], got 2.5",
        ])
    }

    @Test func numberForFlag() {
        #expect(scenarioErrors("policy:\n  approval: {single_list: 1}\n") == [
            "s.yaml:2:27: error: policy.approval.single_list must be true or false, got '1'",
        ])
    }

    @Test func yesIsNotABoolean() {
        #expect(scenarioErrors("policy:\n  approval: {single_list: yes}\n") == [
            "s.yaml:2:27: error: policy.approval.single_list must be true or false, got 'yes'",
        ])
    }

    @Test func badChoiceWithSuggestion() {
        #expect(scenarioErrors("policy:\n  empowerment:\n    mode: ful_ownership\n") == [
            "s.yaml:3:11: error: policy.empowerment.mode must be one of none, long_term_use, full_ownership, joint, got 'ful_ownership'; did you mean 'full_ownership'?",
        ])
    }

    @Test func emptyValue() {
        #expect(scenarioErrors("policy:\n  poc:\n    slots:\n") == [
            "s.yaml:3:11: error: policy.poc.slots must be a whole number in [0, 10000000], got nothing",
        ])
    }

    @Test func mappingWhereValueExpected() {
        #expect(scenarioErrors("policy:\n  poc:\n    slots: {low: 1}\n") == [
            "s.yaml:3:12: error: policy.poc.slots must be a whole number in [0, 10000000], got a mapping (a distribution needs a 'dist' key, e.g. {dist: uniform, low: …, high: …}); a value that changes over time is written {from_year: {1: …, 3: …}} or {ramp: {from_year: …, to_year: …, from: …, to: …}}",
        ])
        #expect(scenarioErrors("policy:\n  income:\n    inventor_share: {low: 0.1, high: 0.2}\n") == [
            "s.yaml:3:21: error: policy.income.inventor_share must be a probability in [0, 1], got a mapping (a distribution needs a 'dist' key, e.g. {dist: uniform, low: …, high: …}); a value that changes over time is written {from_year: {1: …, 3: …}} or {ramp: {from_year: …, to_year: …, from: …, to: …}}",
        ])
    }

    @Test func listWhereValueExpected() {
        #expect(scenarioErrors("policy:\n  poc:\n    slots: [1, 2]\n") == [
            "s.yaml:3:12: error: policy.poc.slots must be a whole number in [0, 10000000], got a list",
        ])
    }

    @Test func valueWhereMappingExpected() {
        #expect(scenarioErrors("region:\n  time: 10\n") == [
            "s.yaml:2:9: error: region.time must be a mapping of its settings (horizon_years, intake_years, cohort_intake_years, cohort_follow_years), got '10'",
        ])
        #expect(scenarioErrors("policy: [a, b]\n") == [
            "s.yaml:1:9: error: policy must be a mapping of its settings (income, empowerment, approval, time_limits, registration, …), got a list",
        ])
    }

    @Test func distributionWhereGroupExpected() {
        #expect(scenarioErrors("region:\n  time: {dist: uniform, low: 1, high: 2}\n") == [
            "s.yaml:2:9: error: region.time is a group of settings, not a single parameter: it cannot be a distribution",
        ])
    }

    /// A whole number may be uncertain (drawn, then rounded); the time frame may not.
    @Test func distributionForWholeNumber() throws {
        #expect(scenarioErrors("policy:\n  poc:\n    slots: {dist: uniform, low: 1, high: 5}\n").isEmpty)
        #expect(scenarioErrors("region:\n  time:\n    horizon_years: {dist: uniform, low: 5, high: 10}\n") == [
            "s.yaml:3:20: error: region.time.horizon_years cannot be a distribution: it must be a whole number in [1, 50] (the time frame is the same in every trial)",
        ])
        let scenario = try ScenarioLoader.parse(yaml: "policy:\n  poc:\n    slots: {dist: uniform, low: 1, high: 5}\n", file: "s.yaml")
        let resolved = try scenario.resolve()
        let index = try #require(resolved.catalogue.index(of: "policy.poc.slots"))
        let random = RandomSource(seed: 3)
        let draws = (0..<200).map { resolved.draw(trial: UInt32($0), random: random)[index] }
        #expect(draws.allSatisfy { $0 == $0.rounded() && (1...5).contains($0) })
        #expect(Set(draws).count == 5)
    }

    // MARK: Ranges and cross-checks

    @Test func probabilityAboveOne() {
        #expect(scenarioErrors("policy:\n  income:\n    inventor_share: 1.2\n") == [
            "s.yaml:3:21: error: policy.income.inventor_share must be a probability in [0, 1], got 1.2",
        ])
    }

    @Test func negativeCapacity() {
        #expect(scenarioErrors("policy:\n  poc:\n    slots: -3\n") == [
            "s.yaml:3:12: error: policy.poc.slots must be a whole number in [0, 10000000], got -3",
        ])
    }

    @Test func negativeQuantity() {
        #expect(scenarioErrors("region:\n  arrivals: {annual_disclosures: -800}\n") == [
            "s.yaml:2:34: error: region.arrivals.annual_disclosures must be a number in [0, 1000000], got -800",
        ])
    }

    @Test func incomeSharesAboveOne() {
        let yaml = """
            policy:
              income:
                inventor_share: 0.9
                transfer_staff_share: 0.2
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:3:21: error: income shares sum above 1: policy.income.inventor_share + policy.income.transfer_staff_share + policy.income.office_retention can reach 1.1",
        ])
    }

    @Test func incomeSharesAboveOneOnlyInVariant() {
        let yaml = """
            policy:
              income: {inventor_share: 0.7, transfer_staff_share: 0.2}
            variants:
              generous:
                policy:
                  income: {inventor_share: 0.9}
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:6:32: error: in variant 'generous': income shares sum above 1: policy.income.inventor_share + policy.income.transfer_staff_share + policy.income.office_retention can reach 1.1",
        ])
    }

    @Test func distributionReachingAboveOneCountsInTheSharesCheck() {
        let yaml = """
            policy:
              income:
                inventor_share: {dist: uniform, low: 0.5, high: 0.97}
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:3:21: error: income shares sum above 1: policy.income.inventor_share + policy.income.transfer_staff_share + policy.income.office_retention can reach 1.02",
        ])
    }

    // MARK: Distributions

    @Test func unknownDistribution() {
        #expect(scenarioErrors("policy:\n  income:\n    inventor_share: {dist: unifrom, low: 0.5, high: 0.9}\n") == [
            "s.yaml:3:28: error: unknown distribution 'unifrom'; did you mean 'uniform'? (known: uniform, triangular, normal, lognormal, beta, discrete)",
        ])
    }

    @Test func missingDistributionField() {
        #expect(scenarioErrors("policy:\n  income:\n    inventor_share: {dist: triangular, low: 0.5, high: 0.9}\n") == [
            "s.yaml:3:21: error: the triangular distribution of policy.income.inventor_share needs 'mode' (it takes low, mode, high)",
        ])
    }

    @Test func unknownDistributionField() {
        #expect(scenarioErrors("policy:\n  income:\n    inventor_share: {dist: uniform, low: 0.5, hihg: 0.9}\n") == [
            "s.yaml:3:21: error: the uniform distribution of policy.income.inventor_share needs 'high' (it takes low, high)",
            "s.yaml:3:47: error: unknown key 'hihg' in the uniform distribution of policy.income.inventor_share; did you mean 'high'? (it takes low, high)",
        ])
    }

    @Test func lowAboveHigh() {
        #expect(scenarioErrors("policy:\n  income:\n    inventor_share: {dist: uniform, low: 0.9, high: 0.5}\n") == [
            "s.yaml:3:21: error: policy.income.inventor_share: uniform needs low <= high (got low 0.9, high 0.5)",
        ])
    }

    @Test func supportOutsideTheRange() {
        #expect(scenarioErrors("policy:\n  income:\n    inventor_share: {dist: uniform, low: 0.5, high: 1.5}\n") == [
            "s.yaml:3:21: error: policy.income.inventor_share: the distribution reaches 0.5…1.5, outside the allowed range (a probability in [0, 1])",
        ])
    }

    @Test func nonNumericDistributionField() {
        #expect(scenarioErrors("region:\n  arrivals:\n    annual_disclosures: {dist: normal, mean: lots, sd: 50}\n") == [
            "s.yaml:3:46: error: 'mean' of the normal distribution of region.arrivals.annual_disclosures must be a number, got 'lots'",
        ])
    }

    @Test func malformedDiscreteDistribution() {
        let yaml = """
            region:
              arrivals:
                annual_disclosures:
                  dist: discrete
                  values: 800
                  weights: [1, x]
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:5:15: error: 'values' of the discrete distribution of region.arrivals.annual_disclosures must be a list of numbers such as [1, 2, 3], got '800'",
            "s.yaml:6:20: error: each of 'weights' of the discrete distribution of region.arrivals.annual_disclosures must be a number, got 'x'",
        ])
    }

    @Test func discreteWithMismatchedWeights() {
        #expect(scenarioErrors("region:\n  arrivals:\n    annual_disclosures: {dist: discrete, values: [600, 800], weights: [1]}\n") == [
            "s.yaml:3:25: error: region.arrivals.annual_disclosures: discrete needs as many weights as values",
        ])
    }

    // MARK: Repeated keys

    @Test func duplicateKeyNamesBothLines() {
        let yaml = """
            name: a
            policy:
              income:
                inventor_share: 0.6
                transfer_staff_share: 0.1
                inventor_share: 0.7
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:6:5: error: duplicate key 'inventor_share' in policy.income: first at line 4, again at line 6",
        ])
    }

    @Test func duplicateKeysEverywhereAreAllReported() {
        let yaml = """
            name: a
            name: b
            policy:
              poc: {slots: 1, slots: 2}
              poc: {slots: 3}
            variants:
              v: {}
              "v": {}
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:2:1: error: duplicate key 'name' at the top level: first at line 1, again at line 2",
            "s.yaml:4:19: error: duplicate key 'slots' in policy.poc: first at line 4, column 9, again at column 19",
            "s.yaml:5:3: error: duplicate key 'poc' in policy: first at line 4, again at line 5",
            "s.yaml:8:3: error: duplicate key 'v' in variants: first at line 7, again at line 8",
        ])
    }

    @Test func tripleKey() {
        #expect(scenarioErrors("name: a\nname: b\nname: c\n") == [
            "s.yaml:2:1: error: duplicate key 'name' at the top level: first at line 1, again at line 2",
            "s.yaml:3:1: error: duplicate key 'name' at the top level: first at line 1, again at line 3",
        ])
    }

    @Test func duplicateKeyWithAnAnchor() {
        #expect(scenarioErrors("&first name: a\nname: b\n") == [
            "s.yaml:2:1: error: duplicate key 'name' at the top level: first at line 1, again at line 2",
        ])
    }

    @Test func duplicateComplexKey() {
        #expect(scenarioErrors("? [a]\n: 1\n? [a]\n: 2\n") == [
            "s.yaml:1:3: error: duplicate key: each key may appear only once in a mapping",
        ])
    }

    @Test func dottedKeysAreNotPaths() {
        #expect(scenarioErrors("policy.income.inventor_share: 0.3\npolicy: {poc.slots: 2}\n") == [
            "s.yaml:1:1: error: key 'policy.income.inventor_share' holds a dot: keys are single names, so write a dotted path as nested keys (policy: {income: {inventor_share: …}})",
            "s.yaml:2:10: error: key 'poc.slots' holds a dot: keys are single names, so write a dotted path as nested keys (poc: {slots: …})",
        ])
    }

    @Test func keyOfTheWrongLevelSuggestsItsPath() {
        #expect(scenarioErrors("policy: {inventor_share: 0.3}\n") == [
            "s.yaml:1:10: error: unknown key 'inventor_share' in policy; did you mean 'policy.income.inventor_share'?",
        ])
    }

    @Test func otherProblemsAreStillReportedBesideADuplicate() {
        #expect(scenarioErrors("name: a\nname: b\npolicy: {poc: {slots: -1}}\n") == [
            "s.yaml:2:1: error: duplicate key 'name' at the top level: first at line 1, again at line 2",
            "s.yaml:3:23: error: policy.poc.slots must be a whole number in [0, 10000000], got -1",
        ])
    }

    // MARK: Fields and variants

    @Test func unknownFieldWithoutShare() {
        let yaml = """
            region:
              fields:
                biomedecine: {local_fit: 0.4}
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:3:5: error: unknown field 'biomedecine'; did you mean 'biomedicine'? (a new field must give its share)",
        ])
    }

    @Test func newFieldWithoutShareAndNoLookAlike() {
        #expect(scenarioErrors("region:\n  fields:\n    marine:\n") == [
            "s.yaml:3:5: error: unknown field 'marine' (a new field must give its share)",
        ])
    }

    @Test func fieldNameWithADot() {
        #expect(scenarioErrors("region:\n  fields:\n    sea.bed: {share: 0.1}\n") == [
            "s.yaml:3:5: error: field name 'sea.bed' must not contain '.', spaces or control characters",
        ])
    }

    @Test func variantCannotChangeRegion() {
        let yaml = """
            variants:
              bigger_city:
                region:
                  arrivals: {annual_disclosures: 2000}
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:3:5: error: variant 'bigger_city' cannot set region: variants change policy only (set region values for the whole scenario at the top level)",
        ])
    }

    @Test func variantNamedBaseline() {
        #expect(scenarioErrors("variants:\n  baseline:\n    policy: {poc: {slots: 3}}\n") == [
            "s.yaml:2:3: error: 'baseline' names the scenario's own policy: choose another name for this variant",
        ])
    }

    @Test func variantsAsAList() {
        #expect(scenarioErrors("variants:\n  - a\n  - b\n") == [
            "s.yaml:2:3: error: variants must be a mapping from each variant's name to its policy changes, got a list",
        ])
    }

    @Test func nameMustBeText() {
        #expect(scenarioErrors("name: {first: a}\n") == ["s.yaml:1:7: error: name must be text, got a mapping"])
    }

    @Test func allProblemsAreReportedInFileOrder() {
        let yaml = """
            name: x
            polcy: {}
            region:
              time: {horizon_years: 0}
            policy:
              poc: {slots: many}
              approval: {single_list: maybe}
            """
        #expect(scenarioErrors(yaml) == [
            "s.yaml:2:1: error: unknown key 'polcy' at the top level; did you mean 'policy'?",
            "s.yaml:4:25: error: region.time.horizon_years must be a whole number in [1, 50], got 0",
            "s.yaml:6:16: error: policy.poc.slots must be a whole number in [0, 10000000], got 'many'",
            "s.yaml:7:27: error: policy.approval.single_list must be true or false, got 'maybe'",
        ])
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(scenarioErrors("name: \"默认城市\"\npolicy: {poc: {slots: 多}}\n") == [
            "s.yaml:2:23: error: policy.poc.slots must be a whole number in [0, 10000000], got '多'",
        ])
    }
}
