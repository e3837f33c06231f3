"""The progress display of `kg build` on a terminal (rich): a bar with articles per second and time left
while extracting, then one line per later stage. Silent in a pipe and for a handful of articles."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class BuildProgress:
    def __init__(self, enabled: bool, threshold: int = 50) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.threshold = threshold
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        self.console: Any = None
        self.active = False

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if total:
            if total < self.threshold:
                return
            self.active = True
            if self.progress is None:
                self._start(stage, total)
            assert self.progress is not None and self.task is not None
            self.progress.update(self.task, completed=done)
            self._refresh_rate()
        elif self.active:
            self._stop()
            self.console.print(f"{stage}...", highlight=False)

    def _start(self, stage: str, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=self.console, transient=False,
        )
        self.task = self.progress.add_task(stage, total=total, rate="")
        self.progress.start()
        self._refresh_rate()

    def _refresh_rate(self) -> None:
        assert self.progress is not None and self.task is not None
        speed = self.progress.tasks[0].speed
        self.progress.update(self.task, rate=f"{speed:.0f} articles/s" if speed else "")

    def _stop(self) -> None:
        if self.progress is not None:
            self._refresh_rate()
            self.progress.stop()
            self.progress = None

    def close(self) -> None:
        self._stop()
