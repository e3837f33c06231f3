"""kg push: the whole built dataset into a store that speaks the Graph Store Protocol or SPARQL Update."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from kg.errors import UsageError
from kg.push.dataset import read_graphs
from kg.push.record import pushed_before, remember
from kg.push.send import Request, drop_requests, graph_store_requests, send, shown, update_requests

DEFAULT_BATCH = 10_000
DEFAULT_TIMEOUT = 60.0


class Credentials(NamedTuple):
    user: str | None = None
    password: str | None = None
    token: str | None = None

    def __repr__(self) -> str:  # never shown, even in a debugger or a traceback's locals
        return "Credentials(...)"


class PushSummary(NamedTuple):
    graphs: int
    quads: int
    requests: int
    target: str
    protocol: str
    replace: bool
    seconds: float
    dropped: int = 0  # graphs an earlier push sent that this build no longer has
    unrecorded: str | None = None  # why the record of this push could not be written, if it could not


def push(
    kg_dir: Path,
    endpoint: str | None = None,
    graph_store: str | None = None,
    *,
    replace: bool = True,
    credentials: Credentials | None = None,
    batch: int = DEFAULT_BATCH,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[int, int], None] | None = None,
) -> PushSummary:
    """Send every graph of the build in `kg_dir`: to `graph_store` with the Graph Store Protocol when it is
    given, else to `endpoint` with SPARQL Update. `progress(sent, total)` is called after each request.

    When replacing, the graphs an earlier push from this folder sent to the same target and that this build
    no longer has (articles removed from the corpus) are dropped from the store, so it holds what
    `kg.trig` holds. Appending drops nothing."""
    import httpx

    credentials = credentials or Credentials()
    target = graph_store or endpoint
    if not target:
        raise UsageError("give --endpoint URL (SPARQL Update) or --graph-store URL (Graph Store Protocol)")
    for url in (endpoint, graph_store):
        if url is not None and urlsplit_scheme(url) not in ("http", "https"):
            raise UsageError(f"{shown(url)!r} is not an http:// or https:// URL")
    if batch < 1:
        raise UsageError("--batch must be at least 1")
    started = time.monotonic()
    graphs = read_graphs(kg_dir)
    total = sum(len(g.lines) for g in graphs)
    names = {g.iri for g in graphs if g.iri is not None}
    before = pushed_before(kg_dir, shown(target))
    stale = sorted(before - names) if replace else []
    requests: Iterable[Request]
    if graph_store:
        requests = chain(graph_store_requests(graph_store, graphs, replace, batch),
                         drop_requests(graph_store, stale, graph_store=True))
    else:
        requests = chain(update_requests(target, graphs, replace, batch),
                         drop_requests(target, stale, graph_store=False))
    auth = httpx.BasicAuth(credentials.user, credentials.password or "") if credentials.user else None
    headers = {"Authorization": f"Bearer {credentials.token}"} if credentials.token else {}
    sent = count = 0
    with httpx.Client(auth=auth, headers=headers, timeout=timeout) as client:
        for request in requests:
            send(client, request, has_credentials=bool(credentials.user or credentials.token))
            count += 1
            sent += request.triples
            if progress:
                progress(sent, total)
    unrecorded = remember(kg_dir, shown(target), names if replace else names | before)
    return PushSummary(len(graphs), total, count, shown(target), "Graph Store Protocol" if graph_store
                       else "SPARQL Update", replace, time.monotonic() - started, len(stale), unrecorded)


def urlsplit_scheme(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).scheme.lower()
