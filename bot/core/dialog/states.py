"""Every state a dialog can be in, read in one place: one ``StrEnum`` per flow.

A session stores the value (``"items.walk"``); the prefix names the flow that owns the state, so the dialog
hands the next message to that flow. Values are stored in sessions: rename a member freely, never a value.
"""

from __future__ import annotations

from enum import StrEnum


class Idle(StrEnum):
    IDLE = "idle"  # no flow: free text is a question


class EligibilityState(StrEnum):
    TYPE = "eligibility.type"  # waiting for the applicant type
    ASK = "eligibility.ask"  # asking the conditions one by one


class ItemsState(StrEnum):
    TYPE = "items.type"
    RESUME = "items.resume"  # progress exists: continue, restart or only show it
    WALK = "items.walk"  # marking each 必选项 and 创新项


class DraftState(StrEnum):
    TYPE = "draft.type"
    PROFILE = "draft.profile"  # collecting the unit's details, the 创新项 and the start month


class CheckState(StrEnum):
    TYPE = "check.type"
    WAIT = "check.wait"  # waiting for the plan file or pasted text
