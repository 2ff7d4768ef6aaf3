"""The nginx configuration that puts N Streamlit replicas behind one address.

One function writes it, so the file shipped in deploy/ (`python -m deploy.nginx > deploy/nginx.conf`)
and the loopback cluster of the tests and benchmarks (deploy/local.py) cannot drift apart.

- Sticky sessions: a Streamlit session lives in one replica's memory (its WebSocket, uploads, media),
  so every request from one browser must reach the same replica. nginx's open-source build has no
  `sticky` directive; instead the first response sets a `wn_route` cookie to that request's id and the
  upstream hashes on it (`hash … consistent`): the page, its WebSocket and its uploads share a key.
  Behind a proxy that keeps client addresses, `hash $remote_addr consistent;` works too, but a class
  behind one NAT address would then all land on one replica.
- Failover: a replica that refuses connections is skipped (`proxy_next_upstream`), and the key's
  requests go to the next one; the browser reconnects and its URL redraws the same view there.
- WebSockets: HTTP/1.1 with the Upgrade and Connection headers passed on, and long read timeouts
  (Streamlit's socket is idle while a learner reads).
- Agents: a program usually keeps no cookie, so `/_stcore/agent/` calls without one are hashed by the
  client's address, and no cookie is set there: all of one agent's follow-ups reach its session.
- Budgets: the body limit comes from `server.maxUploadSize` in .streamlit/config.toml; each path has a
  per-address rate and connection limit (LIMITS, with the measurements), answered with 429.
"""

from __future__ import annotations

import argparse
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROUTE_COOKIE = "wn_route"
STREAMLIT_CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"
# Streamlit itself refuses an upload body above maxUploadSize + 1 MB (its multipart allowance, in
# streamlit/web/server/starlette/starlette_routes.py), so nginx allows exactly what the app would.
MULTIPART_ALLOWANCE_MB = 1
AGENT_BODY_MB = 2  # the largest valid agent request (a 1,000-parameter link or a capped chat message) is far below


def upload_limit_mb(config: Path = STREAMLIT_CONFIG) -> int:
    """`server.maxUploadSize` (MB) from the app's config: the one source of nginx's body limit."""
    return int(tomllib.loads(config.read_text())["server"]["maxUploadSize"])


def body_limit_mb(config: Path = STREAMLIT_CONFIG) -> int:
    """nginx's `client_max_body_size` for uploads: the app's limit plus the multipart allowance."""
    return upload_limit_mb(config) + MULTIPART_ALLOWANCE_MB


@dataclass(frozen=True)
class Limit:
    """One per-address budget: a request rate with its burst, and concurrent requests (or sockets)."""

    zone: str
    rate: str
    burst: int
    connections: int
    why: str


# Per client address ($binary_remote_addr), sized for a class of 30 behind one NAT address, measured
# in headless Chromium through nginx's access log: a first visit to Explore makes 162 requests (145
# script chunks, 8 fonts), to Ask 84, within 3-7 s; a reload makes 4-6 (the rest is cached); the
# other requests of a visit (page, health, host-config, favicon) are 6-9. Each tab holds one
# WebSocket, whose reruns travel inside it and are not HTTP requests. A limited request gets 429.
LIMITS = {
    "static": Limit(
        "wn_static",
        "50r/s",
        5000,
        200,
        "30 first visits to Explore at once (30 x 162 = 4,860), then 50 a second; 6 connections per browser",
    ),
    "pages": Limit(
        "wn_pages",
        "20r/s",
        500,
        200,
        "30 first visits at once (30 x 9 = 270), then 20 a second",
    ),
    "stream": Limit(
        "wn_stream",
        "2r/s",
        90,
        90,
        "one WebSocket per tab: 30 learners with 3 tabs each, all reconnecting at once after a failover",
    ),
    "upload": Limit(
        "wn_upload",
        "1r/s",
        60,
        30,
        "the whole class uploading a file at the same moment, twice; each body up to the upload limit",
    ),
    "agent": Limit(
        "wn_agent",
        "2r/s",
        20,
        4,
        "a tutor makes one call at a time per session; 4 at once is half a replica's agentMaxSessions",
    ),
}


def _zones() -> str:
    lines = []
    for limit in LIMITS.values():
        lines.append(f"limit_req_zone $binary_remote_addr zone={limit.zone}:10m rate={limit.rate};")
        lines.append(f"limit_conn_zone $binary_remote_addr zone={limit.zone}_conn:10m;")
    return "\n".join(lines)


def _proxy(kind: str, route_cookie: bool = True) -> str:
    """The body of one location: its per-address limits, then the proxying every path shares."""
    limit = LIMITS[kind]
    cookie = "\n        add_header Set-Cookie $route_cookie always;" if route_cookie else ""
    return f"""\
        # {limit.why}
        limit_req zone={limit.zone} burst={limit.burst} nodelay;
        limit_conn {limit.zone}_conn {limit.connections};
        proxy_pass http://why_normalize;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Forwarded-Host $host;
        proxy_read_timeout 3600s;   # an open tab keeps its WebSocket for as long as the lesson lasts
        proxy_send_timeout 3600s;
        proxy_connect_timeout 2s;   # a dead replica is given up on quickly
        proxy_next_upstream error timeout http_502 http_503;
        proxy_buffering off;        # script output streams to the browser as it is produced{cookie}"""


def site_config(
    replicas: Sequence[str] = ("127.0.0.1:8501", "127.0.0.1:8502"),
    listen: str = "80",
    base_path: str = "",
    server_name: str = "_",
    upload_mb: int | None = None,
) -> str:
    """An http-context block: the upstream of replicas and the server that fronts them.

    `base_path` ("why") serves the app under /why/; every replica must then run with the same
    `--server.baseUrlPath why`, so Streamlit's own links and the share links carry it.
    `upload_mb` defaults to `server.maxUploadSize` in .streamlit/config.toml.
    """
    prefix = f"/{base_path.strip('/')}/" if base_path.strip("/") else "/"
    servers = "\n".join(f"    server {address} max_fails=1 fail_timeout=10s;" for address in replicas)
    upload_mb = upload_limit_mb() if upload_mb is None else upload_mb
    body_mb = upload_mb + MULTIPART_ALLOWANCE_MB
    # A page can live under its own path (/Explore/), and Streamlit's assets and endpoints follow it.
    under = f"^{prefix}(?:[^/]+/)?"
    return f"""\
# Generated by deploy/nginx.py (python -m deploy.nginx --help); edit the function, not this file.
map $http_upgrade $connection_upgrade {{
    default upgrade;
    ''      close;
}}

# A browser without the route cookie is routed by this request's id, and keeps it as its cookie.
# An agent (a program, usually without a cookie jar) is routed by its address instead, so all the
# follow-ups of one agent session reach the replica that holds it, however many replicas there are.
map $uri $route_fallback {{
    default                 $request_id;
    ~^{prefix}_stcore/agent/ $binary_remote_addr;
}}
map $cookie_{ROUTE_COOKIE} $route_key {{
    ''      $route_fallback;
    default $cookie_{ROUTE_COOKIE};
}}
map $cookie_{ROUTE_COOKIE} $route_cookie {{
    ''      "{ROUTE_COOKIE}=$request_id; Path={prefix}; HttpOnly; SameSite=Lax";
    default "";
}}

# Per-address budgets (deploy/nginx.py LIMITS has the measurements); beyond them nginx answers 429.
{_zones()}
limit_req_status 429;
limit_conn_status 429;

upstream why_normalize {{
    hash $route_key consistent;
{servers}
}}

server {{
    listen {listen};
    server_name {server_name};
    client_max_body_size {body_mb}m;  # server.maxUploadSize ({upload_mb} MB, .streamlit/config.toml) + {MULTIPART_ALLOWANCE_MB} MB, as Streamlit allows

    location {prefix} {{
{_proxy("pages")}
    }}

    location ~ {under}static/ {{
{_proxy("static")}
    }}

    location ~ {under}_stcore/stream$ {{
{_proxy("stream")}
    }}

    location ~ {under}_stcore/upload_file/ {{
{_proxy("upload")}
    }}

    # The agent API. Sets no cookie: its key is the address, and a cookie would move a session.
    # To keep it to known machines:  allow 192.0.2.0/24; deny all;  (or run the replicas with
    # --server.enableAgentApi=false to switch it off; docs/agents.md).
    location ^~ {prefix}_stcore/agent/ {{
        client_max_body_size {AGENT_BODY_MB}m;
{_proxy("agent", route_cookie=False)}
    }}
}}
"""


def main_config(site: str, prefix: str, user: str | None = None) -> str:
    """A whole nginx.conf around `site`, with every path under `prefix` (for an unprivileged local run)."""
    user_line = f"user {user};\n" if user else ""
    return f"""\
{user_line}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
{site}
}}
"""


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Print the nginx site configuration for N replicas.")
    parser.add_argument("--replica", action="append", help="host:port of a replica (repeat); default two local ones")
    parser.add_argument("--listen", default="80")
    parser.add_argument("--base-path", default="", help="serve under /PATH/ (replicas need --server.baseUrlPath)")
    parser.add_argument("--server-name", default="_")
    args = parser.parse_args(argv)
    replicas = args.replica or ("127.0.0.1:8501", "127.0.0.1:8502")
    print(site_config(replicas, args.listen, args.base_path, args.server_name), end="")


if __name__ == "__main__":
    main()
