"""The words the package writes for the reader, in both editions, and the Chinese renderings of the claims.

``say(key, **fields)`` gives the text of ``key`` in the current edition (``nevbook.edition``), with the
fields filled in. ``TEXT`` is the whole catalogue: every key has an English and a Chinese text, and the
tests check that both name the same fields. Verdict names, causes, comparison rules and units used by the
claim registry are translated here too (``verdict_name``, ``cause_name``, ``unit_name``).

The paper was published in English. The Chinese edition quotes it in English and follows each quotation with
the book's own Chinese rendering, marked as ours; the renderings (and the Chinese text of the epilogue's
expectations) live in ``zh/claims/<chapter>.yaml`` and are read by ``chinese_claim``.
"""
import calendar
from functools import lru_cache

from . import edition, paths
from .errors import read_yaml

TEXT = {
    "claim label": ("Claim {id}", "论断 {id}"),
    "outcome label": ("After the paper, {id}", "论文之后 {id}"),
    "section": ("section {section}", "第 {section} 节"),
    "expected by": ("expected by {basis}", "预期出处：{basis}"),
    "box title": ("{label} ({where})", "{label}（{where}）"),
    "box where": (" ({where}): ", "（{where}）："),
    "sentence separator": (" ", ""),
    "ours": (" (our rendering: {text})", "（本书译：{text}）"),  # after the paper's English words; Chinese only
    "verdict line": ("Verdict: {verdict}.", "结论：{verdict}。"),
    "causes": ("Cause: {causes}.", "原因：{causes}。"),
    "causes plural": ("Causes: {causes}.", "原因：{causes}。"),
    "list separator": (", ", "、"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "column measure": ("measure", "指标"),
    "column unit": ("unit", "单位"),
    "column stated": ("stated", "论文数值"),
    "column computed": ("computed", "计算值"),
    "column rule": ("rule", "比较规则"),
    "column agrees": ("agrees", "是否一致"),
    "source rounded": (" (source rounded to {step})", "（来源精确到 {step}）"),
    "more precise": (
        "The paper's {shown} ({measure}) is more precise than any source found, which rounds to {step} {unit}; "
        "the comparison allows for both roundings.",
        "论文给出的 {shown}（{measure}）比找到的任何来源都精确，来源只精确到 {step} {unit}；比较时兼顾了两者的舍入。"),
    "rests on": ("Rests on {rows} raw row{rows_s} from {sources} source{sources_s}",
                 "依据 {rows} 行原始数据，来自 {sources} 个来源"),
    "rows of dataset": ("{name} ({rows} row{rows_s})", "{name}（{rows} 行）"),
    "trail list separator": ("; ", "；"),
    "trail end": (".", "。"),
    "trail colon": (": ", "："),
    "many rows": ("{rows} rows: {selection} (all listed in claims.csv)", "{rows} 行：{selection}（全部列于 claims.csv）"),
    "trail dataset": ("dataset", "数据集"),
    "trail key": ("key", "键"),
    "trail value": ("value", "数值"),
    "trail unit": ("unit", "单位"),
    "trail source": ("source", "来源"),
    "summary head": ("| claim | section | verdict | paper states |", "| 论断 | 章节 | 结论 | 论文所述 |"),
    "after the paper": ("after the paper", "论文之后"),
    "summary count": ("{verdict}: {count}", "{verdict}：{count}"),
    "datasets loaded": ("**Datasets loaded**", "**本章载入的数据集**"),
    "dataset line": ("- `{path}`: {title}. Publisher: {publisher}. Licence: {licence}. sha256 `{sha}…`.",
                     "- `{path}`：{title}。发布者：{publisher}。许可：{licence}。sha256 `{sha}…`。"),
    "sources cited": ("**Sources cited by those rows**", "**这些数据行引用的来源**"),
    "page": ("page", "页面"),
    "source line": (
        "- `{id}`: {publisher}, *{title}*, published {published}. Original: <{url}>. Values read at: {pages} "
        "(accessed {accessed}). Licence: {licence}. {cite}",
        "- `{id}`：{publisher}，*{title}*，发布于 {published}。原始网址：<{url}>。数值读取页面：{pages}"
        "（访问于 {accessed}）。许可：{licence}。{cite}"),
    "figure source": ("Source: ", "资料来源："),
    "axis year": ("Year", "年份"),
    "axis million vehicles": ("Million vehicles", "百万辆"),
    "share line": ("NEV share of all vehicle sales (right axis)", "新能源汽车占汽车总销量的比重（右轴）"),
    "axis share": ("Share of all vehicle sales (%)", "占汽车总销量的比重（%）"),
    "footer": ("nev-book {version} · commit {commit} · built {date} · data accessed up to {vintage}",
               "nev-book {version} · 提交 {commit} · 构建于 {date} · 数据访问截至 {vintage}"),
    "release line": ("{version} (commit {commit}; data accessed up to {vintage})",
                     "{version}（提交 {commit}；数据访问截至 {vintage}）"),
    "release name": ("Version", "版本"),
    "licence note": ("Text CC BY 4.0; code MIT; each dataset keeps its publisher's licence "
                     "(see LICENSE-CONTENT.md in the repository).",
                     "文字采用 CC BY 4.0 许可；代码采用 MIT 许可；各数据集沿用其发布者的许可（见仓库中的 LICENSE-CONTENT.md）。"),
    "page date unknown": ("Content date unknown (not built from a git checkout).", "内容日期未知（并非从 git 仓库构建）。"),
    "page not committed": ("Content not yet committed.", "内容尚未提交。"),
    "page changed": ("Content last changed on {date} (commit {commit}){edited}.", "内容最后修改于 {date}（提交 {commit}）{edited}。"),
    "page edited": (", with changes not yet committed", "，另有尚未提交的修改"),
    "bundle text": ("run anywhere (.zip)", "随处运行（.zip）"),
    "bundle tooltip": ("Download this chapter with its raw data, the nevbook package and pinned requirements",
                       "下载本章及其原始数据、nevbook 软件包和锁定版本的依赖清单"),
    "bundle step 1": ("1. Create an environment (Python 3.11), in this folder: `python3.11 -m venv .venv`",
                      "1. 在本文件夹中创建环境（Python 3.11）：`python3.11 -m venv .venv`"),
    "bundle step 2": ("2. Install the pinned packages and the book's package: "
                      "`.venv/bin/python -m pip install -r requirements.txt {wheel}`",
                      "2. 安装锁定版本的软件包和本书的软件包：`.venv/bin/python -m pip install -r requirements.txt {wheel}`"
                      "（中文图表另需 Noto CJK 字体，Debian 软件包 fonts-noto-cjk）"),
    "bundle step 3": ("3. Run the chapter (its outputs are written into the notebook; open it in Jupyter if you like): "
                      "`.venv/bin/jupyter execute --inplace {notebook}`",
                      "3. 运行本章（输出写回笔记本；也可以在 Jupyter 中打开）：`.venv/bin/jupyter execute --inplace {notebook}`"),
    "report head": (("notebook", "how it ran", "seconds", "status"), ("笔记本", "运行方式", "秒", "状态")),
    "report ran": ("ran without error", "运行无误"),
    "report failed": ("failed", "失败"),
    "report count": ("{count} notebooks; versions of the key packages:", "共 {count} 个笔记本；主要软件包的版本："),
    "report packages": (("package", "version"), ("软件包", "版本")),
    "preview computed": ("Computed: {shown}. {reason}", "计算值：{shown}。{reason}"),
    "show image": ("Show the static image", "显示静态图片"),
    "show chart": ("Show the interactive chart", "显示交互式图表"),
    "changes intro": ("Against release {version}: {claims} claims and outcomes moved, {figures} figure files changed. "
                      "Lineage is compared row by row where both record rows, else file by file (a release that "
                      "listed a chapter's files shows the files a verdict no longer rests on).",
                      "与 {version} 版相比：{claims} 项论断和结果有变动，{figures} 个图表文件有变化。两版都记录了数据行时"
                      "逐行比较依据，否则逐个文件比较（若旧版只列出某章的文件，则显示结论不再依据的文件）。"),
    "changes claims head": ("| claim | verdict | computed | lineage |", "| 论断 | 结论 | 计算值 | 依据 |"),
    "changes figures head": ("| figure | change |", "| 图表 | 变化 |"),
    "switch label": ("中文", "English"),  # the switcher names the other edition in its own language
    "switch title": ("Read this page in the Chinese edition (中文版)", "在英文版中阅读本页（English edition）"),
    # the generated parts of the audit and data pages (nevbook.site)
    "audit head": (("claim", "the paper says", "stated", "computed", "verdict", "why, or what is missing; raw data"),
                   ("论断", "论文原文", "论文数值", "计算值", "结论", "理由或所缺数据；原始数据")),
    "audit cause": ("cause: {causes}", "原因：{causes}"),
    "audit section": ("§{section}", "第 {section} 节"),
    "audit md head": ("| claim | stated | computed | verdict | raw rows |", "| 论断 | 论文数值 | 计算值 | 结论 | 原始数据行数 |"),
    "differs item": ("- **{id}** (section {section}), the paper: “{quote}”{ours}. {because} Cause: {causes}. "
                     "<a href=\"{page}\">See the check</a>.",
                     "- **{id}**（第 {section} 节），论文原文：“{quote}”{ours}。{because}原因：{causes}。"
                     "<a href=\"{page}\">查看核查过程</a>。"),
    "cause not named": ("not named", "未注明"),
    "no differs": ("No claim differs from the data.", "没有与数据不符的论断。"),
    "counts axis": ("Number of claims", "论断数"),
    "counts title": ("Verdicts on the paper's {count} checked statements", "论文 {count} 项被核查陈述的结论"),
    "counts source": ("nev-book claim registry and chapter notebooks.", "nev-book 论断登记表与各章笔记本。"),
    "none": ("none", "无"),
    "data item": ("- `{path}`: {title}. Publisher: {publisher}. Licence: {licence}. sha256 `{sha}…`. Sources: {sources}. "
                  "Verdicts resting on its rows: {used}.",
                  "- `{path}`：{title}。发布者：{publisher}。许可：{licence}。sha256 `{sha}…`。来源：{sources}。"
                  "依据其数据行的结论：{used}。"),
    "no verdict rests": ("No verdict rests on its rows (it is shown in a chapter or used for context).",
                         "没有结论依据这些数据行（它们在某章中展示或用作背景）。"),
    "verdicts resting": ("Verdicts resting on its rows: {links}.", "依据其数据行的结论：{links}。"),
    "kinds summary": ("{citable} of {total} sources ({share:.0f}%) were read on at least one page of the publisher, "
                      "a government, a news outlet or a trade outlet; the pages by kind: {by_kind}. "
                      "A mirror page names the article it copies.",
                      "{total} 个来源中有 {citable} 个（{share:.0f}%）至少在一个发布者、政府、新闻机构或行业媒体的页面上读取；"
                      "各类页面数：{by_kind}。转载页面均注明其所转载的原文。"),
    "kind count": ("{count} {kind}", "{kind} {count}"),
    "data source item": ("<code>{id}</code>: {publisher}, <em>{title}</em> (published {published}, accessed {accessed}; "
                         "original: {original}). Read at: {pages}. Licence: {licence}.",
                         "<code>{id}</code>：{publisher}，<em>{title}</em>（发布于 {published}，访问于 {accessed}；"
                         "原始网址：{original}）。读取页面：{pages}。许可：{licence}。"),
    "data facts": ("Publisher: {publisher}. Licence: {licence}. Rows: {rows}. sha256: <code>{sha}</code>. "
                   "<a href=\"{href}\">Download the CSV</a>.",
                   "发布者：{publisher}。许可：{licence}。行数：{rows}。sha256：<code>{sha}</code>。"
                   "<a href=\"{href}\">下载 CSV 文件</a>。"),
}

VERDICT_NAMES = {"reproduced": "已复现", "partly": "部分复现", "differs": "不符", "not checkable": "无法核查",
                 "borne out": "已应验", "not borne out": "未应验", "too early": "为时尚早"}
CAUSE_NAMES = {"dropped digit": "数位有误", "wrong year": "年份有误", "production vs sales": "产量与销量混淆",
               "other measure": "口径不同", "unnamed scenario": "未注明情景", "wording": "措辞不当",
               "source less precise": "来源精度不足", "not public": "数据未公开", "revised data": "数据经过修订"}
# How a computed value is compared with the stated one (the registry's ``comparison`` column).
COMPARISONS = {"equal": ("within ± {tolerance}", "误差 ± {tolerance} 以内"),
               "more_than": ("more than stated", "多于所述"), "less_than": ("less than stated", "少于所述"),
               "at_least": ("at least stated", "不少于所述")}
UNIT_NAMES = {"GWh": "GWh", "Wh/kg": "Wh/kg", "cities": "个城市", "companies": "家公司", "firms": "家企业",
              "hubs": "个集群", "million": "百万", "million chargers": "百万台充电设施", "million vehicles": "百万辆",
              "models": "种模式", "percent": "%", "provinces": "个省份", "sectors": "个领域", "sites": "个地点",
              "stations": "座", "vehicles": "辆", "year": "年", "zones": "个区域"}
KINDS = {"publisher": "发布者", "government": "政府", "news": "新闻机构", "trade": "行业媒体", "mirror": "转载"}


def _pick(english, chinese):
    return chinese if edition.is_chinese() else english


def say(key, **fields):
    """The text of ``key`` in the current edition, with ``fields`` filled in (a tuple of texts is returned as is)."""
    english, chinese = TEXT[key]
    text = _pick(english, chinese)
    return text if isinstance(text, tuple) else text.format(**fields)


def verdict_name(verdict):
    return _pick(verdict, VERDICT_NAMES[verdict])


def cause_name(cause):
    return _pick(cause, CAUSE_NAMES[cause])


def comparison_rule(comparison):
    return _pick(*COMPARISONS[comparison])


def unit_name(unit):
    return _pick(unit, UNIT_NAMES.get(unit, unit))


def kind_name(kind):
    return _pick(kind, KINDS.get(kind, kind))


def month_name(number):
    """A month as a reader reads it: 'July' in English, '7月' in Chinese."""
    return _pick(calendar.month_name[int(number)], f"{int(number)}月")


def name(value):
    """A name that is a data value (a province, a firm, a category…) as the edition shows it.

    English: the value itself. Chinese: its Chinese name from ``zh/names/*.yaml`` (our translations); a name
    missing there stops the notebook with a message saying where to add it, so no English name slips into
    the Chinese edition unnoticed. Use it only where the name is shown, never where it selects data.
    """
    if not edition.is_chinese():
        return value
    names = chinese_names()
    if str(value) not in names:
        raise KeyError(f"no Chinese name for {value!r}: add it to zh/names/<chapter>.yaml")
    return names[str(value)]


@lru_cache(maxsize=1)
def chinese_names():
    """``zh/names/<chapter>.yaml``: the Chinese name of every English data value the chapters show. A name
    given two different Chinese names (in two files) is an error: the editions use one list of names."""
    found, where = {}, {}
    for path in sorted((paths.ROOT / "zh" / "names").glob("*.yaml")):
        for key, value in (read_yaml(path, paths.relative(path)) or {}).items():
            key, value = str(key), str(value)
            if key in found and found[key] != value:
                raise ValueError(f"{paths.relative(path)}: {key!r} is {value!r} here but {found[key]!r} in "
                                 f"{where[key]}; give one Chinese name")
            found[key], where[key] = value, paths.relative(path)
    return found


@lru_cache(maxsize=1)
def chinese_datasets():
    """``zh/datasets.yaml``: our Chinese title and description of every dataset, ``{name: {field: text}}``."""
    path = paths.ROOT / "zh" / "datasets.yaml"
    return {str(key): dict(value) for key, value in (read_yaml(path, paths.relative(path)) or {}).items()} \
        if path.exists() else {}


def dataset_text(name, meta, field):
    """A dataset's ``title`` or ``description`` in the current edition (its metadata's English otherwise)."""
    chinese = chinese_datasets().get(name, {}).get(field, "") if edition.is_chinese() else ""
    return chinese or meta[field]


@lru_cache(maxsize=1)
def chinese_claims():
    """Every claim's and outcome's Chinese text, from ``zh/claims/*.yaml``: ``{id: {field: text}}``."""
    found = {}
    for path in sorted((paths.ROOT / "zh" / "claims").glob("*.yaml")):
        for claim_id, fields in (read_yaml(path, paths.relative(path)) or {}).items():
            found[str(claim_id)] = dict(fields or {})
    return found


# Where the English text of each field is kept: a paper claim's quote and stated value; an outcome's statement is
# its ``quote`` and its basis its ``stated`` (``registry.load``).
ENGLISH_FIELDS = {"quote": "quote", "stated": "stated", "statement": "quote", "basis": "stated"}


def claim_text(claim, field):
    """A claim's ``field`` (``stated``; an outcome's ``statement`` or ``basis``) in the current edition."""
    chinese = chinese_claim(claim.id, field) if edition.is_chinese() else ""
    return chinese or getattr(claim, ENGLISH_FIELDS[field])


def quoted(claim):
    """The paper's words in quotation marks (in the Chinese edition followed by our rendering, marked as ours);
    an expectation of the epilogue in our own words, in the edition's language."""
    if claim.group != "paper":
        return claim_text(claim, "statement")
    ours = chinese_claim(claim.id, "quote") if edition.is_chinese() else ""
    return f"“{claim.quote}”" + (say("ours", text=ours) if ours else "")


def chinese_claim(claim_id, field):
    """Our Chinese rendering of one field (``quote``, ``stated``, ``statement``, ``basis``) of a claim, or ''."""
    return chinese_claims().get(claim_id, {}).get(field, "")
