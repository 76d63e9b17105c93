"""Plan-check latency by plan size, and how fast hostile uploads are refused or bounded (part of ``make bench``).

Plans are the filled enterprise fixture padded with distinct, plausible paragraphs to 1k / 3k / 10k / 30k 字,
checked warm (item vectors already computed) through the real e5 embedder. Wall time and process CPU time are
both reported: the machine is shared, and CPU time is the cost that does not depend on the neighbours.
"""

from __future__ import annotations

import io
import statistics
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bot.core.plans.checker import PlanChecker
from bot.core.plans.drafting import plain_text
from bot.core.plans.files import UploadError, markdown_to_docx, read_upload
from indexer.embeddings import make_embeddings
from knowledge.charcount import count_chars
from knowledge.rules import default_rules

FILLED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "plans" / "enterprise_complete.md"
SIZES = (1_000, 3_000, 10_000, 30_000)
DEPARTMENTS = ("安环部", "生产部", "设备部", "采购部", "行政部", "财务部", "质量部", "各车间")
ACTIONS = (
    "组织供应商开展绿色采购评估并更新合格供应商名录",
    "对废包装桶和废溶剂开展分类回收和资源化利用",
    "在厂区开放日向周边居民讲解环保设施运行情况",
    "对照能源审计报告逐项落实空压机和照明改造",
    "整理排放数据台账并按月上报",
    "对新入职员工开展环境管理制度培训",
    "复核危险废物转移联单并归档",
    "与上下游企业共享包装循环使用经验",
)


@dataclass(frozen=True)
class Timing:
    chars: int
    wall_ms: list[float]
    cpu_ms: list[float]


def padded_plan(target: int, variant: int) -> str:
    """The filled plan grown to about ``target`` 字 with distinct paragraphs in its 试点内容 and 实施路径."""
    text = plain_text(FILLED.read_text(encoding="utf-8"))
    head, tail = text.split("三、实施路径", 1)
    extra, n = [], 0
    while count_chars(head + "\n".join(extra) + tail) < target - 40:
        n += 1
        department = DEPARTMENTS[(n + variant) % len(DEPARTMENTS)]
        action = ACTIONS[(n * 3 + variant) % len(ACTIONS)]
        extra.append(
            f"{10 + n}. {department}在第{n}期工作中{action}，计划覆盖{n + variant}个点位，形成{n % 7 + 1}份记录。"
        )
    return head + "\n".join(extra) + "\n三、实施路径" + tail


def time_checks(checker: PlanChecker, target: int, rounds: int) -> Timing:
    wall, cpu, chars = [], [], 0
    for variant in range(rounds):
        text = padded_plan(target, variant)
        chars = count_chars(text)
        start, start_cpu = time.perf_counter(), time.process_time()
        checker.check_text("enterprise", text)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return Timing(chars, wall, cpu)


def zip_bomb() -> bytes:
    """A 185 KB-class .docx whose document.xml expands to 52 MB, as in the report."""
    paragraph = b"<w:p><w:r><w:t>" + "试点内容".encode() * 20 + b"</w:t></w:r></w:p>"
    body = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + paragraph * (52 * 1024 * 1024 // len(paragraph))
        + b"</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(markdown_to_docx("正文。"))) as source, zipfile.ZipFile(buffer, "w") as target:
        for entry in source.infolist():
            if entry.filename != "word/document.xml":
                target.writestr(entry, source.read(entry))
        target.writestr("word/document.xml", body, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


def time_refusals(data: bytes, runs: int = 5) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            read_upload("bomb.docx", data)
        except UploadError:
            samples.append((time.perf_counter() - start) * 1000)
        else:
            raise AssertionError("the bomb was read")
    return samples


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rows(rounds: int = 12) -> list[str]:
    """Markdown table rows for the plan-check part of ``make bench``."""
    checker = PlanChecker(default_rules(), make_embeddings("e5"))
    checker.warm_up()
    lines = []
    for target in SIZES:
        timing = time_checks(checker, target, rounds)
        limit = "≤ 300 ms" if target == 3_000 else "linear"
        lines.append(
            f"| plan check, {timing.chars}字 (p50 / p95 wall; p95 CPU, {rounds} plans) | "
            f"{statistics.median(timing.wall_ms):.0f} / {percentile(timing.wall_ms, 0.95):.0f} ms; "
            f"{percentile(timing.cpu_ms, 0.95):.0f} ms | {limit} |"
        )
    huge = "本单位持续推进各项工作。\n" * 130_000
    start = time.perf_counter()
    checker.check_text("enterprise", huge)
    lines.append(
        f"| plan check, 5 MB text (structure only) | {(time.perf_counter() - start) * 1000:.0f} ms | bounded |"
    )
    bomb = zip_bomb()
    refusals = time_refusals(bomb)
    lines.append(
        f"| refuse a {len(bomb) // 1024} KB .docx bomb (52 MB document.xml), max of {len(refusals)} | "
        f"{max(refusals):.1f} ms | < 1 s |"
    )
    return lines


if __name__ == "__main__":
    print("| measure | value | target |\n| --- | --- | --- |")
    print("\n".join(rows()))
