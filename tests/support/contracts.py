"""The JSON shapes scripts rely on, written down once for the tests (independently of the code that makes them)."""

PLAN_CHECK_KEYS = frozenset(
    {
        "ok",
        "chars",
        "limit",
        "missing_sections",
        "uncovered_mandatory",
        "innovation_covered",
        "placeholders",
        "problems",
    }
)
ELIGIBILITY_KEYS = frozenset({"type", "verdict", "failing", "unknown", "conditions"})
ASK_KEYS = frozenset({"answer", "citations", "refused", "mode"})
# Added by the understanding step (issue 9): the type taken from the conversation, and suggested follow-ups.
ASK_ADDED_KEYS = frozenset({"assumed_type", "suggestions"})
