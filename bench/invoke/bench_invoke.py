#!/usr/bin/env python3
"""Invoke-path benchmark: lemu beside the floor (a bare loopback HTTP round trip) and a peer
(serverless-offline's Lambda invoke endpoint), in one run, with the same wrk load.

Usage: bench/invoke/bench_invoke.py [--lemu build/lemu] [--duration 10] [--cold-runs 20] [--io-threads N]
                                    [--no-peer] [--peer-dir DIR] [--json FILE]

  warm   wrk POSTs {} to /2015-03-31/functions/NAME/invocations?Qualifier=live over 1 and 16 keep-alive
         connections; NAME is a provided.al2023 function whose bootstrap is the native C echo runtime
         (tests/fixtures/runtimes/c_echo_bootstrap.c), behind alias `live`. Reports p50/p99 latency,
         invokes/s and errors (socket errors + non-2xx).
  floor  the same wrk load against floor_server.c: what one keep-alive HTTP round trip costs here.
  peer   serverless-offline (npm serverless@3 + serverless-offline@13, installed at bench time into a scratch
         directory, or into --peer-dir to reuse it; never committed) run with --useInProcess, the same echo
         handler in Node.js, invoked at its Lambda endpoint /2015-03-31/functions/bench-dev-echo/invocations.
  cold   Invoke to response when no execution environment exists (a new function each run, C bootstrap),
         median over --cold-runs.
  rss    lemu's resident memory (VmRSS) idle after start, and after the runs (VmHWM = peak).

Goals (the issue): 1 conn p50 <= 0.20 ms and >= 5,000 invokes/s; 16 conns >= 10,000 invokes/s with zero
errors; cold start <= 2 ms; idle RSS <= 15 MB.
"""

import argparse
import base64
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zipfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # bench/
from proc_status import status_kib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
C_ECHO = os.path.join(ROOT, "tests", "fixtures", "runtimes", "c_echo_bootstrap.c")
ROLE = "arn:aws:iam::000000000000:role/bench"

WRK_SCRIPT = """wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"
"""

PEER_SERVERLESS_YML = """service: bench
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs20.x
  region: us-east-1
functions:
  echo:
    handler: handler.echo
plugins:
  - serverless-offline
"""

PEER_HANDLER = "exports.echo = async (event) => event;\n"


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def compile_c(source, output, *flags):
    subprocess.run(["cc", "-O2", "-o", output, source, *flags], check=True)


class Lemu:
    def __init__(self, binary, scratch, extra_args=()):
        self.ready = os.path.join(scratch, "lemu.ready")
        self.log = open(os.path.join(scratch, "lemu.log"), "wb")
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        self.proc = subprocess.Popen([binary, "up", "--empty", "--port", "0", "--ready-file", self.ready,
                                      "--log-level", "warn", *extra_args], stdout=self.log, stderr=subprocess.STDOUT,
                                     env=env)
        deadline = time.monotonic() + 30
        while not os.path.exists(self.ready):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("lemu did not start")
            time.sleep(0.01)
        with open(self.ready) as f:
            self.endpoint = f.readline().strip()
        url = urllib.parse.urlparse(self.endpoint)
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else (body or b"")
        self.conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
        response = self.conn.getresponse()
        return response.status, response.read()

    def create_function(self, name, zip_bytes):
        status, body = self.call("POST", "/2015-03-31/functions", {
            "FunctionName": name, "Runtime": "provided.al2023", "Role": ROLE, "Handler": "bootstrap",
            "Code": {"ZipFile": base64.b64encode(zip_bytes).decode()}})
        if status != 201:
            raise RuntimeError(f"CreateFunction {name}: {status} {body[:200]}")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        self.log.close()


def wrk(url, connections, duration, script):
    threads = 1 if connections == 1 else 2
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency",
                          "-s", script, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(out):
    result = {"raw": out}
    result["p50_ms"] = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    result["p99_ms"] = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    result["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if sockets:
        errors += sum(int(g) for g in sockets.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        errors += int(non2xx.group(1))
    result["errors"] = errors
    return result


def zip_bootstrap(path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("bootstrap")
        info.create_system = 3
        info.external_attr = (0o100755 & 0xFFFF) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(path, "rb") as f:
            archive.writestr(info, f.read())
    return buffer.getvalue()


def bench_lemu(args, scratch, script):
    bootstrap = os.path.join(scratch, "bootstrap")
    compile_c(C_ECHO, bootstrap)
    package = zip_bootstrap(bootstrap)
    extra = ["--io-threads", str(args.io_threads)] if args.io_threads is not None else []
    lemu = Lemu(args.lemu, scratch, extra)
    results = {}
    try:
        time.sleep(1.0)  # let start-up settle before reading the idle footprint
        results["rss_idle_kb"] = status_kib(lemu.proc.pid)
        lemu.create_function("echo", package)
        status, _ = lemu.call("POST", "/2015-03-31/functions/echo/versions", {})
        assert status == 201, status
        status, _ = lemu.call("POST", "/2015-03-31/functions/echo/aliases", {"Name": "live", "FunctionVersion": "1"})
        assert status == 201, status
        status, body = lemu.call("POST", "/2015-03-31/functions/echo/invocations?Qualifier=live", b'{"warm":1}')
        assert status == 200 and body == b'{"warm":1}', (status, body)

        url = lemu.endpoint + "/2015-03-31/functions/echo/invocations?Qualifier=live"
        wrk(url, 16, 2, script)  # warm-up: 16 environments exist before measuring
        for connections in (1, 16):
            results[f"warm_{connections}"] = wrk(url, connections, args.duration, script)
            log(f"lemu {connections} conn: {results[f'warm_{connections}']['rps']:.0f}/s")

        cold = []
        for i in range(args.cold_runs):
            name = f"cold{i}"
            lemu.create_function(name, package)
            lemu.call("GET", f"/2015-03-31/functions/{name}/configuration")  # settles Pending -> Active
            started = time.perf_counter()
            status, body = lemu.call("POST", f"/2015-03-31/functions/{name}/invocations", b"{}")
            cold.append((time.perf_counter() - started) * 1000)
            assert status == 200 and body == b"{}", (status, body)
        results["cold_ms"] = cold
        results["rss_after_kb"] = status_kib(lemu.proc.pid)
        results["rss_peak_kb"] = status_kib(lemu.proc.pid, "VmHWM")
    finally:
        lemu.stop()
    return results


def bench_floor(args, scratch, script):
    binary = os.path.join(scratch, "floor_server")
    compile_c(os.path.join(HERE, "floor_server.c"), binary, "-lpthread")
    port_file = os.path.join(scratch, "floor.port")
    proc = subprocess.Popen([binary, port_file])
    try:
        deadline = time.monotonic() + 10
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if time.monotonic() > deadline:
                raise RuntimeError("floor server did not start")
            time.sleep(0.01)
        url = f"http://127.0.0.1:{open(port_file).read().strip()}/2015-03-31/functions/echo/invocations"
        return {f"warm_{c}": wrk(url, c, args.duration, script) for c in (1, 16)}
    finally:
        proc.kill()
        proc.wait()


def bench_peer(args, scratch, script):
    peer = args.peer_dir or os.path.join(scratch, "peer")
    os.makedirs(peer, exist_ok=True)
    with open(os.path.join(peer, "serverless.yml"), "w") as f:
        f.write(PEER_SERVERLESS_YML)
    with open(os.path.join(peer, "handler.js"), "w") as f:
        f.write(PEER_HANDLER)
    if not os.path.exists(os.path.join(peer, "node_modules", ".bin", "serverless")):
        with open(os.path.join(peer, "package.json"), "w") as f:
            json.dump({"name": "lemu-bench-peer", "private": True}, f)
        log(f"installing serverless@3 and serverless-offline@13 into {peer} ...")
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "serverless@3",
                        "serverless-offline@13"], cwd=peer, check=True, stdout=subprocess.DEVNULL)
    env = dict(os.environ, SLS_TELEMETRY_DISABLED="1", SLS_NOTIFICATIONS_MODE="off", AWS_ACCESS_KEY_ID="test",
               AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1")
    port = free_port()
    out = open(os.path.join(scratch, "peer.log"), "wb")
    proc = subprocess.Popen([os.path.join(peer, "node_modules", ".bin", "serverless"), "offline", "start",
                             "--useInProcess", "--lambdaPort", str(port), "--httpPort", str(free_port()),
                             "--websocketPort", str(free_port())],
                            cwd=peer, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/2015-03-31/functions/bench-dev-echo/invocations"
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("POST", urllib.parse.urlparse(url).path, body=b"{}")
                response = conn.getresponse()
                body = response.read()
                if response.status == 200:
                    break
                raise RuntimeError(f"peer answered {response.status}: {body[:200]}")
            except (ConnectionRefusedError, http.client.RemoteDisconnected):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("serverless-offline did not start; see peer.log")
                time.sleep(0.2)
        wrk(url, 16, 2, script)
        results = {f"warm_{c}": wrk(url, c, args.duration, script) for c in (1, 16)}
        results["rss_kb"] = sum(status_kib(int(p)) for p in subprocess.run(
            ["pgrep", "-g", str(os.getpgid(proc.pid))], capture_output=True, text=True).stdout.split())
        return results
    finally:
        os.killpg(os.getpgid(proc.pid), signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(os.getpgid(proc.pid), signal.SIGKILL)
        out.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def row(name, result):
    return (f"| {name} | {result['p50_ms']:.3f} | {result['p99_ms']:.3f} | {result['rps']:,.0f} | "
            f"{result['errors']} |")


def report(lemu, floor, peer):
    lines = ["| target | p50 ms | p99 ms | invokes/s | errors |", "|---|---:|---:|---:|---:|"]
    for c in (1, 16):
        lines.append(row(f"lemu, {c} conn", lemu[f"warm_{c}"]))
        lines.append(row(f"floor, {c} conn", floor[f"warm_{c}"]))
        if peer:
            lines.append(row(f"serverless-offline, {c} conn", peer[f"warm_{c}"]))
    cold = lemu["cold_ms"]
    lines.append("")
    lines.append(f"cold start (Invoke to response, new environment, C bootstrap): median {statistics.median(cold):.2f} ms,"
                 f" min {min(cold):.2f} ms, max {max(cold):.2f} ms over {len(cold)} runs")
    lines.append(f"lemu RSS: idle {lemu['rss_idle_kb'] / 1024:.1f} MB, after the runs {lemu['rss_after_kb'] / 1024:.1f}"
                 f" MB (peak {lemu['rss_peak_kb'] / 1024:.1f} MB)")
    if peer:
        lines.append(f"serverless-offline RSS after the runs: {peer['rss_kb'] / 1024:.1f} MB")
    goals = [
        ("1 conn p50 <= 0.20 ms", lemu["warm_1"]["p50_ms"] <= 0.20),
        ("1 conn >= 5,000 invokes/s", lemu["warm_1"]["rps"] >= 5000),
        ("16 conns >= 10,000 invokes/s", lemu["warm_16"]["rps"] >= 10000),
        ("16 conns zero errors", lemu["warm_16"]["errors"] == 0 and lemu["warm_1"]["errors"] == 0),
        ("cold start <= 2 ms", statistics.median(cold) <= 2.0),
        ("idle RSS <= 15 MB", lemu["rss_idle_kb"] <= 15 * 1024),
    ]
    lines.append("")
    lines += [f"- {'met' if ok else 'MISSED'}: {goal}" for goal, ok in goals]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lemu", default=os.path.join(ROOT, "build", "lemu"))
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--cold-runs", type=int, default=20)
    parser.add_argument("--io-threads", type=int, help="lemu up --io-threads (default: lemu's own default)")
    parser.add_argument("--no-peer", action="store_true", help="skip serverless-offline")
    parser.add_argument("--peer-dir", help="install serverless-offline here (kept for the next run)")
    parser.add_argument("--json", help="also write the raw results here")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="lemu-bench-invoke-")
    try:
        script = os.path.join(scratch, "post.lua")
        with open(script, "w") as f:
            f.write(WRK_SCRIPT)
        lemu = bench_lemu(args, scratch, script)
        floor = bench_floor(args, scratch, script)
        peer = None if args.no_peer else bench_peer(args, scratch, script)
        print(report(lemu, floor, peer))
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"lemu": lemu, "floor": floor, "peer": peer}, f, indent=1)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
