#!/usr/bin/env python3
"""SQS throughput of lemu next to moto's server: the same JSON 1.0 requests, sent by the same client.

Usage: bench/sqs/bench_sqs.py [--lemu build/lemu] [--messages 4000] [--threads 1] [--keep-alive]

Phases, each on a fresh queue: SendMessage one by one; SendMessageBatch (10 per call); ReceiveMessage
(10 per call) + DeleteMessageBatch until the queue is empty. Prints calls/s and messages/s per server, the
lemu/moto ratio, and each server's resident memory (VmRSS now, VmHWM peak) from /proc.
The client is plain http.client (TCP_NODELAY, a new connection per call unless --keep-alive), so it costs both
servers the same.
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # bench/
from proc_status import status_kib  # noqa: E402

HEADERS = {"Content-Type": "application/x-amz-json-1.0",
           "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, "
                            "SignedHeaders=host, Signature=0"}


class Server:
    def __init__(self, name, args, endpoint=None, ready_file=None, env=None):
        self.name = name
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.endpoint = endpoint
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {self.proc.returncode}")
            if ready_file and os.path.exists(ready_file):
                with open(ready_file) as f:
                    self.endpoint = f.readline().strip() or None
            if self.endpoint and self.reachable():
                return
            time.sleep(0.05)
        raise RuntimeError(f"{name} did not start")

    def reachable(self):
        try:
            status, _ = call(self.endpoint, "ListQueues", {})
            return status == 200
        except (OSError, http.client.HTTPException):
            return False

    def memory(self):
        return {field: status_kib(self.proc.pid, field) // 1024 for field in ("VmRSS", "VmHWM")}

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


_local = threading.local()
KEEP_ALIVE = False  # moto's server stalls on delayed ACKs over keep-alive connections; fresh ones are fair to both


def call(endpoint, operation, payload):
    host = urllib.parse.urlsplit(endpoint).netloc
    conns = getattr(_local, "conns", None)
    if conns is None:
        conns = _local.conns = {}
    conn = conns.get(host) if KEEP_ALIVE else None
    if conn is None:
        conn = conns[host] = http.client.HTTPConnection(host, timeout=60)
        conn.connect()
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    body = json.dumps(payload)
    try:
        conn.request("POST", "/", body, dict(HEADERS, **{"X-Amz-Target": f"AmazonSQS.{operation}"}))
        response = conn.getresponse()
        data = response.read()
    except (OSError, http.client.HTTPException):
        conn.close()
        del conns[host]
        raise
    if not KEEP_ALIVE:
        conn.close()
    return response.status, json.loads(data) if data else {}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_parallel(threads, work):
    """Runs work(thread_index) on `threads` threads; returns elapsed seconds."""
    errors = []

    def wrapped(i):
        try:
            work(i)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    pool = [threading.Thread(target=wrapped, args=(i,)) for i in range(threads)]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - started


def create(endpoint, name):
    status, body = call(endpoint, "CreateQueue", {"QueueName": name})
    assert status == 200, body
    return body["QueueUrl"]


def bench(server, messages, threads):
    ep = server.endpoint
    results = {}
    per_thread = messages // threads

    url = create(ep, "bench-send")

    def send(_):
        for i in range(per_thread):
            status, body = call(ep, "SendMessage", {"QueueUrl": url, "MessageBody": f"message {i}",
                                                    "MessageAttributes": {"n": {"DataType": "Number",
                                                                                "StringValue": str(i)}}})
            assert status == 200, body

    elapsed = run_parallel(threads, send)
    results["SendMessage"] = (per_thread * threads / elapsed, per_thread * threads / elapsed)

    url = create(ep, "bench-batch")

    def send_batch(_):
        for i in range(per_thread // 10):
            entries = [{"Id": str(k), "MessageBody": f"batch {i}-{k}"} for k in range(10)]
            status, body = call(ep, "SendMessageBatch", {"QueueUrl": url, "Entries": entries})
            assert status == 200 and len(body.get("Successful", [])) == 10, body

    elapsed = run_parallel(threads, send_batch)
    calls = threads * (per_thread // 10)
    results["SendMessageBatch"] = (calls / elapsed, calls * 10 / elapsed)

    received = [0] * threads
    receive_calls = [0] * threads

    def drain(t):
        empty = 0
        while empty < 2:
            status, body = call(ep, "ReceiveMessage", {"QueueUrl": url, "MaxNumberOfMessages": 10,
                                                       "VisibilityTimeout": 60})
            assert status == 200, body
            receive_calls[t] += 1
            batch = body.get("Messages", [])
            if not batch:
                empty += 1
                continue
            received[t] += len(batch)
            entries = [{"Id": str(k), "ReceiptHandle": m["ReceiptHandle"]} for k, m in enumerate(batch)]
            status, body = call(ep, "DeleteMessageBatch", {"QueueUrl": url, "Entries": entries})
            assert status == 200 and len(body.get("Successful", [])) == len(entries), body
            receive_calls[t] += 1

    elapsed = run_parallel(threads, drain)
    results["Receive+DeleteBatch"] = (sum(receive_calls) / elapsed, sum(received) / elapsed)
    if sum(received) != calls * 10:
        print(f"  note: {server.name} drained {sum(received)} of {calls * 10} batch messages", file=sys.stderr)
    return results


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--lemu", default=os.path.join(here, "..", "..", "build", "lemu"))
    parser.add_argument("--messages", type=int, default=4000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--keep-alive", action="store_true", help="reuse connections (moto handles this poorly)")
    args = parser.parse_args()
    global KEEP_ALIVE
    KEEP_ALIVE = args.keep_alive

    tmp = tempfile.mkdtemp(prefix="lemu-bench-")
    ready = os.path.join(tmp, "ready")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    servers = []
    try:
        servers.append(Server("lemu", [args.lemu, "up", "--empty", "--port", "0", "--ready-file", ready,
                                       "--log-level", "warn"], ready_file=ready, env=env))
        if True:  # moto is imported in the server process; a missing moto fails loudly
            port = free_port()
            servers.append(Server("moto", [sys.executable, "-m", "moto.server", "-p", str(port)],
                                  endpoint=f"http://127.0.0.1:{port}", env=env))
        table = {}
        for server in servers:
            idle = server.memory()
            table[server.name] = (bench(server, args.messages, args.threads), idle, server.memory())
        mode = "keep-alive" if KEEP_ALIVE else "a new connection per call"
        print(f"{args.messages} messages per phase, {args.threads} client threads, {mode}\n")
        print(f"{'phase':<22}" + "".join(f"{name + ' calls/s':>16}{name + ' msg/s':>14}" for name in table) +
              ("  lemu/moto" if len(table) == 2 else ""))
        for phase in table["lemu"][0]:
            row = f"{phase:<22}"
            for name in table:
                calls, msgs = table[name][0][phase]
                row += f"{calls:>16.0f}{msgs:>14.0f}"
            if len(table) == 2:
                row += f"  {table['lemu'][0][phase][1] / table['moto'][0][phase][1]:>8.1f}x"
            print(row)
        print()
        for name, (_, idle, after) in table.items():
            print(f"{name}: RSS idle {idle['VmRSS']} MiB, after {after['VmRSS']} MiB, peak {after['VmHWM']} MiB")
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
