"""Simulated readers of the Map page: each one a ``Session`` (bench/stclient.py) that
switches the year and picks regions with think time, and reconnects as the
frontend does when its websocket drops, restoring its view from its URL.

Shared by the cluster benchmark (bench/cluster.py) and the fault test
(tests/test_cluster.py); it records what happened, it asserts nothing.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from bench.stclient import Disconnected, Session, SessionError

OVERVIEW = "Overview (no region)"


def shown_view(session: Session) -> tuple[str | None, str | None]:
    """(year, region) as the page shows them; no region and the overview are one view."""
    year = session.radios["Year"].value if "Year" in session.radios else None
    region = session.radios["Region"].value if "Region" in session.radios else None
    return year, None if region == OVERVIEW else region


def agrees_with_url(
    view: tuple[str | None, str | None], query: str, known: tuple[str | None, str | None] | None
) -> bool:
    """Whether a page shows the view its URL names: the view seen before with this
    URL if there was one, else the URL's year, and a region exactly when it names one.
    (A run cut short may have moved the URL on before its page arrived.)"""
    if known is not None:
        return view == known
    params = dict(parse_qsl(query))
    return view[0] == params.get("year") and (view[1] is not None) == bool(params.get("region"))


@dataclass
class Recovery:
    replica_before: str
    replica_after: str
    seconds: float  # from the websocket's close to the view shown again
    closed_at: float  # time.monotonic()
    restored: bool  # the page after reconnecting shows the view the URL names


@dataclass
class Reader:
    """One simulated reader and what happened to it."""

    session: Session
    think: tuple[float, float] = (2.0, 4.0)
    rng: random.Random = field(default_factory=random.Random)
    recover_within: float = 30.0
    open_seconds: float | None = None
    runs: list[tuple[float, float]] = field(default_factory=list)  # (time.monotonic(), seconds)
    errors: list[tuple[float, str]] = field(default_factory=list)
    recoveries: list[Recovery] = field(default_factory=list)
    replicas: list[str] = field(default_factory=list)
    seen: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # URL -> view shown

    def _saw(self) -> None:
        self.seen[self.session.query_string] = shown_view(self.session)

    @property
    def replica(self) -> str:
        return self.session.replica

    async def open(self) -> None:
        run = await self.session.open()
        self.open_seconds = run.seconds
        self.replicas.append(self.session.replica)
        self._saw()

    async def run(self, stop: asyncio.Event) -> None:
        """Interact until ``stop`` is set; never raises (errors are recorded)."""
        while not stop.is_set():
            closed = asyncio.ensure_future(self.session.wait_disconnected())
            stopped = asyncio.ensure_future(stop.wait())
            pause = asyncio.ensure_future(asyncio.sleep(self.rng.uniform(*self.think)))
            await asyncio.wait({closed, stopped, pause}, return_when=asyncio.FIRST_COMPLETED)
            for task in (closed, stopped, pause):
                task.cancel()
            if stop.is_set():
                return
            if not self.session.connected:
                await self._recover(time.monotonic())
                continue
            try:
                await self._interact()
            except Disconnected:
                await self._recover(time.monotonic())
            except (SessionError, TimeoutError, OSError, KeyError) as exc:
                self.errors.append((time.monotonic(), f"{type(exc).__name__}: {exc}"))

    async def _interact(self) -> None:
        radios = self.session.radios
        if self.rng.random() < 0.4:
            years = [y for y in radios["Year"].options if y != radios["Year"].value]
            label, value = "Year", self.rng.choice(years)
        else:
            regions = [r for r in radios["Region"].options if r != radios["Region"].value]
            label, value = "Region", self.rng.choice(regions)
        start = time.monotonic()
        run = await self.session.choose(label, value)
        self.runs.append((start, run.seconds))
        self._saw()

    async def _recover(self, closed_at: float) -> None:
        """Reconnect until a replica answers, then check the URL's view came back."""
        before, query = self.replica, self.session.query_string
        known = self.seen.get(query)
        deadline = closed_at + self.recover_within
        last = "no attempt"
        while time.monotonic() < deadline:
            try:
                await self.session.reconnect()
            except (Disconnected, SessionError, TimeoutError, OSError) as exc:
                last = f"{type(exc).__name__}: {exc}"
                await asyncio.sleep(0.2)
                continue
            shown = shown_view(self.session)
            restored = self.session.query_string == query and agrees_with_url(shown, query, known)
            self.recoveries.append(
                Recovery(before, self.replica, time.monotonic() - closed_at, closed_at, restored)
            )
            self.replicas.append(self.replica)
            if restored:
                self._saw()
            else:
                self.errors.append(
                    (time.monotonic(), f"view not restored: {shown} for {query!r} (seen: {known})")
                )
            return
        self.errors.append((time.monotonic(), f"not reconnected within {self.recover_within} s ({last})"))
        await asyncio.sleep(self.recover_within)  # a dead session; stays dead

    async def close(self) -> None:
        await self.session.close()
