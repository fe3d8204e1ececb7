#!/usr/bin/env python3
"""A fault-injecting HTTP proxy in front of a docker-registry, for Berth's registry client tests.

It relays GET/HEAD /v2/... to --upstream (Range included, status and headers passed back) and
can, per the flags, answer 5xx/429 first, cut a blob short once, flip a byte, serve a huge or a
schema 1 manifest, alter manifest bodies, demand Bearer (own /token endpoint) or Basic auth, and
redirect blob GETs to a second listener on another loopback address. GET /_stats returns JSON
with every request seen (server, path, range, whether Authorization arrived, status).

Stdlib only. Listens on loopback only; exits when its parent dies or after --max-lifetime seconds.
It writes its port to --port-file once both listeners are up.
"""
import argparse
import base64
import hashlib
import http.client
import http.server
import json
import os
import secrets
import socket
import threading
import time

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+prettyjws"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-authenticate", "proxy-authorization", "content-length"}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--upstream", required=True, help="registry host:port")
    p.add_argument("--port-file", required=True)
    p.add_argument("--fail-5xx", type=int, default=0, help="first N blob/manifest requests answer 500/503")
    p.add_argument("--fail-429", type=int, default=0, help="first N blob/manifest requests answer 429")
    p.add_argument("--retry-after", type=int, default=1, help="Retry-After seconds sent with 429")
    p.add_argument("--drop-blob-after", type=int, default=-1, help="cut each blob's first GET after N bytes")
    p.add_argument("--ignore-range", action="store_true", help="drop Range: answer 200 with the whole blob")
    p.add_argument("--corrupt-blob", action="store_true", help="flip the middle byte of every blob")
    p.add_argument("--huge-manifest", action="store_true", help="serve a manifest over 4 MiB")
    p.add_argument("--schema1", action="store_true", help="serve a Docker schema 1 manifest")
    p.add_argument("--tamper-manifest", action="store_true", help="append a space to manifest bodies")
    p.add_argument("--auth", choices=["none", "bearer", "basic"], default="none")
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--token-refuse", action="store_true", help="the token endpoint answers 401")
    p.add_argument("--token-field", choices=["token", "access_token"], default="token")
    p.add_argument("--token-expires-in", type=int, default=0, help="0: leave expires_in out")
    p.add_argument("--revoke-tokens-after", type=int, default=0,
                   help="after N authorized requests, revoke every token issued so far (once)")
    p.add_argument("--redirect-blobs-to-host", help="e.g. 127.0.0.2: 307 blob GETs to that address")
    p.add_argument("--throttle-bps", type=int, default=0, help="send blob bodies at about this many bytes/s")
    p.add_argument("--max-lifetime", type=int, default=1800)
    return p.parse_args()


class State:
    """Everything the handler threads share, under one lock."""

    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.fail_5xx = args.fail_5xx
        self.fail_429 = args.fail_429
        self.dropped = set()
        self.tokens = set()
        self.authorized = 0
        self.revoked = False
        self.requests = []
        self.token_requests = 0
        self.port = 0

    def take(self, name):
        with self.lock:
            left = getattr(self, name)
            if left > 0:
                setattr(self, name, left - 1)
                return left
            return 0


def repo_of(path):
    for marker in ("/manifests/", "/blobs/"):
        if marker in path:
            return path[len("/v2/"):path.index(marker)]
    return ""


def kind_of(path):
    if "/blobs/" in path:
        return "blob"
    if "/manifests/" in path:
        return "manifest"
    return ""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None  # set on the class before serving

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_any("GET")

    def do_HEAD(self):
        self.handle_any("HEAD")

    # -- plumbing -------------------------------------------------------------------------
    def record(self, status):
        entry = {
            "server": self.server.name,
            "method": self.command,
            "path": self.path,
            "range": self.headers.get("Range", ""),
            "authorization": self.headers.get("Authorization", ""),
            "status": status,
        }
        with self.state.lock:
            self.state.requests.append(entry)

    def reply(self, status, body=b"", headers=None):
        self.record(status)  # before answering, so /_stats never lags behind what the client saw
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def reply_error(self, status, code, message, headers=None):
        body = json.dumps({"errors": [{"code": code, "message": message}]}).encode()
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        self.reply(status, body, h)

    # -- routing --------------------------------------------------------------------------
    def handle_any(self, method):
        path = self.path
        if path == "/_stats":
            return self.send_stats()
        if path.startswith("/token"):
            return self.issue_token()
        if not path.startswith("/v2/"):
            return self.reply_error(404, "NOT_FOUND", "no such endpoint")
        if self.server.name == "redirect":
            return self.relay(method, path)  # like a CDN: the URL is the authorization
        if not self.check_auth(path):
            return
        if self.inject_fault(path):
            return
        args = self.state.args
        if kind_of(path) == "blob" and args.redirect_blobs_to_host and method == "GET":
            location = "http://%s:%d%s" % (args.redirect_blobs_to_host, self.state.port, path)
            return self.reply(307, b"", {"Location": location})
        self.relay(method, path)

    def send_stats(self):
        with self.state.lock:
            doc = {"requests": list(self.state.requests), "token_requests": self.state.token_requests,
                   "dropped": sorted(self.state.dropped), "revoked": self.state.revoked}
        body = json.dumps(doc).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    # -- auth -----------------------------------------------------------------------------
    def basic_ok(self):
        args = self.state.args
        want = base64.b64encode(("%s:%s" % (args.user, args.password)).encode()).decode()
        return self.headers.get("Authorization", "") == "Basic " + want

    def issue_token(self):
        args = self.state.args
        with self.state.lock:
            self.state.token_requests += 1
        if args.token_refuse or (args.user and not self.basic_ok()):
            return self.reply_error(401, "UNAUTHORIZED", "authentication required")
        token = secrets.token_hex(16)
        with self.state.lock:
            self.state.tokens.add(token)
        doc = {args.token_field: token, "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        if args.token_expires_in > 0:
            doc["expires_in"] = args.token_expires_in
        self.reply(200, json.dumps(doc).encode(), {"Content-Type": "application/json"})

    def check_auth(self, path):
        args = self.state.args
        if args.auth == "none":
            return True
        if args.auth == "basic":
            if args.user and self.basic_ok():
                return True
            self.reply_error(401, "UNAUTHORIZED", "authentication required",
                             {"WWW-Authenticate": 'Basic realm="berth-test"'})
            return False
        header = self.headers.get("Authorization", "")
        token = header[len("Bearer "):] if header.startswith("Bearer ") else ""
        with self.state.lock:
            ok = token in self.state.tokens
            if ok:
                self.state.authorized += 1
                if args.revoke_tokens_after and not self.state.revoked \
                        and self.state.authorized > args.revoke_tokens_after:
                    self.state.tokens.clear()
                    self.state.revoked = True
                    ok = False
        if ok:
            return True
        challenge = 'Bearer realm="http://127.0.0.1:%d/token",service="test"' % self.state.port
        if repo_of(path):
            challenge += ',scope="repository:%s:pull"' % repo_of(path)
        self.reply_error(401, "UNAUTHORIZED", "authentication required", {"WWW-Authenticate": challenge})
        return False

    # -- faults ---------------------------------------------------------------------------
    def inject_fault(self, path):
        kind = kind_of(path)
        if not kind:
            return False
        left = self.state.take("fail_5xx")
        if left:
            status = 500 if left % 2 else 503
            self.reply_error(status, "UNKNOWN", "injected failure")
            return True
        if self.state.take("fail_429"):
            self.reply_error(429, "TOOMANYREQUESTS", "slow down", {"Retry-After": str(self.state.args.retry_after)})
            return True
        if kind == "manifest" and self.state.args.huge_manifest:
            doc = {"schemaVersion": 2, "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": "sha256:" + "0" * 64, "size": 2}, "layers": [],
                   "annotations": {"padding": "x" * (5 << 20)}}
            self.reply(200, json.dumps(doc).encode(), {"Content-Type": OCI_MANIFEST})
            return True
        if kind == "manifest" and self.state.args.schema1:
            body = json.dumps({"schemaVersion": 1, "name": repo_of(path), "tag": "latest", "architecture": "amd64",
                               "fsLayers": [{"blobSum": "sha256:" + "a" * 64}],
                               "history": [{"v1Compatibility": "{}"}], "signatures": []}, indent=3).encode()
            digest = "sha256:" + hashlib.sha256(body).hexdigest()
            self.reply(200, body, {"Content-Type": SCHEMA1, "Docker-Content-Digest": digest})
            return True
        return False

    # -- relaying -------------------------------------------------------------------------
    def relay(self, method, path):
        conn = http.client.HTTPConnection(self.state.args.upstream, timeout=60)
        relayed = ("accept", "user-agent") if self.state.args.ignore_range else ("accept", "range", "user-agent")
        headers = {k: v for k, v in self.headers.items() if k.lower() in relayed}
        try:
            conn.request(method, path, headers=headers)
            resp = conn.getresponse()
            body = resp.read() if method == "GET" else b""
        finally:
            conn.close()
        out = {k: v for k, v in resp.getheaders() if k.lower() not in HOP_BY_HOP}
        kind = kind_of(path)
        ok = resp.status in (200, 206)
        args = self.state.args
        if ok and kind == "manifest" and args.tamper_manifest:
            body += b" "
        if ok and kind == "blob" and args.corrupt_blob and body:
            mid = len(body) // 2
            body = body[:mid] + bytes([body[mid] ^ 0xFF]) + body[mid + 1:]
        if ok and kind == "blob" and method == "GET" and args.drop_blob_after >= 0:
            digest = path.rsplit("/", 1)[-1]
            with self.state.lock:
                first = digest not in self.state.dropped
                self.state.dropped.add(digest)
            if first and len(body) > args.drop_blob_after:
                return self.send_cut(resp.status, out, body, args.drop_blob_after)
        self.record(resp.status)
        self.send_response(resp.status)
        for k, v in out.items():
            self.send_header(k, v)
        length = resp.getheader("Content-Length", "0") if method == "HEAD" else str(len(body))
        self.send_header("Content-Length", length)
        self.end_headers()
        if method == "GET":
            if kind == "blob" and args.throttle_bps > 0:
                self.send_throttled(body, args.throttle_bps)
            else:
                self.wfile.write(body)

    def send_throttled(self, body, bps):
        """Sends in 10 chunks a second so a test can kill a client mid-blob."""
        chunk = max(1, bps // 10)
        try:
            for i in range(0, len(body), chunk):
                self.wfile.write(body[i:i + chunk])
                self.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def send_cut(self, status, headers, body, keep):
        """Announces the full length, sends `keep` bytes, then closes the connection."""
        self.record(status)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[:keep])
        self.wfile.flush()
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def serve(host, port, name, state):
    server = http.server.ThreadingHTTPServer((host, port), Handler)
    server.name = name
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    args = parse_args()
    for host in (args.upstream.rsplit(":", 1)[0], args.redirect_blobs_to_host or "127.0.0.1"):
        if not host.startswith("127."):
            raise SystemExit("fault_proxy: only loopback addresses are allowed, not " + host)
    state = State(args)
    Handler.state = state
    primary = serve("127.0.0.1", 0, "primary", state)
    state.port = primary.server_address[1]
    if args.redirect_blobs_to_host:
        serve(args.redirect_blobs_to_host, state.port, "redirect", state)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(state.port))
    os.rename(tmp, args.port_file)
    parent = os.getppid()
    deadline = time.monotonic() + args.max_lifetime
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.5)
    os._exit(0)


if __name__ == "__main__":
    main()
