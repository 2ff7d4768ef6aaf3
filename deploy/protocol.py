"""A small client for Streamlit's own WebSocket protocol, as a browser tab speaks it.

Used by the load benchmark, the hostile-visitor benchmark and the hostile-visitor tests, so none of
them drives a real browser to send a chat message, open a link or upload a file. A `Session` opens
`/_stcore/stream`, sends a `rerun_script` BackMsg (page, query string, widget states, the hashes of
the messages it has cached) and reads ForwardMsgs until `script_finished`, keeping what the page
showed (element kinds and their text) so a caller can check what a visitor would have seen.

Also: server memory read from /proc (a process and all its descendants, e.g. worker processes),
and the machine's load average, which every timing report prints beside its figures.
"""

from __future__ import annotations

import asyncio
import os
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

TEXT_FIELDS = ("body", "label", "message", "value", "placeholder")


@dataclass
class Run:
    """One script run as the visitor saw it: how long it took and what the page showed."""

    seconds: float
    elements: list[tuple[str, str]] = field(default_factory=list)  # (element kind, its text)
    problem: str | None = None  # an exception on the page, or a run that did not finish cleanly

    def texts(self, *kinds: str) -> list[str]:
        return [text for kind, text in self.elements if not kinds or kind in kinds]

    @property
    def ok(self) -> bool:
        return self.problem is None


class Session:
    """One browser tab: a WebSocket, the widgets it has seen and the messages it has cached."""

    def __init__(self, url: str, timeout: float = 120.0, as_browser: bool = False):
        parts = urlsplit(url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        self.base = url.rstrip("/")
        self.stream = f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        self.timeout = timeout  # seconds one script run may take before `run` raises TimeoutError
        self.cached: set[str] = set()
        self.widgets: dict[str, dict] = {}  # label → {"id": ..., "kind": ..., "max_chars": ...}
        self.session_id = ""
        self.socket = None
        self._urls: dict[str, ForwardMsg] = {}
        # As a browser: send the page's address (st.context.url), and hold the state of every component that
        # reported (a page's first-paint reporters, ui/first_paint.py), sending it again on every run.
        self.as_browser = as_browser
        self.reporters: dict[str, str] = {}  # first-paint reporters the last run drew: id → its fragment ("" if none)
        self.held: dict[str, WidgetState] = {}

    async def connect(self) -> Session:
        self.socket = await websockets.connect(
            self.stream, subprotocols=["streamlit"], max_size=None, open_timeout=30, ping_interval=None
        )
        return self

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    async def __aenter__(self) -> Session:
        return await self.connect()

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def run(self, page: str = "", query: str = "", widget_states=(), fragment: str = "") -> Run:
        """One script run (or one fragment's, as a browser asks when a widget inside it changes): send the rerun,
        read until script_finished (raises TimeoutError past `timeout`)."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = query
        state.page_name = page
        state.fragment_id = fragment
        state.cached_message_hashes.extend(sorted(self.cached))
        given = list(widget_states)
        state.widget_states.widgets.extend(given)
        sent = {each.id for each in given}
        state.widget_states.widgets.extend(held for key, held in self.held.items() if key not in sent)
        if self.as_browser:
            state.context_info.url = f"{self.base}/{page}" + (f"?{query}" if query else "")
        if not fragment:  # a fragment's run redraws only its own reporters
            self.reporters = {}
        start = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        result = Run(0.0)
        self.widgets = {}
        deadline = start + self.timeout
        while True:
            forward = await self._receive(deadline)
            which = forward.WhichOneof("type")
            if which == "delta":
                self._read_delta(forward.delta, result, forward.delta.fragment_id)
            elif which == "script_finished":
                status = forward.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if status not in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    result.problem = result.problem or f"script finished with status {status}"
                break
        result.seconds = time.perf_counter() - start
        return result

    async def _receive(self, deadline: float) -> ForwardMsg:
        raw = await asyncio.wait_for(self.socket.recv(), max(0.01, deadline - time.perf_counter()))
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        if forward.metadata.cacheable:
            self.cached.add(forward.hash)
        which = forward.WhichOneof("type")
        if which == "new_session":
            self.session_id = forward.new_session.initialize.session_id
        elif which == "file_urls_response":
            self._urls[forward.file_urls_response.response_id] = forward
        return forward

    def _read_delta(self, delta, result: Run, fragment: str = "") -> None:
        kind = delta.WhichOneof("type")
        if kind == "add_block":
            block = delta.add_block
            which = block.WhichOneof("type")
            if which == "chat_message":
                result.elements.append(("chat_message", block.chat_message.name))
            return
        if kind != "new_element":
            return
        element = delta.new_element
        which = element.WhichOneof("type")
        if which is None:
            return
        inner = getattr(element, which)
        if which == "bidi_component" and inner.component_name.endswith("first_paint"):
            self.reporters[inner.id] = fragment
        if which == "exception":
            result.problem = f"{inner.type}: {inner.message[:200]}"
            result.elements.append((which, f"{inner.type}: {inner.message}"))
            return
        text = next((getattr(inner, name) for name in TEXT_FIELDS if _has_text(inner, name)), "")
        if which == "alert":
            which = _alert_kind(inner)
        result.elements.append((which, text))
        if which in ("text_input", "chat_input", "number_input", "file_uploader", "selectbox", "text_area", "radio"):
            label = getattr(inner, "label", "") or getattr(inner, "placeholder", "")
            self.widgets[label] = {
                "id": inner.id,
                "kind": which,
                "max_chars": getattr(inner, "max_chars", 0),
                "options": list(getattr(inner, "options", [])),
            }

    async def report_paints(self, page: str, query: str) -> list[Run]:
        """What a browser does once it has painted: each new first-paint reporter says so, and the page reruns, or
        only the fragment the reporter is in (the paint itself is the browser's time, not the server's, and is not
        waited for here)."""
        runs = []
        while self.as_browser and (new := [each for each in self.reporters if each not in self.held]):
            for reporter in new:
                painted = WidgetState(id=reporter)
                painted.json_value = '{"painted": true}'
                self.held[reporter] = painted
            fragments = {self.reporters[each] for each in new}
            fragment = fragments.pop() if len(fragments) == 1 else ""  # reporters in several places: the whole page
            # the base run, whatever a subclass counts
            runs.append(await Session.run(self, page, query, fragment=fragment))
        return runs

    def widget(self, prefix: str, kind: str) -> str:
        """The id of the widget of `kind` whose label starts with `prefix` (as last drawn)."""
        for label, widget in self.widgets.items():
            if widget["kind"] == kind and label.startswith(prefix):
                return widget["id"]
        raise LookupError(f"no {kind} labelled {prefix!r} on the page")

    async def ask(self, text: str) -> Run:
        """Type `text` into the Ask page's chat box and send it (the page must be open)."""
        return await self.run("", "", [chat_state(self.widget("", "chat_input"), text)])

    async def upload(self, widget_id: str, name: str, content: bytes) -> WidgetState:
        """Upload a file as the browser does (URL request, XSRF-checked PUT); returns the uploader's state."""
        request = BackMsg()
        request.file_urls_request.request_id = uuid.uuid4().hex
        request.file_urls_request.file_names.append(name)
        request.file_urls_request.session_id = self.session_id
        await self.socket.send(request.SerializeToString())
        deadline = time.perf_counter() + 30
        while request.file_urls_request.request_id not in self._urls:
            await self._receive(deadline)
        urls = self._urls.pop(request.file_urls_request.request_id).file_urls_response.file_urls[0]
        await asyncio.to_thread(_put_file, self.base, urls.upload_url, name, content)
        state = WidgetState(id=widget_id)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = urls.file_id, name, len(content)
        info.file_urls.CopyFrom(urls)
        return state


def _has_text(message, name: str) -> bool:
    return name in message.DESCRIPTOR.fields_by_name and isinstance(getattr(message, name), str)


def _alert_kind(alert) -> str:
    """'error', 'warning', 'info' or 'success', as `st.error` etc. draw it."""
    return alert.Format.Name(alert.format).lower()


def _put_file(base: str, upload_url: str, name: str, content: bytes) -> None:
    """The browser's upload: a multipart PUT carrying the XSRF cookie and the same token in a header."""
    with urllib.request.urlopen(base + "/_stcore/health", timeout=30) as response:  # it sets the XSRF cookie
        cookies = [value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie") or []]
    cookie = next((each for each in cookies if each.startswith("_streamlit_xsrf=")), None)
    if cookie is None:
        raise RuntimeError("the server set no _streamlit_xsrf cookie, so an upload cannot pass its XSRF check")
    token = cookie.split("=", 1)[1]
    boundary = uuid.uuid4().hex
    body = b"".join(
        [
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'.encode(),
            b"Content-Type: text/csv\r\n\r\n",
            content,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    url = upload_url if upload_url.startswith("http") else base + upload_url
    request = urllib.request.Request(
        url,
        data=body,
        method="PUT",
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-Xsrftoken": token,
            "Cookie": cookie,
        },
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()


def string_state(widget_id: str, value: str) -> WidgetState:
    """A text box's value, or a radio button's or select box's option by its label (as Streamlit 1.67 sends them)."""
    state = WidgetState(id=widget_id)
    state.string_value = value
    return state


def chat_state(widget_id: str, text: str) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.chat_input_value.data = text
    return state


def health_seconds(url: str, timeout: float = 30.0) -> float:
    """How long `/_stcore/health` took to answer 200 (`timeout` if it did not)."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/_stcore/health", timeout=timeout) as response:
            response.read()
            if response.status != 200:
                return timeout
    except OSError:
        return timeout
    return time.perf_counter() - start


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it (worker pools included), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (VmRSS), 0 once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss_bytes(pids: list[int]) -> int:
    """Resident memory of the servers and all their descendants, a page shared by several counted in each."""
    return sum(rss_bytes(each) for pid in pids for each in descendants(pid))


def pss_bytes(pid: int) -> int:
    """Proportional resident memory of one process (Pss): a page shared by n processes counts 1/n in each.

    Summed over a process tree it counts each shared page once, as a container's memory limit does; a sum of
    VmRSS counts the libraries that forked workers share with their parent once per worker. Falls back to
    VmRSS where the kernel has no smaps_rollup; 0 once the process has gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except FileNotFoundError:
        return rss_bytes(pid)
    except OSError:
        pass
    return 0


def tree_pss_bytes(pids: list[int]) -> int:
    """Memory of the servers and all their descendants as their container counts it (each page once)."""
    return sum(pss_bytes(each) for pid in pids for each in descendants(pid))


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def machine_load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"
