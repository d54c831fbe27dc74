"""A Streamlit client without a browser: a page view over Streamlit's own websocket protocol.

It does what the frontend does for the server: fetches the page (nginx's affinity
cookie) and ``/_stcore/health`` (the ``_streamlit_xsrf`` cookie), opens
``/_stcore/stream`` with the cookies, an Origin and the XSRF token in
``Sec-WebSocket-Protocol`` (``streamlit, <token>[, <session id>]``), sends
``BackMsg.rerun_script`` (query string, page hash, widget states, the hashes of
the large messages it has cached) and reads ``ForwardMsg``s until the run
finishes. Widget ids come from the deltas (the radios' element ids); changing a
widget sends every current widget state back, as the frontend does. The server
then does all the work a browser would make it do, and the client almost none,
so load measured with it is the server's.

Messages come from streamlit's own protobuf classes (``streamlit.proto``), the
wire format's definition; this module is a load-testing tool, not library code.
Shared by the cluster benchmark (bench/cluster.py) and the fault test.
"""

from __future__ import annotations

import asyncio
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
# The Map reruns only its map view (an st.fragment) on a year switch or a click.
FINISHED_FRAGMENT = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY")
# A run's end, whole script or fragment (bench/run.py times toggles to it too).
RUN_ENDS = (FINISHED, FINISHED_FRAGMENT)
FINISHED_EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
REPLICA_HEADER = "X-Tajikmap-Replica"  # set by deploy/nginx/tajikmap.conf for loopback clients


class SessionError(RuntimeError):
    """The server answered wrongly: an exception on the page, a lost cached message, a timeout."""


class Disconnected(ConnectionError):
    """The websocket closed under the session (its replica went away)."""


@dataclass
class Radio:
    id: str
    label: str
    options: list[str]
    value: str | None
    fragment_id: str = ""  # set when the radio is drawn by an st.fragment


@dataclass
class Run:
    """One script run as the client saw it."""

    seconds: float
    bytes: int
    messages: int
    elements: int


@dataclass
class Session:
    """One reader's page view. Not thread-safe; one asyncio task drives it."""

    base_url: str
    query_string: str = ""
    timeout: float = 20.0
    cookies: dict[str, str] = field(default_factory=dict)
    radios: dict[str, Radio] = field(default_factory=dict)
    replica: str = ""
    session_id: str = ""
    bytes_received: int = 0
    runs: int = 0
    _ws: Any = None
    _page_hash: str = ""
    _widget_values: dict[str, str] = field(default_factory=dict)
    _cache: dict[str, ForwardMsg] = field(default_factory=dict)
    _inbox: asyncio.Queue[ForwardMsg | None] | None = None
    _reader: asyncio.Task[None] | None = None

    # -- connection ---------------------------------------------------------
    def _http_get(self, path: str) -> int:
        """GET through the same cookie jar as a browser; returns the body's size."""
        req = urllib.request.Request(self.base_url + path)
        if self.cookies:
            req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            body = resp.read()
            for header in resp.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
        return len(body)

    async def open(self) -> Run:
        """Load the page and run it with the session's query string."""
        path = "/" + (f"?{self.query_string}" if self.query_string else "")
        await asyncio.to_thread(self._http_get, path)
        return await self._connect(first=True)

    async def reconnect(self) -> Run:
        """What the frontend does when its websocket drops: connect again (nginx
        picks a live replica) and rerun from the URL. A new replica knows nothing
        of the session, so the view comes back from the query string alone."""
        await self.close()
        self._cache.clear()
        self._widget_values.clear()
        # The health check first, as the frontend does before reconnecting; it
        # also fails fast while no replica answers.
        await asyncio.to_thread(self._http_get, "/_stcore/health")
        return await self._connect(first=False)

    async def _connect(self, *, first: bool) -> Run:
        if first:
            await asyncio.to_thread(self._http_get, "/_stcore/health")
        if "_streamlit_xsrf" not in self.cookies:
            raise SessionError("the server set no _streamlit_xsrf cookie")
        parts = urlsplit(self.base_url)
        protocols = ["streamlit", self.cookies["_streamlit_xsrf"]]
        if self.session_id:
            protocols.append(self.session_id)
        self._ws = await websockets.connect(
            f"ws://{parts.netloc}/_stcore/stream",
            subprotocols=protocols,  # type: ignore[arg-type]
            additional_headers={
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                "Origin": f"{parts.scheme}://{parts.netloc}",
            },
            max_size=None,
            compression="deflate",  # offered as browsers do (Streamlit declines it)
            open_timeout=self.timeout,
            ping_interval=None,
        )
        self.replica = last_replica(self._ws.response.headers.get(REPLICA_HEADER, ""))
        self._inbox = asyncio.Queue()
        self._reader = asyncio.create_task(self._read(self._ws, self._inbox))
        return await self._rerun(with_widgets=False)

    async def _read(self, ws: Any, inbox: asyncio.Queue[ForwardMsg | None]) -> None:
        try:
            async for raw in ws:
                self.bytes_received += len(raw)
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                inbox.put_nowait(msg)
        except websockets.ConnectionClosed:
            pass
        finally:
            inbox.put_nowait(None)

    @property
    def connected(self) -> bool:
        return self._reader is not None and not self._reader.done()

    async def wait_disconnected(self) -> None:
        """Returns when the websocket closes (a thinking reader's tab notices at once)."""
        if self._reader is not None:
            await asyncio.shield(self._reader)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None
        if self._reader is not None:
            await self._reader
            self._reader = None

    # -- interactions -------------------------------------------------------
    async def choose(self, label: str, value: str) -> Run:
        """Pick ``value`` in the radio labelled ``label``, as a click does."""
        radio = self.radios.get(label)
        if radio is None:
            raise SessionError(f"no radio labelled {label!r} on the page")
        if value not in radio.options:
            raise SessionError(f"{value!r} is not a choice of {label!r}: {radio.options}")
        self._widget_values[radio.id] = value
        # As the frontend does: a widget of a fragment reruns only that fragment.
        return await self._rerun(with_widgets=True, fragment_id=radio.fragment_id)

    def view(self) -> dict[str, str | None]:
        """The radios' values as the page shows them."""
        return {label: radio.value for label, radio in self.radios.items()}

    async def _rerun(self, *, with_widgets: bool, fragment_id: str = "") -> Run:
        assert self._ws is not None and self._inbox is not None
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self._page_hash
        state.context_info.url = f"{self.base_url}/?{self.query_string}"
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-US"
        state.cached_message_hashes.extend(self._cache)
        if fragment_id:
            state.fragment_id = fragment_id
        if with_widgets:
            for widget_id, value in self._widget_values.items():
                widget = state.widget_states.widgets.add()
                widget.id = widget_id
                widget.string_value = value
        start = time.perf_counter()
        received = self.bytes_received
        try:
            await self._ws.send(msg.SerializeToString())
        except websockets.ConnectionClosed as exc:
            raise Disconnected(str(exc)) from exc
        messages, elements = await asyncio.wait_for(self._until_finished(), self.timeout)
        self.runs += 1
        return Run(time.perf_counter() - start, self.bytes_received - received, messages, elements)

    async def _until_finished(self) -> tuple[int, int]:
        assert self._inbox is not None
        radios: dict[str, Radio] = {}
        messages = elements = 0
        while True:
            msg = await self._inbox.get()
            if msg is None:
                raise Disconnected("websocket closed during a run")
            messages += 1
            if msg.WhichOneof("type") == "ref_hash":
                cached = self._cache.get(msg.ref_hash)
                if cached is None:
                    raise SessionError("the server referred to a message this client never cached")
                msg = cached
            elif msg.metadata.cacheable:
                self._cache[msg.hash] = msg
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
            elif kind == "navigation" and msg.navigation.page_script_hash:
                self._page_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                raise SessionError("page not found")
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                elements += 1
                self._element(msg.delta.new_element, radios, msg.delta.fragment_id)
            elif kind == "script_finished":
                if msg.script_finished in RUN_ENDS:
                    self.radios = radios
                    # Only the widgets on the page now are sent back.
                    self._widget_values = {r.id: r.value for r in radios.values() if r.value is not None}
                    return messages, elements
                if msg.script_finished != FINISHED_EARLY_FOR_RERUN:
                    raise SessionError(f"script finished with status {msg.script_finished}")
                radios, elements = {}, 0  # a rerun follows in the same session

    def _element(self, element: Any, radios: dict[str, Radio], fragment_id: str = "") -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            raise SessionError(f"exception on the page: {element.exception.message}")
        if kind == "alert" and element.alert.format == element.alert.ERROR:
            raise SessionError(f"error on the page: {element.alert.body}")
        if kind != "radio":
            return
        radio = element.radio
        options = list(radio.options)
        if radio.set_value and radio.HasField("raw_value"):
            value: str | None = radio.raw_value
        elif radio.id in self._widget_values and self._widget_values[radio.id] in options:
            value = self._widget_values[radio.id]
        elif radio.HasField("default") and 0 <= radio.default < len(options):
            value = options[radio.default]
        else:
            value = None
        radios[radio.label] = Radio(radio.id, radio.label, options, value, fragment_id)


def last_replica(upstream_addr: str) -> str:
    """The replica that answered: nginx lists every one it tried ("a, b")."""
    return upstream_addr.replace(" : ", ", ").split(",")[-1].strip()


def fetch_health(base_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=timeout) as resp:
            return bool(resp.status == 200)
    except (OSError, urllib.error.URLError):
        return False
