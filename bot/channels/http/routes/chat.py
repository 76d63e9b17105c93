from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, UploadFile
from fastapi.responses import Response

from bot.channels.blocking import run_blocking
from bot.channels.http.deps import CoreDep
from bot.channels.http.routes.plan import attachment
from bot.channels.http.schemas import (
    ChatHistory,
    ChatRequest,
    ChatResponse,
    FeedbackRequest,
    HistoryEntry,
    ReplyPublic,
)
from bot.core.answering.asker import Asker, asking
from bot.core.dialog.messages import Incoming, Reply
from bot.core.runtime import Core
from bot.core.stores.questions import hash_user

router = APIRouter(prefix="/api", tags=["chat"])
CHANNEL = "web"
SessionId = Annotated[str, Query(min_length=8, max_length=128, pattern=r"^[\w-]+$")]


def publish(core: Core, replies: list[Reply], base: str = "", asker: Asker | None = None) -> ChatResponse:
    """Replies as JSON; documents are stored and linked, so any worker can serve the download.
    A reply carrying a logged answer gets its id, so the user can rate that answer."""
    out = []
    for reply in replies:
        url = f"{base}/api/documents/{core.documents.put(reply.document)}" if reply.document else None
        answer_id = asker.question_id_for(reply.text) if asker and reply.text else None
        out.append(ReplyPublic.of(reply, url, answer_id))
    return ChatResponse(replies=out)


def converse(core: Core, session: str, incoming: Incoming, shown: str) -> ChatResponse:
    """One message through the dialog core, remembered in the session's transcript for reloads."""
    with asking(CHANNEL, session) as asker:
        response = publish(core, core.dialog.handle(CHANNEL, session, incoming), asker=asker)
    user = hash_user(CHANNEL, session)
    if incoming.kind == "command" and incoming.value == "reset":
        core.transcripts.forget(CHANNEL, user)
        return response
    entries = [("user", {"text": shown})] if shown else []
    entries += [("bot", r.model_dump()) for r in response.replies]
    core.transcripts.append(CHANNEL, user, entries)
    return response


@router.post("/chat", response_model=ChatResponse)
async def chat(body: ChatRequest, core: CoreDep) -> ChatResponse:
    """One message to the dialog core (the same state machine as Telegram and WeChat)."""
    message = body.message
    if message.kind == "text":
        incoming = Incoming.of_text(message.text)
        shown = message.text
    elif message.kind == "choice":
        incoming = Incoming.of_choice(message.value)
        shown = message.label or message.value
    else:
        incoming = Incoming.of_command(message.value, message.text)
        shown = message.label
    return await run_blocking(converse, core, body.session, incoming, shown)


@router.post("/chat/file", response_model=ChatResponse)
async def chat_file(
    core: CoreDep, session: str = Form(min_length=8, max_length=128, pattern=r"^[\w-]+$"), file: UploadFile = ...
) -> ChatResponse:
    """Send a plan file (or a pasted plan, sent as a .txt) into the chat: it is checked, in or outside 检查."""
    data = await file.read()
    name = file.filename or ""
    return await run_blocking(converse, core, session, Incoming.of_file(name, data), f"📎 {name}")


@router.get("/chat/history", response_model=ChatHistory)
def chat_history(session: SessionId, core: CoreDep) -> ChatHistory:
    """What this web session has shown so far (oldest first), so a reload restores the conversation."""
    entries = []
    for entry in core.transcripts.history(CHANNEL, hash_user(CHANNEL, session)):
        at = entry.created_at.isoformat()
        if entry.role == "user":
            entries.append(HistoryEntry(role="user", text=entry.body.get("text", ""), at=at))
        else:
            entries.append(HistoryEntry(role="bot", reply=ReplyPublic(**entry.body), at=at))
    return ChatHistory(entries=entries)


@router.post("/chat/feedback")
def chat_feedback(body: FeedbackRequest, core: CoreDep) -> dict:
    """👍/👎 with an optional comment on one answer of this session; voting again replaces the vote."""
    logged = core.questions.get(body.answer_id)
    if logged is None or logged.user_hash != hash_user(CHANNEL, body.session):
        raise HTTPException(404, "没有找到这条回答")
    core.questions.vote(body.answer_id, vote=1 if body.vote == "up" else -1, comment=body.comment.strip())
    return {"answer_id": body.answer_id, "vote": body.vote, "comment": body.comment.strip()}


@router.get("/documents/{doc_id}")
def download_document(doc_id: str, core: CoreDep) -> Response:
    """A drafted plan (.md/.docx) by the unguessable id given in a chat reply."""
    document = core.documents.get(doc_id)
    if document is None:
        raise HTTPException(404, "文件不存在或已过期")
    return Response(document.data, media_type=document.mime, headers=attachment(document.filename))
