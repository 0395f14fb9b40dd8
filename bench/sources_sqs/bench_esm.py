#!/usr/bin/env python3
"""SQS -> event source mapping -> function throughput of lemu.

Usage: bench/sources_sqs/bench_esm.py [--lemu build/lemu] [--messages 20000] [--batch-size 10]
                                     [--concurrency 5] [--runtime native|python]

Fills a queue with --messages messages while the mapping is disabled, enables it, and measures how long the
mapping takes to deliver every message to the function and delete it (lemu's /_lemu/esm counters), i.e.
messages/s end to end: long-poll receive, event building, one synchronous invoke per batch through the
Invoker and the Runtime API, delete. Prints messages/s, batches/s and lemu's resident memory (VmRSS now,
VmHWM peak) from /proc. `--runtime native` runs tests/fixtures/runtimes/c_echo_bootstrap.c as a provided.al2023
function
(lemu's own cost), `--runtime python` a python3.12 handler through lemu's shim.

Other benchmarks can import run_esm_benchmark(endpoint, ...) and pass an already running lemu.
"""

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

import boto3
from botocore.config import Config

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # bench/
from proc_status import status_kib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_HANDLER = "def handler(event, context):\n    return {}\n"


def zip_of(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (content, mode) in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (mode & 0xFFFF) << 16
            info.create_system = 3
            archive.writestr(info, content)
    return buffer.getvalue()


def native_zip():
    build = tempfile.mkdtemp(prefix="lemu-bench-esm-")
    try:
        binary = os.path.join(build, "bootstrap")
        subprocess.run(["cc", "-O2", "-o", binary, os.path.join(HERE, "..", "..", "tests", "fixtures", "runtimes",
                                                                 "c_echo_bootstrap.c")],
                       check=True)
        with open(binary, "rb") as f:
            return zip_of({"bootstrap": (f.read(), 0o100755)})
    finally:
        shutil.rmtree(build, ignore_errors=True)


def clients(endpoint):
    config = Config(retries={"max_attempts": 0}, read_timeout=120, max_pool_connections=16)
    kwargs = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                  aws_secret_access_key="test", config=config)
    return boto3.client("lambda", **kwargs), boto3.client("sqs", **kwargs)


def esm_stats(endpoint, uuid):
    with urllib.request.urlopen(f"{endpoint}/_lemu/esm", timeout=10) as r:
        return json.loads(r.read()).get(uuid, {})


def run_esm_benchmark(endpoint, messages=20000, batch_size=10, concurrency=5, runtime="native", name="bench-esm"):
    """Runs one measurement against a running lemu; returns a dict of figures."""
    lam, sqs = clients(endpoint)
    if runtime == "native":
        lam.create_function(FunctionName=name, Runtime="provided.al2023", Role="arn:aws:iam::000000000000:role/r",
                            Handler="bootstrap", Code={"ZipFile": native_zip()})
    else:
        lam.create_function(FunctionName=name, Runtime="python3.12", Role="arn:aws:iam::000000000000:role/r",
                            Handler="app.handler", Code={"ZipFile": zip_of({"app.py": (PYTHON_HANDLER, 0o100644)})})
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    window = 1 if batch_size > 10 else 0
    uuid = lam.create_event_source_mapping(FunctionName=name, EventSourceArn=arn, BatchSize=batch_size,
                                           MaximumBatchingWindowInSeconds=window, Enabled=False,
                                           ScalingConfig={"MaximumConcurrency": concurrency})["UUID"]
    for start in range(0, messages, 10):
        count = min(10, messages - start)
        sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "MessageBody": json.dumps({"n": start + i, "pad": "x" * 64})} for i in range(count)])
    started = time.perf_counter()
    lam.update_event_source_mapping(UUID=uuid, Enabled=True)
    deadline = started + 600
    while True:
        stats = esm_stats(endpoint, uuid)
        if stats.get("deleted", 0) >= messages:
            break
        if time.perf_counter() > deadline:
            raise RuntimeError(f"only {stats.get('deleted', 0)} of {messages} messages processed")
        time.sleep(0.01)
    elapsed = time.perf_counter() - started
    lam.delete_event_source_mapping(UUID=uuid)
    return {"runtime": runtime, "messages": messages, "batch_size": batch_size, "concurrency": concurrency,
            "seconds": elapsed, "messages_per_s": messages / elapsed,
            "batches_per_s": stats.get("batches", 0) / elapsed, "batches": stats.get("batches", 0)}


def memory(pid):
    return {field: status_kib(pid, field) // 1024 for field in ("VmRSS", "VmHWM")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lemu", default=os.path.join(HERE, "..", "..", "build", "lemu"))
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=5)
    parser.add_argument("--runtime", choices=("native", "python"), default="native")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="lemu-bench-esm-")
    ready = os.path.join(tmp, "ready")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    log = open(os.path.join(tmp, "lemu.log"), "wb")
    proc = subprocess.Popen([args.lemu, "up", "--empty", "--port", "0", "--ready-file", ready, "--log-level",
                             "warn"], stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 30
        while not (os.path.exists(ready) and open(ready).read().strip()):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("lemu did not start")
            time.sleep(0.01)
        endpoint = open(ready).read().strip()
        idle = memory(proc.pid)
        result = run_esm_benchmark(endpoint, args.messages, args.batch_size, args.concurrency, args.runtime)
        after = memory(proc.pid)
        print(f"runtime {result['runtime']}, {result['messages']} messages, batch {result['batch_size']}, "
              f"MaximumConcurrency {result['concurrency']}")
        print(f"  {result['messages_per_s']:,.0f} messages/s, {result['batches_per_s']:,.0f} batches/s "
              f"({result['batches']} batches in {result['seconds']:.2f} s)")
        print(f"  lemu RSS: {idle['VmRSS']} MiB idle, {after['VmRSS']} MiB after (peak {after['VmHWM']} MiB)")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
