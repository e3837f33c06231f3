"""The WSGI application on kg serve's public port.

It answers the SPARQL 1.1 Protocol at /query (and /sparql) by handing prepared queries to the Oxigraph
server, and serves the graph view at / and the question library at /queries. It never runs a query
itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote

from kg.errors import KgError, QuerySyntaxError
from kg.paths import HTML_FILE
from kg.query.policy import check_query
from kg.serve.sparql import prepare_query

if TYPE_CHECKING:
    import httpx

StartResponse = Callable[..., Any]

# `?format=` picks a result format for people typing URLs; clients send Accept as the protocol says.
FORMATS = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
}
MAX_REQUEST_BYTES = 1 << 20
# Results up to this size are read whole before answering, so that a timeout or an engine error can
# still be given its own status code; larger results are streamed.
BUFFER_BYTES = 4 << 20
READ_ONLY = "kg serve is read-only; change the articles and run kg build instead"


class ResultCutOff(Exception):
    """A streamed result passed the time limit: the connection is dropped (waitress logs this one line)."""


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


_REASONS = {
    200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    406: "Not Acceptable", 413: "Content Too Large", 415: "Unsupported Media Type", 500: "Internal Server Error",
    502: "Bad Gateway", 503: "Service Unavailable",
}


def _status(code: int) -> str:
    return f"{code} {_REASONS.get(code, 'Status')}"


class Result:
    """An engine answer: status, content type, the bytes read so far and, for a large result, the rest."""

    def __init__(self, status: int, content_type: str, head: bytes, rest: Iterator[bytes] | None) -> None:
        self.status = status
        self.content_type = content_type
        self.head = head
        self.rest = rest

    def body(self) -> Iterable[bytes]:
        if self.rest is None:
            return [self.head]
        return _chain(self.head, self.rest)


def _chain(head: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield head
    yield from rest


class Front:
    """The public application. `engine_url()` gives the base URL of the Oxigraph server to use now."""

    def __init__(self, kg_dir: Path, timeout: float, engine_url: Callable[[], str], connections: int = 8,
                 cors: bool = False) -> None:
        import httpx

        self.cors = cors
        self.kg_dir = kg_dir
        self.timeout = timeout
        self.engine_url = engine_url
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=5.0),
            limits=httpx.Limits(max_connections=connections * 2, max_keepalive_connections=connections),
        )

    def close(self) -> None:
        self.client.close()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            if path in ("/query", "/sparql"):
                if self.cors:
                    start_response = _allow_any_origin(start_response)
                    if method == "OPTIONS":  # a browser asking whether a page elsewhere may query
                        start_response("204 No Content", [
                            ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                            ("Access-Control-Allow-Headers", "Content-Type, Accept"),
                            ("Access-Control-Max-Age", "600"),
                        ])
                        return [b""]
                result = self.protocol(environ)
                start_response(_status(result.status), [("Content-Type", result.content_type)])
                return result.body()
            if path == "/update":
                raise HttpError(403, f"SPARQL Update is refused: {READ_ONLY}")
            if method not in ("GET", "HEAD"):
                raise HttpError(405, f"{method} is not allowed on {path}; the SPARQL endpoint is /query")
            if path == "/":
                return self.graph_view(start_response)
            if path in ("/queries", "/queries/"):
                from kg.query.library import library
                from kg.serve.pages import library_page

                return _send(start_response, 200, "text/html; charset=utf-8", library_page(library()))
            if path.startswith("/queries/"):
                return self.library_query(unquote(path[len("/queries/"):]), environ, start_response)
            raise HttpError(404, f"nothing at {path}: the graph view is /, the question library /queries, "
                                 "the SPARQL endpoint /query")
        except HttpError as exc:
            return _send(start_response, exc.status, "text/plain; charset=utf-8", f"Error: {exc.message}\n".encode())
        except KgError as exc:
            # A query kg query would refuse: 400 when it does not parse, 403 when it is refused.
            status = 400 if isinstance(exc, QuerySyntaxError) else 403 if exc.exit_code == 2 else 500
            return _send(start_response, status, "text/plain; charset=utf-8", f"Error: {exc}\n".encode())

    def protocol(self, environ: dict[str, Any]) -> Result:
        params = _request_params(environ)
        if "update" in params:
            check_query(params["update"][0])
            raise HttpError(403, f"SPARQL Update is refused: {READ_ONLY}")
        queries = params.get("query", [])
        if len(queries) != 1:
            raise HttpError(400, "give exactly one query, as the `query` parameter or an application/sparql-query body")
        fmt = params.get("format", [""])[0]
        if fmt and fmt not in FORMATS:
            raise HttpError(400, f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        accept = FORMATS[fmt] if fmt else environ.get("HTTP_ACCEPT") or "*/*"
        graphs: list[tuple[str, str | int | float | bool | None]] = [
            (name, value) for name in ("default-graph-uri", "named-graph-uri") for value in params.get(name, [])]
        return self.run(prepare_query(queries[0]), accept, graphs)

    def run(self, prepared: str, accept: str, graphs: list[tuple[str, str | int | float | bool | None]] | None = None
            ) -> Result:
        """Send a prepared query to the engine; a result that is not complete within the timeout is a 503."""
        import httpx

        deadline = time.monotonic() + self.timeout
        request = self.client.build_request(
            "POST", f"{self.engine_url()}/query", params=graphs or None, content=prepared.encode("utf-8"),
            headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept},
        )
        try:
            response = self.client.send(request, stream=True)
        except httpx.TimeoutException:
            raise self._timed_out() from None
        except httpx.TransportError as exc:
            raise HttpError(502, f"the Oxigraph server did not answer ({type(exc).__name__})") from None
        chunks = response.iter_bytes()
        head: list[bytes] = []
        size = 0
        try:
            for chunk in chunks:
                head.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    raise self._timed_out()
                if size > BUFFER_BYTES:
                    break
            else:
                response.close()
                return Result(response.status_code, response.headers.get("content-type", "text/plain"),
                              b"".join(head), None)
        except httpx.TimeoutException:
            response.close()
            raise self._timed_out() from None
        except BaseException:
            response.close()
            raise
        return Result(response.status_code, response.headers.get("content-type", "text/plain"), b"".join(head),
                      _stream(response, chunks, deadline, self.timeout))

    def _timed_out(self) -> HttpError:
        return HttpError(503, f"the query did not finish within {self.timeout:g} s (kg serve --timeout)")

    def graph_view(self, start_response: StartResponse) -> Iterable[bytes]:
        path = self.kg_dir / HTML_FILE
        try:
            page = path.read_bytes()
        except OSError:
            raise HttpError(404, f"no graph view in {self.kg_dir}/ (kg build writes it; kg viz can too); "
                                 "the question library is at /queries") from None
        return _send(start_response, 200, "text/html; charset=utf-8", page)

    def library_query(self, name: str, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        from kg.query.library import find_query, read_header
        from kg.serve.pages import result_page

        want_text = name.endswith(".rq")
        path = find_query(name)
        if path is None:
            raise HttpError(404, f"no query called {name!r} in the question library (see /queries)")
        text = path.read_text(encoding="utf-8")
        if want_text:
            return _send(start_response, 200, "application/sparql-query; charset=utf-8", text.encode("utf-8"))
        fmt = parse_qs(environ.get("QUERY_STRING", "")).get("format", [""])[0]
        if fmt:
            if fmt not in FORMATS:
                raise HttpError(400, f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
            result = self.run(prepare_query(text), FORMATS[fmt])
            start_response(_status(result.status), [("Content-Type", result.content_type)])
            return result.body()
        result = self.run(prepare_query(text), "application/sparql-results+json, text/turtle;q=0.9")
        body = b"".join(result.body())
        if result.status != 200:
            raise HttpError(result.status, body.decode("utf-8", "replace").strip())
        page = result_page(read_header(path), text, result.content_type, body)
        return _send(start_response, 200, "text/html; charset=utf-8", page)


def _stream(response: httpx.Response, chunks: Iterator[bytes], deadline: float, timeout: float) -> Iterator[bytes]:
    """The rest of a large result. Past the deadline the connection is dropped, so that the client sees an
    incomplete response rather than a complete-looking, truncated one."""
    try:
        for chunk in chunks:
            if time.monotonic() > deadline:
                raise ResultCutOff(f"a result was still streaming after {timeout:g} s; its connection was dropped")
            yield chunk
    finally:
        response.close()


def _allow_any_origin(start_response: StartResponse) -> StartResponse:
    def start(status: str, headers: list[tuple[str, str]], *exc_info: object) -> Any:
        return start_response(status, [*headers, ("Access-Control-Allow-Origin", "*")], *exc_info)

    return start


def _send(start_response: StartResponse, status: int, content_type: str, body: bytes) -> list[bytes]:
    start_response(_status(status), [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def _request_params(environ: dict[str, Any]) -> dict[str, list[str]]:
    """The protocol's parameters, from the URL and from a form, sparql-query or sparql-update body."""
    params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if environ.get("REQUEST_METHOD") != "POST":
        return params
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise HttpError(400, "bad Content-Length") from None
    if length > MAX_REQUEST_BYTES:
        raise HttpError(413, f"the request is larger than {MAX_REQUEST_BYTES} bytes")
    body = environ["wsgi.input"].read(length) if length else b""
    content_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "the request body is not UTF-8") from None
    if content_type == "application/x-www-form-urlencoded":
        for name, values in parse_qs(text, keep_blank_values=True).items():
            params.setdefault(name, []).extend(values)
    elif content_type == "application/sparql-query":
        params.setdefault("query", []).append(text)
    elif content_type == "application/sparql-update":
        params.setdefault("update", []).append(text)
    else:
        raise HttpError(415, f"unsupported Content-Type {content_type!r}: send application/sparql-query or a form")
    return params
