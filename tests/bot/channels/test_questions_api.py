"""The web chat's history and feedback, the staff's questions log and curated answers, over the real app."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

SESSION = "history-session-1"


def say(client: TestClient, text: str, session: str = SESSION) -> list[dict]:
    response = client.post("/api/chat", json={"session": session, "message": {"kind": "text", "text": text}})
    assert response.status_code == 200, response.text
    return response.json()["replies"]


def test_history_restores_the_dialog_and_reset_forgets_it(client: TestClient) -> None:
    assert client.get("/api/chat/history", params={"session": SESSION}).json() == {"entries": []}
    say(client, "起草")
    client.post(
        "/api/chat", json={"session": SESSION, "message": {"kind": "choice", "value": "type:building", "label": "楼宇"}}
    )
    entries = client.get("/api/chat/history", params={"session": SESSION}).json()["entries"]
    assert [e["role"] for e in entries][:2] == ["user", "bot"] and entries[0]["text"] == "起草"
    assert entries[2] == {"role": "user", "text": "楼宇", "reply": None, "at": entries[2]["at"]}
    assert entries[-1]["reply"]["text"] == "申报单位名称是？"  # the pending question survives a reload
    assert client.get("/api/chat/history", params={"session": "other-session"}).json() == {"entries": []}
    client.post("/api/chat", json={"session": SESSION, "message": {"kind": "command", "value": "reset"}})
    assert client.get("/api/chat/history", params={"session": SESSION}).json() == {"entries": []}
    assert client.get("/api/chat/history", params={"session": "bad id!"}).status_code == 422


def test_feedback_is_stored_on_that_answer_and_only_by_its_session(client: TestClient, staff_headers) -> None:
    (reply,) = say(client, "企业申报条件有哪些")
    assert reply["answer_id"] and reply["citations"][0]["label"].startswith("附件2 › 企业 › 申报条件第")
    body = {"session": SESSION, "answer_id": reply["answer_id"], "vote": "down", "comment": "想知道要交什么证明"}
    assert client.post("/api/chat/feedback", json={**body, "session": "someone-else"}).status_code == 404
    assert client.post("/api/chat/feedback", json=body).status_code == 200
    groups = client.get("/api/staff/questions", params={"down": True}, headers=staff_headers).json()["groups"]
    assert groups[0]["question"] == "企业申报条件有哪些" and groups[0]["down"] == 1
    assert groups[0]["questions"][0]["comment"] == "想知道要交什么证明"
    assert client.get("/api/staff/questions", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_questions_are_grouped_filtered_and_exported(client: TestClient, staff_headers) -> None:
    for text in [
        "材料交几份",
        "申报材料需要几份",
        "材料交几份？",
        "今天天气怎么样",
        "企业申报条件有哪些",
        "园区申报条件有哪些",
    ]:
        say(client, text)
    data = client.get("/api/staff/questions", headers=staff_headers).json()
    assert data["total"] == 6
    top = data["groups"][0]
    assert (top["question"], top["count"], sorted(top["phrasings"])) == (
        "材料交几份",
        3,
        sorted(["材料交几份", "申报材料需要几份", "材料交几份？"]),
    )
    assert len(data["groups"]) == 4  # 企业 and 园区 conditions stay apart, however similar the wording
    refused = client.get("/api/staff/questions", params={"refused": True}, headers=staff_headers).json()
    assert [g["question"] for g in refused["groups"]] == ["今天天气怎么样"]
    parks = client.get("/api/staff/questions", params={"type": "园区"}, headers=staff_headers).json()
    assert [g["question"] for g in parks["groups"]] == ["园区申报条件有哪些"]
    future = client.get("/api/staff/questions", params={"since": "2099-01-01"}, headers=staff_headers).json()
    assert future == {"total": 0, "groups": []}
    exported = client.get("/api/staff/questions.csv", headers=staff_headers)
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["问题组", "提问时间", "渠道", "用户（哈希）", "问题"] and len(rows) == 7
    assert {r[2] for r in rows[1:]} == {"web"} and SESSION not in exported.text


def test_a_curated_answer_is_checked_then_served_first_on_every_channel(client: TestClient, staff_headers) -> None:
    say(client, "申报材料需要交几份")
    group = client.get("/api/staff/questions", headers=staff_headers).json()["groups"][0]
    text = "纸质材料一式三份，并附电子版本，由组织单位于每年10月底前报送。"
    bad = {"questions": group["phrasings"], "text": text, "clause_ids": ["plan.4.1", "plan.99"]}
    refused = client.post("/api/staff/curated", json=bad, headers=staff_headers)
    assert refused.status_code == 422 and "plan.99" in refused.json()["error"]
    created = client.post("/api/staff/curated", json={**bad, "clause_ids": ["plan.4.1"]}, headers=staff_headers)
    assert created.status_code == 201, created.text
    curated = created.json()
    assert curated["clauses"] == [{"id": "plan.4.1", "label": "附件 实施方案 › 四、组织实施 › (一)试点申报"}]
    (web,) = say(client, "材料要交几份？", session="another-session")
    assert web["text"] == text and web["citations"][0]["id"] == "plan.4.1"
    api = client.post("/api/ask", json={"question": "申报材料需要交几份"}).json()
    assert (api["answer"], api["mode"]) == (text, "curated")
    assert client.app.state.core.dialog.handle("wechat", "openid-1", _text("申报材料需要交几份"))[0].text == text
    edited = client.put(
        f"/api/staff/curated/{curated['id']}",
        json={"text": "一式三份。", "clause_ids": ["plan.4.1"]},
        headers=staff_headers,
    )
    assert edited.json()["text"] == "一式三份。" and say(client, "申报材料需要交几份")[0]["text"] == "一式三份。"
    listed = client.get("/api/staff/curated", headers=staff_headers).json()["curated"]
    assert [c["id"] for c in listed] == [curated["id"]]
    assert client.delete(f"/api/staff/curated/{curated['id']}", headers=staff_headers).status_code == 204
    assert say(client, "申报材料需要交几份")[0]["text"] != "一式三份。"
    assert client.delete(f"/api/staff/curated/{curated['id']}", headers=staff_headers).status_code == 404


def _text(text: str):
    from bot.core.dialog.messages import Incoming

    return Incoming.of_text(text)
