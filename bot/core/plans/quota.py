"""The district staff's view: check reports kept per draft, and the per-district tally against quotas."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.core.stores.reviews import ReviewRecord
from knowledge.rules import Rules


@dataclass(frozen=True)
class QuotaRow:
    district: str
    type: str
    name: str
    drafts: int
    passed: int
    quota: int

    @property
    def over_quota(self) -> bool:
        return self.passed > self.quota


def quota_tally(rules: Rules, records: list[ReviewRecord]) -> list[QuotaRow]:
    """Per district and type: drafts reviewed, drafts marked 通过, and the quota they count against
    (园区 ≤2 per district, each other type ≤4 — plan.4.1)."""
    drafts = Counter((r.district, r.type) for r in records)
    passed = Counter((r.district, r.type) for r in records if r.status == "通过")
    rows = []
    for (district, type_id), count in sorted(drafts.items()):
        kind = rules.type(type_id)
        rows.append(QuotaRow(district, type_id, kind.name, count, passed[(district, type_id)], kind.quota))
    return rows
