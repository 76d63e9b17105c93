"""Every citable clause becomes one chunk that knows its place, type, kind and number."""

from __future__ import annotations

import pytest

from indexer.chunking import chunk_clauses
from knowledge.rules import Rules


@pytest.fixture(scope="module")
def chunks(rules: Rules):
    return {c.id: c for c in chunk_clauses(rules)}


def test_one_chunk_per_clause_in_document_order(rules: Rules) -> None:
    assert [c.id for c in chunk_clauses(rules)] == [c.id for c in rules.source.clauses]


def test_guide_items_carry_type_kind_and_number(rules: Rules, chunks) -> None:
    for kind in rules.types:
        for group, items in (
            ("condition", kind.conditions),
            ("mandatory", kind.mandatory.present),
            ("innovation", kind.innovation.present),
        ):
            for item in items:
                if getattr(item, "missing", False):
                    continue
                chunk = chunks[item.clause]
                assert (chunk.type, chunk.kind, chunk.number) == (kind.id, group, item.number)


def test_contextual_prefix_names_type_and_item(chunks) -> None:
    chunk = chunks["guide.enterprise.mandatory.4"]
    assert "附件2 实施指引 › 2-2 企业 › 企业必选项第4条" in chunk.prefix
    assert chunk.indexed_text.endswith(chunk.text)
    assert "2-2试点主体:企业" in chunk.title


def test_plan_content_clauses_belong_to_their_type(chunks) -> None:
    assert chunks["plan.3.5"].type == "building"
    assert chunks["plan.4.1"].type == ""


def test_fact_phrasings_become_extra_entries_of_the_cited_clause(chunks) -> None:
    entries = chunks["plan.4.1"].entries()
    assert entries[0].id == "plan.4.1" and entries[0].text == chunks["plan.4.1"].indexed_text
    assert all(e.clause_id == "plan.4.1" for e in entries)
    assert any("一式三份" in e.text and "几份" in e.text for e in entries[1:])


def test_form_limits_are_searchable(chunks) -> None:
    assert any("3000字以内" in e.text for e in chunks["form.plan"].entries())


def test_words_about_the_text_s_gaps_are_no_view_of_the_clause_a_fact_cites(rules: Rules, chunks) -> None:
    """缺失, 原件 ask which entries the text lacks; the issuing clause the answer cites does not say so."""
    listing = next(f for f in rules.facts if f.lists_missing)
    for clause in listing.clauses:
        assert not any("缺失" in view for view in chunks[clause].views)
