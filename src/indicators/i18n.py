"""Every user-facing string of the app in Chinese and English. `t("key", lang, **fields)`.

A table, not logic: it is long because the product says many things, and one table keeps each Chinese
sentence beside its English one (tests check that both exist and take the same fields).
"""

from __future__ import annotations

LANGS = {"zh": "中文", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {
    "language": ("语言", "Language"),
    "regions": ("地区", "Regions"),
    "regions_help": (
        "默认对比山东省与青岛市；全国数据作参考。可加入其他城市。",
        "Shandong and Qingdao by default; China as a reference. Add any other region.",
    ),
    "years": ("年份范围", "Years"),
    "choose": ("请选择", "Choose"),
    "reference": ("显示全国数据作参考", "Show China as a reference"),
    "data_revision": ("数据版本：第{rev}版，更新于{when}", "Data revision {rev}, updated {when}"),
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
    "overview_intro": (
        "各地区核心指标的最新数值及较上一个可比数据的变化；非年末数据注明截至日期，预计数注明“预计”。"
        "悬停 ⓘ 查看来源和备注。",
        "Latest value of each headline indicator and its change since the previous comparable figure; "
        "a figure not at year-end names its date, an expected one says so. Hover ⓘ for the source "
        "and note.",
    ),
    # chart block
    "view": ("显示", "Show"),
    "view_chart": ("图表", "Chart"),
    "view_table": ("数据表", "Table"),
    "view_sources": ("来源", "Sources"),
    "log_scale": ("对数坐标", "Log scale"),
    "log_help": (
        "数值相差几个数量级时，对数坐标更易比较增速。",
        "Use a log axis when values span orders of magnitude.",
    ),
    "download_csv": ("下载CSV数据", "Data as CSV"),
    "chart_full_screen": ("全屏显示", "Full screen"),
    # plotly.js's own words on a chart, in Chinese through a locale of ours (`ui.plot`); the English is
    # plotly.js's text exactly, which the locale looks up
    "plotly_png": ("下载图片（PNG）", "Download plot as a PNG"),
    "plotly_zoom": ("框选放大", "Zoom"),
    "plotly_pan": ("平移", "Pan"),
    "plotly_zoom_in": ("放大", "Zoom in"),
    "plotly_zoom_out": ("缩小", "Zoom out"),
    "plotly_autoscale": ("自动调整坐标范围", "Autoscale"),
    "plotly_reset_axes": ("还原坐标轴", "Reset axes"),
    "plotly_double_click": ("双击还原", "Double-click to zoom back out"),
    "plotly_isolate": ("双击图例可只显示该项", "Double-click on legend to isolate one trace"),
    "plotly_snapshot": ("正在生成图片，请稍候", "Taking snapshot - this may take a few seconds"),
    "plotly_snapshot_done": ("图片已生成", "Snapshot succeeded"),
    "plotly_snapshot_failed": (
        "图片未能生成，请重试。",
        "Sorry, there was a problem downloading your snapshot!",
    ),
    "chart_not_drawn": (
        "图表未能显示：本应用服务器上的绘图程序（static/plotly-basic.min.js）未能加载，请联系管理员。数据表中的数字不受影响。",
        "The chart could not be drawn: its code (static/plotly-basic.min.js) did not load from this app's server; "
        "please tell the administrator. The figures in the tables are not affected.",
    ),
    "download_xlsx": ("下载Excel数据", "Data as Excel"),
    "one_point": (
        "该指标在所选地区只有一个数据点（{year}年），无法显示趋势。",
        "This indicator has a single data point for the selection ({year}); no trend can be shown.",
    ),
    "no_data": (
        "所选地区和年份没有“{name}”的数据。请在左侧加入其他地区（如{hint}）或放宽年份范围。",
        "No data for '{name}' in the selected regions and years. Add a region on the left (e.g. {hint}) "
        "or widen the years.",
    ),
    "no_region": ("请在左侧至少选择一个地区。", "Choose at least one region on the left."),
    "no_data_years": (
        "所选年份没有“{name}”的数据。请放宽年份范围。",
        "No data for '{name}' in the selected years. Widen the years.",
    ),
    "no_data_reference": (
        "所选地区没有“{name}”的数据。{reference}只作比重、比率和指数类指标的参考线；如需查看{reference}的总量，"
        "请在左侧地区中加入“{reference}”。",
        "No data for '{name}' in the selected regions. {reference} is drawn as a reference for "
        "shares, rates and indices only; to see {reference}'s total, add {reference} to the "
        "regions on the left.",
    ),
    # table columns
    "col_indicator": ("指标", "Indicator"),
    "col_region": ("地区", "Region"),
    "col_year": ("年份", "Year"),
    "col_value": ("数值", "Value"),
    "col_qualifier": ("限定", "Qualifier"),
    "col_unit": ("单位", "Unit"),
    "col_status": ("状态", "Status"),
    "col_source": ("来源", "Source"),
    "col_publisher": ("发布方", "Publisher"),
    "col_published": ("发布日期", "Published"),
    "col_link": ("链接", "Link"),
    "col_as_of": ("截至", "As of"),
    "col_when": ("时间", "When"),
    "col_theme": ("主题", "Theme"),
    "col_id": ("代码", "ID"),
    "col_description": ("说明", "What it measures"),
    "col_figures": ("数据条数", "Figures"),
    "col_note": ("备注", "Note"),
    "status_reported": ("实际", "reported"),
    "status_derived": ("推算", "derived"),
    "status_estimate": ("预计", "expected"),
    "status_target": ("目标", "target"),
    # KPI cards
    "card_break": ("统计口径调整，不可比", "series break: not comparable"),
    "card_source": ("来源：{source}", "Source: {source}"),
    "card_none": ("暂无数据", "no data"),
    # digital economy page
    "targets_title": ("规划目标进度", "Progress to plan targets"),
    # infrastructure
    "share_title": ("{city}占{parent}的比重", "{city} as a share of {parent}"),
    "share_none": (
        "没有同一年份两级都有的数据，无法计算比重。",
        "No year has both figures, so no share can be computed.",
    ),
    # rankings
    "rank_lists_differ": (
        "不同榜单的排名不可互相比较，请看每个图表下方的说明。",
        "Ranks from different lists are not comparable: read each chart's note.",
    ),
    # compare
    "indicators": ("指标", "Indicators"),
    "transform": ("变换", "Transform"),
    "tf_level": ("数值", "Level"),
    "tf_yoy": ("同比增速 %", "Year-on-year %"),
    "tf_index": ("指数（基期=100）", "Index (base = 100)"),
    "tf_cagr": ("年均复合增速", "CAGR"),
    "tf_gap": ("地区差距", "Gap between regions"),
    "tf_share": ("占上级地区比重", "Share of parent region"),
    "tf_help": (
        "数值：公布的数值。同比：(本年 ÷ 上年 − 1) × 100，仅当上一年有数据。"
        "指数：本年 ÷ 基期 × 100。年均复合增速：(末年 ÷ 首年)^(1 ÷ 年数) − 1。"
        "差距：地区A − 地区B（占比类为百分点）。占上级比重：城市 ÷ 所属省份 × 100。"
        "金额类指标（如地区生产总值）按现价计算，其同比增速、指数和年均复合增速未扣除价格因素，为名义值。"
        "跨越统计口径调整或缺失年份、两个数据不是同一时点（如6月底与12月底）、或地区相互包含（如省与其所辖市的总量）时不计算。",
        "Level: the published value. YoY: (this year ÷ last year − 1) × 100, only when last year has data. "
        "Index: value ÷ base-year value × 100. CAGR: (end ÷ start)^(1 ÷ years) − 1. "
        "Gap: region A − region B (percentage points for shares). Share of parent: city ÷ its province × 100. "
        "Amounts of money such as GDP are at current prices, so their YoY, index and CAGR are nominal. "
        "Nothing is computed across a series break or a missing year, between figures at different points "
        "of their years (June against December), or between a region's total and a region it contains.",
    ),
    "base_year": ("基期", "Base year"),
    "cagr_from": ("起始年", "From"),
    "cagr_to": ("终止年", "To"),
    "gap_a": ("地区A", "Region A"),
    "gap_b": ("地区B", "Region B"),
    "cagr_value": ("年均复合增速 %", "CAGR %"),
    "pick_indicators": ("请选择至少一个指标。", "Choose at least one indicator."),
    "tf_col_level": ("数值", "Value"),
    "tf_col_yoy": ("同比增速", "Year on year"),
    "tf_col_index": ("指数", "Index"),
    "tf_col_cagr": ("年均复合增速", "CAGR"),
    "tf_col_gap": ("差距", "Gap"),
    "tf_col_share": ("占上级地区比重", "Share of parent region"),
    "tf_nominal": ("（按现价计算）", " (nominal)"),
    "tf_nominal_note": (
        "{names}为按现价计算的金额，其变化未扣除价格因素，为名义值。",
        "{names}: amounts at current prices; their changes shown here are nominal (not adjusted for price "
        "changes).",
    ),
    "col_why": ("说明", "Why not computed"),
    "tf_gap_nested": (
        "{a}与{b}是包含关系，“{names}”的总量之差没有意义，未计算；请改看“占上级地区比重”。",
        "{a} and {b} contain one another, so no gap is computed for {names}: a total includes its "
        "parts. Look at 'Share of parent region' instead.",
    ),
    "why_missing": ("起始年或终止年没有数据，不计算", "not computed: no figure in the first or last year"),
    "why_series_break": (
        "两年之间统计口径调整，不计算",
        "not computed: the basis changes between the two years",
    ),
    "why_part_year": (
        "两个数据不是同一时点，不计算年均增速",
        "not computed: the two figures are not at the same point of their years",
    ),
    "why_not_positive": ("数值不为正，不计算增速", "not computed: a value is not positive"),
    "why_rank": ("排名按位次变化，不计算增速", "not computed: a rank moves by places, it does not grow"),
    "why_target": ("规划目标不是实际值，不计算", "not computed: a plan target is not an actual value"),
    "pp": ("百分点", "pp"),
    # sources page
    "sources_intro": (
        "每个数字都有出处。以下为每个指标的定义、单位、来源及数据最近更新时间。",
        "Every figure has a source. Each indicator's definition, unit, sources and last update.",
    ),
    "brief_heading": ("{title}：{names}", "{title}: {names}"),
    "col_quote": ("原文", "Quote"),
    "status_legend": ("状态说明", "Status legend"),
    "legend_reported": ("实际：来源直接公布的数值。", "reported: stated by the source."),
    "legend_derived": (
        "推算：由来源中的表述计算得出（如“5年提高10个百分点”），备注写明算法。",
        "derived: computed from a statement in the source (e.g. 'up 10 points in 5 years'); "
        "the note shows how.",
    ),
    "legend_estimate": (
        "预计：来源称为预计的数值（如年度结束前公布的全年预计数），不是实际值。",
        "expected: a value the source calls expected (such as a full-year figure given before the "
        "year ends), not an actual value.",
    ),
    "legend_target": (
        "目标：规划或计划中的目标值，与同年实际值分开显示。",
        "target: a plan goal, shown apart from the actual value of that year.",
    ),
    "legend_hollow": (
        "空心点：推算值，或截至某日期（非年末）的数值。",
        "Hollow markers: derived or dated before year-end.",
    ),
    "last_updated": ("最近更新：第{rev}版，{when}", "Last updated: revision {rev}, {when}"),
    "alternatives": ("未采用的其他来源数值", "Other sources' figures not used"),
    "alternatives_rule": (
        "同一指标、地区、年份有多个来源时：年末数优先于年中数；原始发布方优先于转载；同一发布方以较新修订为准。"
        "未采用的数值列在此处。",
        "Where sources disagree: a year-end figure over a mid-year one, the original publisher over a "
        "repost, the later revision of the same publisher. The others are listed here.",
    ),
    "series_breaks": ("统计口径调整", "Series breaks"),
    # the charts' own words (footnotes, hover, legend)
    "chart_year": ("年份", "Year"),
    "chart_source": ("来源：", "Source: "),
    "chart_sep": ("；", "; "),
    "chart_join": ("，", "; "),
    "chart_empty": ("所选范围内没有数据", "No data in the selection"),
    "chart_as_of": ("，截至{}", ", as of {}"),
    "chart_about": ("约", "about "),
    "chart_target": ("{}目标", "{} target"),
    "chart_at": ("%{x}年：", "%{x}: "),
    "chart_note": ("备注：", "Note: "),
    "chart_hollow": ("空心点为推算或非年末数据", "Hollow markers: derived or not year-end"),
    "chart_diamond": ("菱形为规划目标", "diamonds: plan targets"),
    "chart_dashed": ("虚线为预计值", "dashed: expected values"),
    "chart_names": ("、", ", "),
    "chart_colon": ("：", ": "),
    "chart_from_year": ("{name}（{year}年起）", "{name} (from {year})"),
    "chart_break_census_revision": ("经济普查修订", "census revision"),
    "chart_break_change_of_measure": ("口径改变", "measure changed"),
    "chart_break_different_list": ("榜单不同", "other list"),
    "break_census_revision": ("经济普查修订", "census revision"),
    "break_change_of_measure": ("统计口径改变", "change of measure"),
    "break_different_list": ("榜单不同", "different list"),
    "last_updated_short": ("最近更新", "Last updated"),
    "pick_indicator": ("查看指标详情", "Show the details of"),
    "all_indicators": ("全部指标", "All indicators"),
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
    "better_lower": ("越小越好（第1名最好）", "lower is better (No. 1 is best)"),
    "error_generic": (
        "出了点问题，页面未能完成。已保存的数据未受影响。请刷新页面；如仍出现，请联系管理员。",
        "Something went wrong and the page could not finish. Stored data is unaffected. "
        "Reload the page; if it happens again, tell the administrator.",
    ),
}


# -- the Data page: browse, download, template, upload, preview, commit, history, restore, editor access -----
STRINGS.update(
    {
        "dp_intro": (
            "浏览、下载和更新数据。每次更新都会成为一个新版本，可随时查看或恢复；任何操作都不会丢失已有数据。",
            "Browse, download and update the data. Every update becomes a new revision you can inspect or "
            "restore; nothing already stored is ever lost.",
        ),
        "dp_tab_browse": ("浏览数据", "Browse"),
        "dp_tab_download": ("下载与模板", "Download & template"),
        "dp_tab_update": ("上传更新", "Upload an update"),
        "dp_tab_history": ("版本历史", "History"),
        # browse
        "dp_filter_indicator": ("指标", "Indicators"),
        "dp_filter_region": ("地区", "Regions"),
        "dp_filter_status": ("状态", "Status"),
        "dp_all": ("全部", "All"),
        "dp_rows_shown": (
            "显示{n:,}条，共{total:,}条。点击列标题可排序；完整数据可在“下载与模板”中下载。",
            "{n:,} of {total:,} figures. Click a column header to sort; download the whole data under "
            "'Download & template'.",
        ),
        "dp_first_rows": (
            "此处列出前{n:,}条；完整的改动列表请下载。",
            "The first {n:,} are listed here; download the full list.",
        ),
        "dp_dl_changes": ("下载改动列表CSV", "Changes as CSV"),
        "dp_first_listed": ("此处列出前{n:,}条。", "The first {n:,} are listed here."),
        "dp_dl_report": ("下载完整列表CSV", "Full list as CSV"),
        # download and template
        "dp_download_title": ("下载数据", "Download the data"),
        "dp_download_help": (
            "当前数据或任一历史版本的数据，长表格式（指标、地区、年份、数值、单位、状态、来源、备注、截至），"
            "原样重新上传不会产生任何变化。CSV为带BOM的UTF-8，可直接用Excel打开。",
            "The current data or the data as of any revision, in the long layout (indicator, region, "
            "year, value, unit, status, source, note, as_of); uploading it back unchanged changes "
            "nothing. The CSV is UTF-8 with a BOM, so Excel shows Chinese correctly.",
        ),
        "dp_revision": ("版本", "Revision"),
        "dp_rev_n": ("第{rev}版", "Revision {rev}"),
        "dp_current": ("当前", "current"),
        "dp_current_data": ("当前数据（第{rev}版）", "Current data (revision {rev})"),
        "dp_dl_csv": ("下载CSV", "Download CSV"),
        "dp_dl_xlsx": ("下载Excel", "Download Excel"),
        "dp_dl_parquet": ("下载Parquet", "Download Parquet"),
        "dp_template_title": ("填报模板", "Template to fill in"),
        "dp_template_help": (
            "选择指标、地区和年份，下载已填入当前数值（实际值）的宽表：每行一个指标和地区，每年一列。"
            "在副本中修改或补充数值后，在“上传更新”中上传。“来源”列留空表示沿用已存来源，"
            "未改动的数值不会发生任何变化；填写新数值时，请在“来源”中写明出处（标题或网址），该出处只用于本行新填或改动的数值。",
            "Choose indicators, regions and years to download a wide table with the current (reported) "
            "values filled in: one row per indicator and region, one column per year. Edit or add "
            "values in a copy and upload it under 'Upload an update'. A blank 'source' cell keeps the "
            "stored source, so figures you did not change stay exactly as they are; for new figures, "
            "write where they come from (a title or a link) in 'source': it applies only to the values you changed or added in that row.",
        ),
        "dp_template_indicators": ("模板中的指标", "Indicators in the template"),
        "dp_template_regions": ("模板中的地区", "Regions in the template"),
        "dp_template_years": ("模板中的年份", "Years in the template"),
        "dp_template_xlsx": ("下载模板Excel", "Template as Excel"),
        "dp_template_csv": ("下载模板CSV", "Template as CSV"),
        "dp_template_empty": (
            "请至少选择一个指标和一个地区。",
            "Choose at least one indicator and one region.",
        ),
        # editor access
        "dp_open_access": (
            "未设置编辑密码：任何能访问本应用的人都可以上传、提交和恢复数据。如需限制，请由管理员在服务器上设置 "
            "INDICATORS_EDITOR_PASSWORD（环境变量或Streamlit secrets）。",
            "No editor password is set: anyone who can reach this app can upload, commit and restore "
            "data. To restrict editing, the administrator sets INDICATORS_EDITOR_PASSWORD on the server "
            "(environment or Streamlit secrets).",
        ),
        "dp_locked": (
            "上传、提交和恢复数据需要编辑密码。浏览和下载不需要。",
            "Uploading, committing and restoring need the editor password. Browsing and downloading do not.",
        ),
        "dp_password": ("编辑密码", "Editor password"),
        "dp_unlock": ("解锁编辑", "Unlock editing"),
        "dp_unlocked": ("已解锁编辑（仅限本浏览器会话）。", "Editing unlocked for this browser session."),
        "dp_lock": ("重新锁定", "Lock again"),
        "dp_sign_on": (
            "上传、提交和恢复数据需要以单位账号登录。浏览和下载不需要。",
            "Uploading, committing and restoring data need you to sign in with your organisation's account. "
            "Browsing and downloading do not.",
        ),
        "dp_sign_in": ("登录", "Sign in"),
        "dp_sign_out": ("退出登录", "Sign out"),
        "dp_signed_in": (
            "已登录：{name}。提交和恢复将以此姓名记录。",
            "Signed in as {name}. Commits and restores are recorded under this name.",
        ),
        "dp_not_an_editor": (
            "已登录：{name}。此账号没有编辑权限，请联系管理员。",
            "Signed in as {name}. This account may not edit the data: ask the administrator.",
        ),
        "dp_wrong_password": ("密码不正确，请重试。", "Wrong password. Try again."),
        "dp_too_many": (
            "密码错误次数过多，请{seconds}秒后再试。",
            "Too many wrong passwords: try again in {seconds} s.",
        ),
        "dp_locked_history": (
            "恢复需要编辑密码：请先在“上传更新”中解锁。",
            "Restoring needs the editor password: unlock editing under 'Upload an update' first.",
        ),
        "dp_not_allowed": (
            "需要编辑密码：请先解锁编辑。未写入任何内容。",
            "The editor password is needed: unlock editing first. Nothing was written.",
        ),
        # upload
        "dp_upload_label": ("选择文件（CSV、XLSX或Parquet）", "Choose a file (CSV, XLSX or Parquet)"),
        "dp_upload_help": (
            "长表：指标、地区、年份、数值四列（可选：单位、状态、来源、备注、截至）；宽表：指标、地区加每年一列"
            "（如2024或2024年）。中英文表头、UTF-8或GB18030编码均可。数值可写作28,000、2.8万、45%。",
            "Long: indicator, region, year, value (optional unit, status, source, note, as_of). Wide: "
            "indicator, region and one column per year (2024 or 2024年). Chinese or English headers, "
            "UTF-8 or GB18030. Values as written: 28,000, 2.8万, 45%.",
        ),
        "dp_upload_button": ("上传文件", "Upload"),
        "dp_upload_kinds": (
            "可用CSV、TSV、TXT、XLSX、XLS或Parquet文件",
            "CSV, TSV, TXT, XLSX, XLS or Parquet files",
        ),
        "dp_limits": (
            "文件上限{mb}MB、{rows:,}行。上传后先检查并预览，确认后才会写入。",
            "At most {mb} MB and {rows:,} rows. The file is checked and previewed first; nothing is written "
            "until you commit.",
        ),
        "dp_reading": ("正在读取和检查文件…", "Reading and checking the file…"),
        "dp_file": ("文件：{name}，读取{rows:,}条数据", "File: {name}; figures read: {rows:,}"),
        "dp_report_title": ("检查结果", "Validation report"),
        "dp_errors": (
            "发现{n}个错误，不能提交。请按下表逐条修改文件后重新上传。未写入任何内容。",
            "Errors: {n}. This file cannot be committed: fix each one as the table says and upload it "
            "again. Nothing was written.",
        ),
        "dp_warnings": (
            "{n}条提示：请逐条核对。它们不会阻止提交，但提交前需要确认已阅读。",
            "Warnings: {n}. Check each one: they do not block the commit, but you confirm you read them.",
        ),
        "dp_clean": ("检查通过：没有错误，也没有提示。", "No errors and no warnings."),
        "dp_col_row": ("行", "Row"),
        "dp_col_column": ("列", "Column"),
        "dp_col_cell": ("单元格内容", "Cell"),
        "dp_col_problem": ("问题及修改方法", "Problem and how to fix it"),
        "dp_col_code": ("代码", "Code"),
        # preview
        "dp_preview_title": ("预览：提交后的变化", "Preview: what the commit will do"),
        "dp_preview_base": (
            "与当前数据（第{rev}版）比较。",
            "Compared with the current data (revision {rev}).",
        ),
        "dp_rows_read": ("读取", "Read"),
        "dp_added": ("新增", "Added"),
        "dp_changed": ("修改", "Changed"),
        "dp_unchanged": ("不变", "Unchanged"),
        "dp_removed": ("删除", "Removed"),
        "dp_added_title": ("将新增{n}条", "To be added: {n}"),
        "dp_changed_title": ("将修改{n}条", "To be changed: {n}"),
        "dp_unchanged_note": (
            "另有{n:,}条与现有数据相同，保持不变。",
            "Same as stored, left as they are: {n:,}.",
        ),
        "dp_no_change": (
            "此文件与现有数据完全相同：提交不会产生新版本。",
            "This file matches the stored data exactly: committing it would change nothing.",
        ),
        "dp_charts_title": ("变化的序列：之前与之后", "Series that change: before and after"),
        "dp_charts_more": (
            "另有{n}个序列有变化，见上面的表格。",
            "{n} more series change: see the tables above.",
        ),
        "dp_before": ("之前", "Before"),
        "dp_after": ("之后", "After"),
        "dp_col_old": ("原值", "Old"),
        "dp_col_new": ("新值", "New"),
        "dp_col_diff": ("差值", "Difference"),
        "dp_col_what": ("变动项", "What changes"),
        "dp_col_old_source": ("原来源", "Old source"),
        "dp_preview_recomputed": (
            "预览之后数据已被更新（第{old}版 → 第{new}版），以下预览已按最新数据重新计算。请重新检查后再提交。",
            "The data changed after your preview (revision {old} → {new}); the preview below was "
            "recomputed against the current data. Review it again before you commit.",
        ),
        # commit
        "dp_commit_title": ("提交", "Commit"),
        "dp_author": ("您的姓名", "Your name"),
        "dp_message": ("更新说明", "What this update is"),
        "dp_message_placeholder": (
            "例如：2025年统计公报数据",
            "e.g. figures from the 2025 statistical bulletin",
        ),
        "dp_accept_warnings": (
            "我已阅读上述提示，确认数据无误",
            "I have read the warnings and the figures are right",
        ),
        "dp_commit": ("提交为新版本", "Commit as a new revision"),
        "dp_need_author_message": (
            "请填写姓名和更新说明后再提交。未写入任何内容。",
            "Fill in your name and what this update is, then commit. Nothing was written.",
        ),
        "dp_need_accept": (
            "请先勾选“我已阅读上述提示”。未写入任何内容。",
            "Tick 'I have read the warnings' first. Nothing was written.",
        ),
        "dp_committed": (
            "已提交为第{rev}版：新增{added}条，修改{changed}条。所有页面现已显示新数据。",
            "Committed as revision {rev}: {added} added, {changed} changed. Every page now shows the new data.",
        ),
        "dp_nothing_committed": ("没有任何变化，未创建新版本。", "Nothing changed, so no revision was made."),
        "dp_commit_failed": (
            "提交失败，未写入任何内容。请稍后重试；如仍失败，请联系管理员。",
            "The commit failed and nothing was written. Try again; if it fails again, tell the "
            "administrator.",
        ),
        # history and restore
        "dp_history_help": (
            "每次更新都是一个版本。选择一个版本，可查看它改了什么、下载当时的数据，或把数据恢复到那时。",
            "Every update is a revision. Pick one to see what it changed, download the data as it was, "
            "or restore it.",
        ),
        "dp_col_rev": ("版本", "Revision"),
        "dp_col_time": ("时间（北京时间）", "Time (Beijing)"),
        "dp_col_author": ("作者", "Author"),
        "dp_col_message": ("说明", "Message"),
        "dp_col_kind": ("类型", "Kind"),
        "dp_col_file": ("文件", "File"),
        "dp_col_restored_from": ("恢复自", "Restored from"),
        "dp_col_change": ("变化", "Change"),
        "dp_kind_baseline": ("基准数据", "curated baseline"),
        "dp_baseline_author": ("系统", "system"),
        "dp_baseline_message": ("经核实的基准数据（随程序发布）", "curated data shipped with the dashboard"),
        "dp_kind_upload": ("上传", "upload"),
        "dp_kind_restore": ("恢复", "restore"),
        "dp_pick_rev": ("查看版本", "Revision"),
        "dp_rev_changes": ("第{rev}版的改动（{n}条）", "What revision {rev} changed (figures: {n})"),
        "dp_rev_download": ("第{rev}版时的数据：", "The data as of revision {rev}:"),
        "dp_restore_title": ("恢复到第{rev}版", "Restore revision {rev}"),
        "dp_restore_explain": (
            "恢复会新建第{next}版，使数据与第{rev}版时完全相同。之后的版本仍保留在历史中，可随时再恢复。",
            "Restoring makes a new revision {next} whose data equals revision {rev}. The later "
            "revisions stay in the history and can be restored in turn.",
        ),
        "dp_restore_message": ("说明（可选）", "Message (optional)"),
        "dp_restore_default": ("恢复到第{rev}版", "restore revision {rev}"),
        "dp_restore_confirm": (
            "我确认把当前数据恢复为第{rev}版",
            "Yes, make the data as of revision {rev} current again",
        ),
        "dp_restore_button": ("恢复", "Restore"),
        "dp_restored": (
            "已恢复：新的第{new}版与第{rev}版的数据相同。所有页面现已显示恢复后的数据。",
            "Restored: the new revision {new} has the data of revision {rev}. Every page now shows it.",
        ),
        "dp_restore_current": (
            "这是当前版本，无需恢复。",
            "This is the current revision: nothing to restore.",
        ),
        "dp_need_author": ("请填写姓名。未写入任何内容。", "Fill in your name. Nothing was written."),
    }
)

# -- the Present page, the offline briefing and the slide pack (`indicators report`) -------------------------
STRINGS.update(
    {
        "present_prev": ("上一张", "Previous"),
        "present_next": ("下一张", "Next"),
        "present_slide": ("幻灯片", "Slide"),
        "present_slide_label": ("{n} / {total} · {name}", "{n} / {total} · {name}"),
        "present_edit": ("编辑幻灯片", "Edit slides"),
        "present_deck": ("演示的指标（按顺序）", "Indicators to present, in order"),
        "present_deck_help": (
            "默认为有数据的核心指标。按选择的先后排列；链接会保存这个顺序。",
            "By default the headline indicators that have data. Slides follow the order you pick "
            "them in; the link keeps it.",
        ),
        "present_reset": ("恢复默认（核心指标）", "Reset to the headline indicators"),
        "present_downloads": ("下载", "Download"),
        "present_exit": ("退出演示", "Exit"),
        "present_keys": ("键盘：←、→或PageUp、PageDown翻页", "Keys: ← → or PageUp / PageDown to move"),
        "present_empty_deck": (
            "演示列表是空的。请在“编辑演示内容”中选择指标，或恢复默认的核心指标。",
            "There are no slides. Pick indicators under 'Edit slides', or reset to the headline indicators.",
        ),
        "present_no_region": (
            "没有选择地区。请打开侧边栏（左上角 »）选择至少一个地区，或退出演示模式。",
            "No region is selected. Open the sidebar (» at the top left) and choose at least one "
            "region, or exit the presentation.",
        ),
        "download_html": ("离线简报（HTML）", "Offline briefing (HTML)"),
        "download_html_help": (
            "单个HTML文件，无需联网即可打开，图表可交互。",
            "One HTML file that opens without internet; charts stay interactive.",
        ),
        "download_pptx": ("演示文稿（PPTX）", "Slide pack (PPTX)"),
        "download_pptx_help": (
            "PowerPoint文件，图表为可编辑的原生图表。",
            "A PowerPoint file whose charts are native, editable charts.",
        ),
        "brief_title": ("数字经济指标简报", "Digital-economy indicators briefing"),
        "brief_years": ("{first}—{last}年", "{first}–{last}"),
        "brief_generated": ("生成日期：{date}", "Generated on {date}"),
        "brief_reference": (
            "{name}数据作参考，仅画在比重、比率和指数类图表上",
            "{name} as a reference, drawn on charts of shares, rates and indices only",
        ),
        "brief_revision": ("数据版本：第{rev}版", "Data revision {rev}"),
        "brief_contents": ("目录", "Contents"),
        "brief_data": ("数据", "Data"),
        "brief_sources": ("来源", "Sources"),
        "brief_offline": (
            "本文件无需联网即可打开；图表可交互，悬停可查看每个数值的来源。",
            "This file opens without internet; the charts are interactive: hover a point for its source.",
        ),
        "brief_more_sources": ("；另有{n}项来源，见末页", "; and {n} more, listed at the end"),
        "brief_all_sources": ("全部来源", "All sources"),
        "report_unknown_indicator": (
            "未知指标：{ids}。可用的指标：{known}",
            "Unknown indicator: {ids}. Known indicators: {known}",
        ),
        "report_unknown_region": (
            "未知地区：{ids}。可用的地区：{known}",
            "Unknown region: {ids}. Known regions: {known}",
        ),
        "report_bad_years": (
            "年份“{value}”无效：请写成2018-2023或2023，范围在{low}—{high}之间。",
            "Years '{value}' are not valid: write 2018-2023 or 2023, within {low}-{high}.",
        ),
        "report_bad_format": (
            "不支持的格式“{ext}”：请用 .html或 .pptx。",
            "Unknown format '{ext}': use .html or .pptx.",
        ),
        "report_no_data": (
            "所选地区和年份没有任何指标的数据，未生成文件。",
            "None of the indicators has data for these regions and years; nothing was written.",
        ),
        "report_cannot_write": ("无法写入{path}：{reason}", "Cannot write {path}: {reason}"),
    }
)


# -- sentences about the numbers (`sentences`): the fixed words around values `writing` formats ------------------
STRINGS.update(
    {
        "s_as_of": ("截至{date}", "as of {date}"),
        "s_as_of_clause": ("截至{date}，", "as of {date},"),
        "s_head_year": (
            "{year}年{region}{indicator}{verb}{value}",
            "{indicator} ({region}): {value} in {year}{status}",
        ),
        "s_head_date": (
            "截至{date}，{region}{indicator}{verb}{value}",
            "{indicator} ({region}): {value} as of {date}{status}",
        ),
        "s_only_one": ("（所选范围内仅此一个数据）", " (the only figure in the selection)"),
        "s_about": ("约", "about "),
        "s_change": ("，比{ref}{verb}{amount}", ", {verb} {amount} compared with {ref}"),
        "s_unchanged": ("，与{ref}持平", ", unchanged from {ref}"),
        # a rate of an amount of money at current prices is nominal (`comparability.at_current_prices`)
        "s_change_nominal": (
            "，按现价计算，比{ref}{verb}{amount}",
            ", {verb} {amount} compared with {ref} in nominal terms",
        ),
        "s_unchanged_nominal": ("，按现价计算，与{ref}持平", ", unchanged from {ref} in nominal terms"),
        "s_grew": ("增长", "up"),
        "s_fell": ("下降", "down"),
        "s_more": ("增加", "up"),
        "s_less": ("减少", "down"),
        "s_rose_points": ("提高", "up"),
        "s_fell_points": ("下降", "down"),
        "s_rose_places": ("上升", "up"),
        "s_fell_places": ("下降", "down"),
        "s_break": (
            "；{first}年起{what}，不与{prev}年比较",
            "; {what} in {first}, so it is not compared with {prev}",
        ),
        "s_break_census_revision": (
            "数据按经济普查结果修订",
            "the figures were revised after an economic census",
        ),
        "s_break_change_of_measure": ("统计口径改变", "the measure changed"),
        "s_break_different_list": ("改用其他榜单", "the list changed"),
        "s_pair_points": ("；{when}{a}比{b}高{amount}", "; {when} {a} was {amount} above {b}"),
        "s_pair_more": ("；{when}{a}比{b}多{amount}", "; {when} {a} had {amount} more than {b}"),
        "s_pair_rank": ("；{when}{a}排名比{b}高{amount}", "; {when} {a} ranked {amount} above {b}"),
        "s_pair_level": ("；{when}{a}与{b}持平", "; {when} {a} and {b} were level"),
        "s_many_points": (
            "；{when}所列{n}个地区中{a}最高，比第二位的{b}高{amount}",
            "; {when} {a} was the highest of the {n} regions, {amount} above {b}",
        ),
        "s_many_more": (
            "；{when}所列{n}个地区中{a}最多，比第二位的{b}多{amount}",
            "; {when} {a} had the most of the {n} regions, {amount} more than {b}",
        ),
        "s_many_rank": (
            "；{when}所列{n}个地区中{a}排名最前，比第二位的{b}高{amount}",
            "; {when} {a} ranked highest of the {n} regions, {amount} above {b}",
        ),
        "s_share": (
            "；{when}{part}占{whole}的{share}",
            "; {when} {part} accounted for {share} of {whole}'s total",
        ),
        "s_with_expected": ("（含预计数）", " (including an expected figure)"),
        "s_with_derived": ("（含推算数）", " (including a derived figure)"),
        "s_no_data": ("所选地区没有“{name}”的数据。", "There is no data on {name} for the selected regions."),
        "s_target_met": (
            "{region}{indicator}{when}{verb}{latest}，已达到{target_year}年目标（{target}）",
            "{indicator} ({region}): {latest} {when}{status}, already at the {target_year} target of "
            "{target}",
        ),
        "s_target_gap": (
            "{region}{indicator}{when}{verb}{latest}，距{target_year}年目标（{target}）还差{gap}",
            "{indicator} ({region}): {latest} {when}{status}; the {target_year} target is {target}, "
            "{gap} away",
        ),
        "s_target_pace": (
            "；需{required}，{first}—{last}年{recent}，按此速度{verdict}",
            "; it needs {required}, against {recent} from {first} to {last}, so at that pace it {verdict}",
        ),
        "s_target_pace_nominal": (
            "；按现价计算，需{required}，{first}—{last}年{recent}，按此速度{verdict}",
            "; in nominal terms it needs {required}, against {recent} from {first} to {last}, so at that pace "
            "it {verdict}",
        ),
        "s_pace_grow": ("年均增长{amount}", "growth of {amount} a year"),
        "s_pace_shrink": ("年均下降{amount}", "a decline of {amount} a year"),
        "s_pace_rise_points": ("年均提高{amount}", "a rise of {amount} a year"),
        "s_pace_fall_points": ("年均下降{amount}", "a fall of {amount} a year"),
        "s_pace_rise_rank": ("年均上升{amount}", "a rise of {amount} a year"),
        "s_pace_fall_rank": ("年均下降{amount}", "a fall of {amount} a year"),
        "s_on_track": ("可如期实现", "would be met"),
        "s_off_track": ("难以如期实现", "would not be met"),
        "s_rank_first": ("{region}{year}年{rank}", "{region}: {rank} in {year}"),
        "s_rank_up": (
            "{region}{year}年{rank}，比{prev}年上升{n}",
            "{region}: {rank} in {year}, up {n} compared with {prev}",
        ),
        "s_rank_down": (
            "{region}{year}年{rank}，比{prev}年下降{n}",
            "{region}: {rank} in {year}, down {n} compared with {prev}",
        ),
        "s_rank_same": (
            "{region}{year}年{rank}，与{prev}年持平",
            "{region}: {rank} in {year}, unchanged from {prev}",
        ),
        "s_rank_other_list": (
            "{region}{year}年{rank}（与{prev}年不是同一榜单，不作比较）",
            "{region}: {rank} in {year} (not the same list as {prev}, so not compared)",
        ),
        "s_share_line": (
            "{period}，{part}{part_value}，占{whole}（{whole_value}）的{share}",
            "{period}: {part} {part_value}, {share} of {whole}'s {whole_value}",
        ),
        "s_share_dates": (
            "{year}年{part}（{part_date}）与{whole}（{whole_date}）的数据时点不同，不计算比重",
            "{year}: {part} ({part_date}) and {whole} ({whole_date}) refer to different dates, so no "
            "share is computed",
        ),
        "s_share_basis": (
            "{year}年{part}与{whole}的统计口径不一致，不计算比重",
            "{year}: {part} and {whole} are not on the same basis, so no share is computed",
        ),
        "s_in_year": ("{year}年", "in {year}"),
        "s_paren": ("（{text}）", " ({text})"),
        "card_vs": ("较{ref}", "vs {ref}"),
        "card_vs_nominal": ("较{ref}（按现价计算）", "vs {ref} (nominal)"),
        "card_nominal": (
            "增速按现价计算，未扣除价格因素。",
            "The growth rate is nominal: at current prices, not adjusted for price changes.",
        ),
        "card_same": ("持平", "unchanged"),
        "card_note": ("备注：{note}", "Note: {note}"),
        "card_up_places": ("上升{n}", "up {n}"),
        "card_down_places": ("下降{n}", "down {n}"),
        # docx pack and changes since
        "since_unknown": (
            "没有第{value}版：现有版本为第{first}—{last}版，可用 indicators history 查看。",
            "There is no revision {value}: revisions run from {first} to {last}; `indicators history` "
            "lists them.",
        ),
        "since_before_first": (
            "{value}早于第一个版本（{day}），没有可比较的数据：请写这一天或以后的日期，或写版本号。",
            "{value} is before the first revision ({day}), so there is nothing to compare with: "
            "give that day or a later one, or a revision number.",
        ),
        "since_bad": (
            "“{value}”不是版本号或日期：请写版本号（如3）或日期（如2026-05-01）。",
            "'{value}' is neither a revision number nor a date: give a revision number (e.g. 3) or a date "
            "(e.g. 2026-05-01).",
        ),
        "since_subject": ("{region}{year}年{indicator}{status}", "{indicator}, {region}, {year}{status}"),
        "since_as_of": ("，截至{date}", ", as of {date}"),
        "since_no_source": ("未注明来源", "no source given"),
        "since_added_line": (
            "新增{subject}：{value}（来源：{source}）",
            "Added: {subject}: {value} (source: {source})",
        ),
        "since_removed_line": (
            "删除{subject}：{value}（来源：{source}）",
            "Removed: {subject}: {value} (source: {source})",
        ),
        "since_changed_line": (
            "{subject}由{old}修订为{new}（{sources}）",
            "Revised: {subject}, from {old} to {new} ({sources})",
        ),
        "since_restated_line": (
            "{subject}仍为{new}，来源、日期或备注有更新（{sources}）",
            "Restated: {subject}, still {new}, with a new source, date or note ({sources})",
        ),
        "since_source": ("来源：{source}", "source: {source}"),
        "since_sources": ("原来源：{old}；现来源：{new}", "source: was {old}, now {new}"),
        "since_n_added": ("新增{n}项", "{n} added"),
        "since_n_changed": ("修订{n}项", "{n} revised"),
        "since_n_removed": ("删除{n}项", "{n} removed"),
        "since_summary": (
            "自第{rev}版以来，{n}{figures}数据有变动：{parts}",
            "Since revision {rev}, {n} {figures} changed: {parts}",
        ),
        "since_figure": ("项", "figure"),
        "since_figures": ("项", "figures"),
        "since_none": ("自第{rev}版以来，数据没有变动", "No figure has changed since revision {rev}"),
        "since_more": (
            "另有{n}项变动未在此列出，完整清单见数据页“版本历史”。",
            "{n} more changes are not listed here; the Data page's history lists them all.",
        ),
        "since_heading": ("自第{rev}版以来的变动", "Changes since revision {rev}"),
        "since_pick_help": (
            "与简报首节相同：所选版本之后新增、修订和删除的数据，用文字列出。",
            "As the first section of a pack says it: the figures added, revised and removed after the "
            "chosen revision, in sentences.",
        ),
        "since_pack_pick": ("简报首节列出自所选版本以来的变动", "Begin the packs with the changes since"),
        "since_pack_none": ("不列出", "(no changes section)"),
        "report_bad_pack_format": (
            "不支持的格式“{ext}”：请用.html、.pptx或.docx。",
            "Unknown format '{ext}': use .html, .pptx or .docx.",
        ),
        "docx_no_image": (
            "（此处图表未能生成图片：{reason}。数据见下表。）",
            "(The chart could not be drawn as a picture here: {reason}. The figures are in the table below.)",
        ),
        "docx_no_chrome": (
            "服务器上没有可用的Chrome或Chromium",
            "no Chrome or Chromium is available on the server",
        ),
        "docx_image_failed": ("绘图程序未能完成", "the drawing program did not finish"),
        "docx_sources_heading": ("数据来源", "Sources"),
        "docx_table_heading": ("数据", "Figures"),
        "download_docx": ("Word简报（DOCX）", "Word briefing (DOCX)"),
        "download_docx_help": (
            "Word文件：每个指标的结论、图表和数据表，末尾列出全部来源；可在Word或WPS中编辑。",
            "A Word file: each indicator's takeaway, chart and table of figures, with every source "
            "listed at the end; editable in Word or WPS.",
        ),
    }
)


def t(key: str, lang: str, **fields: object) -> str:
    zh, en = STRINGS[key]
    text = zh if lang == "zh" else en
    return text.format(**fields) if fields else text
