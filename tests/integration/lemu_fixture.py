"""Starts the real `lemu` binary for integration tests and hands out real AWS clients.

Every test class gets its own lemu on an ephemeral loopback port (`--empty --port 0 --ready-file`),
with dummy credentials, so tests never touch a real account and never depend on each other.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

import boto3
from botocore.config import Config

REGION = "us-east-1"
ACCOUNT = "000000000000"
BUILD_DIR = os.environ.get("LEMU_BUILD_DIR", "")


def lemu_binary():
    path = os.environ.get("LEMU_BIN")
    if not path:
        raise RuntimeError("LEMU_BIN is not set; run the integration tests through ctest")
    return path


def dummy_credentials_env():
    """An environment for child clients (awscli, node) that can never reach a real account."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION=REGION,
               AWS_REGION=REGION, AWS_EC2_METADATA_DISABLED="true")
    return env


def npm_ci(directory, package):
    """Installs `directory`'s pinned npm packages (`npm ci`) unless `package` is already there; skips the
    calling test when node or npm is not installed."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise unittest.SkipTest("node and npm are needed for this test")
    if not os.path.isdir(os.path.join(directory, "node_modules", *package.split("/"))):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=directory, check=True, timeout=600,
                       capture_output=True)


class Lemu:
    """One running lemu process."""

    def __init__(self, *extra_args, state_dir=None, empty=True, config=None, extra_env=None):
        self.tmp = tempfile.mkdtemp(prefix="lemu-it-")
        self.ready_file = os.path.join(self.tmp, "ready")
        self.log_path = os.path.join(self.tmp, "lemu.log")
        args = [lemu_binary(), "up"]
        if config:
            args.append(config)
        if empty:
            args.append("--empty")
        args += ["--port", "0", "--ready-file", self.ready_file, "--log-level", "debug"]
        if state_dir:
            args += ["--state-dir", state_dir]
        args += list(extra_args)
        self.args = args
        self.log = open(self.log_path, "wb")
        env = dummy_credentials_env()
        env.update(extra_env or {})
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.endpoint = self._wait_ready()

    def _wait_ready(self, timeout=20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"lemu exited with {self.proc.returncode}:\n{self.read_log()}")
            if os.path.exists(self.ready_file):
                with open(self.ready_file) as f:
                    url = f.readline().strip()
                if url:
                    return url
            time.sleep(0.01)
        raise RuntimeError(f"lemu not ready after {timeout}s:\n{self.read_log()}")

    def read_log(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def client(self, service, **kwargs):
        return boto3.client(
            service, endpoint_url=self.endpoint, region_name=REGION, aws_access_key_id="test",
            aws_secret_access_key="test",
            config=Config(retries={"max_attempts": 0}, read_timeout=120, connect_timeout=5,
                          **kwargs))

    def kill(self, sig=signal.SIGTERM, timeout=10):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def stop(self):
        code = self.kill()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return code


class LemuTestCase(unittest.TestCase):
    """A test class with one lemu for all its tests (`cls.lemu`, `cls.endpoint`)."""

    lemu_args = ()

    @classmethod
    def setUpClass(cls):
        cls.lemu = Lemu(*cls.lemu_args)
        cls.endpoint = cls.lemu.endpoint

    @classmethod
    def tearDownClass(cls):
        code = cls.lemu.stop()
        if code != 0:
            raise AssertionError(f"lemu exited with {code} on SIGTERM")

    def assertAwsError(self, ctx, code, message=None, status=None):
        """Checks a botocore ClientError caught with assertRaises."""
        err = ctx.exception.response
        self.assertEqual(err["Error"]["Code"], code, err)
        if message is not None:
            self.assertEqual(err["Error"]["Message"], message, err)
        if status is not None:
            self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], status, err)
