#!/usr/bin/env python3
"""Durable executions on lemu, driven by the real @aws/durable-execution-sdk-js, next to the SDK testing
package's LocalDurableTestRunner running the same handler in the same run.

Usage: bench/durable/bench_durable.py [--lemu build/lemu] [--runs 5] [--warmup 2] [--replay-steps 1000]
                                      [--checkpoints 2000] [--state-dir] [--no-local]

Measures (lemu: a warm nodejs20.x environment, a real process per function, version 1 of the function):
  * checkpoints/s through the API: CheckpointDurableExecution calls (one STEP START+SUCCEED each) over one
    keep-alive connection, with a live token taken from a parked invocation;
  * wall time of a 10-step handler (sync Invoke of `bench:1`, client-side), and of the same with a real
    1-second wait after step 5;
  * replay time of an execution with N completed steps: the second invocation (after a 1-second wait) replays
    N steps; its duration comes from the InvocationCompleted event;
  * SDK-driven steps/s of an N-step handler without a wait;
  * lemu's resident memory (VmRSS now, VmHWM peak).
The local runner numbers come from `local_runner.mjs` (same handler, same payloads), installed with `npm ci`
from local-runner/package-lock.json into a scratch directory.
--state-dir runs lemu with a journal, so every checkpoint is fsync'ed before it is answered.
"""

import argparse
import http.client
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
import zipfile

import boto3
from botocore.config import Config

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # bench/
from proc_status import status_kib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SDK_FIXTURE = os.path.join(ROOT, "tests", "fixtures", "durable")
ROLE = "arn:aws:iam::000000000000:role/bench"
LOGLEVEL = "warn"  # "debug" logs every request with its server-side time (where the time goes)
AUTH = ("AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, "
        "Signature=0")


def child_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1",
               AWS_DEFAULT_REGION="us-east-1", AWS_EC2_METADATA_DISABLED="true")
    return env


def npm_ci(directory):
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=directory, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=900)


def function_zip(source):
    if not os.path.isdir(os.path.join(SDK_FIXTURE, "node_modules", "@aws", "durable-execution-sdk-js")):
        npm_ci(SDK_FIXTURE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with open(os.path.join(HERE, source)) as f:
            archive.writestr("index.mjs", f.read())
        root = os.path.join(SDK_FIXTURE, "node_modules")
        for directory, _, files in os.walk(root):
            for name in sorted(files):
                path = os.path.join(directory, name)
                archive.write(path, os.path.relpath(path, SDK_FIXTURE))
    return buffer.getvalue()


class Lemu:
    def __init__(self, binary, state_dir):
        self.tmp = tempfile.mkdtemp(prefix="lemu-bench-durable-")
        ready = os.path.join(self.tmp, "ready")
        args = [binary, "up", "--empty", "--port", "0", "--ready-file", ready, "--log-level", LOGLEVEL]
        if state_dir:
            args += ["--state-dir", os.path.join(self.tmp, "state")]
        self.log = open(os.path.join(self.tmp, "lemu.log"), "wb")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=child_env())
        deadline = time.monotonic() + 30
        self.endpoint = None
        while not self.endpoint:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("lemu did not start")
            if os.path.exists(ready):
                with open(ready) as f:
                    self.endpoint = f.readline().strip() or None
            time.sleep(0.02)
        self.host = urllib.parse.urlsplit(self.endpoint).netloc
        self.client = boto3.client("lambda", endpoint_url=self.endpoint, region_name="us-east-1",
                                   aws_access_key_id="test", aws_secret_access_key="test",
                                   config=Config(retries={"max_attempts": 0}, read_timeout=300))

    def memory(self):
        return {field: status_kib(self.proc.pid, field) / 1024 for field in ("VmRSS", "VmHWM")}

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def request(conn, method, path, body=None, headers=None):
    all_headers = {"Authorization": AUTH, "Content-Type": "application/json"}
    all_headers.update(headers or {})
    conn.request(method, path, body=body, headers=all_headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, dict(response.getheaders()), data


def sync_invoke(conn, function, payload):
    """A RequestResponse Invoke of a durable function; returns (wall ms, ARN)."""
    started = time.perf_counter()
    status, headers, data = request(conn, "POST", f"/2015-03-31/functions/{function}/invocations",
                                    json.dumps(payload), {"X-Amz-Invocation-Type": "RequestResponse"})
    wall = (time.perf_counter() - started) * 1000
    if status != 200 or "X-Amz-Function-Error" in headers:
        raise RuntimeError(f"invoke failed: {status} {headers} {data[:500]!r}")
    return wall, headers["X-Amz-Durable-Execution-Arn"]


def history(client, arn):
    events, kwargs = [], {"DurableExecutionArn": arn, "MaxItems": 1000}
    while True:
        page = client.get_durable_execution_history(**kwargs)
        events += page["Events"]
        if not page.get("NextMarker"):
            return events
        kwargs["Marker"] = page["NextMarker"]


def invocation_durations(client, arn):
    """Server-side duration (ms) of each handler invocation, from the InvocationCompleted events."""
    out = []
    for event in history(client, arn):
        if event["EventType"] == "InvocationCompleted":
            d = event["InvocationCompletedDetails"]
            out.append((d["EndTimestamp"] - d["StartTimestamp"]).total_seconds() * 1000)
    return out


def setup_functions(lemu, bench_dir):
    c = lemu.client
    c.create_function(FunctionName="bench", Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
                      Code={"ZipFile": function_zip("handler.mjs")}, Timeout=120, MemorySize=1024,
                      DurableConfig={"ExecutionTimeout": 3600})
    c.publish_version(FunctionName="bench")
    c.create_function(FunctionName="grab", Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
                      Code={"ZipFile": function_zip("grab_token.mjs")}, Timeout=900,
                      Environment={"Variables": {"BENCH_DIR": bench_dir}}, DurableConfig={"ExecutionTimeout": 3600})
    c.publish_version(FunctionName="grab")


def checkpoint_rate(lemu, bench_dir, count):
    """CheckpointDurableExecution calls per second with a live token, one keep-alive connection."""
    c = lemu.client
    arn = c.invoke(FunctionName="grab:1", InvocationType="Event", Payload=b"{}")["DurableExecutionArn"]
    event_file = os.path.join(bench_dir, "event.json")
    deadline = time.monotonic() + 60
    while not os.path.exists(event_file):
        if time.monotonic() > deadline:
            raise RuntimeError("the token-grabbing handler did not start")
        time.sleep(0.01)
    with open(event_file) as f:
        token = json.load(f)["CheckpointToken"]
    path = f"/2025-12-01/durable-executions/{urllib.parse.quote(arn, safe='')}/checkpoint"
    conn = http.client.HTTPConnection(lemu.host)
    started = time.perf_counter()
    split = started
    for i in range(count):
        if i == count // 2:
            split = time.perf_counter()
        op = f"{i:016x}"
        body = json.dumps({"CheckpointToken": token, "ClientToken": str(uuid.uuid4()), "Updates": [
            {"Id": op, "Type": "STEP", "SubType": "Step", "Action": "START", "Name": f"step-{i}"},
            {"Id": op, "Type": "STEP", "SubType": "Step", "Action": "SUCCEED", "Payload": str(i)}]})
        status, _, data = request(conn, "POST", path, body)
        if status != 200:
            raise RuntimeError(f"checkpoint {i} failed: {status} {data[:300]!r}")
        token = json.loads(data)["CheckpointToken"]
    elapsed = time.perf_counter() - started
    conn.close()
    open(os.path.join(bench_dir, "release"), "w").close()
    deadline = time.monotonic() + 60
    while c.get_durable_execution(DurableExecutionArn=arn)["Status"] == "RUNNING":
        if time.monotonic() > deadline:
            raise RuntimeError("the token-grabbing execution did not close")
        time.sleep(0.05)
    # The second half runs against twice the operations of the first: a flat rate means a checkpoint's
    # cost does not grow with the execution's size.
    halves = ((count // 2) / (split - started), (count - count // 2) / (started + elapsed - split))
    return count / elapsed, halves


def lemu_cases(lemu, runs, warmup, replay_steps):
    conn = http.client.HTTPConnection(lemu.host)
    cases = {"ten": {"steps": 10}, "ten_wait": {"steps": 10, "waitSeconds": 1, "waitAfter": 5},
             "replay": {"steps": replay_steps, "waitSeconds": 1, "waitAfter": replay_steps},
             "many": {"steps": replay_steps}}
    results = {}
    for name, payload in cases.items():
        for _ in range(warmup):
            sync_invoke(conn, "bench:1", payload)
        results[name] = []
        for _ in range(runs):
            wall, arn = sync_invoke(conn, "bench:1", payload)
            results[name].append({"wall": wall, "invocations": invocation_durations(lemu.client, arn)})
    conn.close()
    return cases, results


def local_runner(cases, runs, warmup):
    scratch = tempfile.mkdtemp(prefix="lemu-bench-local-runner-")
    try:
        for name in ("package.json", "package-lock.json"):
            shutil.copy(os.path.join(HERE, "local-runner", name), scratch)
        for name in ("handler.mjs", "local_runner.mjs"):
            shutil.copy(os.path.join(HERE, name), scratch)
        npm_ci(scratch)
        spec = json.dumps({"runs": runs, "warmup": warmup, "cases": cases})
        out = subprocess.run(["node", "local_runner.mjs", spec], cwd=scratch, check=True, capture_output=True,
                             text=True, timeout=1800, env=child_env()).stdout
        line = next(l for l in out.splitlines() if l.startswith("BENCH_RESULT "))
        return json.loads(line[len("BENCH_RESULT "):])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def median(values):
    return statistics.median(values) if values else float("nan")


def summarize(results, steps):
    ten = median([r["wall"] for r in results["ten"]])
    ten_wait = median([r["wall"] for r in results["ten_wait"]])
    replay = median([r["invocations"][-1] for r in results["replay"]])
    many = median([r["wall"] for r in results["many"]])
    return {"ten": ten, "ten_wait": ten_wait, "replay": replay, "steps_per_s": steps / many * 1000}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lemu", default=os.path.join(ROOT, "build", "lemu"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--replay-steps", type=int, default=1000)
    parser.add_argument("--checkpoints", type=int, default=2000)
    parser.add_argument("--state-dir", action="store_true", help="journal every checkpoint (fsync) to a state dir")
    parser.add_argument("--no-local", action="store_true", help="skip the LocalDurableTestRunner baseline")
    args = parser.parse_args()

    lemu = Lemu(args.lemu, args.state_dir)
    bench_dir = tempfile.mkdtemp(prefix="lemu-bench-grab-")
    try:
        idle = lemu.memory()
        setup_functions(lemu, bench_dir)
        cps, halves = checkpoint_rate(lemu, bench_dir, args.checkpoints)
        cases, lemu_results = lemu_cases(lemu, args.runs, args.warmup, args.replay_steps)
        memory = lemu.memory()
    finally:
        lemu.stop()
        shutil.rmtree(bench_dir, ignore_errors=True)
    local = None if args.no_local else summarize(local_runner(cases, args.runs, args.warmup), args.replay_steps)
    mine = summarize(lemu_results, args.replay_steps)

    def row(label, key, unit, fmt="{:,.1f}"):
        theirs = fmt.format(local[key]) if local else "-"
        print(f"| {label} | {fmt.format(mine[key])} {unit} | {theirs} {unit if local else ''} |")

    journal = "journal on (--state-dir, fsync per checkpoint)" if args.state_dir else "no --state-dir"
    print(f"\nlemu ({journal}), median of {args.runs} runs after {args.warmup} warm-up runs\n")
    print("| measure | lemu | LocalDurableTestRunner |")
    print("|---|---:|---:|")
    print(f"| CheckpointDurableExecution calls/s (HTTP, keep-alive, {args.checkpoints} calls; first half / "
          f"second half {halves[0]:,.0f} / {halves[1]:,.0f}) | {cps:,.0f} /s | - |")
    row("10 steps, no wait (wall)", "ten", "ms")
    row("10 steps + real 1 s wait (wall)", "ten_wait", "ms")
    row(f"replay of {args.replay_steps} completed steps (2nd invocation)", "replay", "ms")
    row(f"{args.replay_steps} steps without a wait, SDK-driven", "steps_per_s", "steps/s", "{:,.0f}")
    print(f"\nlemu memory: {idle['VmRSS']:.1f} MiB idle; {memory['VmRSS']:.1f} MiB after the run "
          f"(peak {memory['VmHWM']:.1f} MiB)")
    ten_breakdown = [round(x, 1) for x in lemu_results["ten"][0]["invocations"]]
    wait_breakdown = [round(x, 1) for x in lemu_results["ten_wait"][0]["invocations"]]
    print(f"lemu handler invocations (server-side ms): 10 steps {ten_breakdown}; with the wait {wait_breakdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
