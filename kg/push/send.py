"""Sending graphs to a store: one batch of at most N triples per HTTP request.

Graph Store Protocol: the first batch of a graph is a PUT (it replaces the graph) or a POST (it adds to
it); later batches of the same graph are POSTs. SPARQL Update: several graphs share a request, each
graph's first batch preceded by DROP SILENT GRAPH when replacing. Either way, pushing the same build
twice leaves the store as the first push did (kg writes no blank nodes, so adding a triple again is a
no-op).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit, urlunsplit

from kg.errors import KgError
from kg.push.dataset import Graph

if TYPE_CHECKING:
    import httpx


class PushError(KgError):
    """The store could not be reached or refused a request."""


class Request(NamedTuple):
    method: str
    url: str
    params: dict[str, str]
    content_type: str
    body: bytes
    triples: int
    missing_ok: bool = False  # a 404 means the graph is already gone: not an error


def drop_requests(url: str, names: list[str], graph_store: bool) -> Iterator[Request]:
    """Remove whole graphs: a Graph Store DELETE each, or one SPARQL Update of DROP SILENT GRAPH."""
    if graph_store:
        for name in names:
            yield Request("DELETE", url, {"graph": name}, "application/n-triples", b"", 0, missing_ok=True)
    elif names:
        yield _update(url, [f"DROP SILENT GRAPH <{name}>".encode() for name in names], 0)


def graph_store_requests(url: str, graphs: list[Graph], replace: bool, batch: int) -> Iterator[Request]:
    for graph in graphs:
        params = {"graph": graph.iri} if graph.iri is not None else {"default": ""}
        for start in range(0, max(len(graph.lines), 1), batch):
            lines = graph.lines[start:start + batch]
            method = "PUT" if replace and start == 0 else "POST"
            yield Request(method, url, params, "application/n-triples", b"".join(lines), len(lines))


def update_requests(url: str, graphs: list[Graph], replace: bool, batch: int) -> Iterator[Request]:
    operations: list[bytes] = []
    size = 0
    for graph in graphs:
        target = f"GRAPH <{graph.iri}>".encode() if graph.iri is not None else b"DEFAULT"
        for start in range(0, max(len(graph.lines), 1), batch):
            lines = graph.lines[start:start + batch]
            if size and size + len(lines) > batch:
                yield _update(url, operations, size)
                operations, size = [], 0
            if replace and start == 0:
                operations.append(b"DROP SILENT " + target)
            if lines:
                block = b"".join(lines)
                operations.append(
                    b"INSERT DATA { " + (target + b" { " + block + b"} " if graph.iri is not None else block) + b"}"
                )
            size += len(lines)
    if operations:
        yield _update(url, operations, size)


def _update(url: str, operations: list[bytes], triples: int) -> Request:
    return Request("POST", url, {}, "application/sparql-update", b" ;\n".join(operations) + b"\n", triples)


def shown(url: str) -> str:
    """A URL fit to print: without any user name or password written into it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def send(client: httpx.Client, request: Request, has_credentials: bool) -> None:
    """Send one request; any failure becomes a one-line PushError that names no credentials."""
    import httpx

    where = shown(request.url)
    try:
        response = client.request(request.method, request.url, params=request.params, content=request.body,
                                  headers={"Content-Type": request.content_type})
    except httpx.TimeoutException:
        raise PushError(f"{where} did not answer in time (see --timeout)") from None
    except httpx.TransportError as exc:
        raise PushError(f"cannot reach {where} ({_reason(exc)})") from None
    if request.missing_ok and response.status_code == 404:
        return
    if response.status_code in (401, 403):
        hint = ("check --user and KG_PUSH_PASSWORD, or KG_PUSH_TOKEN" if has_credentials
                else "give --user (the password from KG_PUSH_PASSWORD or a prompt) or set KG_PUSH_TOKEN")
        raise PushError(f"{where} refused the request (HTTP {response.status_code} "
                        f"{response.reason_phrase}): {hint}")
    if response.status_code >= 400:
        first = next((line.strip() for line in response.text.splitlines() if line.strip()), "")
        detail = f": {first[:200]}" if first else ""
        raise PushError(f"{where} answered {request.method} with HTTP {response.status_code} "
                        f"{response.reason_phrase}{detail}")


def _reason(exc: Exception) -> str:
    """The cause of a connection failure in a few words (the library's message can repeat the URL)."""
    text = str(exc)
    for known in ("Connection refused", "Name or service not known", "No route to host", "certificate"):
        if known.lower() in text.lower():
            return known.lower() if known != "certificate" else "TLS certificate problem"
    return type(exc).__name__
