"""The demo city's raw material: real places and roads, invented names and firms, and the shares
(kinds, statuses, areas) the generated records follow."""

from __future__ import annotations

import itertools
import random
from datetime import date
from typing import NamedTuple

from ..choices import (
    FirmKind,
    Gender,
    LawyerKind,
    LawyerStatus,
    PracticeArea,
)

DEFAULT_SEED = 2023
AS_OF = date(2024, 12, 31)  # nothing in the demo is founded, licensed or started later than this
CITY_CODE = "4403"
TERM_START = date(2022, 1, 1)  # the bar committees' current term

# Sizes at scale 1.0, after the Shenzhen figures of February 2023 (1,191 firms, 22,000 lawyers).
FIRMS, LAWYERS, TRAINEES, OFFICE_FIRMS, OFFICES = 1200, 22000, 1500, 60, 120


class Weighted:
    """Items drawn with fixed weights (cumulative weights computed once)."""

    def __init__(self, weights: dict) -> None:
        self.items = list(weights)
        self.cum_weights = list(itertools.accumulate(weights.values()))

    def pick(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cum_weights)[0]


class Person(NamedTuple):
    name: str
    gender: str


FUTIAN, NANSHAN = "440304", "440305"
# code, name, short name, weight of law firms (福田 has the CBD and most firms, then 南山 with 前海).
DISTRICTS = (
    (FUTIAN, "福田区", "福田", 40.0),
    (NANSHAN, "南山区", "南山", 16.0),
    ("440303", "罗湖区", "罗湖", 13.0),
    ("440307", "龙岗区", "龙岗", 10.0),
    ("440306", "宝安区", "宝安", 9.0),
    ("440309", "龙华区", "龙华", 6.0),
    ("440311", "光明区", "光明", 2.2),
    ("440310", "坪山区", "坪山", 1.6),
    ("440308", "盐田区", "盐田", 1.2),
    ("440399", "大鹏新区", "大鹏", 1.0),
)
ROADS = {
    "440304": (
        "深南大道",
        "福华三路",
        "益田路",
        "金田路",
        "福中三路",
        "民田路",
        "彩田路",
        "新洲路",
        "皇岗路",
        "滨河大道",
    ),
    "440305": (
        "深南大道",
        "科技南十二路",
        "海德三道",
        "后海大道",
        "南海大道",
        "桂湾五路",
        "前湾一路",
        "高新南一道",
    ),
    "440303": ("深南东路", "人民南路", "建设路", "宝安南路", "东门中路", "嘉宾路", "解放路"),
    "440307": ("龙岗大道", "龙翔大道", "黄阁路", "清林路", "布吉路"),
    "440306": ("宝安大道", "新湖路", "创业一路", "前进路", "宝民一路"),
    "440309": ("人民路", "梅龙大道", "民治大道", "东环二路"),
    "440311": ("光明大道", "华夏路", "观光路"),
    "440310": ("坪山大道", "东纵路", "深汕路"),
    "440308": ("深盐路", "海山路", "盐田路"),
    "440399": ("鹏飞路", "葵涌中心路", "迎宾路"),
}
BUILDING_SUFFIXES = ("大厦", "中心", "广场", "国际中心", "商务中心", "金融大厦")
# Where people were born (GB/T 2260 county codes): many from Guangdong, the rest from all over China.
BIRTH_AREAS = Weighted({
    "440304": 6, "440303": 4, "440305": 3, "440106": 4, "440104": 3, "441302": 3, "445102": 3,
    "441402": 3, "440882": 2, "441621": 2, "430102": 4, "430602": 2, "431003": 2, "420106": 3,
    "421002": 2, "360102": 3, "360502": 2, "450103": 3, "450305": 1, "510104": 2, "510107": 2,
    "410105": 2, "411302": 1, "370102": 2, "370203": 1, "350203": 2, "350102": 1, "340104": 1,
    "610113": 1, "230103": 1, "220104": 1, "110108": 1, "310115": 1, "500103": 1,
})  # fmt: skip
MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "156",
    "158",
    "159",
    "176",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "199",
)


SURNAMES = Weighted({
    "王": 6.5, "李": 7.0, "张": 6.5, "刘": 5.2, "陈": 6.0, "杨": 3.1, "黄": 3.2, "赵": 2.2, "吴": 2.2,
    "周": 1.9, "徐": 1.5, "孙": 1.4, "马": 1.2, "朱": 1.3, "胡": 1.3, "郭": 1.1, "何": 1.3, "林": 1.6,
    "罗": 1.2, "高": 1.0, "郑": 1.1, "梁": 1.3, "谢": 1.0, "宋": 0.8, "唐": 0.8, "许": 0.8, "韩": 0.6,
    "冯": 0.7, "邓": 0.9, "曹": 0.6, "彭": 0.7, "曾": 0.9, "肖": 0.7, "田": 0.5, "董": 0.5, "袁": 0.5,
    "潘": 0.5, "于": 0.4, "蒋": 0.5, "蔡": 0.6, "余": 0.6, "杜": 0.4, "叶": 0.6, "程": 0.4, "苏": 0.5,
    "魏": 0.4, "吕": 0.4, "丁": 0.4, "任": 0.4, "沈": 0.4, "姚": 0.4, "卢": 0.5, "姜": 0.3, "崔": 0.3,
    "钟": 0.5, "谭": 0.5, "陆": 0.3, "汪": 0.3, "范": 0.3, "金": 0.3, "石": 0.3, "廖": 0.5, "贾": 0.3,
    "夏": 0.3, "韦": 0.3, "方": 0.3, "白": 0.2, "邹": 0.4, "孟": 0.2, "熊": 0.3, "秦": 0.2, "邱": 0.4,
    "江": 0.3, "尹": 0.2, "薛": 0.2, "段": 0.2, "雷": 0.2, "侯": 0.2, "龙": 0.2, "史": 0.2, "陶": 0.2,
    "黎": 0.3, "贺": 0.2, "顾": 0.2, "毛": 0.2, "龚": 0.2, "邵": 0.2, "万": 0.2, "覃": 0.2, "温": 0.3,
    "赖": 0.3, "冼": 0.1, "欧阳": 0.15, "单": 0.08, "区": 0.06, "查": 0.04, "仇": 0.04, "司马": 0.02,
    "上官": 0.02, "诸葛": 0.02,
})  # fmt: skip
GIVEN: dict[str, str] = {
    Gender.MALE: (
        "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建亮成峰晨博文志国海东栋瑞楠睿"
        "哲翔轩航锋毅诚昊然宏彬坤鸿炜晖泽振良松铭新永正天立兴家嘉子思一远佳少世德光春胜"
    ),
    Gender.FEMALE: (
        "芳娜敏静丽艳娟霞秀玲婷雪慧颖琳洁燕萍红倩晶佳欣怡莉悦璐薇梅丹蕾露琴茜瑶婧璇彤雯菲妍晴婕"
        "岚蓉嘉思雨梦晓文一子可心语诗月美春秋云宁"
    ),
}
# Hong Kong and Macau lawyers write their names in traditional characters.
HK_SURNAMES = Weighted({
    "陳": 8, "李": 5, "張": 4, "黃": 5, "何": 3, "林": 3, "梁": 3, "吳": 2, "劉": 2, "蔡": 1.5,
    "鄭": 1.5, "楊": 1.5, "謝": 1, "郭": 1, "曾": 1, "歐陽": 0.5, "區": 0.5, "馮": 1, "鄧": 1, "葉": 1,
    "盧": 1, "蕭": 0.8, "譚": 1, "羅": 1, "麥": 0.8, "伍": 0.6, "司徒": 0.3, "關": 0.5, "鍾": 0.8,
    "袁": 0.6,
})  # fmt: skip
HK_GIVEN: dict[str, str] = {
    Gender.MALE: "家輝偉明俊傑浩鈞國強志德龍鵬達鍵聰銘維誠賢樂朗熙卓豪錦榮耀",
    Gender.FEMALE: "嘉欣詠詩慧婷穎琳鳳綺雯頌麗燕潔儀瑩韻靜曉寶珊敏蕙嫻芷",
}
# Names of well-known people (simplified) that an invented name must not be.
FAMOUS_NAMES = frozenset(
    (
        "张斌",
        "刘伟东",
        "陈明",
        "曹海雷",
        "贺荣",
        "周山清",
        "习近平",
        "李强",
        "李克强",
        "马云",
        "马化腾",
        "任正非",
        "王石",
        "王健林",
        "李嘉诚",
        "刘德华",
        "张学友",
        "郭富城",
        "黎明",
        "梁朝伟",
        "周润发",
        "周星驰",
        "张家辉",
        "李嘉欣",
        "陈奕迅",
        "张国荣",
        "梅艳芳",
        "王菲",
        "林青霞",
        "成龙",
        "吴彦祖",
        "郑秀文",
        "杨千嬅",
        "古天乐",
        "刘青云",
        "黄秋生",
        "李连杰",
        "甄子丹",
        "刘嘉玲",
        "张曼玉",
        "邓紫棋",
        "陈慧琳",
        "曾志伟",
        "杨紫琼",
        "王伟",
        "李娜",
        "刘翔",
        "姚明",
    )
)

# Characters of invented trade names (字号), and trade names of well-known real firms, which are skipped.
TRADE_CHARS = (
    "安邦宝创诚达道德鼎东丰福冠海瀚昊浩和弘宏华晖汇嘉坚捷金锦经君俊凯康坤朗立联良霖隆明铭南鹏谦"
    "勤擎仁荣睿瑞森尚盛晟拓维文贤祥信星轩雅衍耀屹毅益永誉元远越韬泽兆正志智致中众卓"
)
REAL_TRADE_NAMES = frozenset(
    (
        "君合",
        "金杜",
        "中伦",
        "大成",
        "国浩",
        "环球",
        "天元",
        "竞天",
        "汉坤",
        "方达",
        "海问",
        "通商",
        "信达",
        "卓建",
        "广和",
        "华商",
        "国晖",
        "德恒",
        "中银",
        "金诚",
        "广强",
        "盈科",
        "康达",
        "国枫",
        "泰和",
        "连越",
        "丹柱",
        "广悦",
        "锦天",
        "世辉",
        "观韬",
        "天同",
        "植德",
        "高朋",
        "中闻",
        "君泽",
        "北斗",
        "万商",
        "嘉源",
        "国瑞",
        "德和",
        "星辰",
        "金茂",
        "汇业",
        "邦信",
        "懋德",
        "安杰",
        "君悦",
        "天驰",
        "中咨",
        "正平",
        "诚公",
        "华人",
        "大邦",
        "中天",
        "明商",
        "瑞尔",
        "华瑞",
        "德纳",
        "中洲",
        "信利",
        "宏德",
        "君言",
        "深宝",
        "鹏浩",
    )
)
HOME_PROVINCES = (
    "北京市",
    "上海市",
    "天津市",
    "重庆市",
    "浙江",
    "江苏",
    "湖南",
    "湖北",
    "四川",
    "山东",
    "福建",
    "河南",
    "江西",
    "陕西",
    "安徽",
    "辽宁",
    "云南",
    "广西",
)
FOREIGN_SURNAMES = (
    "霍尔",
    "卡特",
    "韦斯顿",
    "布兰登",
    "哈特利",
    "艾伦",
    "斯通",
    "克莱默",
    "费舍尔",
    "温特",
    "罗森",
    "莱恩",
    "奥尔德里奇",
    "彭伯顿",
    "阿什福德",
    "哈德森",
    "佩里",
    "桑德斯",
    "麦卡伦",
    "布鲁克斯",
    "格林伍德",
    "诺顿",
    "克劳福德",
    "海斯",
    "本森",
    "莫兰",
    "德维尔",
    "勒克莱尔",
    "施密特",
    "霍夫曼",
    "范德堡",
    "卡斯泰利",
    "桑托斯",
    "奥斯本",
    "惠特曼",
)
FOREIGN_GIVEN = (
    "詹姆斯",
    "托马斯",
    "丹尼尔",
    "理查德",
    "安德鲁",
    "马克",
    "保罗",
    "彼得",
    "乔纳森",
    "大卫",
    "苏珊",
    "艾米丽",
    "凯瑟琳",
    "劳拉",
    "安娜",
    "索菲亚",
    "克里斯托弗",
    "马修",
)
FOREIGN_GIVEN_FEMALE = frozenset(("苏珊", "艾米丽", "凯瑟琳", "劳拉", "安娜", "索菲亚"))
HK_FIRM_PARTS = (
    "梁",
    "何",
    "陈",
    "黎",
    "麦",
    "冯",
    "邓",
    "叶",
    "罗",
    "关",
    "简",
    "胡",
    "施",
    "卢",
    "区",
)


# Firms of each kind at scale 1.0; the rest of FIRMS are partnerships (about 75%).
FIRM_KIND_COUNTS = {
    FirmKind.SOLE: 180, FirmKind.STATE_FUNDED: 4, FirmKind.BRANCH: 96, FirmKind.FOREIGN_REP: 10,
    FirmKind.GBA_PARTNERSHIP: 8, FirmKind.JOINT_OFFICE: 2,
}  # fmt: skip
# Digit 9 of a firm's licence number in the demo, and the years firms of each kind were founded.
FIRM_LICENCE_DIGIT = {
    FirmKind.PARTNERSHIP: 1, FirmKind.SOLE: 2, FirmKind.STATE_FUNDED: 3, FirmKind.BRANCH: 4,
    FirmKind.FOREIGN_REP: 5, FirmKind.GBA_PARTNERSHIP: 6, FirmKind.JOINT_OFFICE: 7,
}  # fmt: skip
FOUNDED = {
    FirmKind.PARTNERSHIP: (1993, 2024), FirmKind.SOLE: (2008, 2024), FirmKind.STATE_FUNDED: (1993, 2000),
    FirmKind.BRANCH: (2003, 2024), FirmKind.FOREIGN_REP: (2012, 2024), FirmKind.GBA_PARTNERSHIP: (2014, 2024),
    FirmKind.JOINT_OFFICE: (2024, 2024),
}  # fmt: skip
IN_CITY_BRANCH_SHARE = 0.3  # the other branches belong to firms elsewhere, which are not in the registry
PARTY_BUILDING_SHARE = 0.36


# Shares of all lawyers: those outside firms; inside firms, part-time and HK/Macau (the rest full-time).
OUTSIDE_SHARES = {LawyerKind.CORPORATE: 0.05, LawyerKind.PUBLIC_SECTOR: 0.05, LawyerKind.LEGAL_AID: 0.01}
PART_TIME_SHARE, HK_MACAU_SHARE, MACAU_SHARE = 0.03, 0.01, 0.2
# Digit 9 of a lawyer's licence number: the certificate category (Macau lawyers: 4).
LICENCE_CATEGORY: dict[str, int] = {
    LawyerKind.FULL_TIME: 1, LawyerKind.PART_TIME: 2, LawyerKind.HK_MACAU: 3, LawyerKind.PUBLIC_SECTOR: 6,
    LawyerKind.CORPORATE: 7, LawyerKind.LEGAL_AID: 8,
}  # fmt: skip
MACAU_CATEGORY = 4
# First year a lawyer of each kind could be licensed here (HK/Macau lawyers in the Greater Bay Area: 2021).
LICENSED_SINCE = {
    LawyerKind.FULL_TIME: 1986, LawyerKind.PART_TIME: 1993, LawyerKind.HK_MACAU: 2021,
    LawyerKind.CORPORATE: 2003, LawyerKind.PUBLIC_SECTOR: 2003, LawyerKind.LEGAL_AID: 2008,
}  # fmt: skip
ID_NUMBER_SHARE = 0.93  # the others' ID numbers are not on file
STATUSES = Weighted({
    LawyerStatus.PRACTISING: 95.5, LawyerStatus.SUSPENDED: 1.5, LawyerStatus.CANCELLED: 2.5,
    LawyerStatus.REVOKED: 0.5,
})  # fmt: skip
AREAS = Weighted({
    PracticeArea.CIVIL: 20, PracticeArea.CORPORATE: 14, PracticeArea.CRIMINAL: 10, PracticeArea.LABOUR: 8,
    PracticeArea.REAL_ESTATE: 8, PracticeArea.FINANCE: 6, PracticeArea.IP: 6, PracticeArea.FAMILY: 6,
    PracticeArea.FOREIGN: 4, PracticeArea.ADMINISTRATIVE: 3, PracticeArea.DATA: 3, PracticeArea.BANKRUPTCY: 3,
    PracticeArea.MARITIME: 2, PracticeArea.TAX: 2,
})  # fmt: skip
KIND_AREAS: dict[str, tuple[str, ...]] = {
    LawyerKind.CORPORATE: ("corporate", "labour", "ip", "data", "tax"),
    LawyerKind.PUBLIC_SECTOR: ("administrative", "civil", "labour"),
    LawyerKind.LEGAL_AID: ("criminal", "family", "labour", "civil"),
    LawyerKind.HK_MACAU: ("foreign", "corporate", "finance", "maritime"),
}
AREA_ORDER = {code: i for i, code in enumerate(PracticeArea.values)}
INDUSTRIES = (
    "科技",
    "电子",
    "投资",
    "实业",
    "新能源",
    "医药",
    "物流",
    "置业",
    "供应链管理",
    "通信",
    "智能制造",
    "文化传媒",
    "金融控股",
)
CITY_BODIES = (
    "深圳市司法局",
    "深圳市市场监督管理局",
    "深圳市人力资源和社会保障局",
    "深圳市住房和建设局",
    "深圳市生态环境局",
    "深圳市交通运输局",
    "深圳市规划和自然资源局",
    "深圳市人民政府国有资产监督管理委员会",
)
DISTRICT_BODIES = ("人民政府", "司法局", "住房和建设局", "人力资源局")


PROFESSIONAL_COMMITTEES = (
    ("刑事法律", "criminal"), ("刑事合规", "criminal"), ("职务犯罪辩护", "criminal"),
    ("经济犯罪辩护", "criminal"), ("毒品犯罪辩护", "criminal"), ("民事法律", "civil"),
    ("婚姻家事法律", "family"), ("财富管理与传承", "family"), ("劳动与社会保障法律", "labour"),
    ("人身损害赔偿", "civil"), ("公司法律", "corporate"), ("并购重组", "corporate"),
    ("私募股权与投资基金", "finance"), ("证券法律", "finance"), ("银行与金融法律", "finance"),
    ("保险法律", "finance"), ("信托法律", "finance"), ("融资租赁与商业保理", "finance"),
    ("金融科技", "finance"), ("期货与衍生品", "finance"), ("债券业务", "finance"),
    ("资本市场", "finance"), ("破产与重整", "bankruptcy"), ("财税法律", "tax"),
    ("企业合规", "corporate"), ("知识产权法律", "ip"), ("专利法律", "ip"), ("商标法律", "ip"),
    ("著作权与文化娱乐", "ip"), ("反垄断与反不正当竞争", "corporate"), ("数据合规", "data"),
    ("网络安全与个人信息保护", "data"), ("人工智能法律", "data"), ("电子商务法律", "data"),
    ("互联网法律", "data"), ("房地产法律", "real_estate"), ("建设工程法律", "real_estate"),
    ("城市更新", "real_estate"), ("物业管理法律", "real_estate"), ("土地与自然资源", "real_estate"),
    ("环境资源法律", "administrative"), ("能源法律", "corporate"), ("交通运输法律", "civil"),
    ("海商海事法律", "maritime"), ("国际贸易法律", "foreign"), ("跨境投资", "foreign"),
    ("外商投资", "foreign"), ("一带一路法律服务", "foreign"), ("国际商事争议解决", "foreign"),
    ("国际仲裁", "foreign"), ("商事仲裁", "civil"), ("民商事诉讼", "civil"),
    ("行政法律", "administrative"), ("政府法律顾问", "administrative"), ("国有资产法律", "corporate"),
    ("医疗卫生法律", "civil"), ("医药与生命科学", "corporate"), ("食品药品法律", "administrative"),
    ("消费者权益保护", "civil"), ("教育法律", "administrative"), ("体育法律", None),
    ("文化旅游法律", None), ("传媒与广告法律", "ip"), ("电信与科技法律", "data"),
    ("跨境电商", "foreign"), ("物流与供应链法律", "maritime"), ("港澳法律事务", "foreign"),
    ("涉台法律事务", None), ("公益诉讼", "administrative"), ("未成年人权益保护", "family"),
    ("妇女权益保护", "family"), ("老年人权益保护", "family"), ("残疾人权益保护", None),
    ("招投标与政府采购", "administrative"), ("政府和社会资本合作", "administrative"),
    ("反洗钱与制裁合规", "finance"), ("劳动争议仲裁", "labour"), ("新就业形态", "labour"),
    ("律师执业风险防范", None), ("低空经济", None),
)  # fmt: skip

# Offices abroad (Hong Kong and Macau are not abroad)

# city, country, latitude, longitude, a business street there, weight
OVERSEAS_CITIES = (
    ("新加坡", "新加坡", 1.28370, 103.85150, "Raffles Place", 8),
    ("伦敦", "英国", 51.51280, -0.09180, "Cheapside", 6),
    ("纽约", "美国", 40.75800, -73.97860, "Park Avenue", 6),
    ("洛杉矶", "美国", 34.05220, -118.24370, "Wilshire Boulevard", 3),
    ("旧金山", "美国", 37.79290, -122.39710, "California Street", 2),
    ("多伦多", "加拿大", 43.64860, -79.38180, "Bay Street", 2),
    ("温哥华", "加拿大", 49.28270, -123.12070, "West Georgia Street", 2),
    ("东京", "日本", 35.68120, 139.76710, "Marunouchi", 5),
    ("大阪", "日本", 34.70250, 135.49590, "Umeda", 2),
    ("首尔", "韩国", 37.50130, 127.03960, "Teheran-ro", 4),
    ("迪拜", "阿联酋", 25.21300, 55.28200, "Sheikh Zayed Road", 4),
    ("利雅得", "沙特阿拉伯", 24.71360, 46.67530, "King Fahd Road", 2),
    ("悉尼", "澳大利亚", -33.86880, 151.20930, "George Street", 3),
    ("墨尔本", "澳大利亚", -37.81360, 144.96310, "Collins Street", 2),
    ("奥克兰", "新西兰", -36.84850, 174.76330, "Queen Street", 1),
    ("法兰克福", "德国", 50.11090, 8.68210, "Mainzer Landstraße", 3),
    ("慕尼黑", "德国", 48.13510, 11.58200, "Maximilianstraße", 1),
    ("巴黎", "法国", 48.87380, 2.29500, "Avenue des Champs-Élysées", 3),
    ("布鲁塞尔", "比利时", 50.85030, 4.35170, "Avenue Louise", 2),
    ("阿姆斯特丹", "荷兰", 52.33880, 4.87300, "Zuidas", 1),
    ("米兰", "意大利", 45.46420, 9.19000, "Via Monte Napoleone", 1),
    ("马德里", "西班牙", 40.41680, -3.70380, "Paseo de la Castellana", 1),
    ("苏黎世", "瑞士", 47.36690, 8.53860, "Bahnhofstrasse", 1),
    ("莫斯科", "俄罗斯", 55.74960, 37.53700, "Presnenskaya Embankment", 3),
    ("阿拉木图", "哈萨克斯坦", 43.23800, 76.94570, "Al-Farabi Avenue", 2),
    ("塔什干", "乌兹别克斯坦", 41.29950, 69.24010, "Amir Temur Avenue", 1),
    ("伊斯坦布尔", "土耳其", 41.08200, 29.00900, "Büyükdere Caddesi", 1),
    ("曼谷", "泰国", 13.72200, 100.52900, "Sathorn Road", 4),
    ("吉隆坡", "马来西亚", 3.15800, 101.71200, "Jalan Ampang", 4),
    ("雅加达", "印度尼西亚", -6.22500, 106.80900, "Jalan Jenderal Sudirman", 3),
    ("胡志明市", "越南", 10.77690, 106.70090, "Nguyen Hue Boulevard", 3),
    ("河内", "越南", 21.02780, 105.83420, "Ba Trieu Street", 2),
    ("马尼拉", "菲律宾", 14.55470, 121.02440, "Ayala Avenue", 1),
    ("金边", "柬埔寨", 11.55640, 104.92820, "Norodom Boulevard", 1),
    ("圣保罗", "巴西", -23.56130, -46.65630, "Avenida Paulista", 2),
    ("墨西哥城", "墨西哥", 19.42700, -99.16700, "Paseo de la Reforma", 1),
    ("布宜诺斯艾利斯", "阿根廷", -34.60370, -58.38160, "Avenida Corrientes", 1),
    ("圣地亚哥", "智利", -33.41500, -70.60300, "Avenida Apoquindo", 1),
    ("约翰内斯堡", "南非", -26.10760, 28.05670, "Rivonia Road", 2),
    ("内罗毕", "肯尼亚", -1.29210, 36.82190, "Kenyatta Avenue", 1),
    ("拉各斯", "尼日利亚", 6.42810, 3.42190, "Adeola Odeku Street", 1),
    ("开罗", "埃及", 30.04440, 31.23570, "Corniche El Nil", 1),
    ("特拉维夫", "以色列", 32.08530, 34.78180, "Rothschild Boulevard", 1),
)
