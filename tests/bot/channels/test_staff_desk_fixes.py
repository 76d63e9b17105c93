"""The review desk: idempotent uploads, delete, 通过 on a failing plan needs confirming, dates in the CSV."""

from __future__ import annotations

import csv
import io
import re

from fastapi.testclient import TestClient

FAILING = "一、试点目标\n目标".encode()


def _upload(client: TestClient, headers, name: str, data: bytes, type_id: str = "town", district: str = "徐汇区"):
    files = [("files", (name, data, "text/plain"))]
    return client.post("/api/staff/reviews", data={"type": type_id, "district": district}, files=files, headers=headers)


def test_the_same_file_type_and_district_is_one_review(client: TestClient, staff_headers) -> None:
    first = _upload(client, staff_headers, "a.txt", FAILING).json()
    again = _upload(client, staff_headers, "a-copy.txt", FAILING).json()
    assert again["created"] == [] and again["existing"][0]["id"] == first["created"][0]["id"]
    assert len(again["reviews"]) == 1
    other_type = _upload(client, staff_headers, "a.txt", FAILING, type_id="building").json()
    other_district = _upload(client, staff_headers, "a.txt", FAILING, district="静安区").json()
    assert other_type["created"] and other_district["created"] and len(other_district["reviews"]) == 3


def test_a_review_can_be_deleted_and_leaves_the_tally(client: TestClient, staff_headers) -> None:
    review = _upload(client, staff_headers, "a.txt", FAILING).json()["created"][0]
    listing = client.delete(f"/api/staff/reviews/{review['id']}", headers=staff_headers).json()
    assert listing == {"reviews": [], "tally": []}
    assert client.delete(f"/api/staff/reviews/{review['id']}", headers=staff_headers).status_code == 404


def test_passing_a_plan_that_fails_its_check_needs_confirmation(client: TestClient, staff_headers) -> None:
    review = _upload(client, staff_headers, "a.txt", FAILING).json()["created"][0]
    assert not review["report"]["ok"]
    url = f"/api/staff/reviews/{review['id']}"
    refused = client.patch(url, json={"status": "通过"}, headers=staff_headers)
    assert refused.status_code == 409 and "未通过基本检查" in refused.json()["error"]
    assert client.get("/api/staff/reviews", headers=staff_headers).json()["tally"][0]["passed"] == 0
    assert client.patch(url, json={"status": "待修改", "comment": "补章节"}, headers=staff_headers).status_code == 200
    confirmed = client.patch(url, json={"status": "通过", "confirm": True}, headers=staff_headers)
    assert confirmed.json()["status"] == "通过"
    assert client.get("/api/staff/reviews", headers=staff_headers).json()["tally"][0]["passed"] == 1


def test_the_csv_has_upload_and_update_dates(client: TestClient, staff_headers) -> None:
    _upload(client, staff_headers, "a.txt", FAILING)
    text = client.get("/api/staff/reviews.csv", headers=staff_headers).content.decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[6:8] == ["上传时间", "更新时间"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", row[6]) and row[7] >= row[6]


def test_a_type_must_be_chosen(client: TestClient, staff_headers) -> None:
    files = [("files", ("a.txt", FAILING, "text/plain"))]
    response = client.post("/api/staff/reviews", data={"district": "徐汇区"}, files=files, headers=staff_headers)
    assert response.status_code == 422 and response.json()["error"].startswith("type")
