from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, UploadFile
from fastapi.responses import Response

from bot.channels.blocking import run_blocking
from bot.channels.http.deps import CoreDep
from bot.channels.http.routes.plan import attachment
from bot.channels.http.schemas import ChatRequest, ChatResponse, ReplyPublic
from bot.core.dialog.messages import Incoming, Reply
from bot.core.runtime import Core

router = APIRouter(prefix="/api", tags=["chat"])
CHANNEL = "web"


def publish(core: Core, replies: list[Reply], base: str = "") -> ChatResponse:
    """Replies as JSON; documents are stored and linked, so any worker can serve the download."""
    out = []
    for reply in replies:
        url = f"{base}/api/documents/{core.documents.put(reply.document)}" if reply.document else None
        out.append(ReplyPublic.of(reply, url))
    return ChatResponse(replies=out)


@router.post("/chat", response_model=ChatResponse)
async def chat(body: ChatRequest, core: CoreDep) -> ChatResponse:
    """One message to the dialog core (the same state machine as Telegram and WeChat)."""
    message = body.message
    if message.kind == "text":
        incoming = Incoming.of_text(message.text)
    elif message.kind == "choice":
        incoming = Incoming.of_choice(message.value)
    else:
        incoming = Incoming.of_command(message.value, message.text)
    return await run_blocking(lambda: publish(core, core.dialog.handle(CHANNEL, body.session, incoming)))


@router.post("/chat/file", response_model=ChatResponse)
async def chat_file(
    core: CoreDep, session: str = Form(min_length=8, max_length=128, pattern=r"^[\w-]+$"), file: UploadFile = ...
) -> ChatResponse:
    """Send a plan file into the chat (it is checked, inside or outside the 检查 dialog)."""
    incoming = Incoming.of_file(file.filename or "", await file.read())
    return await run_blocking(lambda: publish(core, core.dialog.handle(CHANNEL, session, incoming)))


@router.get("/documents/{doc_id}")
def download_document(doc_id: str, core: CoreDep) -> Response:
    """A drafted plan (.md/.docx) by the unguessable id given in a chat reply."""
    document = core.documents.get(doc_id)
    if document is None:
        raise HTTPException(404, "文件不存在或已过期")
    return Response(document.data, media_type=document.mime, headers=attachment(document.filename))
