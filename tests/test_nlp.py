"""The spaCy backbone: the model is found, checked against the recorded hashes, and parses with kg's offsets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.documents import parse_document
from kg.extract.context import Context
from kg.extract.nlp import (
    ModelError,
    check_model,
    get_nlp,
    model_directory,
    parse,
    parse_articles,
    parse_many,
    readable_text,
    recorded_hashes,
)

ARTICLE = (" date 2021-06-04 Sellers gain from tie-up\n\n"
           "Lucknow, Jun 4 (IANS) Acme signed an MoU with the Uttar Pradesh government on Friday. "
           "Ravi Menon, Head of Seller Growth at Acme, said the deal helps artisans in Moradabad.\n--IANS\n")


def test_the_installed_model_matches_the_recorded_hashes() -> None:
    hashes = recorded_hashes()
    assert "ner/model" in hashes and "config.cfg" in hashes and len(hashes) >= 15
    check_model(model_directory())  # raises if any file differs


def test_a_changed_model_file_is_a_one_line_error(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(model_directory(), copy)
    with (copy / "ner" / "model").open("ab") as f:
        f.write(b"\0")
    with pytest.raises(ModelError, match=r"does not match the hash recorded .* --force-reinstall") as err:
        check_model(copy)
    assert "\n" not in str(err.value)


def test_a_missing_model_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="has no file config.cfg"):
        check_model(tmp_path, {"config.cfg": "0" * 64})


def test_pipeline_is_cached_and_leaves_out_unused_components() -> None:
    nlp = get_nlp()
    assert nlp is get_nlp()
    assert "senter" not in nlp.pipe_names
    assert {"tagger", "parser", "ner"} <= set(nlp.pipe_names)


def test_parse_and_batches_agree_and_keep_offsets() -> None:
    texts = ["Acme opened a store in Agra.", "Ravi Menon met officials in Lucknow on Monday."]
    one = [parse(t) for t in texts]
    many = list(parse_many(texts, batch_size=2))
    assert [d.text for d in many] == texts
    assert [[(e.start_char, e.label_) for e in d.ents] for d in one] == \
           [[(e.start_char, e.label_) for e in d.ents] for d in many]


def test_the_article_parse_has_the_article_offsets_and_no_metadata() -> None:
    document = parse_document(ARTICLE, "a.txt", "0" * 64)
    text = readable_text(document)
    assert len(text) == len(document.text)
    assert "IANS" not in text and "2021-06-04" not in text
    ctx = Context(document)
    doc = ctx.parsed
    assert doc is ctx.parsed
    assert doc.text == text
    for ent in doc.ents:
        assert document.text[ent.start_char:ent.end_char] == ent.text
    assert "Ravi Menon" in {e.text for e in doc.ents if e.label_ == "PERSON"}
    [batched] = list(parse_articles([document]))
    assert batched.text == doc.text
