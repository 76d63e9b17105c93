from __future__ import annotations

import csv
import hashlib
import io
from datetime import timedelta, timezone

from fastapi import APIRouter, Form, HTTPException, UploadFile
from fastapi.responses import Response

from bot.channels.http.deps import CoreDep, StaffDep
from bot.channels.http.routes.plan import attachment
from bot.channels.http.schemas import ReviewAnnotation
from bot.core.plans.files import UploadError
from bot.core.plans.quota import quota_tally
from bot.core.runtime import Core
from bot.core.stores.reviews import ReviewRecord
from knowledge.rules import UnknownType

router = APIRouter(prefix="/api/staff", tags=["staff"], dependencies=[StaffDep])
MAX_FILES = 20
SHANGHAI = timezone(timedelta(hours=8))
CSV_HEADER = [
    "编号",
    "文件",
    "主体类型",
    "区",
    "状态",
    "意见",
    "上传时间",
    "更新时间",
    "字数",
    "通过基本检查",
    "未覆盖必选项",
    "涉及创新项",
    "问题",
]
FAILING_PASS = "该方案未通过基本检查（{problems}），确认仍标为“通过”并计入名额吗？"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A cell a spreadsheet will not run (OWASP CSV injection): text that starts like a formula gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def review_json(core: Core, record: ReviewRecord) -> dict:
    return {
        "id": record.id,
        "filename": record.filename,
        "type": record.type,
        "type_name": core.rules.type(record.type).name,
        "district": record.district,
        "status": record.status,
        "comment": record.comment,
        "created_at": record.created_at.isoformat(),
        "updated_at": record.updated_at.isoformat() if record.updated_at else None,
        "report": record.report,
    }


def listing(core: Core) -> dict:
    records = core.reviews.all()
    tally = [{**vars(row), "over_quota": row.over_quota} for row in quota_tally(core.rules, records)]
    return {"reviews": [review_json(core, r) for r in records], "tally": tally}


@router.post("/reviews")
def create_reviews(
    core: CoreDep,
    files: list[UploadFile],
    type: str = Form(...),
    district: str = Form(min_length=1, max_length=64),
) -> dict:
    """Check one or more uploaded drafts and keep their reports; unreadable files are listed, not fatal.
    Uploading the same file again for the same type and district returns its existing review."""
    try:
        kind = core.rules.type(type)
    except UnknownType as exc:
        raise HTTPException(422, str(exc)) from exc
    if len(files) > MAX_FILES:
        raise HTTPException(422, f"一次最多上传{MAX_FILES}个文件")
    created, existing, rejected = [], [], []
    district = district.strip()
    for upload in files:
        name = upload.filename or "未命名"
        data = upload.file.read()
        digest = hashlib.sha256(data).hexdigest()
        if (known := core.reviews.find(digest=digest, type_id=kind.id, district=district)) is not None:
            existing.append(review_json(core, known))
            continue
        try:
            report = core.checker.check_upload(kind.id, name, data)
        except UploadError as exc:
            rejected.append({"filename": name, "error": str(exc)})
            continue
        record = core.reviews.add(
            filename=name, type_id=kind.id, district=district, report=report.detail(), digest=digest
        )
        created.append(review_json(core, record))
    return {"created": created, "existing": existing, "rejected": rejected, **listing(core)}


@router.get("/reviews")
def list_reviews(core: CoreDep) -> dict:
    """All reviewed drafts and the per-district tally against the quotas."""
    return listing(core)


@router.patch("/reviews/{review_id}")
def annotate_review(review_id: int, body: ReviewAnnotation, core: CoreDep) -> dict:
    """Set a review's status (待修改/通过) and comment; 通过 on a plan that fails its check needs ``confirm``."""
    current = core.reviews.get(review_id)
    if current is None:
        raise HTTPException(404, "没有这条审核记录")
    if body.status == "通过" and current.status != "通过" and not current.report["ok"] and not body.confirm:
        problems = "；".join(current.report["problems"][:3]) or "检查未通过"
        raise HTTPException(409, FAILING_PASS.format(problems=problems))
    record = core.reviews.annotate(review_id, status=body.status, comment=body.comment)
    return review_json(core, record)  # type: ignore[arg-type]


@router.delete("/reviews/{review_id}")
def delete_review(review_id: int, core: CoreDep) -> dict:
    """Remove a review (a wrong upload); the tally no longer counts it."""
    if not core.reviews.delete(review_id):
        raise HTTPException(404, "没有这条审核记录")
    return listing(core)


@router.get("/reviews.csv")
def export_reviews(core: CoreDep) -> Response:
    """The review list as CSV (UTF-8 with BOM, so Excel/WPS open it in Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for record in core.reviews.all():
        report = record.report
        writer.writerow(
            safe_cell(cell)
            for cell in [
                record.id,
                record.filename,
                core.rules.type(record.type).name,
                record.district,
                record.status,
                record.comment,
                _local(record.created_at),
                _local(record.updated_at or record.created_at),
                report["chars"],
                "是" if report["ok"] else "否",
                "、".join(map(str, report["uncovered_mandatory"])),
                "、".join(map(str, report["innovation_covered"])),
                "；".join(report["problems"]),
            ]
        )
    data = "\ufeff" + buffer.getvalue()
    return Response(data.encode("utf-8"), media_type="text/csv; charset=utf-8", headers=attachment("审核清单.csv"))


def _local(moment) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
