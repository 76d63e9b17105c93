"""The LLM path runs the real langchain client against a local OpenAI-compatible server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from bot.core.answering.answerer import Answerer
from bot.core.answering.llm import SYSTEM_PROMPT, LlmPhraser
from bot.core.config import Settings
from tests.support.json_server import json_server


class ScriptedLlm:
    """An OpenAI-compatible /v1/chat/completions endpoint that replies with what the test scripts."""

    def __init__(self) -> None:
        self.reply = ""
        self.requests: list[dict] = []

    def respond(self, method: str, path: str, body: dict | None, headers) -> dict:
        self.requests.append({"path": path, "auth": headers.get("Authorization"), "body": body})
        message = {"role": "assistant", "content": self.reply}
        return {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": (body or {}).get("model", ""),
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }


@pytest.fixture
def scripted_llm() -> Iterator[ScriptedLlm]:
    llm = ScriptedLlm()
    with json_server(llm.respond) as url:
        llm.url = f"{url}/v1"
        yield llm


QUESTION = "聚焦重点领域和薄弱环节是什么意思"  # answered from retrieval, so the LLM may phrase it


@pytest.fixture
def llm_answerer(scripted_llm: ScriptedLlm, rules, retriever) -> Answerer:
    settings = Settings(llm_base_url=scripted_llm.url, llm_model="qwen-test", llm_api_key=SecretStr("sk-test"))
    return Answerer(rules, retriever, LlmPhraser(settings))


def test_grounded_llm_answer_is_used(llm_answerer: Answerer, scripted_llm: ScriptedLlm) -> None:
    scripted_llm.reply = "试点要聚焦重点领域和薄弱环节〔plan.2.3〕。"
    answer = llm_answerer.ask(QUESTION)
    assert answer.mode == "llm"
    assert answer.answer == scripted_llm.reply
    assert answer.citations[0].id == "plan.2.3"
    request = scripted_llm.requests[-1]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer sk-test"
    messages = request["body"]["messages"]
    assert messages[0] == {"role": "system", "content": SYSTEM_PROMPT}
    assert "〔plan.2.3〕" in messages[1]["content"]


def test_invented_number_falls_back_to_extractive(llm_answerer: Answerer, scripted_llm: ScriptedLlm) -> None:
    scripted_llm.reply = "试点要在500天内聚焦重点领域和薄弱环节〔plan.2.3〕。"
    answer = llm_answerer.ask(QUESTION)
    assert len(scripted_llm.requests) == 1, "the LLM was asked, and its answer was then rejected"
    assert answer.mode == "extractive"
    assert "500" not in answer.answer
    assert answer.citations[0].id == "plan.2.3" and answer.citations[0].text in answer.answer


def test_rules_answers_never_go_through_the_llm(llm_answerer: Answerer, scripted_llm: ScriptedLlm) -> None:
    answer = llm_answerer.ask("企业申报条件有哪些")
    assert answer.mode == "rules" and scripted_llm.requests == []


def test_unreachable_llm_falls_back(rules, retriever) -> None:
    settings = Settings(llm_base_url="http://127.0.0.1:9/v1", llm_model="x", llm_timeout=2)
    answer = Answerer(rules, retriever, LlmPhraser(settings)).ask(QUESTION)
    assert answer.mode == "extractive"


def test_settings_never_print_the_api_key() -> None:
    settings = Settings(llm_base_url="http://x/v1", llm_model="m", llm_api_key=SecretStr("sk-secret-123"))
    assert "sk-secret-123" not in repr(settings) and "sk-secret-123" not in str(settings)


def _draft_with(scripted_llm: ScriptedLlm, rules, reply: str):
    from bot.core.answering.llm import LlmSectionWriter
    from bot.core.plans.drafting import PlanProfile, draft_plan

    scripted_llm.reply = reply
    settings = Settings(llm_base_url=scripted_llm.url, llm_model="qwen-test")
    return draft_plan(rules, "building", PlanProfile(name="示范大厦", innovation=[4]), LlmSectionWriter(settings))


def test_llm_writes_first_draft_prose_for_the_free_sections(scripted_llm: ScriptedLlm, rules) -> None:
    prose = "示范大厦将以垃圾分类为抓手，建立楼宇环保自治机制，力争三年内湿垃圾分出率达到【填写：目标值】。"
    draft = _draft_with(scripted_llm, rules, prose)
    assert draft.markdown.count(prose) == 3  # 试点目标, 实施路径, 预期产出及示范意义
    prompt = scripted_llm.requests[0]["body"]["messages"][1]["content"]
    assert "示范大厦（楼宇类试点）" in prompt and "垃圾分类新成效" in prompt


def test_llm_prose_that_breaks_the_plan_is_not_kept(scripted_llm: ScriptedLlm, rules) -> None:
    too_long = "楼宇绿色管理。" * 200
    assert "楼宇绿色管理。楼宇" not in _draft_with(scripted_llm, rules, too_long).markdown
    asked = len(scripted_llm.requests)
    assert asked >= 1, "the LLM was asked for prose, which was then dropped"
    heading = "三、实施路径\n乱序的标题。"
    assert "乱序的标题" not in _draft_with(scripted_llm, rules, heading).markdown
    assert len(scripted_llm.requests) > asked
