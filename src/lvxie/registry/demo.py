"""A demo city shaped like Shenzhen in 2023: 10 districts, about 1,200 law firms of every kind, 22,000
lawyers, 1,500 trainees, the bar association's 10 / 26 / 80 committees, about 120 offices abroad, and one
demo account per role.

`DemoCity` generates the records from a seed, deterministically and without touching the database. Each
stage builds on the objects of the stage before (lawyers need their firms), so call `regions`, `firms`,
`lawyers`, `trainees`, `committees` and `offices` in that order. `seed_demo` saves each stage through the
registry's bulk services before building the next, creates the demo accounts and writes their log-ins
to `logins_path()`.

Region codes, roads and cities abroad are real; people, firms and companies are invented, and every
identifier is valid (check characters, licence number layouts) but fictitious.
"""

from __future__ import annotations

import itertools
import os
import random
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string

from lvxie.accounts.choices import Role
from lvxie.core.chinese import to_simplified
from lvxie.core.validators import credit_code_check_char, id_number_check_char

from .choices import (
    CommitteeKind,
    CommitteePosition,
    FirmKind,
    FirmStatus,
    Gender,
    LawyerKind,
    LawyerStatus,
    PracticeArea,
    RegionLevel,
    TraineeStatus,
)
from .models import BarCommittee, CommitteeMembership, LawFirm, Lawyer, OverseasOffice, Region, Trainee
from .services import (
    committees_bulk_create,
    firms_bulk_register,
    lawyers_bulk_register,
    offices_bulk_create,
    regions_bulk_create,
    trainees_bulk_register,
)

DEFAULT_SEED = 2023
AS_OF = date(2024, 12, 31)  # nothing in the demo is founded, licensed or started later than this
CITY_CODE = "4403"
TERM_START = date(2022, 1, 1)  # the bar committees' current term

# Sizes at scale 1.0, after the Shenzhen figures of February 2023 (1,191 firms, 22,000 lawyers).
FIRMS, LAWYERS, TRAINEES, OFFICE_FIRMS, OFFICES = 1200, 22000, 1500, 60, 120


class _Weighted:
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
BIRTH_AREAS = _Weighted({
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


SURNAMES = _Weighted({
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
HK_SURNAMES = _Weighted({
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
STATUSES = _Weighted({
    LawyerStatus.PRACTISING: 95.5, LawyerStatus.SUSPENDED: 1.5, LawyerStatus.CANCELLED: 2.5,
    LawyerStatus.REVOKED: 0.5,
})  # fmt: skip
AREAS = _Weighted({
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


def _senior(lawyer: Lawyer) -> bool:
    return lawyer.first_licensed_year <= AS_OF.year - 15


def _practises_abroad(lawyer: Lawyer) -> bool:
    return lawyer.kind == LawyerKind.HK_MACAU or ",foreign," in lawyer.practice_areas


# Special committees, with who sits on them (None: any practising lawyer).
SPECIAL_COMMITTEES: tuple[tuple[str, Callable[[Lawyer], bool] | None], ...] = (
    ("维权委员会", None),
    ("纪律委员会", _senior),
    ("青年律师工作委员会", lambda lawyer: lawyer.first_licensed_year > AS_OF.year - 10),
    ("女律师工作委员会", lambda lawyer: lawyer.gender == Gender.FEMALE),
    ("公益法律服务委员会", None),
    ("涉外律师人才培养委员会", _practises_abroad),
    ("规章制度委员会", _senior),
    ("财务与会费管理委员会", None),
    ("会员发展委员会", None),
    ("业务指导与继续教育委员会", _senior),
    ("律师文化建设委员会", None),
    ("宣传工作委员会", None),
    ("对外交流委员会", _practises_abroad),
    ("港澳律师工作委员会", lambda lawyer: lawyer.kind == LawyerKind.HK_MACAU),
    ("公职律师工作委员会", lambda lawyer: lawyer.kind == LawyerKind.PUBLIC_SECTOR),
    ("公司律师工作委员会", lambda lawyer: lawyer.kind == LawyerKind.CORPORATE),
    ("法律援助工作委员会", lambda lawyer: lawyer.kind == LawyerKind.LEGAL_AID),
    ("申请律师执业人员考核委员会", _senior),
    ("执业纠纷调解委员会", _senior),
    ("信息化建设委员会", None),
    ("律师事务所管理指导委员会", _senior),
    ("理论研究委员会", None),
    ("粤港澳大湾区律师合作委员会", _practises_abroad),
    ("律师调解工作委员会", None),
    ("中小律师事务所发展委员会", None),
    ("文体工作委员会", None),
)
# Professional committees ("…专业委员会"), with the practice area their members work in (None: any).
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


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into whole numbers proportional to `weights` (largest remainders round up)."""
    whole = sum(weights) or 1.0
    shares = [total * weight / whole for weight in weights]
    counts = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _scaled(count: float, scale: float) -> int:
    """A count at this scale, never below one (every kind of record stays present)."""
    return max(1, round(count * scale))


class DemoCity:
    """Generates the demo city's records, deterministically from `seed`, at `scale` (1.0: the size of
    Shenzhen in 2023). Objects are unsaved; each stage's objects refer to those of earlier stages."""

    def __init__(self, *, scale: float = 1.0, seed: int = DEFAULT_SEED) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.districts: dict[str, Region] = {}
        self.district_weights: _Weighted | None = None
        self.city: Region | None = None
        self.firm_list: list[LawFirm] = []
        self.lawyer_list: list[Lawyer] = []
        self.firm_lawyers: dict[int, list[Lawyer]] = defaultdict(list)  # by id() of the firm object
        self.demo_firm: LawFirm | None = None
        self.demo_lawyer: Lawyer | None = None
        self._sizes: list[int] = []
        self._heads: list[Person] = []
        self._serials: Iterator[int] = iter(())  # unique sequence numbers of lawyers' licences
        self._branched: set[int] = set()  # head offices (by id()) that already have a branch here
        self._names: set[str] = set()
        self._trades: set[str] = set(REAL_TRADE_NAMES)
        self._lawyer_years: dict[
            str, _Weighted
        ] = {  # about 10% more lawyers licensed each year than the year before
            kind: _Weighted({year: 1.1 ** (year - 1986) for year in range(since, AS_OF.year + 1)})
            for kind, since in LICENSED_SINCE.items()
        }

    # Regions

    def regions(self) -> list[Region]:
        """中国 → 广东省 → 深圳市 → its 10 districts, parents first."""
        country = Region(code="86", name="中国", level=RegionLevel.COUNTRY)
        province = Region(code="44", name="广东省", level=RegionLevel.PROVINCE, parent=country)
        self.city = Region(code=CITY_CODE, name="深圳市", level=RegionLevel.CITY, parent=province)
        for code, name, _short, _weight in DISTRICTS:
            self.districts[code] = Region(code=code, name=name, level=RegionLevel.DISTRICT, parent=self.city)
        self.district_weights = _Weighted({code: weight for code, _name, _short, weight in DISTRICTS})
        return [country, province, self.city, *self.districts.values()]

    # Law firms

    def firms(self) -> list[LawFirm]:
        """About 1,200 firms of every kind, head offices before the branches that belong to them."""
        rng = self.rng
        kinds = [kind for kind, count in FIRM_KIND_COUNTS.items() for _ in range(_scaled(count, self.scale))]
        partnerships = max(1, round(FIRMS * self.scale) - len(kinds))
        # Branches last, so that a head office here is there before its branch.
        kinds = [FirmKind.PARTNERSHIP] * partnerships + sorted(kinds, key=lambda k: k == FirmKind.BRANCH)
        statuses = [self._firm_status(kind) for kind in kinds]
        self._sizes = self._firm_sizes(kinds, statuses)
        biggest = max(range(len(kinds)), key=lambda i: (kinds[i] == FirmKind.PARTNERSHIP, self._sizes[i]))
        serials = rng.sample(range(10**7), len(kinds))
        for i, (kind, status) in enumerate(zip(kinds, statuses, strict=True)):
            parent = self._head_office() if kind == FirmKind.BRANCH else None
            code = FUTIAN if i == biggest else self._firm_district(kind, parent)
            first_year, last_year = FOUNDED[kind]
            if parent is not None:
                first_year = max(first_year, parent.founded_on.year)  # type: ignore[union-attr]  # the demo's firms have founding dates
            founded = self._date_in(first_year, last_year)
            head = self._foreign_person() if kind == FirmKind.FOREIGN_REP else self._person()
            self._heads.append(head)
            body = f"31{code}MD{serials[i]:07d}"
            self.firm_list.append(
                LawFirm(
                    name=self._firm_name(kind, code, head, parent),
                    kind=kind,
                    status=status,
                    credit_code=body + credit_code_check_char(body),
                    licence_no=f"3{CITY_CODE}{founded.year}{FIRM_LICENCE_DIGIT[kind]}{serials[i]:07d}",
                    region=self.districts[code],
                    address=self._address(code),
                    head_name=head.name,
                    founded_on=founded,
                    party_building_in_bylaws=self._party_building(kind),
                    parent_firm=parent,
                )
            )
        self.demo_firm = self.firm_list[biggest]
        return self.firm_list

    def _firm_status(self, kind: str) -> str:
        if kind not in (FirmKind.PARTNERSHIP, FirmKind.SOLE):
            return FirmStatus.ACTIVE
        draw = self.rng.random()
        if draw < 0.02:
            return FirmStatus.SUSPENDED
        return FirmStatus.DISSOLVED if draw < 0.035 else FirmStatus.ACTIVE

    def _firm_sizes(self, kinds: Sequence[str], statuses: list[str]) -> list[int]:
        """Lawyers per firm: fixed small ranges for some kinds, a long tail for partnerships and branches
        (a few firms of several hundred lawyers); none in dissolved firms and representative offices."""
        rng = self.rng
        in_firms = round(LAWYERS * self.scale) - sum(self._outside_counts().values())
        fixed: dict[str, Callable[[], int]] = {
            FirmKind.SOLE: lambda: rng.choice((1, 1, 1, 2, 2, 3, 4)),
            FirmKind.STATE_FUNDED: lambda: rng.randint(4, 15),
            FirmKind.GBA_PARTNERSHIP: lambda: rng.randint(12, 45),
            FirmKind.FOREIGN_REP: lambda: 0,
            FirmKind.JOINT_OFFICE: lambda: 0,
        }
        minimum: dict[str, int] = {
            FirmKind.PARTNERSHIP: 3,
            FirmKind.BRANCH: 2,
        }  # a partnership needs three partners
        sizes, weights = [], []
        for kind, status in zip(kinds, statuses, strict=True):
            if status == FirmStatus.DISSOLVED:
                sizes.append(0)
                weights.append(0.0)
            elif kind in fixed:
                sizes.append(fixed[kind]())
                weights.append(0.0)
            else:
                sizes.append(minimum[kind])
                weights.append(min(rng.paretovariate(1.16), 300 if kind == FirmKind.PARTNERSHIP else 60))
        extra = _apportion(max(0, in_firms - sum(sizes)), weights)
        return [size + more for size, more in zip(sizes, extra, strict=True)]

    def _head_office(self) -> LawFirm | None:
        """The head office of a branch: a partnership here (with no other branch here), or None for a
        firm elsewhere."""
        candidates = [
            firm
            for firm in self.firm_list
            if firm.kind == FirmKind.PARTNERSHIP
            and firm.status == FirmStatus.ACTIVE
            and id(firm) not in self._branched
        ]
        if self.rng.random() >= IN_CITY_BRANCH_SHARE or not candidates:
            return None
        parent = self.rng.choice(candidates)
        self._branched.add(id(parent))
        return parent

    def _firm_district(self, kind: str, parent: LawFirm | None) -> str:
        rng = self.rng
        if kind in (FirmKind.FOREIGN_REP, FirmKind.JOINT_OFFICE):  # the CBD and 前海
            return FUTIAN if rng.random() < 0.6 else NANSHAN
        if kind == FirmKind.GBA_PARTNERSHIP:  # mostly 前海
            return NANSHAN if rng.random() < 0.7 else FUTIAN
        while True:
            code = self.district_weights.pick(rng)  # type: ignore[union-attr]  # set in an earlier step of the seeding
            if parent is None or code != parent.region.code:  # a branch here sits in another district
                return code

    def _date_in(self, first_year: int, last_year: int) -> date:
        """A date in these years, later years likelier (the industry keeps growing)."""
        year = min(last_year, int(self.rng.triangular(first_year, last_year + 1, last_year + 1)))
        return min(AS_OF, date(year, 1, 1) + timedelta(days=self.rng.randrange(365)))

    def _party_building(self, kind: str) -> bool:
        if kind in (FirmKind.FOREIGN_REP, FirmKind.JOINT_OFFICE):
            return False
        return kind == FirmKind.STATE_FUNDED or self.rng.random() < PARTY_BUILDING_SHARE

    def _trade_name(self) -> str:
        """An unused trade name (字号) that is not a well-known real firm's: two characters, or three once
        two-character names grow scarce (large scales)."""
        attempts = 0
        while True:
            trade = "".join(self.rng.sample(TRADE_CHARS, 2 if attempts < 50 else 3))
            if trade not in self._trades:
                self._trades.add(trade)
                return trade
            attempts += 1

    def _firm_name(self, kind: str, code: str, head: Person, parent: LawFirm | None) -> str:
        rng = self.rng
        short = next(short for district, _name, short, _weight in DISTRICTS if district == code)
        while True:
            trade = self._trade_name()
            if kind == FirmKind.SOLE:
                name = f"广东{head.name if rng.random() < 0.5 else trade}律师事务所"
            elif kind == FirmKind.STATE_FUNDED:
                name = f"深圳市{self.districts[code].name}{trade}律师事务所"
            elif kind == FirmKind.BRANCH and parent is not None:
                name = f"{parent.name.removesuffix('律师事务所')}（{short}）律师事务所"
            elif kind == FirmKind.BRANCH:
                suffix = "（深圳）律师事务所" if rng.random() < 0.5 else "律师事务所深圳分所"
                name = f"{rng.choice(HOME_PROVINCES)}{trade}{suffix}"
            elif kind == FirmKind.FOREIGN_REP:
                name = f"{self._foreign_firm()}律师事务所驻深圳代表处"
            elif kind == FirmKind.GBA_PARTNERSHIP:
                partners = "".join(rng.sample(HK_FIRM_PARTS, rng.randint(2, 3)))
                name = f"{trade}{partners}（{'前海' if code == NANSHAN else '河套'}）联营律师事务所"
            elif kind == FirmKind.JOINT_OFFICE:
                name = f"广东{trade}律师事务所与{self._foreign_firm()}律师事务所（前海）联营办公室"
            else:
                name = f"广东{trade}律师事务所"
            if name not in self._names:
                self._names.add(name)
                return name

    def _foreign_firm(self) -> str:
        first, second = self.rng.sample(FOREIGN_SURNAMES, 2)
        return f"{first}·{second}{'国际' if self.rng.random() < 0.3 else ''}"

    def _address(self, code: str) -> str:
        rng = self.rng
        building = "".join(rng.sample(TRADE_CHARS, 2)) + rng.choice(BUILDING_SUFFIXES)
        return (
            f"深圳市{self.districts[code].name}{rng.choice(ROADS[code])}{rng.randint(1, 9000)}号"
            f"{building}{rng.randint(2, 58)}楼"
        )

    # People

    def _person(self, gender: str | None = None, *, traditional: bool = False) -> Person:
        """An invented name (traditional characters for HK/Macau), never a well-known person's."""
        rng = self.rng
        gender = gender or (Gender.MALE if rng.random() < 0.55 else Gender.FEMALE)
        surnames, given = (HK_SURNAMES, HK_GIVEN) if traditional else (SURNAMES, GIVEN)
        while True:
            length = 1 if rng.random() < 0.25 else 2
            name = surnames.pick(rng) + "".join(rng.choice(given[gender]) for _ in range(length))
            simplified = to_simplified(name) if traditional else name
            if simplified not in FAMOUS_NAMES and (simplified != name) == traditional:
                return Person(name, gender)

    def _foreign_person(self) -> Person:
        given = self.rng.choice(FOREIGN_GIVEN)
        gender = Gender.FEMALE if given in FOREIGN_GIVEN_FEMALE else Gender.MALE
        return Person(f"{given}·{self.rng.choice(FOREIGN_SURNAMES)}", gender)

    def _id_number(self, area: str, born: int, gender: str) -> str:
        """A GB 11643 number; the 17th digit is odd for men."""
        birth = date(born, 1, 1) + timedelta(days=self.rng.randrange(365))
        order = self.rng.randrange(500) * 2 + (gender == Gender.MALE)
        body = f"{area}{birth:%Y%m%d}{order:03d}"
        return body + id_number_check_char(body)

    def _phone(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    # Lawyers

    def lawyers(self) -> list[Lawyer]:
        """About 22,000 lawyers: each firm's head first, then its other lawyers (full-time, part-time,
        HK/Macau, most of the latter in Greater Bay Area partnerships); then corporate, public-sector and
        legal-aid lawyers, who work outside firms."""
        rng = self.rng
        outside = self._outside_counts()
        self._serials = iter(rng.sample(range(10**7), sum(self._sizes) + sum(outside.values())))
        sized = zip(self.firm_list, self._sizes, strict=True)
        slots = [firm for firm, size in sized for _ in range(size - 1)]  # seats besides the head
        slot_kinds = self._slot_kinds(slots)
        for firm, size, head in zip(self.firm_list, self._sizes, self._heads, strict=True):
            if size:
                since = firm.founded_on.year - rng.randint(3, 12)  # type: ignore[union-attr]  # the demo's firms have founding dates
                self._add_lawyer(
                    LawyerKind.FULL_TIME,
                    head,
                    firm=firm,
                    region=firm.region,
                    year=max(LICENSED_SINCE[LawyerKind.FULL_TIME], since),
                    status=LawyerStatus.PRACTISING,
                )
        for firm, kind in zip(slots, slot_kinds, strict=True):
            macau = kind == LawyerKind.HK_MACAU and rng.random() < MACAU_SHARE
            self._add_lawyer(
                kind,
                self._person(traditional=kind == LawyerKind.HK_MACAU),
                firm=firm,
                region=firm.region,
                macau=macau,
            )
        for kind, count in outside.items():
            employers = self._employers(kind, max(1, count // 4))
            for _ in range(count):
                employer, code = rng.choice(employers)
                self._add_lawyer(kind, self._person(), region=self.districts[code], employer=employer)
        practising = [
            lawyer
            for lawyer in self.firm_lawyers[id(self.demo_firm)][1:]
            if lawyer.kind == LawyerKind.FULL_TIME and lawyer.status == LawyerStatus.PRACTISING
        ]
        self.demo_lawyer = practising[0] if practising else self.firm_lawyers[id(self.demo_firm)][0]
        return self.lawyer_list

    def _outside_counts(self) -> dict[str, int]:
        return {kind: _scaled(LAWYERS * share, self.scale) for kind, share in OUTSIDE_SHARES.items()}

    def _slot_kinds(self, slots: list[LawFirm]) -> list[str]:
        """The kind of lawyer in each non-head seat of a firm: HK/Macau lawyers fill up to 40% of the Greater
        Bay Area partnerships' seats (the rest go to other partnerships), part-timers sit in partnerships."""
        rng = self.rng
        kinds: list[str] = [LawyerKind.FULL_TIME] * len(slots)
        gba = [i for i, firm in enumerate(slots) if firm.kind == FirmKind.GBA_PARTNERSHIP]
        ordinary = [i for i, firm in enumerate(slots) if firm.kind == FirmKind.PARTNERSHIP]
        hk_total = _scaled(LAWYERS * HK_MACAU_SHARE, self.scale)
        hk = rng.sample(gba, min(len(gba) * 2 // 5, hk_total))
        hk += rng.sample(ordinary, min(len(ordinary), hk_total - len(hk)))
        taken = set(hk)
        free = [i for i in ordinary if i not in taken]
        part_time = rng.sample(free, min(len(free), _scaled(LAWYERS * PART_TIME_SHARE, self.scale)))
        for i in hk:
            kinds[i] = LawyerKind.HK_MACAU
        for i in part_time:
            kinds[i] = LawyerKind.PART_TIME
        return kinds

    def _employers(self, kind: str, count: int) -> list[tuple[str, str]]:
        """Bodies that employ lawyers outside firms, with the district they sit in: the legal-aid centres
        and public bodies of the city and its districts, or `count` invented companies."""
        rng = self.rng
        if kind == LawyerKind.LEGAL_AID:
            districts = [(f"深圳市{d.name}法律援助处", code) for code, d in self.districts.items()]
            return [("深圳市法律援助处", FUTIAN), *districts]
        if kind == LawyerKind.PUBLIC_SECTOR:
            districts = [
                (f"深圳市{d.name}{body}", code)
                for code, d in self.districts.items()
                for body in DISTRICT_BODIES
            ]
            return [(body, FUTIAN) for body in CITY_BODIES] + districts
        companies = []
        for _ in range(count):
            trade, industry = self._trade_name(), rng.choice(INDUSTRIES)
            group = rng.random() < 0.3
            name = f"深圳{trade}{industry}集团有限公司" if group else f"深圳市{trade}{industry}有限公司"
            companies.append((name, self.district_weights.pick(rng)))  # type: ignore[union-attr]  # set in an earlier step of the seeding
        return companies

    def _add_lawyer(
        self,
        kind: str,
        person: Person,
        *,
        region: Region,
        firm: LawFirm | None = None,
        employer: str = "",
        year: int | None = None,
        status: str | None = None,
        macau: bool = False,
    ) -> None:
        rng = self.rng
        year = year or self._lawyer_years[kind].pick(rng)
        category = MACAU_CATEGORY if macau else LICENCE_CATEGORY[kind]
        male = person.gender == Gender.MALE
        area = "820000" if macau else "810000" if kind == LawyerKind.HK_MACAU else BIRTH_AREAS.pick(rng)
        born = max(1940, year - rng.randint(23, 33))
        lawyer = Lawyer(
            name=person.name,
            gender=person.gender,
            kind=kind,
            status=status or STATUSES.pick(rng),
            licence_no=f"{CITY_CODE}{year}{category}{int(male)}{next(self._serials):07d}",
            firm=firm,
            employer=employer,
            region=region,
            first_licensed_year=year,
            practice_areas=self._areas(kind),
            phone=self._phone(),
            id_number=self._id_number(area, born, person.gender) if rng.random() < ID_NUMBER_SHARE else "",
        )
        self.lawyer_list.append(lawyer)
        if firm is not None:
            self.firm_lawyers[id(firm)].append(lawyer)

    def _areas(self, kind: str) -> str:
        """1 to 3 practice-area codes, stored ",a,b," in PracticeArea order."""
        rng = self.rng
        if kind in KIND_AREAS:
            codes = set(rng.sample(KIND_AREAS[kind], rng.randint(1, 3)))
        else:
            codes = {AREAS.pick(rng) for _ in range(rng.randint(1, 3))}
        return "," + ",".join(sorted(codes, key=AREA_ORDER.__getitem__)) + ","

    # Trainees

    def trainees(self) -> list[Trainee]:
        """About 1,500 trainees in active firms, each supervised by a full-time lawyer of the same firm
        with at least five years of practice; larger firms take more."""
        rng = self.rng
        seniors = {
            id(firm): [
                lawyer
                for lawyer in self.firm_lawyers[id(firm)]
                if lawyer.kind == LawyerKind.FULL_TIME
                and lawyer.status == LawyerStatus.PRACTISING
                and lawyer.first_licensed_year <= AS_OF.year - 5
            ]
            for firm in self.firm_list
            if firm.status == FirmStatus.ACTIVE
        }
        firms = [firm for firm in self.firm_list if seniors.get(id(firm))]
        weights = list(itertools.accumulate(len(self.firm_lawyers[id(firm)]) for firm in firms))
        count = _scaled(TRAINEES, self.scale)
        first_day = date(AS_OF.year - 1, 9, 1)
        trainees = []
        for serial in rng.sample(range(10**6), count):
            firm = rng.choices(firms, cum_weights=weights)[0]
            person = self._person(Gender.FEMALE if rng.random() < 0.52 else Gender.MALE)
            started = first_day + timedelta(days=rng.randrange((AS_OF - first_day).days + 1))
            trainees.append(
                Trainee(
                    name=person.name,
                    gender=person.gender,
                    firm=firm,
                    supervisor=rng.choice(seniors[id(firm)]),
                    certificate_no=f"{CITY_CODE}{started.year}{serial:06d}",
                    started_on=started,
                    status=self._trainee_status(started),
                    phone=self._phone(),
                    id_number=self._id_number(BIRTH_AREAS.pick(rng), rng.randint(1995, 2001), person.gender),
                )
            )
        return trainees

    def _trainee_status(self, started: date) -> str:
        if started > AS_OF - timedelta(days=365):
            return TraineeStatus.IN_TRAINING
        draw = self.rng.random()
        if draw < 0.6:
            return TraineeStatus.LICENSED
        return TraineeStatus.COMPLETED if draw < 0.9 else TraineeStatus.WITHDRAWN

    # Bar committees

    def committees(self) -> tuple[list[BarCommittee], list[CommitteeMembership]]:
        """10 district working committees (members practise in the district), 26 special and 80
        professional committees (the city); each with a director, 1-3 deputies and 10-30 members, the most
        senior lawyers drawn taking the chairs."""
        practising = [lawyer for lawyer in self.lawyer_list if lawyer.status == LawyerStatus.PRACTISING]
        by_district, by_area = defaultdict(list), defaultdict(list)
        for lawyer in practising:
            by_district[lawyer.region.code].append(lawyer)
            for code in lawyer.practice_area_codes:
                by_area[code].append(lawyer)
        committees, seats = [], []

        def add(name: str, kind: str, region: Region, pool: list[Lawyer]) -> None:
            committee = BarCommittee(name=name, kind=kind, region=region)
            committees.append(committee)
            seats.extend(self._seats(committee, pool))

        for code, district in self.districts.items():
            add(f"{district.name}工作委员会", CommitteeKind.DISTRICT, district, by_district[code])
        for name, sits in SPECIAL_COMMITTEES:
            pool = [lawyer for lawyer in practising if sits is None or sits(lawyer)]
            add(name, CommitteeKind.SPECIAL, self.city, pool)  # type: ignore[arg-type]  # set in an earlier step of the seeding
        for topic, area in PROFESSIONAL_COMMITTEES:
            pool = by_area[area] if area else practising
            add(f"{topic}专业委员会", CommitteeKind.PROFESSIONAL, self.city, pool)  # type: ignore[arg-type]  # set in an earlier step of the seeding
        return committees, seats

    def _seats(self, committee: BarCommittee, pool: list[Lawyer]) -> list[CommitteeMembership]:
        rng = self.rng
        deputies = rng.randint(1, 3)
        drawn = rng.sample(pool, min(len(pool), 1 + deputies + rng.randint(10, 30)))
        drawn.sort(key=lambda lawyer: (lawyer.first_licensed_year, lawyer.licence_no))
        positions = [CommitteePosition.DIRECTOR] + [CommitteePosition.DEPUTY] * deputies
        return [
            CommitteeMembership(
                committee=committee,
                lawyer=lawyer,
                term_start=TERM_START,
                position=positions[i] if i < len(positions) else CommitteePosition.MEMBER,
            )
            for i, lawyer in enumerate(drawn)
        ]

    # Offices abroad

    def offices(self) -> list[OverseasOffice]:
        """About 120 offices abroad of about 60 of the largest firms, the largest having the most."""
        rng = self.rng
        ranked = sorted(
            (
                i
                for i, firm in enumerate(self.firm_list)
                if firm.status == FirmStatus.ACTIVE
                and firm.kind in (FirmKind.PARTNERSHIP, FirmKind.BRANCH, FirmKind.GBA_PARTNERSHIP)
            ),
            key=lambda i: -self._sizes[i],
        )
        firms = [self.firm_list[i] for i in ranked[: _scaled(OFFICE_FIRMS, self.scale)]]
        counts = [1] * len(firms)
        by_rank = [1 / (rank + 1) for rank in range(len(firms))]
        for _ in range(max(0, _scaled(OFFICES, self.scale) - len(firms))):
            counts[rng.choices(range(len(firms)), weights=by_rank)[0]] += 1
        cities = _Weighted({city: city[-1] for city in OVERSEAS_CITIES})
        offices = []
        for firm, count in zip(firms, counts, strict=True):
            chosen: list[tuple] = []
            while len(chosen) < min(count, len(OVERSEAS_CITIES)):
                city = cities.pick(rng)
                if city not in chosen:
                    chosen.append(city)
            for name, country, latitude, longitude, street, _weight in chosen:
                offices.append(
                    OverseasOffice(
                        firm=firm,
                        country=country,
                        city=name,
                        address=f"Level {rng.randint(2, 45)}, {rng.randint(1, 300)} {street}",
                        latitude=Decimal(f"{latitude + rng.uniform(-0.01, 0.01):.5f}"),
                        longitude=Decimal(f"{longitude + rng.uniform(-0.01, 0.01):.5f}"),
                        opened_on=self._date_in(max(2012, firm.founded_on.year), AS_OF.year),  # type: ignore[union-attr]  # the demo's firms have founding dates
                    )
                )
        return offices


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str  # the role's Chinese label
    scope: str
    password: str
    totp: str = ""  # the one-time-code key of an administrator role (add it to an authenticator app)


LOGINS_FILE = "demo-logins.txt"
_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I


def new_password() -> str:
    """12 random characters in three groups ("xxxx-xxxx-xxxx"), about 70 bits."""
    return "-".join("".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))


def logins_path() -> Path:
    return Path(settings.VAR_DIR) / LOGINS_FILE


def create_demo_accounts(city: DemoCity) -> list[DemoLogin]:
    """One account per role, each with a fresh random password, created through the account services."""
    accounts: tuple[tuple[str, str, dict[str, Any]], ...] = (
        ("city_admin", Role.CITY_ADMIN, {"region": city.city}),
        ("futian_admin", Role.DISTRICT_ADMIN, {"region": city.districts[FUTIAN]}),
        ("nanshan_admin", Role.DISTRICT_ADMIN, {"region": city.districts[NANSHAN]}),
        ("judicial", Role.JUDICIAL_OFFICER, {"region": city.city}),
        ("discipline", Role.DISCIPLINE_OFFICER, {"region": city.city}),
        ("firm_admin", Role.FIRM_ADMIN, {"firm": city.demo_firm}),
        ("lawyer", Role.LAWYER, {}),
        ("sysadmin", Role.SYSTEM_ADMIN, {}),
        ("secadmin", Role.SECURITY_ADMIN, {}),
        ("auditor", Role.AUDITOR, {}),
    )
    return [
        demo_account(username, role, lawyer=city.demo_lawyer if role == Role.LAWYER else None, **scope)
        for username, role, scope in accounts
    ]


def demo_account(username: str, role: str, *, lawyer=None, display_name: str = "", **scope) -> DemoLogin:
    """One demo account with a fresh random password and one role bound to `scope` (region=, firm=, or
    another binding a later role needs); used by every app's demo seeder. Roles are given by an app above
    the registry (lvxie.access), so the account is made by the function its AppConfig names in
    `demo_account_maker`, called with these arguments and `label`, `bound` and `password`."""
    bound = next(iter(scope.values()), None) or lawyer
    with translation.override("zh-hans"):
        label = str(Role(role).label)
    display_name = display_name or (lawyer.name if lawyer else f"{label}·{bound}" if bound else label)
    password = new_password()
    # Demo passwords are random and shown to the one who seeded, so they need no change at first log-in.
    totp = _account_maker()(
        username=username,
        role=role,
        lawyer=lawyer,
        display_name=display_name[:50],
        password=password,
        **scope,
    )
    return DemoLogin(username, label, str(bound) if bound else "—", password, totp)


def _account_maker() -> Callable[..., str]:
    """The `demo_account_maker` an installed app names: it creates the account and its role and returns the
    account's one-time-code key ("" when it has none)."""
    makers = [app.demo_account_maker for app in apps.get_app_configs() if hasattr(app, "demo_account_maker")]
    if len(makers) != 1:
        raise LookupError("Exactly one installed app must name a demo_account_maker.")
    return import_string(makers[0])


def write_logins(logins: list[DemoLogin]) -> Path:
    """Write the log-ins, tab-separated, to a file only its owner can read."""
    path = logins_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # also when the file was already there
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(
            "# lvxie demo log-ins: username, role, scope, password, one-time-code key. Keep private.\n"
        )
        for login in logins:
            file.write(
                "\t".join((login.username, login.role, login.scope, login.password, login.totp)) + "\n"
            )
    return path


def read_logins(path: Path) -> list[DemoLogin]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [DemoLogin(*line.split("\t")) for line in lines if line and not line.startswith("#")]


def seed_demo(
    *,
    scale: float = 1.0,
    seed: int = DEFAULT_SEED,
    report: Callable[[str, int], None] = lambda step, count: None,
) -> Path:
    """Generate the demo city and save it through the registry's bulk services (the system as actor) in one
    transaction, with the demo accounts; returns the file with their log-ins. `report(step, count)` is
    called as each stage is saved."""
    city = DemoCity(scale=scale, seed=seed)
    with transaction.atomic():
        report("regions", regions_bulk_create(actor=None, regions=city.regions()))
        report("law firms", firms_bulk_register(actor=None, firms=city.firms()))
        report("lawyers", lawyers_bulk_register(actor=None, lawyers=city.lawyers()))
        report("trainees", trainees_bulk_register(actor=None, trainees=city.trainees()))
        committees, seats = city.committees()
        report("bar committees", committees_bulk_create(actor=None, committees=committees, seats=seats))
        report("committee seats", len(seats))
        report("overseas offices", offices_bulk_create(actor=None, offices=city.offices()))
        logins = create_demo_accounts(city)
        for app in apps.get_app_configs():
            # Other capabilities add their part of the demo after the registry's, in the same
            # transaction: an AppConfig names `demo_seeder`, a function (*, city, rng, report) that
            # returns its extra demo log-ins.
            seeder = getattr(app, "demo_seeder", None)
            if seeder:
                logins += import_string(seeder)(
                    city=city, rng=random.Random(f"{seed}:{app.label}"), report=report
                )
        report("demo accounts", len(logins))
        return write_logins(logins)
