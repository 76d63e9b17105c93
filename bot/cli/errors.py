"""Failures a person can act on: one line ``error: what went wrong — what to do``, and exit codes for scripts.

Every command runs inside :class:`ReportingGroup`, which turns any exception into that line; the traceback
appears only with ``pilotbot --debug …``. Exceptions are recognised by class name and module so that this
module imports nothing heavy (Telegram, SQLAlchemy and httpx are loaded only by the commands that use them).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import typer
from typer.core import TyperGroup

EXIT_BAD_INPUT = 2  # bad arguments, a bad setting, an unreadable file
EXIT_UNREACHABLE = 3  # a service we depend on cannot be reached: the database, Telegram, chroma, an API
EXIT_SCHEMA = 4  # the database is behind (or ahead of) the code: run `pilotbot db upgrade`
EXIT_UNEXPECTED = 1  # a bug: run again with --debug and report the traceback
DEBUG = "pilotbot.debug"


@dataclass(frozen=True)
class Failure:
    message: str
    hint: str
    code: int

    def line(self) -> str:
        return f"error: {self.message} — {self.hint}" if self.hint else f"error: {self.message}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        link = link.__cause__ or link.__context__


def _is(exc: BaseException, module: str, *names: str) -> bool:
    """``exc`` is an instance of a class called one of ``names`` from a module under ``module``."""
    return any(k.__module__.startswith(module) and k.__name__ in names for k in type(exc).__mro__)


def _where(url: str) -> str:
    """A URL without its credentials, to name the service in a message."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}{f':{parts.port}' if parts.port else ''}{parts.path}"


def _database(exc: BaseException) -> Failure | None:
    if _is(exc, "bot.core.stores.migrate", "SchemaBehind", "SchemaError"):
        return Failure(_first_line(exc), "", EXIT_SCHEMA)
    if _is(exc, "sqlalchemy", "ArgumentError", "NoSuchModuleError"):
        return Failure(
            f"PILOTBOT_DATABASE_URL is not a database URL pilotbot can use ({_first_line(exc)})",
            "e.g. postgresql+psycopg://user:password@host:5432/pilotbot, or unset it for SQLite",
            EXIT_BAD_INPUT,
        )
    if _is(exc, "sqlalchemy", "OperationalError", "InterfaceError") and getattr(exc, "statement", None) is None:
        return Failure(
            f"cannot reach the database ({_first_line(getattr(exc, 'orig', None) or exc)})",
            "check PILOTBOT_DATABASE_URL and that the database server is running",
            EXIT_UNREACHABLE,
        )
    return None


def _telegram(exc: BaseException) -> Failure | None:
    if _is(exc, "telegram", "InvalidToken"):
        return Failure(
            "Telegram rejected PILOTBOT_TELEGRAM_TOKEN", "copy the token @BotFather gave you", EXIT_BAD_INPUT
        )
    if _is(exc, "telegram", "NetworkError", "TimedOut"):
        from bot.core.config import get_settings

        proxy = get_settings().telegram_proxy
        return Failure(
            f"cannot reach Telegram's API ({_first_line(exc)})"
            + (f" through PILOTBOT_TELEGRAM_PROXY={_where(proxy)}" if proxy else ""),
            "check that the proxy is up and can reach api.telegram.org"
            if proxy
            else "check the network, or set PILOTBOT_TELEGRAM_PROXY",
            EXIT_UNREACHABLE,
        )
    return None


def _network(exc: BaseException) -> Failure | None:
    if _is(exc, "httpx", "TransportError"):
        request = getattr(exc, "_request", None)
        where = f" {_where(str(request.url))}" if request is not None else ""
        return Failure(
            f"cannot reach{where} ({_first_line(exc)})", "check the network, the URL and HTTPS_PROXY", EXIT_UNREACHABLE
        )
    if "Could not connect to a Chroma server" in str(exc):
        return Failure(_first_line(exc), "check PILOTBOT_CHROMA_URL and that `chroma run` is up", EXIT_UNREACHABLE)
    if isinstance(exc, ConnectionError | TimeoutError):
        return Failure(
            f"cannot connect ({_first_line(exc)})", "check the network and the service's URL", EXIT_UNREACHABLE
        )
    return None


def _input(exc: BaseException) -> Failure | None:
    if _is(exc, "indexer", "EmbedderUnavailable", "EmbedderMismatch"):
        return Failure(_first_line(exc), "", EXIT_BAD_INPUT)
    if _is(exc, "pydantic_core", "ValidationError") and getattr(exc, "title", "") in ("Settings", "IndexSettings"):
        error = exc.errors()[0]  # type: ignore[attr-defined]
        name = "PILOTBOT_" + str(error["loc"][0]).upper() if error.get("loc") else "a PILOTBOT_ setting"
        return Failure(f"{name} is invalid: {error['msg']}", "see the configuration table in README.md", EXIT_BAD_INPUT)
    if isinstance(exc, ModuleNotFoundError) and exc.name and exc.name.split(".")[0] in ("psycopg", "psycopg2"):
        return Failure(f"the {exc.name} driver is not installed", "pip install -e '.[postgres]'", EXIT_BAD_INPUT)
    if isinstance(exc, PermissionError | FileNotFoundError | IsADirectoryError):
        return Failure(
            f"cannot use {exc.filename}: {exc.strerror}", "check the path and PILOTBOT_DATA_DIR", EXIT_BAD_INPUT
        )
    return None


EXPLAINERS: list[Callable[[BaseException], Failure | None]] = [_database, _telegram, _network, _input]


def explain(exc: BaseException) -> Failure:
    """The one line for ``exc``: the first recognised link of its chain, else an honest "unexpected" line."""
    for link in _chain(exc):
        for explainer in EXPLAINERS:
            if failure := explainer(link):
                return failure
    return Failure(
        f"unexpected {type(exc).__name__}: {_first_line(exc)}",
        "run again with `pilotbot --debug …` for the traceback, and report it",
        EXIT_UNEXPECTED,
    )


class ReportingGroup(TyperGroup):
    """The root command group: any exception from a command becomes :func:`explain`'s line and exit code,
    and a usage error (a missing argument, an unknown option) one line too instead of a boxed panel."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        from typer._click.exceptions import ClickException, NoArgsIsHelpError

        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            hint = f"see `{ctx.command_path} --help`" if ctx is not None else "see `pilotbot --help`"
            typer.echo(Failure(exc.format_message(), hint, exc.exit_code).line(), err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # typer's own: usage errors (exit 2) and deliberate exits
        except Exception as exc:
            if ctx.meta.get(DEBUG):
                raise
            failure = explain(exc)
            typer.echo(failure.line(), err=True)
            raise typer.Exit(failure.code) from None
