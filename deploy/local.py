"""A loopback cluster for tests, benchmarks and scripts: N app replicas, and nginx in front when N > 1.

Every process runs in its own process group and is stopped by its id; ports are chosen free. Also the
headless Chromium they drive: Debian's own (never a Playwright download), with the flags it needs here.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from deploy.nginx import main_config, site_config

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(url: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not become healthy within {timeout:.0f} s")


def replica_command(
    port: int,
    base_path: str = "",
    launcher: bool = True,
    root: Path = ROOT,
    extra_args: Sequence[str] = (),
    script: Path | None = None,
) -> list[str]:
    """The command for one replica: the warm-start launcher (or plain `streamlit run`) on loopback.

    `extra_args` are more Streamlit options, e.g. `["--server.agentMaxSessions", "64"]`; `script` another
    entry file served the same way (the benchmarks' trivial floor page)."""
    entry = [sys.executable, "-m", "deploy.serve"] if launcher else [sys.executable, "-m", "streamlit", "run"]
    return [
        *entry,
        str(script or root / "streamlit_app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        *(["--server.baseUrlPath", base_path] if base_path else []),
        *extra_args,
    ]


def start_nginx(replicas: list[str], base_path: str = "", **site) -> tuple[subprocess.Popen, int, str]:
    """nginx on a free loopback port in front of `replicas`, unprivileged, with every file in a temp folder.

    Returns the process (stop it with `_stop`), its port and the folder (remove it afterwards).
    """
    workdir = tempfile.mkdtemp(prefix="why-normalize-nginx-")
    os.chmod(workdir, 0o755)
    port = free_port()
    config = Path(workdir) / "nginx.conf"
    user = "nobody nogroup" if os.geteuid() == 0 else None
    config.write_text(main_config(site_config(replicas, f"127.0.0.1:{port}", base_path, **site), workdir, user))
    process = subprocess.Popen(
        [NGINX, "-c", str(config), "-p", workdir, "-e", f"{workdir}/error.log"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return process, port, workdir


class Cluster:
    """`replicas` app servers on free loopback ports; with more than one, nginx in front of them.

    `launcher=False` starts each with plain `streamlit run` (the README's way) instead of `deploy.serve`.
    """

    def __init__(
        self,
        replicas: int = 1,
        root: Path = ROOT,
        base_path: str = "",
        launcher: bool = True,
        extra_args: Sequence[str] = (),
        script: Path | None = None,
    ):
        self.replicas = replicas
        self.root = root
        self.base_path = base_path.strip("/")
        self.launcher = launcher
        self.extra_args = tuple(extra_args)
        self.script = script
        self.ports = [free_port() for _ in range(replicas)]
        self.processes: dict[int, subprocess.Popen] = {}
        self.nginx: subprocess.Popen | None = None
        self.proxy_port: int | None = None
        self.workdir: str | None = None

    @property
    def suffix(self) -> str:
        return f"/{self.base_path}" if self.base_path else ""

    @property
    def url(self) -> str:
        port = self.proxy_port if self.nginx is not None else self.ports[0]
        return f"http://127.0.0.1:{port}{self.suffix}"

    def replica_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.ports[index]}{self.suffix}"

    def start(self) -> Cluster:
        env = {**os.environ, "PYTHONPATH": str(self.root)}
        for port in self.ports:
            self.processes[port] = subprocess.Popen(
                replica_command(port, self.base_path, self.launcher, self.root, self.extra_args, self.script),
                cwd=self.root,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        try:
            for index in range(self.replicas):
                wait_healthy(self.replica_url(index))
            if self.replicas > 1:
                self._start_nginx()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_nginx(self) -> None:
        self.nginx, self.proxy_port, self.workdir = start_nginx(
            [f"127.0.0.1:{port}" for port in self.ports], self.base_path
        )
        wait_healthy(self.url, timeout=20)

    def server_pids(self) -> list[int]:
        return [process.pid for process in self.processes.values() if process.poll() is None]

    def kill_replica(self, index: int) -> None:
        """Kill one replica outright (SIGKILL), as a crash would."""
        _stop(self.processes[self.ports[index]], signal.SIGKILL)

    def stop(self) -> None:
        if self.nginx is not None:
            _stop(self.nginx)
        for process in self.processes.values():
            _stop(process)
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def listening_pids(port: int) -> list[int]:
    """The processes listening on a TCP port (read from /proc), to watch a server started elsewhere."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(parts[9])
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            links = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
        except OSError:
            continue
        if any(f"socket:[{inode}]" in links for inode in inodes):
            pids.append(int(entry.name))
    return pids
