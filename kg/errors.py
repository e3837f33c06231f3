"""The project's exceptions. Core code raises these; the CLI turns them into one-line errors."""


class KgError(Exception):
    """Base class: a problem the user can act on. The message is shown as is."""

    exit_code = 1


class UsageError(KgError):
    """The command was called wrongly (bad option value, unreadable query file)."""

    exit_code = 2


class InputError(KgError):
    """An input article cannot be read as text (binary, empty, wrong encoding)."""


class GraphMissingError(KgError):
    """No built graph where one was expected."""


class QuerySyntaxError(KgError):
    """A SPARQL query does not parse."""

    exit_code = 2
