// SPDX-License-Identifier: GPL-3.0-or-later

/// The Chinese label of every scenario parameter, for `params --lang zh`, the report and the
/// workbook: short policy terms (科技成果转化 as the seed documents write it: 概念验证, 中试,
/// 先投后股, 先使用后付费, 风险补偿, 职务科技成果赋权, …), shown beside the dotted path, which stays the
/// exact key.
///
/// Parameters that repeat per field of research, source, venture round, TRL level or fund are
/// labelled once with the member's name put in (`region.fields.<field>.local_fit` → 「新材料领域本地
/// 产业匹配概率」). A field or fund a scenario adds keeps its own name in the label. A test over the
/// whole catalogue fails on any parameter without a label, so a new parameter needs one here.
public enum ParameterLabels {
    /// The Chinese label of `path`, or `nil` when the catalogue's parameter has none yet.
    public static func chinese(_ path: String) -> String? {
        if let label = fixed[path] { return label }
        let parts = path.split(separator: ".").map(String.init)
        guard parts.count >= 3 else { return nil }
        let key = parts.dropFirst(3).joined(separator: ".")
        switch (parts[0], parts[1]) {
        case ("region", "fields"):
            return perField[key].map { $0.replacingOccurrences(of: "{}", with: fieldName(parts[2])) }
        case ("region", "sources"):
            return perSource[key].map { $0.replacingOccurrences(of: "{}", with: sourceName(parts[2])) }
        case ("region", "venture") where parts.count == 4:
            return perRound[parts[3]].map { $0.replacingOccurrences(of: "{}", with: roundName(parts[2])) }
        case ("region", "achievements") where parts.count == 4 && parts[2] == "trl_weights":
            guard parts[3].hasPrefix("trl"), let level = Int(parts[3].dropFirst(3)) else { return nil }
            return "披露时技术成熟度 \(level) 级的权重"
        case ("policy", "funds"):
            return perFund[key].map { $0.replacingOccurrences(of: "{}", with: fundName(parts[2])) }
        default:
            return nil
        }
    }

    /// A field of research in Chinese (a field a scenario adds keeps its own name).
    public static func fieldName(_ field: String) -> String {
        [
            "new_materials": "新材料", "biomedicine": "生物医药", "advanced_equipment": "高端装备",
            "digital_it": "电子信息", "agriculture": "现代农业", "energy": "新能源",
        ][field] ?? field
    }

    static func sourceName(_ source: String) -> String {
        ["university": "高校", "institute": "科研院所", "enterprise": "企业", "new_rd": "新型研发机构"][source] ?? source
    }

    static func roundName(_ round: String) -> String {
        ["seed": "种子轮", "series_a": "A 轮", "series_b": "B 轮"][round] ?? round
    }

    /// A fund in Chinese: the default seed fund by name, another fund by its id.
    public static func fundName(_ fund: String) -> String {
        fund == "seed" ? "种子基金" : "基金 \(fund) "
    }

    private static let perField: [String: String] = [
        "share": "{}领域成果占比（权重）",
        "local_fit": "{}成果与本地产业匹配的概率",
        "needs_land": "{}成果产业化需要工业用地的概率",
        "land_mu": "{}成果产业化所需用地",
        "technical_odds": "{}领域技术成功率的几率倍数",
        "spinoff_multiplier": "{}成果衍生创办企业概率倍数",
    ]

    private static let perSource: [String: String] = [
        "share": "来自{}的成果占比（权重）",
        "needs_approval": "{}成果转化须经国有资产审批",
        "intent_multiplier": "{}成果启动转化的意愿倍数",
        "spinoff_multiplier": "{}成果衍生创办企业概率倍数",
    ]

    private static let perRound: [String: String] = [
        "graduation_probability": "{}融资成功概率（平均质量、资本充足时）",
        "duration_median_months": "{}融资完成时间中位数",
        "size": "{}融资规模",
        "pre_money": "{}投前估值",
        "private_availability": "{}社会资本可得性（政府基金之外）",
    ]

    private static let perFund: [String: String] = [
        "government_commitment": "{}政府出资认缴额（0 = 不设基金）",
        "private_commitment": "{}拟募集社会资本认缴额",
        "start_month": "{}首次关账月份",
        "investment_period_years": "{}投资期",
        "term_years": "{}存续期（不含延长期）",
        "extension_years": "{}延长期",
        "management_fee": "{}投资期管理费率（年）",
        "management_fee_after": "{}退出期管理费率（年）",
        "carry": "{}管理人业绩报酬（carry）比例",
        "hurdle_rate": "{}门槛收益率（年）",
        "hurdle_compounding": "{}门槛收益按复利计算",
        "catch_up": "{}管理人追补（catch-up）比例",
        "waterfall": "{}收益分配方式（整体先回本 / 逐项目分配）",
        "ticket_max": "{}单轮最大投资额",
        "max_share_of_round": "{}占单轮融资的最高比例",
        "cover": "{}补位投资概率（社会资本不足时）",
        "follow_on_reserve": "{}后续投资预留比例",
        "pipeline_reserve": "{}新增投资中预留给科技成果转化项目的比例",
        "market_deals_per_year": "{}每年投资本地转化管道外项目数",
        "outside_deals_per_year": "{}每年投资外地项目数",
        "local_reinvestment_multiple": "{}返投倍数（本地投资额 / 政府出资）",
        "valuation_haircut": "{}未退出股权估值折扣",
        "invests_seed": "{}投资种子轮",
        "invests_series_a": "{}投资 A 轮",
        "invests_series_b": "{}投资 B 轮",
        "concessions.return_cap": "{}让利：政府出资收益封顶",
        "concessions.return_cap_rate": "{}让利：政府出资封顶年收益率",
        "concessions.buyback": "{}让利：社会出资人回购政府份额（Yozma 模式）",
        "concessions.buyback_rate": "{}让利：回购价格年利率",
        "concessions.buyback_from_year": "{}让利：回购窗口起始年",
        "concessions.buyback_until_year": "{}让利：回购窗口截止年",
        "concessions.first_loss_share": "{}让利：政府首损承担比例",
        "concessions.excess_share": "{}让利：超额收益让渡比例",
        "concessions.excess_hurdle": "{}让利：超额收益门槛年收益率",
    ]

    private static let fixed: [String: String] = [
        // Time frame and arrivals
        "region.time.horizon_years": "模拟年限",
        "region.time.intake_years": "成果披露年限",
        "region.time.cohort_intake_years": "队列指标的披露年份数",
        "region.time.cohort_follow_years": "队列成果跟踪年限",
        "region.arrivals.annual_disclosures": "年度职务科技成果披露数",
        // Results
        "region.achievements.quality_a": "成果潜在质量 Beta 分布参数 a",
        "region.achievements.quality_b": "成果潜在质量 Beta 分布参数 b",
        "region.achievements.quality_slope": "质量对各环节成功率的影响斜率",
        "region.achievements.value_median": "成果市场价值中位数",
        "region.achievements.value_sigma": "成果市场价值对数标准差",
        "region.achievements.value_tail_probability": "成果价值取自帕累托尾部的比例",
        "region.achievements.value_tail_alpha": "成果价值帕累托尾部形状参数",
        "region.achievements.value_tail_cap": "成果价值尾部上限（尾部起点的倍数）",
        "region.achievements.value_half_life_months": "待转化成果价值半衰期",
        "region.achievements.value_floor": "成果价值下限（低于即放弃）",
        // Firms
        "region.firms.cash_median": "本地企业可付首付款中位数",
        "region.firms.cash_sigma": "本地企业现金对数标准差",
        "region.firms.absorptive_a": "本地企业吸收能力 Beta 分布参数 a",
        "region.firms.absorptive_b": "本地企业吸收能力 Beta 分布参数 b",
        "region.firms.value_share": "承接企业预期获取的成果价值份额",
        "region.firms.outflow_probability_fit": "外地企业竞购概率（成果与本地产业匹配）",
        "region.firms.outflow_probability_no_fit": "外地企业承接概率（成果与本地产业不匹配）",
        "region.firms.outside_cash_multiple": "外地承接企业现金倍数（相对本地企业）",
        "region.firms.max_match_attempts": "对接无果后放弃前的最多对接次数",
        // Income shares and behaviour
        "policy.income.inventor_share": "成果完成人（团队）收益分配比例",
        "policy.income.transfer_staff_share": "转化服务人员收益分配比例",
        "policy.income.office_retention": "单位留存用于技术转移机构的收益比例",
        "region.behaviour.intent_hazard": "完成人启动转化的月度风险率",
        "region.behaviour.reference_share": "意愿基准收益分配比例",
        "region.behaviour.intent_elasticity": "转化意愿对收益分配比例的弹性",
        "region.behaviour.disclosure_elasticity": "成果披露对收益分配比例的弹性",
        "region.behaviour.reference_staff_share": "转化服务人员努力基准分配比例",
        "region.behaviour.staff_elasticity": "转化服务人员对接努力的弹性",
        "region.behaviour.reward_reference": "本地转化奖补基准额",
        "region.behaviour.reward_elasticity": "技术转移机构本地对接努力对奖补的弹性",
        // Empowerment (职务科技成果赋权)
        "policy.empowerment.mode": "职务科技成果赋权方式（所有权 / 长期使用权 / 共有）",
        "policy.empowerment.eligible_fraction": "纳入赋权改革的高校院所成果比例",
        "policy.empowerment.empowered_share": "赋权成果中完成人（团队）的权益比例",
        "policy.empowerment.approval_delay_factor_joint": "共有产权成果审批时长倍数",
        "policy.empowerment.approval_delay_factor_long_term_use": "长期使用权成果审批时长倍数",
        // Route to market
        "region.route.empowered_spinoff_multiplier": "赋权成果衍生创办企业概率倍数",
        "region.route.invest_first_spinoff_multiplier": "先投后股成果衍生创办企业概率倍数",
        "region.route.spinoff_probability": "对接成功成果衍生创办企业的概率",
        "region.route.licence_share": "许可在许可与转让中的占比",
        "region.route.price_share": "技术合同价格占成果当前价值的比例",
        "region.route.licence_upfront_share": "许可费中首付款占比",
        "region.route.royalty_rate": "提成费率（按被许可方营业收入）",
        "region.route.equity_value_share": "作价投资入股的成果估值倍数",
        // Approval of state assets
        "region.approval.delay_median_months": "国有资产审批时长中位数",
        "region.approval.delay_sigma": "审批时长对数标准差",
        "region.approval.probability": "审批通过概率",
        "policy.approval.single_list": "科技成果单列管理",
        "policy.approval.single_list_delay_factor": "单列管理下审批时长倍数",
        "policy.approval.single_list_rejection_factor": "单列管理下审批否决概率倍数",
        "policy.approval.one_stop": "一门式服务",
        "policy.approval.one_stop_delay_factor": "一门式服务下审批时长倍数",
        "policy.approval.one_stop_rejection_factor": "一门式服务下审批否决概率倍数",
        "policy.approval.fault_tolerance": "转化容错免责",
        "policy.approval.fault_tolerance_delay_factor": "容错免责下审批时长倍数",
        "policy.approval.fault_tolerance_rejection_factor": "容错免责下审批否决概率倍数",
        // Time limits (限时转化)
        "policy.time_limits.inventor_may_act_months": "单位不作为满期后完成人可自行转化（月）",
        "policy.time_limits.listing_months": "未转化满期后公开挂牌（先用后转）",
        "policy.time_limits.listing_hazard": "挂牌成果新增月度对接风险率",
        "policy.time_limits.licensing_months": "未转化满期后可许可符合条件企业实施",
        "policy.time_limits.licensing_hazard": "开放许可后新增月度对接风险率",
        // Matching
        "region.matching.base_hazard": "成果对接月度基础风险率",
        "region.matching.registered_visibility": "登记入库成果的对接风险率倍数",
        "region.matching.broker_effect": "技术经纪人对对接的促进效应",
        "region.matching.broker_commission": "技术经纪人佣金比例",
        "policy.registration.rate": "成果汇交登记率",
        "policy.brokers.density": "技术经纪人密度（每百项年披露成果）",
        "policy.roadshows.per_year": "年度路演场次",
        "policy.roadshows.results_per_show": "每场路演推介成果数",
        "policy.roadshows.match_probability": "路演成果对接成功概率",
        // Proof of concept (概念验证)
        "region.poc.needs_below_trl": "需概念验证的技术成熟度阈值（低于此级）",
        "region.poc.success_probability": "概念验证成功概率",
        "region.poc.duration_median_months": "概念验证时长中位数",
        "region.poc.duration_sigma": "概念验证时长对数标准差",
        "region.poc.cost_median": "单个概念验证项目费用中位数",
        "region.poc.cost_sigma": "概念验证费用对数标准差",
        "region.poc.trl_gain": "概念验证成功提升的技术成熟度级数",
        "region.poc.self_funded_probability": "无资助时自筹开展概念验证的概率",
        "region.poc.timing": "概念验证时点（对接前 / 对接后）",
        "region.poc.unproven_match_factor": "未经概念验证成果的对接系数",
        "region.poc.unproven_value_factor": "未经概念验证成果的估值系数",
        "region.poc.unproven_spinoff_factor": "未经概念验证成果的衍生企业系数",
        "region.poc.adopter_proves_concept": "未经概念验证成果由承接方自行验证",
        "policy.poc.slots": "概念验证资助名额（同时在研项目数）",
        "policy.poc.funded_share": "概念验证项目费用资助比例",
        "policy.poc.annual_budget": "概念验证年度预算",
        "policy.poc.max_wait_months": "等待概念验证资助的最长时间",
        "policy.poc.invest_first_equity_later": "概念验证资助先投后股",
        "policy.poc.preserved_value_rate": "先投后股按保值退出的年收益率",
        // Pilot (中试)
        "policy.pilot.invest_first_equity_later": "中试补助先投后股",
        "policy.pilot.slots": "中试资助名额（同时在研项目数）",
        "policy.pilot.funded_share": "中试项目费用资助比例",
        "policy.pilot.annual_budget": "中试年度预算",
        "policy.pilot.max_wait_months": "等待中试资助的最长时间",
        "policy.pilot.open_to_outside_adopters": "中试基地向外地承接企业开放",
        "region.pilot.needs_below_trl": "需中试的技术成熟度阈值（低于此级）",
        "region.pilot.success_probability": "中试成功概率",
        "region.pilot.duration_median_months": "中试时长中位数",
        "region.pilot.duration_sigma": "中试时长对数标准差",
        "region.pilot.cost_median": "单个中试项目费用中位数",
        "region.pilot.cost_sigma": "中试费用对数标准差",
        "region.pilot.trl_gain": "中试成功提升的技术成熟度级数",
        "region.pilot.unpiloted_market_factor": "未经中试成果的实施与市场进入系数",
        "region.pilot.local_retention": "外地企业在本地中试后留本地生产的概率",
        // Licensing (先使用后付费) and local-conversion subsidy
        "policy.licensing.first_use_then_pay": "先使用后付费",
        "policy.licensing.trial_months": "先使用后付费试用期",
        "policy.licensing.local_subsidy_rate": "本地转化奖补比例（按技术合同成交额）",
        "policy.licensing.local_subsidy_cap": "单个项目本地转化奖补上限",
        "policy.licensing.local_subsidy_annual_budget": "本地转化奖补年度预算",
        "region.licensing.payment_compliance": "先使用后付费企业履约付费概率",
        "region.licensing.implementation_success": "企业实施成功概率（吸收能力充分、经中试）",
        "region.licensing.implementation_median_months": "承接到实施的时长中位数",
        "region.licensing.implementation_sigma": "实施时长对数标准差",
        // Land (亩)
        "policy.land.annual_quota_mu": "年度产业化用地供应指标",
        "region.land.patience_months": "等待用地的最长时间",
        "region.land.relocation_probability": "用地未落实时外迁的概率",
        // Market
        "region.market.annual_revenue_share": "转化成果年营业收入占成果价值的比例",
        "region.market.revenue_sigma": "营业收入对数噪声",
        // Rewards to institutions
        "policy.institution_reward.per_local_conversion": "单位每项本地转化奖励",
        "policy.institution_reward.annual_cap": "单位转化奖励年度上限",
        // Ventures
        "region.venture.patience_months": "新创企业融资等待期（逾期即失败）",
        "region.venture.private_availability": "种子轮社会资本可得性（地区风险资本可得性指数）",
        "region.venture.private_fund_money_scale": "社会资本可得性饱和所需基金社会出资额",
        "region.venture.relocate_for_capital_probability": "本地融资失败后外迁的概率",
        "region.venture.market_entry_probability": "种子轮后新创企业进入市场的概率",
        "region.venture.market_entry_median_months": "种子轮到进入市场的时长中位数",
        "region.venture.exit_median_months": "新创企业退出时长中位数",
        "region.venture.exit_sigma": "退出时长对数标准差",
        "region.venture.exit_below_1x": "退出回报低于 1 倍的比例",
        "region.venture.exit_1x_5x": "退出回报 1–5 倍的比例",
        "region.venture.exit_5x_10x": "退出回报 5–10 倍的比例",
        "region.venture.exit_10x_plus": "退出回报 10 倍以上的比例",
        "region.venture.tail_alpha": "10 倍以上回报的帕累托形状参数",
        "region.venture.tail_cap": "退出倍数上限",
        "region.venture.dominant_share_threshold": "政府资金主导的出资比例阈值",
        "region.venture.dominant_penalty": "政府主导企业的退出成功率系数",
        // Technology loans (科技贷) with interest subsidy and risk compensation
        "policy.tech_loan.enabled": "科技贷",
        "policy.budget.annual_cap": "年度财政总额上限",
        "policy.budget.allocation": "总额分配规则",
        "policy.budget.priority.poc_grants": "概念验证资助优先次序",
        "policy.budget.priority.pilot_subsidies": "中试补贴优先次序",
        "policy.budget.priority.local_subsidies": "本地转化补助优先次序",
        "policy.budget.priority.institution_rewards": "单位奖励优先次序",
        "policy.budget.priority.loan_interest_subsidies": "贷款贴息优先次序",
        "policy.budget.priority.risk_compensation": "风险补偿优先次序",
        "policy.budget.share.poc_grants": "概念验证资助总额占比",
        "policy.budget.share.pilot_subsidies": "中试补贴总额占比",
        "policy.budget.share.local_subsidies": "本地转化补助总额占比",
        "policy.budget.share.institution_rewards": "单位奖励总额占比",
        "policy.budget.share.loan_interest_subsidies": "贷款贴息总额占比",
        "policy.budget.share.risk_compensation": "风险补偿总额占比",
        "policy.tech_loan.interest_subsidy_share": "科技贷贴息比例",
        "policy.tech_loan.risk_compensation_share": "科技贷风险补偿比例",
        "region.loan.approval_probability": "银行审批通过概率（无风险补偿时）",
        "region.loan.amount_median": "新创企业科技贷金额中位数",
        "region.loan.firm_loan_max": "本地企业科技贷最高额",
        "region.loan.rate": "科技贷年利率",
        "region.loan.term_months": "科技贷期限",
        "region.loan.recovery": "借款人失败时本金回收比例",
        "region.loan.bridge_months": "过桥贷款延长的融资等待期（0 = 不提供过桥贷款）",
        "region.loan.raise_boost": "获贷企业融资成功率倍数",
        "region.loan.risk_compensation_approval_effect": "风险补偿对贷款审批的促进效应",
        // Fund raising
        "region.fund_raising.private_fill": "社会资本实际认缴比例（让利前）",
        "region.fund_raising.first_loss_effect": "首损承担对社会资本募集的促进效应",
        "region.fund_raising.buyback_effect": "回购安排对社会资本募集的促进效应",
        "region.fund_raising.return_cap_effect": "政府收益封顶对社会资本募集的促进效应",
        "region.fund_raising.reinvestment_effect": "返投要求对社会资本募集的抑制效应",
        "region.fund_raising.excess_effect": "超额收益让渡对社会资本募集的促进效应",
    ]
}

extension ParameterSpec {
    /// The parameter's Chinese label (`ParameterLabels`), or `nil` when it has none yet.
    public var chineseLabel: String? { ParameterLabels.chinese(path) }
}
