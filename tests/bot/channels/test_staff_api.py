"""The staff review desk API: uploads, reports, quota tally, status and comment, CSV export."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from bot.core.plans.drafting import PlanProfile, draft_plan
from bot.core.plans.files import markdown_to_docx


def _upload(client: TestClient, headers, files, type_id="park", district="浦东新区"):
    return client.post("/api/staff/reviews", data={"type": type_id, "district": district}, files=files, headers=headers)


def test_staff_api_needs_the_token(client: TestClient) -> None:
    assert client.get("/api/staff/reviews").status_code == 401
    assert client.get("/api/staff/reviews", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_upload_several_drafts_and_see_reports(client: TestClient, staff_headers, rules) -> None:
    draft = draft_plan(rules, "park", PlanProfile(name="示范园区", innovation=[1]))
    files = [
        ("files", ("a.docx", markdown_to_docx(draft.markdown), "application/octet-stream")),
        ("files", ("b.md", draft.markdown.encode(), "text/markdown")),
        ("files", ("c.pdf", b"%PDF", "application/pdf")),
    ]
    body = _upload(client, staff_headers, files).json()
    assert [r["filename"] for r in body["created"]] == ["a.docx", "b.md"]
    assert body["rejected"][0]["filename"] == "c.pdf" and "仅支持" in body["rejected"][0]["error"]
    report = body["created"][0]["report"]
    assert not report["ok"] and report["sections_found"][0] == "试点目标"  # a skeleton is not ok until filled
    assert report["mandatory"][0]["state"] == "restated" and not report["mandatory"][0]["covered"]
    assert body["tally"] == [
        {
            "district": "浦东新区",
            "type": "park",
            "name": "园区",
            "drafts": 2,
            "passed": 0,
            "quota": 2,
            "over_quota": False,
        }
    ]


def test_status_comment_quota_and_csv(client: TestClient, staff_headers) -> None:
    files = [("files", (f"p{n}.txt", f"一、试点目标\n目标{n}".encode(), "text/plain")) for n in range(3)]
    created = _upload(client, staff_headers, files, district="黄浦区").json()["created"]
    for review in created:  # these drafts fail their check: marking them 通过 must be confirmed
        response = client.patch(
            f"/api/staff/reviews/{review['id']}",
            json={"status": "通过", "comment": "同意报送", "confirm": True},
            headers=staff_headers,
        )
        assert response.json()["status"] == "通过"
    tally = client.get("/api/staff/reviews", headers=staff_headers).json()["tally"]
    assert tally == [
        {"district": "黄浦区", "type": "park", "name": "园区", "drafts": 3, "passed": 3, "quota": 2, "over_quota": True}
    ]
    csv = client.get("/api/staff/reviews.csv", headers=staff_headers)
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("编号,文件,主体类型,区,状态,意见")
    assert "同意报送" in text and "黄浦区" in text
    assert client.patch("/api/staff/reviews/9999", json={"status": "通过"}, headers=staff_headers).status_code == 404
    assert (
        client.patch(
            f"/api/staff/reviews/{created[0]['id']}", json={"status": "作废"}, headers=staff_headers
        ).status_code
        == 422
    )


def test_the_token_counts_only_as_a_bearer_credential(client: TestClient, staff_headers) -> None:
    token = staff_headers["Authorization"].removeprefix("Bearer ")
    for given in [token, f"Basic {token}", f"Token {token}", f"Bearer{token}"]:
        assert client.get("/api/staff/reviews", headers={"Authorization": given}).status_code == 401, given
    assert client.get("/api/staff/reviews", headers={"Authorization": f"bearer {token}"}).status_code == 200


def test_csv_cells_that_start_like_formulas_are_neutralised(client: TestClient, staff_headers) -> None:
    """OWASP CSV injection: a cell starting with = + - @ tab or CR is prefixed with a single quote."""
    names = ["=HYPERLINK(1).txt", "+1+2.txt", "-2+3.md", "@SUM(A1).txt"]
    # different contents: the same file uploaded again is the same review
    files = [("files", (name, f"一、试点目标\n目标{n}".encode(), "text/plain")) for n, name in enumerate(names)]
    created = _upload(client, staff_headers, files, district="=1+1").json()["created"]
    for review, comment in zip(created, ["\r=cmd|' /C calc'!A0", "\t=1"], strict=False):
        client.patch(f"/api/staff/reviews/{review['id']}", json={"comment": comment}, headers=staff_headers)
    exported = client.get("/api/staff/reviews.csv", headers=staff_headers).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported, newline="")))
    by_name = {row[1]: row for row in rows[1:]}
    assert set(by_name) == {"'" + name for name in names}
    assert all(row[3] == "'=1+1" for row in rows[1:])
    assert by_name["'" + names[0]][5] == "'\r=cmd|' /C calc'!A0" and by_name["'" + names[1]][5] == "'\t=1"
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
