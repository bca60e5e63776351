"""Every user-facing string of the app in Chinese and English. `t("key", lang, **fields)`."""

from __future__ import annotations

LANGS = {"zh": "中文", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("山东·青岛数字经济指标", "Shandong & Qingdao digital-economy indicators"),
    "language": ("语言", "Language"),
    "regions": ("地区", "Regions"),
    "regions_help": ("默认对比山东省与青岛市；全国数据作参考。可加入其他城市。",
                     "Shandong and Qingdao by default; China as a reference. Add any other region."),
    "years": ("年份范围", "Years"),
    "reference": ("显示全国数据作参考", "Show China as a reference"),
    "data_revision": ("数据版本：第 {rev} 版（{when}）", "Data revision {rev} ({when})"),
    "copy_link": ("复制浏览器地址栏中的链接，即可让同事打开相同的视图。",
                  "Copy the address bar to share exactly this view."),
    # pages
    "page_overview": ("总览", "Overview"),
    "page_digital_economy": ("数字经济", "Digital economy"),
    "page_industry": ("产业数字化", "Industry"),
    "page_infrastructure": ("基础设施", "Infrastructure"),
    "page_rankings": ("排名", "Rankings"),
    "page_compare": ("对比分析", "Compare"),
    "page_present": ("演示模式", "Present"),
    "page_data": ("数据管理", "Data"),
    "page_sources": ("来源与说明", "Sources"),
    "overview_intro": ("山东省与青岛市数字经济核心指标的最新数值、变化与来源。悬停卡片可查看来源。",
                       "Latest values, changes and sources of the headline indicators. Hover a card for its source."),
    # chart block
    "view": ("显示", "Show"),
    "view_chart": ("图表", "Chart"),
    "view_table": ("数据表", "Table"),
    "view_sources": ("来源", "Sources"),
    "log_scale": ("对数坐标", "Log scale"),
    "log_help": ("数值相差几个数量级时，对数坐标更易比较增速。", "Use a log axis when values span orders of magnitude."),
    "download_csv": ("下载数据 CSV", "Data as CSV"),
    "download_xlsx": ("下载数据 Excel", "Data as Excel"),
    "one_point": ("该指标在所选地区只有一个数据点（{year} 年），无法显示趋势。",
                  "This indicator has a single data point for the selection ({year}); no trend can be shown."),
    "no_data": ("所选地区和年份没有「{name}」的数据。请在左侧加入其他地区（如 {hint}）或放宽年份范围。",
                "No data for '{name}' in the selected regions and years. Add a region on the left (e.g. {hint}) "
                "or widen the years."),
    "no_region": ("请在左侧至少选择一个地区。", "Choose at least one region on the left."),
    # table columns
    "col_indicator": ("指标", "Indicator"),
    "col_region": ("地区", "Region"),
    "col_year": ("年份", "Year"),
    "col_value": ("数值", "Value"),
    "col_unit": ("单位", "Unit"),
    "col_status": ("状态", "Status"),
    "col_source": ("来源", "Source"),
    "col_publisher": ("发布方", "Publisher"),
    "col_published": ("发布日期", "Published"),
    "col_link": ("链接", "Link"),
    "col_as_of": ("截至", "As of"),
    "col_note": ("备注", "Note"),
    "col_reliability": ("可靠性", "Reliability"),
    "status_reported": ("实际", "reported"),
    "status_derived": ("推算", "derived"),
    "status_estimate": ("估计", "estimate"),
    "status_target": ("目标", "target"),
    # KPI cards
    "card_change": ("较 {year} 年", "vs {year}"),
    "card_no_prior": ("无往年数据可比", "no earlier year to compare"),
    "card_break": ("统计口径调整，不可比", "series break: not comparable"),
    "card_as_of": ("截至 {date}", "as of {date}"),
    "card_source": ("来源：{source}", "Source: {source}"),
    "card_none": ("暂无数据", "no data"),
    # digital economy page
    "targets_title": ("规划目标进度", "Progress to plan targets"),
    "target_line": ("{region}：{latest_year} 年 {latest}，目标 {target_year} 年 {target}；差距 {gap}。"
                    "需年均 {required}，近年实际 {recent}。",
                    "{region}: {latest} in {latest_year}; target {target} by {target_year}; gap {gap}. "
                    "Needs {required} a year; recent pace {recent}."),
    "on_track": ("按近年速度可以达成", "on track at the recent pace"),
    "off_track": ("按近年速度难以达成", "behind at the recent pace"),
    "no_recent": ("无可比的近年数据", "no comparable recent data"),
    # infrastructure
    "share_title": ("{city}占{parent}的比重", "{city} as a share of {parent}"),
    "share_line": ("{year} 年：{city} {city_value}，{parent} {parent_value}，占 {share}%。",
                   "{year}: {city} {city_value} of {parent}'s {parent_value}, {share}%."),
    "share_none": ("没有同一年份两级都有的数据，无法计算比重。", "No year has both figures, so no share can be computed."),
    # rankings
    "rank_changes": ("排名变化", "Rank changes"),
    "rank_up": ("{year} 年：第 {rank} 位，比 {prev} 年上升 {n} 位", "{year}: No. {rank}, up {n} since {prev}"),
    "rank_down": ("{year} 年：第 {rank} 位，比 {prev} 年下降 {n} 位", "{year}: No. {rank}, down {n} since {prev}"),
    "rank_same": ("{year} 年：第 {rank} 位，与 {prev} 年持平", "{year}: No. {rank}, unchanged since {prev}"),
    "rank_first": ("{year} 年：第 {rank} 位", "{year}: No. {rank}"),
    "rank_lists_differ": ("不同榜单的排名不可互相比较，请看每个图表下方的说明。",
                          "Ranks from different lists are not comparable: read each chart's note."),
    # compare
    "indicators": ("指标", "Indicators"),
    "transform": ("变换", "Transform"),
    "tf_level": ("原值", "Level"),
    "tf_yoy": ("同比增速 %", "Year-on-year %"),
    "tf_index": ("指数（基期=100）", "Index (base = 100)"),
    "tf_cagr": ("年均复合增速", "CAGR"),
    "tf_gap": ("地区差距", "Gap between regions"),
    "tf_share": ("占上级地区比重", "Share of parent region"),
    "tf_help": ("原值：公布的数值。同比：(本年 ÷ 上年 − 1) × 100，仅当上一年有数据。"
                "指数：本年 ÷ 基期 × 100。年均复合增速：(末年 ÷ 首年)^(1 ÷ 年数) − 1。"
                "差距：地区 A − 地区 B（占比类为百分点）。占上级比重：城市 ÷ 所属省份 × 100。"
                "跨越统计口径调整或缺失年份时不计算。",
                "Level: the published value. YoY: (this year ÷ last year − 1) × 100, only when last year has data. "
                "Index: value ÷ base-year value × 100. CAGR: (end ÷ start)^(1 ÷ years) − 1. "
                "Gap: region A − region B (percentage points for shares). Share of parent: city ÷ its province × 100. "
                "Nothing is computed across a series break or a missing year."),
    "base_year": ("基期", "Base year"),
    "cagr_from": ("起始年", "From"),
    "cagr_to": ("终止年", "To"),
    "gap_a": ("地区 A", "Region A"),
    "gap_b": ("地区 B", "Region B"),
    "cagr_value": ("年均复合增速 %", "CAGR %"),
    "pick_indicators": ("请选择至少一个指标。", "Choose at least one indicator."),
    "pp": ("百分点", "pp"),
    # sources page
    "sources_intro": ("每个数字都有出处。以下为每个指标的定义、单位、来源及数据最近更新时间。",
                      "Every figure has a source. Each indicator's definition, unit, sources and last update."),
    "status_legend": ("状态说明", "Status legend"),
    "legend_reported": ("实际：来源直接公布的数值。", "reported: stated by the source."),
    "legend_derived": ("推算：由来源中的表述计算得出（如“5 年提高 10 个百分点”），备注写明算法。",
                       "derived: computed from a statement in the source (e.g. 'up 10 points in 5 years'); "
                       "the note shows how."),
    "legend_estimate": ("估计：预计值或初步估计。", "estimate: an expected or preliminary estimate."),
    "legend_target": ("目标：规划或计划中的目标值，与同年实际值分开显示。",
                      "target: a plan goal, shown apart from the actual value of that year."),
    "legend_hollow": ("空心点：推算值，或截至某日期（非年末）的数值。", "Hollow markers: derived or dated before year-end."),
    "last_updated": ("最近更新：第 {rev} 版，{when}", "Last updated: revision {rev}, {when}"),
    "alternatives": ("未采用的其他来源数值", "Other sources' figures not used"),
    "alternatives_rule": ("同一指标、地区、年份有多个来源时：年末数优先于年中数；原始发布方优先于转载；同一发布方以较新修订为准。"
                          "未采用的数值列在此处。",
                          "Where sources disagree: a year-end figure over a mid-year one, the original publisher over a "
                          "repost, the later revision of the same publisher. The others are listed here."),
    "series_breaks": ("统计口径调整", "Series breaks"),
    "derivation": ("推算方法", "How derived"),
    "search": ("搜索指标", "Search indicators"),
    "theme_digital_economy": ("数字经济", "Digital economy"),
    "theme_industry": ("产业数字化", "Industry"),
    "theme_infrastructure": ("基础设施", "Infrastructure"),
    "theme_government": ("数字政府与城市", "Government & city"),
    "theme_rankings": ("排名", "Rankings"),
    "theme_context": ("背景指标", "Context"),
    "unit": ("单位", "Unit"),
    "kind": ("类型", "Kind"),
    "better_higher": ("越高越好", "higher is better"),
    "better_lower": ("越小越好（第 1 名最好）", "lower is better (No. 1 is best)"),
    "error_generic": ("出了点问题，页面未能完成。已保存的数据未受影响。请刷新页面；如仍出现，请联系管理员。",
                      "Something went wrong and the page could not finish. Stored data is unaffected. "
                      "Reload the page; if it happens again, tell the administrator."),
}


def t(key: str, lang: str, **fields: object) -> str:
    zh, en = STRINGS[key]
    text = zh if lang == "zh" else en
    return text.format(**fields) if fields else text
