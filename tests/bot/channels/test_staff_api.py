"""The staff review desk API: uploads, reports, quota tally, status and comment, CSV export."""

from __future__ import annotations

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
    assert report["ok"] and report["sections_found"][0] == "试点目标"
    assert report["mandatory"][0]["covered"] and report["mandatory"][0]["sentence"]
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
