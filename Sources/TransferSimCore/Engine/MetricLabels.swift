// SPDX-License-Identifier: GPL-3.0-or-later

/// A metric's readable name in English and Chinese, for tables that policy staff read (the
/// workbook, `metrics.csv`). The catalogue's `name` stays the key every table uses.
public struct MetricLabels: Sendable, Equatable {
    public let en: String
    public let zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }
}

extension Metric {
    /// The metric's labels (every metric has both; `MetricLabelTests` checks the catalogue).
    public var labels: MetricLabels {
        Self.labelTable[name] ?? MetricLabels(en: name, zh: name)
    }

    /// English and Chinese labels by metric name.
    static let labelTable: [String: MetricLabels] = [
        "disclosed": .init(en: "Results disclosed", zh: "披露成果"),
        "converted_local": .init(en: "Local conversions", zh: "本地转化"),
        "converted_elsewhere": .init(en: "Conversions elsewhere (outflow)", zh: "异地转化（外流）"),
        "failed_technical": .init(en: "Technical failures", zh: "技术失败"),
        "abandoned": .init(en: "Results abandoned", zh: "放弃"),
        "in_progress": .init(en: "Still in progress", zh: "在途"),
        "conversion_share": .init(en: "Conversion share", zh: "转化率"),
        "local_conversion_share": .init(en: "Local conversion share", zh: "本地转化率"),
        "outflow_share": .init(en: "Outflow share", zh: "外流率"),
        "converted_within_3y_share": .init(en: "Converted within 3 years", zh: "三年内转化率"),
        "cohort_conversion_share": .init(en: "Cohort conversion share", zh: "队列转化率"),
        "cohort_local_conversion_share": .init(en: "Cohort local conversion share", zh: "队列本地转化率"),
        "months_to_conversion_median": .init(en: "Median months to conversion", zh: "转化周期中位数"),
        "months_to_conversion_mean": .init(en: "Mean months to conversion", zh: "平均转化周期"),
        "contracts": .init(en: "Contracts signed", zh: "合同数"),
        "contracts_local": .init(en: "Contracts signed locally", zh: "本地签约"),
        "contracts_elsewhere": .init(en: "Contracts signed elsewhere", zh: "异地签约"),
        "contracts_transfer": .init(en: "Transfer contracts", zh: "转让合同"),
        "contracts_licence": .init(en: "Licence contracts", zh: "许可合同"),
        "contracts_equity": .init(en: "Equity contracts", zh: "作价投资合同"),
        "contract_value_total": .init(en: "Contract value", zh: "合同金额"),
        "contract_value_transfer": .init(en: "Transfer contract value", zh: "转让合同金额"),
        "contract_value_licence": .init(en: "Licence contract value", zh: "许可合同金额"),
        "contract_value_equity": .init(en: "Equity contract value", zh: "作价投资金额"),
        "contract_value_top10_share": .init(en: "Top 10 % contracts' share of value", zh: "前10%合同金额占比"),
        "ip_income_total": .init(en: "IP income", zh: "成果转化收入"),
        "inventor_income": .init(en: "Inventor income", zh: "发明人收入"),
        "transfer_staff_income": .init(en: "Transfer staff income", zh: "转化人员收入"),
        "institution_income": .init(en: "Institution income", zh: "单位收入"),
        "broker_income": .init(en: "Broker commissions", zh: "技术经纪人佣金"),
        "firm_income": .init(en: "Local licensees' net revenue", zh: "本地被许可企业净收入"),
        "fiscal_cost_total": .init(en: "Fiscal spending (net)", zh: "财政支出"),
        "fiscal_poc_grants": .init(en: "Proof-of-concept grants", zh: "概念验证资助"),
        "fiscal_pilot_subsidies": .init(en: "Pilot subsidies", zh: "中试补贴"),
        "fiscal_local_subsidies": .init(en: "Local-conversion subsidies", zh: "本地转化补助"),
        "local_subsidy_deadweight": .init(en: "Deadweight of local subsidies", zh: "本地转化补助无谓支出"),
        "fiscal_loan_interest_subsidies": .init(en: "Loan interest subsidies", zh: "贷款贴息"),
        "fiscal_risk_compensation": .init(en: "Risk compensation payouts", zh: "风险补偿支出"),
        "fiscal_institution_rewards": .init(en: "Rewards to institutions", zh: "单位转化奖励"),
        "fiscal_fund_contributions": .init(en: "Government fund contributions", zh: "政府基金出资"),
        "fiscal_equity_proceeds": .init(en: "Government fund proceeds", zh: "政府基金回收"),
        "fiscal_cost_per_local_conversion": .init(en: "Fiscal cost per local conversion", zh: "每项本地转化财政成本"),
        "private_capital_per_fiscal_yuan": .init(en: "Private capital per fiscal yuan", zh: "每元财政撬动社会资本"),
        "government_equity_nav": .init(en: "Government equity NAV", zh: "政府股权净值"),
        "private_capital_invested": .init(en: "Private venture capital invested", zh: "社会资本投资额"),
        "ventures_created": .init(en: "Ventures created", zh: "新创企业"),
        "spinoff_share": .init(en: "Spin-off share", zh: "衍生企业占比"),
        "spinoff_share_after_poc": .init(en: "Spin-off share after PoC", zh: "概念验证后创业占比"),
        "ventures_alive": .init(en: "Ventures alive", zh: "存续企业"),
        "ventures_exited": .init(en: "Ventures exited", zh: "退出企业"),
        "ventures_failed": .init(en: "Ventures failed", zh: "失败企业"),
        "ventures_raised_seed": .init(en: "Ventures that raised seed", zh: "获种子轮企业"),
        "ventures_raised_a": .init(en: "Ventures that raised series A", zh: "获A轮企业"),
        "ventures_on_market": .init(en: "Ventures on the market here", zh: "本地上市销售企业"),
        "ventures_relocated": .init(en: "Ventures relocated", zh: "外迁企业"),
        "months_to_seed_mean": .init(en: "Mean months to seed round", zh: "平均获种子轮月数"),
        "months_to_market_mean": .init(en: "Mean months to market", zh: "平均上市销售月数"),
        "months_to_exit_mean": .init(en: "Mean months to exit", zh: "平均退出月数"),
        "months_to_failure_mean": .init(en: "Mean months to failure", zh: "平均失败月数"),
        "loans_granted": .init(en: "Technology loans granted", zh: "科技贷款笔数"),
        "bridge_loans": .init(en: "Bridge loans", zh: "过桥贷款笔数"),
        "firm_loans_granted": .init(en: "Technology loans to firms", zh: "企业科技贷款笔数"),
        "poc_started": .init(en: "PoC projects started", zh: "概念验证项目启动"),
        "poc_completed": .init(en: "PoC completed", zh: "概念验证完成"),
        "poc_wait_months_mean": .init(en: "Mean wait for a PoC slot", zh: "概念验证平均等待"),
        "unproven_proceeds": .init(en: "Proceeded without PoC", zh: "未经概念验证推进"),
        "concept_work_by_adopter": .init(en: "Concept proven by the adopter", zh: "由承接方自行完成概念验证"),
        "pilot_started": .init(en: "Pilots started", zh: "中试启动"),
        "pilot_wait_months_mean": .init(en: "Mean wait for a pilot slot", zh: "中试平均等待"),
        "pilots_self_funded": .init(en: "Self-funded pilots", zh: "自费中试"),
        "unpiloted_proceeds": .init(en: "Proceeded without a pilot", zh: "未经中试推进"),
        "pilot_retained_local": .init(en: "Retained by a local pilot", zh: "因本地中试留下"),
        "land_allocated_mu": .init(en: "Land allocated", zh: "供地"),
        "land_wait_months_mean": .init(en: "Mean wait for land", zh: "平均等地月数"),
        "land_relocations": .init(en: "Relocations for lack of land", zh: "因缺地外迁"),
        "land_stalls": .init(en: "Abandoned for lack of land", zh: "因缺地放弃"),
        "budget_binding_months": .init(en: "Months the fiscal envelope binds", zh: "财政总额约束月数"),
        "budget_unspent": .init(en: "Fiscal envelope unspent", zh: "财政总额未用额度"),
        "budget_binding_months_poc_grants": .init(en: "Months the envelope cut PoC grants", zh: "概念验证资助受总额约束月数"),
        "budget_binding_months_pilot_subsidies": .init(en: "Months the envelope cut pilot subsidies", zh: "中试补贴受总额约束月数"),
        "budget_binding_months_local_subsidies": .init(en: "Months the envelope cut local subsidies", zh: "本地转化补助受总额约束月数"),
        "budget_binding_months_institution_rewards": .init(en: "Months the envelope cut institution rewards", zh: "单位奖励受总额约束月数"),
        "budget_binding_months_loan_interest_subsidies": .init(en: "Months the envelope cut loan interest subsidies", zh: "贷款贴息受总额约束月数"),
        "budget_binding_months_risk_compensation": .init(en: "Months the envelope cut risk compensation", zh: "风险补偿受总额约束月数"),
        "budget_unspent_poc_grants": .init(en: "PoC grant allowance unspent", zh: "概念验证资助未用额度"),
        "budget_unspent_pilot_subsidies": .init(en: "Pilot subsidy allowance unspent", zh: "中试补贴未用额度"),
        "budget_unspent_local_subsidies": .init(en: "Local subsidy allowance unspent", zh: "本地转化补助未用额度"),
        "budget_unspent_institution_rewards": .init(en: "Institution reward allowance unspent", zh: "单位奖励未用额度"),
    ]
}

extension YearlyMetric {
    /// The yearly flow's labels (`timeseries.csv`): "… per year".
    public var labels: MetricLabels {
        switch self {
        case .convertedLocal: return .init(en: "Local conversions per year", zh: "年度本地转化")
        case .convertedElsewhere: return .init(en: "Conversions elsewhere per year", zh: "年度异地转化")
        case .contracts: return .init(en: "Contracts signed per year", zh: "年度合同数")
        case .contractValue: return .init(en: "Contract value per year", zh: "年度合同金额")
        case .fiscalCost: return .init(en: "Fiscal spending per year", zh: "年度财政支出")
        case .inventorIncome: return .init(en: "Inventor income per year", zh: "年度发明人收入")
        case .institutionIncome: return .init(en: "Institution income per year", zh: "年度单位收入")
        case .venturesCreated: return .init(en: "Ventures created per year", zh: "年度新创企业")
        case .landAllocatedMu: return .init(en: "Land allocated per year", zh: "年度供地")
        case .cumulativeFiscalCost: return .init(en: "Fiscal spending to date", zh: "累计财政支出")
        case .cumulativeConvertedLocal: return .init(en: "Local conversions to date", zh: "累计本地转化")
        }
    }

    /// The yearly flow's unit.
    public var unit: String {
        switch self {
        case .convertedLocal, .convertedElsewhere, .cumulativeConvertedLocal: return "results"
        case .contracts: return "contracts"
        case .venturesCreated: return "ventures"
        case .landAllocatedMu: return "亩"
        case .contractValue, .fiscalCost, .inventorIncome, .institutionIncome, .cumulativeFiscalCost: return "万元"
        }
    }
}

extension FundMetric {
    /// The fund metric's labels.
    public var labels: MetricLabels {
        switch self {
        case .paidIn: return .init(en: "Paid-in capital", zh: "实缴出资")
        case .distributions: return .init(en: "Distributions", zh: "分配")
        case .nav: return .init(en: "NAV at the horizon", zh: "期末净值")
        case .dpi: return .init(en: "DPI", zh: "已分配倍数 DPI")
        case .rvpi: return .init(en: "RVPI", zh: "剩余价值倍数 RVPI")
        case .tvpi: return .init(en: "TVPI", zh: "总价值倍数 TVPI")
        case .irr: return .init(en: "IRR", zh: "内部收益率 IRR")
        case .irrUndefined: return .init(en: "IRR undefined", zh: "IRR无定义")
        case .netCost: return .init(en: "Net cost", zh: "净成本")
        case .deals: return .init(en: "Deals", zh: "投资项目数")
        case .followOns: return .init(en: "Follow-on investments", zh: "追加投资")
        case .grossMoic: return .init(en: "Gross MOIC", zh: "毛投资回报倍数")
        case .lossRatio: return .init(en: "Loss ratio", zh: "亏损比例")
        case .managementFees: return .init(en: "Management fees", zh: "管理费")
        case .carry: return .init(en: "Carried interest", zh: "业绩报酬")
        case .privatePerFiscalYuan: return .init(en: "Private capital per fiscal yuan", zh: "每元财政撬动社会出资")
        case .firstLossPaid: return .init(en: "First-loss cover paid", zh: "劣后兜底支出")
        case .buybackExercised: return .init(en: "Buy-back exercised", zh: "行使回购")
        case .localReinvestment: return .init(en: "Local reinvestment multiple", zh: "返投倍数")
        case .pipelineDeals: return .init(en: "Deals from the pipeline", zh: "本地成果投资项目")
        case .outsideDeals: return .init(en: "Deals outside the pipeline", zh: "外部投资项目")
        case .pipelineMoic: return .init(en: "Pipeline deals' MOIC", zh: "本地成果项目回报倍数")
        case .outsideMoic: return .init(en: "Outside deals' MOIC", zh: "外部项目回报倍数")
        case .undeployedShare: return .init(en: "Undeployed share", zh: "未投出比例")
        }
    }
}

extension LPClass {
    /// The LP class's labels.
    public var labels: MetricLabels {
        switch self {
        case .government: return .init(en: "government LP", zh: "政府出资")
        case .private: return .init(en: "private LPs", zh: "社会出资")
        case .gross: return .init(en: "gross (deals)", zh: "项目毛回报")
        }
    }
}
