"""Request and response models of the HTTP API (the shapes the CLI prints live in bot.core.payloads)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from bot.channels.http.citations import citation_label
from bot.core.dialog.messages import Reply
from bot.core.plans.drafting import PlanProfile


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=1000, description="问题，1000字以内")


class EligibilityRequest(BaseModel):
    type: str
    facts: dict[str, bool | None] = Field(default_factory=dict)


class DraftRequest(PlanProfile):
    type: str


class CheckTextRequest(BaseModel):
    type: str
    text: str = Field(min_length=1, max_length=200_000)


class ChatMessage(BaseModel):
    kind: Literal["text", "choice", "command"]
    text: str = Field("", max_length=4000)
    value: str = Field("", max_length=200)
    label: str = Field("", max_length=200, description="what the button said, shown in the restored history")


class ChatRequest(BaseModel):
    session: str = Field(min_length=8, max_length=128, pattern=r"^[\w-]+$")
    message: ChatMessage


class OptionPublic(BaseModel):
    label: str
    value: str


class CitationOut(BaseModel):
    id: str
    title: str
    text: str
    label: str = Field("", description="the clause's place in words, e.g. 附件2 › 企业 › 必选项第4条")


class DocumentLink(BaseModel):
    filename: str
    mime: str
    url: str


class ReplyPublic(BaseModel):
    text: str
    options: list[OptionPublic]
    citations: list[CitationOut]
    document: DocumentLink | None = None
    answer_id: int | None = Field(None, description="the logged answer, for 👍/👎 (POST /api/chat/feedback)")

    @classmethod
    def of(cls, reply: Reply, document_url: str | None = None, answer_id: int | None = None) -> ReplyPublic:
        link = (
            DocumentLink(filename=reply.document.filename, mime=reply.document.mime, url=document_url or "")
            if reply.document
            else None
        )
        return cls(
            text=reply.text,
            options=[OptionPublic(label=o.label, value=o.value) for o in reply.options],
            citations=[CitationOut(**vars(c), label=citation_label(c.id, c.title)) for c in reply.citations],
            document=link,
            answer_id=answer_id,
        )


class ChatResponse(BaseModel):
    replies: list[ReplyPublic]


class HistoryEntry(BaseModel):
    role: Literal["user", "bot"]
    text: str = ""
    reply: ReplyPublic | None = None
    at: str


class ChatHistory(BaseModel):
    entries: list[HistoryEntry]


class FeedbackRequest(BaseModel):
    session: str = Field(min_length=8, max_length=128, pattern=r"^[\w-]+$")
    answer_id: int
    vote: Literal["up", "down"]
    comment: str = Field("", max_length=1000)


class ReviewAnnotation(BaseModel):
    status: Literal["待审核", "待修改", "通过"] | None = None
    comment: str | None = Field(None, max_length=2000)
    confirm: bool = Field(False, description="mark 通过 although the plan fails its check (else 409)")
