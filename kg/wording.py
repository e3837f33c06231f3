"""Small helpers for the sentences kg prints."""


def count(n: int, one: str, many: str | None = None) -> str:
    """"1 document", "2 documents", "1 entity", "3 entities" (pass `many` for irregular plurals)."""
    return f"{n} {one if n == 1 else many or one + 's'}"
