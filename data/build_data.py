"""Build the bundled data files in data/ from the reference figures.

Run from anywhere:  python3 data/build_data.py
It reads ../shared/reference (relative to the repository root) and rewrites
units.csv, regions.csv, indicators.csv, sources.csv, observations.csv,
alternatives.csv and series_breaks.csv. Values, units, statuses, quotes and
source ids are copied from the reference unchanged; the curation decisions
(which row wins a conflict, as_of dates, source reliability, descriptions)
are the tables below. Running it twice gives byte-identical files.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REF = REPO.parent / "shared" / "reference"
DATA = REPO / "data"

# ---------------------------------------------------------------- units
UNITS_HEADER = ["id", "symbol_zh", "symbol_en", "name_zh", "name_en", "dimension", "factor", "aliases"]
UNITS = [
    # money (base: yuan)
    ("yuan", "元", "yuan", "人民币元", "yuan", "money", "1", "元|人民币|yuan|RMB|CNY"),
    ("10k_yuan", "万元", "10k yuan", "人民币万元", "ten thousand yuan", "money", "10000",
     "万元|万|10k yuan|ten thousand yuan|10k_yuan"),
    ("100m_yuan", "亿元", "100m yuan", "人民币亿元", "hundred million yuan", "money", "100000000",
     "亿元|亿|100m yuan|100 million yuan|hundred million yuan|100m_yuan"),
    ("billion_yuan", "十亿元", "bn yuan", "人民币十亿元", "billion yuan", "money", "1000000000",
     "十亿元|billion yuan|bn yuan|billion_yuan"),
    ("trillion_yuan", "万亿元", "trillion yuan", "人民币万亿元", "trillion yuan", "money", "1000000000000",
     "万亿元|万亿|trillion yuan|tn yuan|trillion_yuan"),
    # shares and differences of shares
    ("percent", "%", "%", "百分比", "percent", "percent", "1", "%|％|percent|百分比|pct"),
    ("percentage_point", "个百分点", "pp", "百分点", "percentage point", "pp", "1",
     "个百分点|百分点|pp|percentage point|percentage points|percentage_point"),
    # positions and indexes
    ("rank", "位", "rank", "位次", "rank position", "rank", "1", "位|名|位次|rank|ranking"),
    ("index", "", "", "指数值", "index value", "index", "1", "指数|点|index|points"),
    # data volumes
    ("records", "条", "records", "条(记录)", "records", "records", "1", "条|record|records"),
    ("100m_records", "亿条", "100m records", "亿条(记录)", "hundred million records", "records", "100000000",
     "亿条|100m records|100 million records|100m_records"),
    # density
    ("stations_per_10k_people", "个/万人", "per 10k people", "每万人拥有个数", "stations per 10,000 people",
     "density", "1", "个/万人|个每万人|每万人|per 10k people|stations per 10k people|stations_per_10k_people"),
    # counts (all 1:1; generic measure words may repeat within this dimension)
    ("count", "个", "items", "个数", "count", "count", "1", "个|项|count|items|number"),
    ("stations", "个", "stations", "基站个数", "base stations", "count", "1",
     "个|座|站|处|stations|station|base stations"),
    ("factories", "家", "factories", "工厂家数", "factories", "count", "1", "家|个|座|factories|factory"),
    ("workshops", "间", "workshops", "车间间数", "workshops", "count", "1", "间|个|workshops|workshop"),
    ("lines", "条", "lines", "生产线条数", "production lines", "count", "1", "条|lines|line|production lines"),
    ("cities", "个", "cities", "城市个数", "cities", "count", "1", "个|市|座|cities|city"),
    ("communities", "个", "communities", "社区个数", "communities", "count", "1", "个|communities|community"),
    ("platforms", "个", "platforms", "平台个数", "platforms", "count", "1", "个|家|platforms|platform"),
    ("projects", "个", "projects", "项目个数", "projects", "count", "1", "个|项|projects|project"),
    ("racks", "架", "racks", "标准机架架数", "standard racks", "count", "1", "架|个|台|标准机架|racks|rack"),
    ("ports", "个", "ports", "端口个数", "ports", "count", "1", "个|端口|ports|port"),
    ("scenarios", "个", "scenarios", "场景个数", "scenarios", "count", "1", "个|项|scenarios|scenario"),
    ("systems", "个", "systems", "系统个数", "systems", "count", "1", "个|套|systems|system"),
    ("lots", "个", "parking lots", "停车场个数", "parking lots", "count", "1", "个|处|停车场|lots|lot|parking lots"),
    ("spaces", "个", "parking spaces", "泊位个数", "parking spaces", "count", "1",
     "个|泊位|spaces|space|parking spaces"),
    ("apps", "个", "applications", "应用个数", "applications", "count", "1",
     "个|项|apps|app|applications|application"),
    ("entities", "家", "entities", "法人主体家数", "legal entities", "count", "1",
     "家|户|个|entities|entity|legal entities"),
]

# ---------------------------------------------------------------- regions
REGIONS_HEADER = ["id", "name_zh", "name_en", "level", "parent", "aliases", "sort"]
REGIONS = [
    ("china", "全国", "China", "country", "", "全国|全國|中国|中國|China|national|PRC", 1),
    ("shandong", "山东省", "Shandong", "province", "china",
     "山东|山东省|山東|山東省|鲁|Shandong|Shandong Province", 2),
    ("qingdao", "青岛市", "Qingdao", "city", "shandong", "青岛|青岛市|青島|青島市|Qingdao|Qingdao City", 3),
    ("jinan", "济南市", "Jinan", "city", "shandong", "济南|济南市|濟南|濟南市|Jinan|Jinan City", 4),
    ("zibo", "淄博市", "Zibo", "city", "shandong", "淄博|淄博市|Zibo|Zibo City", 5),
    ("zaozhuang", "枣庄市", "Zaozhuang", "city", "shandong",
     "枣庄|枣庄市|棗莊|棗莊市|Zaozhuang|Zaozhuang City", 6),
    ("dongying", "东营市", "Dongying", "city", "shandong", "东营|东营市|東營|東營市|Dongying|Dongying City", 7),
    ("yantai", "烟台市", "Yantai", "city", "shandong",
     "烟台|烟台市|煙臺|煙臺市|煙台|煙台市|Yantai|Yantai City", 8),
    ("weifang", "潍坊市", "Weifang", "city", "shandong", "潍坊|潍坊市|濰坊|濰坊市|Weifang|Weifang City", 9),
    ("jining", "济宁市", "Jining", "city", "shandong", "济宁|济宁市|濟寧|濟寧市|Jining|Jining City", 10),
    ("taian", "泰安市", "Tai'an", "city", "shandong", "泰安|泰安市|Tai'an|Taian|Tai'an City|Taian City", 11),
    ("weihai", "威海市", "Weihai", "city", "shandong", "威海|威海市|Weihai|Weihai City", 12),
    ("rizhao", "日照市", "Rizhao", "city", "shandong", "日照|日照市|Rizhao|Rizhao City", 13),
    ("linyi", "临沂市", "Linyi", "city", "shandong", "临沂|临沂市|臨沂|臨沂市|Linyi|Linyi City", 14),
    ("dezhou", "德州市", "Dezhou", "city", "shandong", "德州|德州市|Dezhou|Dezhou City", 15),
    ("liaocheng", "聊城市", "Liaocheng", "city", "shandong", "聊城|聊城市|Liaocheng|Liaocheng City", 16),
    ("binzhou", "滨州市", "Binzhou", "city", "shandong", "滨州|滨州市|濱州|濱州市|Binzhou|Binzhou City", 17),
    ("heze", "菏泽市", "Heze", "city", "shandong", "菏泽|菏泽市|菏澤|菏澤市|Heze|Heze City", 18),
]

# ---------------------------------------------------------------- indicators
INDICATORS_HEADER = ["id", "name_zh", "name_en", "unit", "kind", "better", "theme",
                     "description_zh", "description_en", "decimals", "headline"]
# The Overview cards, in the order shown (headline = position, 0 = not on the Overview).
HEADLINE = ["digital_economy_gdp_share", "digital_economy_scale", "fiveg_base_stations", "smart_factories",
            "digital_economy_core_gdp_share", "ccid_city_rank", "data_center_standard_racks", "gdp"]
# id: (name_zh, name_en, kind, theme, decimals, description_zh, description_en); unit comes from the reference.
INDICATORS = {
    "admin_village_5g_coverage_rate": (
        "行政村5G覆盖率", "5G coverage of administrative villages", "share", "infrastructure", 1,
        "已通5G网络的行政村占全部行政村的百分比(%)。来源用词不一(“覆盖比例”与“通达率”),且多为年中或某一日期的数值,请看截至日期和备注。",
        "Percentage of administrative villages reached by a 5G network. Sources use different terms "
        "('coverage' vs 'reach') and most values are mid-year or dated snapshots; see the as-of date and the note."),
    "automated_lines": (
        "自动化生产线", "Automated production lines", "count", "industry", 0,
        "重点行业累计建成的自动化生产线条数,为累计数。",
        "Cumulative number of automated production lines built in key industries (lines)."),
    "big_data_industry_revenue": (
        "大数据产业业务收入", "Big-data industry revenue", "amount", "digital_economy", 1,
        "大数据产业全年业务收入,单位亿元。",
        "Annual business revenue of the big-data industry, in 100 million yuan."),
    "caict_de_competitiveness_rank": (
        "数字经济竞争力指数排名(中国信通院)", "Digital-economy competitiveness rank (CAICT)", "rank", "rankings", 0,
        "中国信通院区域与城市数字经济报告中数字经济竞争力指数的位次,1为最好。省份与城市分别排名,位次按报告列出的前十五名顺序读取。",
        "Position on CAICT's digital-economy competitiveness index in its regional and city report; 1 is best. "
        "Provinces and cities are ranked separately; the position is read from the ordered top-15 list."),
    "ccid_city_rank": (
        "赛迪数字经济百强市排名", "CCID digital-economy top-100 cities rank", "rank", "rankings", 0,
        "赛迪顾问“数字经济百强市”(数字经济城市发展百强榜,秋季发布)中的位次,1为最好。它不是“数字百强市”榜单(见“赛迪数字百强市排名”),两者位次不可相互比较。",
        "Position in CCID Consulting's 数字经济百强市 (digital-economy top-100 cities, published in autumn); "
        "1 is best. This is a different list from the 数字百强市 digital-city list (see CCID digital-city top-100 rank), "
        "and the two ranks are not comparable."),
    "ccid_digital_city_rank": (
        "赛迪数字百强市排名", "CCID digital-city top-100 rank", "rank", "rankings", 0,
        "赛迪顾问“数字百强市”(数字城市竞争力榜单,9月发布)中的位次,1为最好。它不是“数字经济百强市”榜单(见“赛迪数字经济百强市排名”),两者位次不可相互比较。",
        "Position in CCID Consulting's 数字百强市 (digital-city competitiveness top 100, published in September); "
        "1 is best. This is a different list from the 数字经济百强市 list (see CCID digital-economy top-100 cities rank), "
        "and the two ranks are not comparable."),
    "city_brains_built": (
        "建成城市大脑的设区市", "Cities with a city brain", "count", "government", 0,
        "已建成“城市大脑”平台的设区市个数。",
        "Number of prefecture-level cities that have built a 'city brain' platform."),
    "city_cloud_brain_cross_dept_apps": (
        "城市云脑跨部门跨层级应用", "City cloud-brain cross-department applications", "count", "government", 0,
        "城市云脑平台上打造的跨部门、跨层级综合应用个数(如一体化综合指挥)。",
        "Number of cross-department, cross-level applications built on the city cloud-brain platform "
        "(such as integrated command)."),
    "city_cloud_brain_scenarios": (
        "城市云脑应用场景", "City cloud-brain scenarios", "count", "government", 0,
        "城市云脑平台涵盖的应用场景个数。",
        "Number of application scenarios covered by the city cloud-brain platform."),
    "city_cloud_brain_systems": (
        "城市云脑接入系统", "Systems connected to the city cloud brain", "count", "government", 0,
        "接入城市云脑平台的部门业务系统个数。",
        "Number of government systems integrated into the city cloud-brain platform."),
    "data_center_standard_racks": (
        "数据中心标准机架", "Data-centre standard racks", "count", "infrastructure", 0,
        "数据中心标准机架数量(架)。部分数值只计“在用”机架,部分为年中或某一日期的数值,请看截至日期和备注。",
        "Number of standard data-centre racks. Some values count only racks in use and some are mid-year "
        "or dated snapshots; see the as-of date and the note."),
    "data_element_ecosystem_rank": (
        "数据要素生态指数全国排名", "Data-element ecosystem index rank", "rank", "rankings", 0,
        "在一项数据要素生态指数中的全国位次,1为最好;来源未写明该指数的编制机构。",
        "National position on a data-element ecosystem index; 1 is best. The source does not say who compiles the index."),
    "digital_china_eval_rank": (
        "数字化综合发展水平排名(数字中国发展报告)", "Digital China composite evaluation rank", "rank", "rankings", 0,
        "《数字中国发展报告》评价各省数字化综合发展水平时的位次,1为最好。位次按报告列出的前十名顺序推算,报告并未明说该名单按得分排序。",
        "Province's position in the Digital China development report's composite evaluation; 1 is best. "
        "Derived from the order of the report's top-10 list, which the report does not explicitly say is ordered by score."),
    "digital_core_legal_entities": (
        "数字经济核心产业法人主体", "Legal entities in digital-economy core industries", "count", "digital_economy", 0,
        "从事数字经济核心产业的法人单位数量(家)。",
        "Number of legal entities operating in the core industries of the digital economy."),
    "digital_economy_core_gdp_share": (
        "数字经济核心产业增加值占GDP比重", "Digital-economy core industries, share of GDP", "share", "digital_economy", 1,
        "数字经济核心产业增加值占地区生产总值的百分比(%)。“核心产业”口径比“数字经济”总量窄得多(后者见“数字经济占GDP比重”),两者不可混用;全国2023年数值为国家统计局依据第五次全国经济普查核算的结果。",
        "Value added of the digital economy's core industries as a percentage of GDP. The core-industry scope is much "
        "narrower than the whole digital economy (see Digital economy, share of GDP), so the two must not be mixed; "
        "China's 2023 value is the statistics bureau's figure on the fifth economic census basis."),
    "digital_economy_core_value_added": (
        "数字经济核心产业增加值", "Digital-economy core industries, value added", "amount", "digital_economy", 1,
        "数字经济核心产业创造的增加值,单位亿元;只含核心产业,不是数字经济总量。",
        "Value added of the digital economy's core industries, in 100 million yuan; core industries only, "
        "not the whole digital economy."),
    "digital_economy_gdp_share": (
        "数字经济占GDP比重", "Digital economy, share of GDP", "share", "digital_economy", 1,
        "数字经济总量占地区生产总值的百分比(%)。这是广义口径(按中国信通院的测算,包括数字产业化和产业数字化两部分),远大于“数字经济核心产业”占比。",
        "Whole digital economy as a percentage of GDP. This is the broad measure (in CAICT's method, digital "
        "industrialisation plus industrial digitalisation), far larger than the core-industry share."),
    "digital_economy_scale": (
        "数字经济规模", "Digital economy size", "amount", "digital_economy", 2,
        "数字经济总量(增加值规模),单位万亿元。广义口径,含数字产业化和产业数字化,与“数字经济核心产业增加值”不是同一口径。",
        "Size (value added) of the whole digital economy, in trillion yuan. Broad measure including digital "
        "industrialisation and industrial digitalisation; not the same as core-industry value added."),
    "digital_economy_scale_rank_china": (
        "数字经济规模全国位次", "Digital-economy size, national rank", "rank", "rankings", 0,
        "数字经济规模总量在全国各省份中的位次,1为最好。原文措辞有歧义,可能指数字经济总量,也可能指核心产业规模。",
        "Province's national position by size of the digital economy; 1 is best. The source wording is ambiguous "
        "and may refer to the whole digital economy or to its core industries."),
    "digital_industrialization_gdp_share": (
        "数字产业化占GDP比重", "Digital industrialisation, share of GDP", "share", "digital_economy", 1,
        "数字产业化(信息通信产业部分)增加值占GDP的百分比(%),中国信通院口径。",
        "Digital industrialisation (the ICT-sector part of CAICT's digital-economy measure) as a percentage of GDP."),
    "digital_industrialization_scale": (
        "数字产业化规模", "Digital industrialisation size", "amount", "digital_economy", 2,
        "数字产业化(信息通信产业部分)增加值规模,单位万亿元,中国信通院口径。",
        "Value added of digital industrialisation (the ICT-sector part of CAICT's measure), in trillion yuan."),
    "digital_transformation_coverage_rate": (
        "规上工业企业数字化转型覆盖率", "Digital-transformation coverage of above-scale industrial firms", "share",
        "industry", 1,
        "已开展数字化转型的规模以上工业企业所占百分比(%)。",
        "Percentage of above-scale industrial enterprises covered by digital transformation."),
    "digital_workshops": (
        "数字化车间", "Digital workshops", "count", "industry", 0,
        "重点行业累计建成的数字化车间间数,为累计数。",
        "Cumulative number of digital workshops built in key industries."),
    "digital_workshops_and_automated_lines": (
        "数字化车间和自动化生产线(合计)", "Digital workshops and automated lines (combined)", "count", "industry", 0,
        "数字化车间与自动化生产线两类合计的个数,为累计数;分项见“数字化车间”和“自动化生产线”。",
        "Cumulative number of digital workshops and automated production lines counted together; "
        "see Digital workshops and Automated production lines for the separate counts."),
    "equipment_digitization_rate": (
        "生产设备数字化率", "Production-equipment digitisation rate", "share", "industry", 1,
        "工业企业生产设备中已实现数字化的百分比(%)。",
        "Percentage of industrial production equipment that is digitised."),
    "excellent_level_smart_factories": (
        "卓越级智能工厂", "Excellence-level smart factories", "count", "industry", 0,
        "入选工业和信息化部国家级“卓越级智能工厂”名单的工厂数量,累计数;首批名单发布于2024年。",
        "Cumulative number of factories on the national 'excellence-level smart factory' lists of MIIT; "
        "the first batch was published in 2024."),
    "fiveg_base_stations": (
        "5G基站", "5G base stations", "count", "infrastructure", 0,
        "累计建成开通的5G基站个数。不少数值是年中或某一日期的数值(见截至日期);个别数值按“建设”而非“开通”统计,见备注。",
        "Cumulative number of 5G base stations in service. Many values are mid-year or dated snapshots (see the as-of date); "
        "a few count stations built rather than opened, as the note says."),
    "fiveg_base_stations_rank_in_province": (
        "5G基站数量全省位次", "5G base stations, rank among Shandong's cities", "rank", "rankings", 0,
        "按5G基站数量在全省16个设区市中的位次,1为最多。这是城市在省内的位次,与全国榜单的位次不可比较。",
        "Position among Shandong's 16 prefecture-level cities by number of 5G base stations; 1 has the most. "
        "A position within the province, not comparable with positions on national lists."),
    "fiveg_base_stations_new": (
        "新建5G基站", "New 5G base stations", "count", "infrastructure", 0,
        "一年内(或截至某一日期)新建开通的5G基站个数,不是累计数;也可能是年度新建目标。",
        "Number of 5G base stations newly opened within the year (or up to a date); not cumulative. "
        "May also be an annual build target."),
    "fiveg_stations_per_10k_people": (
        "每万人拥有5G基站数", "5G base stations per 10,000 people", "rate", "infrastructure", 1,
        "每万名常住人口拥有的5G基站个数。",
        "Number of 5G base stations per 10,000 residents."),
    "gdp": (
        "地区生产总值", "GDP", "amount", "context", 2,
        "地区生产总值(GDP),单位亿元,部分为初步核算数。第四次全国经济普查修订前后的数值不可比(见“统计口径调整”)。",
        "Gross domestic product, in 100 million yuan; some values are preliminary. Values before and after the "
        "fourth national economic census revision are not comparable (see Series breaks)."),
    "gdp_per_capita": (
        "人均地区生产总值", "GDP per capita", "amount", "context", 1,
        "按人口平均的地区生产总值,单位元。",
        "Gross domestic product per resident, in yuan."),
    "gigabit_cities": (
        "千兆城市", "Gigabit cities", "count", "infrastructure", 0,
        "达到国家“千兆城市”建设标准的城市个数。",
        "Number of cities that meet the national 'gigabit city' standard."),
    "global_lighthouse_factories": (
        "全球“灯塔工厂”", "Global Lighthouse factories", "count", "industry", 0,
        "入选世界经济论坛全球灯塔网络的工厂个数。",
        "Number of factories in the World Economic Forum's Global Lighthouse Network."),
    "gov_service_online_rate": (
        "政务服务事项网上可办率", "Government services available online", "share", "government", 1,
        "可在网上办理的政务服务事项所占百分比(%)。",
        "Percentage of government service items that can be handled online."),
    "iip_penetration_rate": (
        "工业互联网平台普及率", "Industrial-internet platform penetration", "share", "industry", 1,
        "使用工业互联网平台的企业所占百分比(%)。",
        "Percentage of enterprises using an industrial-internet platform."),
    "industrial_digitalization_gdp_share": (
        "产业数字化占GDP比重", "Industrial digitalisation, share of GDP", "share", "digital_economy", 1,
        "产业数字化(传统产业应用数字技术带来的增加值)占GDP的百分比(%),中国信通院口径。",
        "Industrial digitalisation (value added from digital technology used in other industries) as a percentage "
        "of GDP, CAICT measure."),
    "industrial_digitalization_scale": (
        "产业数字化规模", "Industrial digitalisation size", "amount", "digital_economy", 2,
        "产业数字化增加值规模,单位万亿元,中国信通院口径。",
        "Value added of industrial digitalisation, in trillion yuan, CAICT measure."),
    "it_industry_revenue": (
        "信息技术产业营业收入", "IT industry revenue", "amount", "digital_economy", 1,
        "信息技术产业全年营业收入,单位万亿元。",
        "Annual operating revenue of the information-technology industry, in trillion yuan."),
    "key_business_digitalization_rate": (
        "关键业务环节全面数字化的企业比例", "Firms with fully digitised key business processes", "share",
        "industry", 1,
        "规模以上工业企业中关键业务环节已全面数字化的企业所占百分比(%)。",
        "Percentage of above-scale industrial enterprises whose key business processes are fully digitised."),
    "key_process_nc_rate": (
        "关键工序数控化率", "Numerical control of key processes", "share", "industry", 1,
        "工业企业关键工序中实现数控化的百分比(%)。口径不一:有的数值针对全部工业企业,有的只针对重点工业企业,见备注。",
        "Percentage of key production processes under numerical control. Coverage differs: some values are for all "
        "industrial enterprises, others for key industrial enterprises only; see the note."),
    "national_iip_platforms": (
        "国家级工业互联网平台", "National-level industrial-internet platforms", "count", "industry", 0,
        "国家级工业互联网平台个数;与“国家级特色专业型工业互联网平台”口径不同。",
        "Number of national-level industrial-internet platforms; a different definition from the national "
        "specialised industrial-internet platforms."),
    "national_smart_factories": (
        "国家级智能制造示范工厂", "National smart-manufacturing demonstration factories", "count", "industry", 0,
        "国家级智能制造示范工厂个数,累计数。",
        "Cumulative number of national-level smart-manufacturing demonstration factories."),
    "national_smart_mfg_pilot_projects": (
        "国家智能制造试点示范项目", "National smart-manufacturing pilot projects", "count", "industry", 0,
        "入选国家智能制造试点示范的项目个数,为2015—2018年各批次累计。",
        "Number of projects selected as national smart-manufacturing pilots, cumulative over the 2015-2018 batches."),
    "national_specialty_iip_platforms": (
        "国家级特色专业型工业互联网平台", "National specialised industrial-internet platforms", "count", "industry", 0,
        "入选国家特色专业型工业互联网平台的个数;与“国家级工业互联网平台”口径不同,不可直接比较。",
        "Number of platforms selected as national specialised industrial-internet platforms; a different "
        "definition from national-level platforms, so not directly comparable."),
    "online_retail_sales": (
        "网上零售额", "Online retail sales", "amount", "context", 1,
        "全年网上零售额,单位亿元。",
        "Annual online retail sales, in 100 million yuan."),
    "pon_10g_ports": (
        "万兆无源光网络(10G-PON)端口", "10G-PON ports", "count", "infrastructure", 0,
        "已部署的万兆无源光网络(10G-PON)端口个数。",
        "Number of 10G-PON (10-gigabit passive optical network) ports deployed."),
    "provincial_smart_factories_workshops": (
        "省级数字化车间和智能工厂", "Provincial-level digital workshops and smart factories", "count", "industry", 0,
        "全国各省认定的省级数字化车间和智能工厂合计个数,累计数。",
        "Cumulative number of provincial-level digital workshops and smart factories nationwide, counted together."),
    "public_data_records": (
        "公共数据汇聚总量", "Public data records aggregated", "amount", "government", 1,
        "政府公共数据平台汇聚的数据总量,单位亿条。",
        "Total public-data records aggregated on the government data platform, in 100 million records."),
    "rd_design_tool_penetration": (
        "数字化研发设计工具普及率", "Digital R&D design tool penetration", "share", "industry", 1,
        "使用数字化研发设计工具的工业企业所占百分比(%)。口径不一:有的数值针对全部工业企业,有的只针对重点工业企业,见备注。",
        "Percentage of industrial enterprises using digital R&D and design tools. Coverage differs: some values are "
        "for all industrial enterprises, others for key industrial enterprises only; see the note."),
    "smart_city_county_coverage": (
        "智慧城市县级覆盖率", "County-level smart-city coverage", "share", "government", 1,
        "已开展智慧城市建设的县(市、区)所占百分比(%)。",
        "Percentage of counties covered by smart-city development."),
    "smart_city_smile_rank_china": (
        "新型智慧城市SMILE指数全国排名", "SMILE smart-city index, national rank", "rank", "rankings", 0,
        "在新型智慧城市SMILE指数中的全国位次,1为最好;同一来源还给出全球位次(见备注)。",
        "National position on the SMILE new-type smart-city index; 1 is best. The same source also gives a "
        "global position (see the note)."),
    "smart_communities": (
        "智慧社区", "Smart communities", "count", "government", 0,
        "建成的智慧社区个数,为累计数;2021年数值只是省级首批名单。",
        "Cumulative number of smart communities built; the 2021 value is only the first provincial batch."),
    "smart_factories": (
        "智能工厂", "Smart factories", "count", "industry", 0,
        "重点行业累计建成的智能工厂个数。来源未说明级别(国家、省或市级),为累计数。",
        "Cumulative number of smart factories built in key industries. The sources do not say at which level "
        "(national, provincial or municipal) they were recognised."),
    "smart_factories_workshops_lines_new": (
        "当年新认定的市级智能工厂、数字化车间和自动化生产线", "New municipal smart factories, workshops and lines",
        "count", "industry", 0,
        "一年内新认定的市级智能工厂、数字化车间和自动化生产线三类合计个数,不是累计数。",
        "Number of municipal-level smart factories, digital workshops and automated lines newly recognised in the "
        "year, all three kinds together; not cumulative."),
    "smart_factories_workshops_scenes": (
        "智能工厂、数字化车间和智能制造场景", "Smart factories, digital workshops and smart-manufacturing scenarios",
        "count", "industry", 0,
        "智能工厂、数字化车间和智能制造场景三类合计个数。",
        "Number of smart factories, digital workshops and smart-manufacturing scenarios, counted together."),
    "smart_parking_lots": (
        "接入智慧停车平台的停车场", "Parking lots on the smart-parking platform", "count", "government", 0,
        "接入城市智慧停车平台的停车场个数。",
        "Number of parking lots connected to the city smart-parking platform."),
    "smart_parking_spaces": (
        "接入智慧停车平台的泊位", "Parking spaces on the smart-parking platform", "count", "government", 0,
        "接入城市智慧停车平台的停车泊位个数。",
        "Number of parking spaces connected to the city smart-parking platform."),
    "software_industry_revenue": (
        "软件产业规模", "Software industry revenue", "amount", "digital_economy", 1,
        "软件产业全年营业收入规模,单位亿元。",
        "Annual revenue of the software industry, in 100 million yuan."),
    "top100_digital_cities_count": (
        "入选数字城市类百强榜的城市数", "Cities on a national digital top-100 list", "count", "rankings", 0,
        "省内入选全国数字城市类百强榜的城市个数。各年取自不同榜单:2021年为赛迪数字经济城市发展百强榜,2022年来源未写明榜单发布方,2025年为“中国数字百强市”,因此各年不可直接比较。",
        "Number of the province's cities on a national digital top-100 city list. The years come from different "
        "lists (2021: CCID's digital-economy top-100; 2022: list publisher not named; 2025: 'China digital top-100 "
        "cities'), so years are not directly comparable."),
    "two_integration_index": (
        "两化融合发展指数", "IT-industrialisation integration index", "index", "industry", 1,
        "信息化和工业化融合发展水平的指数值(无单位)。",
        "Index value (unitless) of the integration of information technology and industrialisation."),
}

# ---------------------------------------------------------------- sources
SOURCES_HEADER = ["source_id", "title", "publisher", "published", "url", "note", "reliability"]
# primary: the producing body (government, statistical bureau, research institute) or a faithful copy of its
#   document, or official media reporting first-hand, read on its own or another official site.
# secondary: reposts of such reports on third-party sites, trade or commercial press, news summaries and
#   digests that restate another body's report, secondary academic excerpts.
# weak: what the reference flags as low quality: content farms, spam-named domains, forum reposts,
#   machine-translated summaries, company pages, reposts whose original publisher is not named,
#   'expected' market-news headlines.
RELIABILITY = {
    "seed_qdnews_20230505": "secondary",
    "caict_wp2017": "primary",
    "xinhua_20190506_dcr2018": "primary",
    "ce_20200706_caict2020": "secondary",
    "gov_20210926_cird2021": "primary",
    "rmydb_20220712_caict2022": "secondary",
    "xinhua_20220706_cac": "secondary",
    "ecns_20220706": "primary",
    "cri_20230428_dcr2022": "primary",
    "jcw_20230523_dcr2022": "secondary",
    "chinanet_20230524_dcr2022": "secondary",
    "cpd_20230524_dcr2022": "secondary",
    "cww_20230428_caict2023": "secondary",
    "zjjxt_20240912_caict2024": "primary",
    "oeeee_20220112_14fyp": "secondary",
    "gscn_20250102_nbs": "primary",
    "bjreview_20240527": "secondary",
    "wscn_20240820": "weak",
    "xinhua_20240411": "secondary",
    "c114_2022_miit": "secondary",
    "paper_365seal_5g": "secondary",
    "cnsoftnews_20240724_miit": "secondary",
    "ithome_20250126_miit": "secondary",
    "cns_20250121_miit": "secondary",
    "miit_202510_q3": "weak",
    "envicool_14fyp_ict": "weak",
    "fmxw_202306_miit": "secondary",
    "scio_20240424_sd": "primary",
    "cyol_20240410_sd": "secondary",
    "qilu_20240229_sd": "secondary",
    "selectsd_20210719": "secondary",
    "chinadaily_20220322_sd": "primary",
    "qlyd_20190227_plan": "secondary",
    "people_20220304_sd5g": "secondary",
    "xinhua_20200927_sd5g": "primary",
    "xinhua_20211129_sd5g": "secondary",
    "sdchina_20200324_sd5g": "primary",
    "dzrb_20240618_sd5g": "primary",
    "c114_20250714_sd": "secondary",
    "sd_mfgdt_plan_2022": "primary",
    "haibao_202511_sd": "secondary",
    "sdnews_20210906_ccid": "primary",
    "cns_20221117_ccid": "secondary",
    "cctv_caict_20201229": "primary",
    "iqilu_20251224_sd": "primary",
    "pc77_2025_sd": "weak",
    "dzwww_20230201_qd": "primary",
    "sdstats_2023_bulletin": "primary",
    "guanhai_20220317_qd": "primary",
    "zuo_2021_qdpaper": "secondary",
    "qjy_qd2016": "weak",
    "ajunews_20180126": "secondary",
    "reportify_20250731_qd": "weak",
    "reportify_202512_qd": "weak",
    "csp21_202210_qd": "secondary",
    "bdqm_20231207_qd": "secondary",
    "chinacom_20241213_qd": "secondary",
    "qtv_20250605_qd": "primary",
    "qdnews_20241128_ccid": "secondary",
    "qdgov_20250516_plan": "primary",
    "qdplan_20230508": "primary",
    "kyodo_20221111_qd": "primary",
    "xinwen_20250920_qd": "secondary",
    "yuhaojiang_20251225_qd": "secondary",
    "hysjfh_qd_smartmfg": "secondary",
    "fhw_20230821_qd": "secondary",
    "qlhenr_20220916_sd5g": "weak",
    "xinhua_20201019_jn": "primary",
    "zhanhuiz_20201012_jn": "weak",
    "e23_20240922_jn": "primary",
    "chinadaily_20220412_jn": "primary",
    "ukgn_202302_jn": "weak",
    "nda_20241224_qd": "primary",
    "qdnews_20250107_qd": "primary",
    "sdchina_20240703_qd": "primary",
    "chinadaily_20221111_qd": "primary",
    "chinadaily_20240319_qd": "primary",
    "chinadaily_20220930_qd": "primary",
    "njxqhms_20251213_qd": "weak",
    "dzwww_20250409_sd": "primary",
    "handmsg_20220615_sd": "weak",
    "sdca_20250624_sd": "primary",
    "reportify_20260202_ce": "weak",
    "guanhai_20210119_sd": "primary",
    "1synews_sd2019": "weak",
    "xyhndec_sd2019": "weak",
    "repost_20220119_sd": "weak",
    "dzwww_20260124_sd": "primary",
    "chinadaily_20181217_sd": "primary",
    "yybnet_20190129_sd": "primary",
    "aiborain_20170606_sd": "secondary",
    "hongheiku_yt2020_bulletin": "primary",
    "askci_20220224_yt": "secondary",
    "chinadaily_20230427_yt": "primary",
    "docslib_qd_yearbook2018": "primary",
}

# ---------------------------------------------------------------- observations
OBS_HEADER = ["indicator_id", "region_id", "year", "value", "status", "source_id", "as_of", "note", "quote"]
ALT_HEADER = OBS_HEADER + ["chosen_source_id", "reason"]

# (indicator_id, region_id, year, status, source_id) -> as_of: the date the figure refers to when it is not
# the end of its year. The exact day when the reference gives one; otherwise the last day of the stated month,
# but never later than the day the source was published ("about June 2025" in a report of 2025-06-05 is as of
# 2025-06-05 at the latest). A figure published within its own year cannot be a year-end figure, so it takes
# the publication date even when the reference says "as of Dec". Ranks and counts of list members refer to a
# list's edition, not to a date, and get none.
AS_OF = {
    ("admin_village_5g_coverage_rate", "qingdao", "2022", "reported", "csp21_202210_qd"): "2022-09-30",
    ("admin_village_5g_coverage_rate", "qingdao", "2023", "reported", "bdqm_20231207_qd"): "2023-12-07",
    ("admin_village_5g_coverage_rate", "shandong", "2022", "reported", "qlhenr_20220916_sd5g"): "2022-09-16",
    ("admin_village_5g_coverage_rate", "shandong", "2024", "reported", "dzrb_20240618_sd5g"): "2024-06-18",
    ("admin_village_5g_coverage_rate", "shandong", "2025", "reported", "c114_20250714_sd"): "2025-06-30",
    ("city_brains_built", "shandong", "2025", "reported", "iqilu_20251224_sd"): "2025-12-24",
    ("data_center_standard_racks", "jinan", "2024", "reported", "e23_20240922_jn"): "2024-09-22",
    ("data_center_standard_racks", "qingdao", "2023", "reported", "bdqm_20231207_qd"): "2023-12-07",
    ("data_center_standard_racks", "qingdao", "2024", "reported", "nda_20241224_qd"): "2024-12-24",
    ("data_center_standard_racks", "qingdao", "2025", "reported", "qtv_20250605_qd"): "2025-06-05",
    ("digital_core_legal_entities", "shandong", "2025", "reported", "iqilu_20251224_sd"): "2025-12-24",
    ("digital_transformation_coverage_rate", "qingdao", "2024", "reported", "sdchina_20240703_qd"): "2024-07-03",
    ("digital_workshops_and_automated_lines", "qingdao", "2022", "reported", "chinadaily_20221111_qd"): "2022-11-11",
    ("digital_workshops_and_automated_lines", "qingdao", "2024", "reported", "sdchina_20240703_qd"): "2024-07-03",
    ("equipment_digitization_rate", "qingdao", "2022", "reported", "chinadaily_20220930_qd"): "2022-03-31",
    ("excellent_level_smart_factories", "qingdao", "2025", "reported", "yuhaojiang_20251225_qd"): "2025-12-25",
    ("excellent_level_smart_factories", "shandong", "2025", "reported", "haibao_202511_sd"): "2025-11-07",
    ("fiveg_base_stations", "china", "2025", "reported", "miit_202510_q3"): "2025-09-30",
    ("fiveg_base_stations", "jinan", "2020", "reported", "zhanhuiz_20201012_jn"): "2020-09-30",
    ("fiveg_base_stations", "jinan", "2024", "reported", "e23_20240922_jn"): "2024-09-22",
    ("fiveg_base_stations", "qingdao", "2022", "reported", "csp21_202210_qd"): "2022-09-30",
    ("fiveg_base_stations", "qingdao", "2023", "reported", "bdqm_20231207_qd"): "2023-12-07",
    ("fiveg_base_stations", "qingdao", "2024", "reported", "chinacom_20241213_qd"): "2024-12-13",
    ("fiveg_base_stations", "qingdao", "2025", "reported", "qtv_20250605_qd"): "2025-06-05",
    ("fiveg_base_stations", "shandong", "2020", "reported", "xinhua_20200927_sd5g"): "2020-09-27",
    ("fiveg_base_stations", "shandong", "2022", "reported", "qlhenr_20220916_sd5g"): "2022-09-16",
    ("fiveg_base_stations", "shandong", "2024", "reported", "dzrb_20240618_sd5g"): "2024-06-18",
    ("fiveg_base_stations_new", "qingdao", "2022", "reported", "csp21_202210_qd"): "2022-09-30",
    ("gigabit_cities", "shandong", "2024", "reported", "dzrb_20240618_sd5g"): "2024-06-18",
    ("global_lighthouse_factories", "qingdao", "2024", "reported", "sdchina_20240703_qd"): "2024-07-03",
    ("key_process_nc_rate", "china", "2023", "reported", "fmxw_202306_miit"): "2023-04-30",
    ("key_process_nc_rate", "qingdao", "2022", "reported", "chinadaily_20220930_qd"): "2022-03-31",
    ("national_iip_platforms", "qingdao", "2024", "reported", "sdchina_20240703_qd"): "2024-07-03",
    ("national_iip_platforms", "qingdao", "2025", "reported", "xinwen_20250920_qd"): "2025-09-20",
    ("pon_10g_ports", "qingdao", "2023", "reported", "bdqm_20231207_qd"): "2023-12-07",
    ("public_data_records", "qingdao", "2024", "reported", "chinacom_20241213_qd"): "2024-12-13",
    ("public_data_records", "qingdao", "2025", "reported", "qtv_20250605_qd"): "2025-06-05",
    ("rd_design_tool_penetration", "china", "2023", "reported", "fmxw_202306_miit"): "2023-04-30",
    ("rd_design_tool_penetration", "qingdao", "2022", "reported", "chinadaily_20220930_qd"): "2022-03-31",
    ("smart_communities", "shandong", "2021", "reported", "selectsd_20210719"): "2021-07-19",
    ("smart_factories", "qingdao", "2022", "reported", "chinadaily_20221111_qd"): "2022-11-11",
    ("smart_factories", "qingdao", "2024", "reported", "sdchina_20240703_qd"): "2024-07-03",
}

# Notes reworded from the reference (facts kept): as-of wording made explicit, duplicated phrases removed.
NOTE_OVERRIDES = {
    ("admin_village_5g_coverage_rate", "qingdao", "2022", "reported", "csp21_202210_qd"):
        "as of about Sept 2022; 覆盖 (coverage)",
    ("key_process_nc_rate", "china", "2023", "reported", "fmxw_202306_miit"):
        "key industrial enterprises (重点工业企业); figures as of about April 2023, given at the June 2023 "
        "press conference; not a year-end figure",
    ("rd_design_tool_penetration", "china", "2023", "reported", "fmxw_202306_miit"):
        "key industrial enterprises (重点工业企业); figures as of about April 2023, given at the June 2023 "
        "press conference; not a year-end figure",
    ("rd_design_tool_penetration", "china", "2022", "reported", "jcw_20230523_dcr2022"):
        "industrial enterprises nationwide (全国工业企业), as the quote says",
    ("key_process_nc_rate", "china", "2022", "reported", "jcw_20230523_dcr2022"):
        "national industrial enterprises (全国工业企业)",
    ("digital_economy_core_gdp_share", "shandong", "2021", "reported", "handmsg_20220615_sd"):
        "over; explicitly dated 2021 (an earlier China Daily piece gave the same pair of figures without a year)",
    ("it_industry_revenue", "shandong", "2021", "reported", "handmsg_20220615_sd"):
        "over (突破); explicitly dated 2021 (an earlier China Daily piece gave the same pair of figures without a year)",
    ("digital_economy_scale_rank_china", "shandong", "2021", "reported", "handmsg_20220615_sd"):
        "'规模总量' most likely refers to the digital economy's total scale among provinces; wording is ambiguous; "
        "explicitly dated 2021 (an earlier China Daily piece gave the same pair of figures without a year)",
    ("smart_factories", "qingdao", "2022", "reported", "chinadaily_20221111_qd"):
        "as of Nov 2022 (article of 2022-11-11); level (national/provincial/municipal) not specified",
    ("equipment_digitization_rate", "qingdao", "2022", "reported", "chinadaily_20220930_qd"):
        "as of March 2022, NOT year-end; the same value is given as of end-2022 by seed_qdnews_20230505",
    ("rd_design_tool_penetration", "qingdao", "2022", "reported", "chinadaily_20220930_qd"):
        "as of March 2022, NOT year-end; the same value is given as of end-2022 by seed_qdnews_20230505",
    ("key_process_nc_rate", "qingdao", "2022", "reported", "chinadaily_20220930_qd"):
        "as of March 2022, NOT year-end; the same value is given as of end-2022 by seed_qdnews_20230505",
    ("fiveg_base_stations", "qingdao", "2022", "reported", "csp21_202210_qd"):
        "as of end-Sept 2022, NOT year-end",
    ("gdp", "qingdao", "2017", "reported", "docslib_qd_yearbook2018"):
        "read from the GDP chart labels of Qingdao Statistical Yearbook 2018 (data to 2017); 11037.28 is the top "
        "value of the series = 2017",
}

# Conflict groups: (indicator_id, region_id, year, "actual" | "target") -> chosen source and, per other source,
# the one-sentence reason. `suffix` is appended to the chosen row's note.
CONFLICTS = {
    ("digital_economy_core_gdp_share", "china", "2023", "actual"): {
        "chosen": "gscn_20250102_nbs",
        "suffix": "Alternatives: 10 (bjreview_20240527, Digital China report of May 2024, rounded).",
        "reasons": {
            "bjreview_20240527": "Rule 2: the statistics bureau's census-based 9.9 (primary, published later) is kept "
                                 "over Beijing Review's secondary digest of the Digital China report ('reached 10 percent').",
        },
    },
    ("digital_economy_gdp_share", "china", "2022", "actual"): {
        "chosen": "cri_20230428_dcr2022",
        "suffix": "Corroborated by seed_qdnews_20230505 (same value).",
        "reasons": {
            "seed_qdnews_20230505": "Rule 4: same value; the primary Xinhua report of the Digital China report is kept "
                                    "and the 2023-05 news article is listed as corroborating.",
        },
    },
    ("digital_economy_scale", "china", "2022", "actual"): {
        "chosen": "cri_20230428_dcr2022",
        "suffix": "Corroborated by seed_qdnews_20230505 (same value, worded 'over 50.2').",
        "reasons": {
            "seed_qdnews_20230505": "Rule 4: same value; the primary Xinhua report of the Digital China report is kept "
                                    "and the 2023-05 news article ('over 50.2') is listed as corroborating.",
        },
    },
    ("digital_economy_scale", "china", "2023", "actual"): {
        "chosen": "zjjxt_20240912_caict2024",
        "suffix": "Alternatives: over 55, 'expected' (wscn_20240820).",
        "reasons": {
            "wscn_20240820": "Rule 2: CAICT's 2024 report figure (primary, via a provincial government site) is kept "
                             "over a weak market-news headline saying 'expected to exceed 55'.",
        },
    },
    ("fiveg_base_stations", "china", "2025", "actual"): {
        "chosen": "reportify_20260202_ce",
        "suffix": "Alternatives: 4705000 as of end-Sept 2025 (miit_202510_q3).",
        "reasons": {
            "miit_202510_q3": "Rule 1: the year-end 2025 count is kept over the end-September 2025 count.",
        },
    },
    ("fiveg_base_stations", "qingdao", "2022", "actual"): {
        "chosen": "csp21_202210_qd",
        "suffix": "Alternatives: over 30000, undated, in the city plan issued 2023-05-08 (qdplan_20230508); "
                  "28000, undated, likely an older count (seed_qdnews_20230505).",
        "reasons": {
            "qdplan_20230508": "Rule 1 exception: the dated, precise end-September 2022 count (30,361) is kept; the "
                               "plan's 'over 30,000' carries no date and is already implied by that count.",
            "seed_qdnews_20230505": "Rule 1 exception: the undated 28,000 is shown to be older by the dated 30,361 of "
                                    "end-September 2022, so it is not kept.",
        },
    },
    ("equipment_digitization_rate", "qingdao", "2022", "actual"): {
        "chosen": "seed_qdnews_20230505",
        "suffix": "The same value is given as of March 2022 by China Daily (chinadaily_20220930_qd).",
        "reasons": {
            "chinadaily_20220930_qd": "Rule 1: the year-end figure (the 2023-05-05 article opens its sentence with "
                                      "截至去年底, end-2022) is kept over the same value as of March 2022.",
        },
    },
    ("key_process_nc_rate", "qingdao", "2022", "actual"): {
        "chosen": "seed_qdnews_20230505",
        "suffix": "The same value is given as of March 2022 by China Daily (chinadaily_20220930_qd).",
        "reasons": {
            "chinadaily_20220930_qd": "Rule 1: the year-end figure (the 2023-05-05 article opens its sentence with "
                                      "截至去年底, end-2022) is kept over the same value as of March 2022.",
        },
    },
    ("rd_design_tool_penetration", "qingdao", "2022", "actual"): {
        "chosen": "seed_qdnews_20230505",
        "suffix": "The same value is given as of March 2022 by China Daily (chinadaily_20220930_qd).",
        "reasons": {
            "chinadaily_20220930_qd": "Rule 1: the year-end figure (the 2023-05-05 article opens its sentence with "
                                      "截至去年底, end-2022) is kept over the same value as of March 2022.",
        },
    },
    ("smart_factories", "qingdao", "2022", "actual"): {
        "chosen": "seed_qdnews_20230505",
        "suffix": "The same value is given as of November 2022 by China Daily (chinadaily_20221111_qd).",
        "reasons": {
            "chinadaily_20221111_qd": "Rule 1: the year-end figure (the 2023-05-05 article opens its sentence with "
                                      "截至去年底, end-2022) is kept over the same value as of November 2022.",
        },
    },
    ("gdp", "qingdao", "2017", "actual"): {
        "chosen": "docslib_qd_yearbook2018",
        "suffix": "Alternatives: 11037.07 derived from the sector sums of a preliminary report (ajunews_20180126).",
        "reasons": {
            "ajunews_20180126": "Rule 2: the reported value of the Qingdao Statistical Yearbook (primary) is kept over "
                                "a value derived from a preliminary news report (secondary).",
        },
    },
}

# ---------------------------------------------------------------- series breaks
BREAKS_HEADER = ["indicator_id", "region_id", "first_year", "kind", "standard_after", "note_zh", "note_en"]
# kind: census_revision (the same measure re-estimated on a census basis), change_of_measure (the series keeps
# its name but counts something else), different_list (a count or rank taken from another list). Each one
# splits the series: nothing is computed, and no line drawn, across it. standard_after: for a change of measure
# or of list, whether the figures from first_year on follow the indicator's own definition (indicators.csv);
# the figures before the first break follow it unless that break returns to it. Only figures on the standard
# definition are compared with other regions' (a census revision is matched by its side of the break instead).
BREAKS = [
    ("gdp", "shandong", 2019, "census_revision", "",
     "2019年起为第四次全国经济普查修订后的数据；2016—2018年为修订前数据，与2019年起不可比（2019年因此低于2018年）。",
     "From 2019 the figures are on the basis revised by the fourth national economic census; 2016-2018 predate "
     "the revision and are not comparable with 2019 onward (hence 2019 is below 2018)."),
    ("gdp", "qingdao", 2019, "census_revision", "",
     "2016、2017年数据发布于第四次全国经济普查修订之前（2017年初步数注明为修订前口径）；2019年起为修订后数据，两段不可比。",
     "The 2016 and 2017 figures were published before the fourth national economic census revision (the "
     "preliminary 2017 report is marked pre-revision); 2019 onward is on the revised basis. The two parts are "
     "not comparable."),
    ("digital_economy_core_gdp_share", "china", 2023, "census_revision", "",
     "2020年数据为第五次全国经济普查前的口径；2023年数据为国家统计局按第五次全国经济普查核算的结果，两者不可比。",
     "The 2020 figure predates the fifth national economic census; the 2023 figure is the statistics bureau's "
     "result on the census basis. The two are not comparable."),
    ("top100_digital_cities_count", "shandong", 2022, "different_list", "no",
     "2021年取自赛迪“数字经济城市发展百强榜”；2022年来源只称“数字城市百强”，未写明发布方，不能确认为同一榜单。",
     "The 2021 count comes from CCID's digital-economy top-100 cities list; the 2022 source only says "
     "'数字城市百强' without naming the publisher, so it cannot be confirmed to be the same list."),
    ("top100_digital_cities_count", "shandong", 2025, "different_list", "no",
     "2025年取自“中国数字百强市”榜单（来源未写明发布方），可能与此前各年的榜单不同。",
     "The 2025 count comes from the '中国数字百强市' (China digital top-100 cities) list, publisher not named, "
     "which may differ from the lists used in earlier years."),
    ("key_process_nc_rate", "china", 2023, "change_of_measure", "no",
     "2022年为全国工业企业的数据；2023年起只统计重点工业企业，统计范围不同。",
     "The 2022 value is for industrial enterprises nationwide; from 2023 the values are for key industrial "
     "enterprises only, a different coverage."),
    ("rd_design_tool_penetration", "china", 2023, "change_of_measure", "no",
     "2022年为全国工业企业的数据；2023年起只统计重点工业企业，统计范围不同。",
     "The 2022 value is for industrial enterprises nationwide; from 2023 the values are for key industrial "
     "enterprises only, a different coverage."),
    ("fiveg_base_stations", "jinan", 2024, "change_of_measure", "no",
     "2020年为已开通的基站数；2024年为累计建设的基站数，统计口径不同。",
     "The 2020 value counts stations opened (开通); the 2024 value counts stations built (建设), a different basis."),
    ("fiveg_base_stations", "qingdao", 2023, "change_of_measure", "no",
     "2023年为累计建设的基站数；此前各年为累计开通的基站数，统计口径不同。",
     "The 2023 value counts stations built (建设); earlier years count stations opened (开通), a different basis."),
    ("fiveg_base_stations", "qingdao", 2024, "change_of_measure", "yes",
     "2024年起为累计开通的基站数；2023年为累计建设的基站数，统计口径不同。",
     "From 2024 the values count stations opened (开通) again; 2023 counts stations built (建设), a different basis."),
    ("data_center_standard_racks", "qingdao", 2024, "change_of_measure", "no",
     "2024年起只统计在用标准机架；此前为标准机架总数，统计口径不同。",
     "From 2024 the values count racks in use (在用) only; earlier years count all standard racks, a different basis."),
    ("smart_communities", "shandong", 2022, "change_of_measure", "yes",
     "2021年为省级首批智慧社区名单（301个）；2022年起为累计建成数，统计口径不同。",
     "The 2021 value is the first provincial batch of smart communities (301); from 2022 the values are the "
     "cumulative number built, a different basis."),
    ("admin_village_5g_coverage_rate", "shandong", 2024, "change_of_measure", "no",
     "2022年为5G“覆盖比例”；2024年起为5G网络“通达率”，两种提法的口径可能不同。",
     "The 2022 value is a 5G coverage share (覆盖比例); from 2024 the values are a 5G reach rate (通达率), "
     "which may be defined differently."),
]


def full_width(text: str) -> str:
    """Chinese punctuation in Chinese text: ， ； ： （ ） as a Shandong bulletin writes them."""
    return text.translate(str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, header: list[str], rows: list) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow([row[h] for h in header] if isinstance(row, dict) else list(row))


def main() -> None:
    ref_obs = read_csv(REF / "observations.csv")
    ref_src = read_csv(REF / "sources.csv")
    region_sort = {r[0]: r[6] for r in REGIONS}

    # units and regions
    unit_ids = {u[0] for u in UNITS}
    assert {r["unit"] for r in ref_obs} <= unit_ids, "reference uses a unit missing from UNITS"
    write_csv(DATA / "units.csv", UNITS_HEADER, UNITS)
    write_csv(DATA / "regions.csv", REGIONS_HEADER, REGIONS)

    # indicators: unit taken from the reference, must be consistent
    units_of: dict[str, set[str]] = defaultdict(set)
    for r in ref_obs:
        units_of[r["indicator_id"]].add(r["unit"])
    assert set(units_of) == set(INDICATORS), set(units_of) ^ set(INDICATORS)
    ind_rows = []
    for ind in sorted(INDICATORS):
        assert len(units_of[ind]) == 1, (ind, units_of[ind])
        name_zh, name_en, kind, theme, decimals, d_zh, d_en = INDICATORS[ind]
        name_zh, d_zh = full_width(name_zh), full_width(d_zh)
        ind_rows.append({
            "id": ind, "name_zh": name_zh, "name_en": name_en, "unit": next(iter(units_of[ind])),
            "kind": kind, "better": "lower" if kind == "rank" else "higher", "theme": theme,
            "description_zh": d_zh, "description_en": d_en, "decimals": decimals,
            "headline": HEADLINE.index(ind) + 1 if ind in HEADLINE else 0,
        })
    write_csv(DATA / "indicators.csv", INDICATORS_HEADER, ind_rows)

    # sources
    assert {s["source_id"] for s in ref_src} == set(RELIABILITY)
    src_rows = []
    for s in ref_src:
        row = dict(s)
        if row["published"] == "unknown":
            row["published"] = ""
            row["note"] = (row["note"] + "; publication date unknown").lstrip("; ")
        row["reliability"] = RELIABILITY[s["source_id"]]
        src_rows.append(row)
    write_csv(DATA / "sources.csv", SOURCES_HEADER, src_rows)

    # observations and alternatives
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in ref_obs:
        kind = "target" if r["status"] == "target" else "actual"
        groups[(r["indicator_id"], r["region_id"], r["year"], kind)].append(r)
    multi = {k for k, v in groups.items() if len(v) > 1}
    assert multi == set(CONFLICTS), ("unhandled or stale conflict groups", multi ^ set(CONFLICTS))

    def build(r: dict) -> dict:
        key = (r["indicator_id"], r["region_id"], r["year"], r["status"], r["source_id"])
        return {
            "indicator_id": r["indicator_id"], "region_id": r["region_id"], "year": r["year"],
            "value": r["value"], "status": r["status"], "source_id": r["source_id"],
            "as_of": AS_OF.get(key, ""), "note": NOTE_OVERRIDES.get(key, r["note"]), "quote": r["quote"],
        }

    used_as_of = set()
    obs_rows, alt_rows = [], []
    for gkey, rows in groups.items():
        for r in rows:
            used_as_of.add((r["indicator_id"], r["region_id"], r["year"], r["status"], r["source_id"]))
        if len(rows) == 1:
            obs_rows.append(build(rows[0]))
            continue
        spec = CONFLICTS[gkey]
        chosen = [r for r in rows if r["source_id"] == spec["chosen"]]
        assert len(chosen) == 1, gkey
        row = build(chosen[0])
        row["note"] = (row["note"].rstrip(". ") + ". " + spec["suffix"]) if row["note"] else spec["suffix"]
        obs_rows.append(row)
        others = [r for r in rows if r is not chosen[0]]
        assert {r["source_id"] for r in others} == set(spec["reasons"]), gkey
        for r in others:
            alt = build(r)
            alt["chosen_source_id"] = spec["chosen"]
            alt["reason"] = spec["reasons"][r["source_id"]]
            alt_rows.append(alt)
    assert set(AS_OF) <= used_as_of and set(NOTE_OVERRIDES) <= used_as_of

    def order(r: dict) -> tuple:
        return (r["indicator_id"], region_sort[r["region_id"]], int(r["year"]), r["status"], r["source_id"])

    write_csv(DATA / "observations.csv", OBS_HEADER, sorted(obs_rows, key=order))
    write_csv(DATA / "alternatives.csv", ALT_HEADER, sorted(alt_rows, key=order))
    write_csv(DATA / "series_breaks.csv", BREAKS_HEADER, BREAKS)


if __name__ == "__main__":
    main()
