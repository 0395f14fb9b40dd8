"""The `lemu up` command line and the edge port's plumbing, against the real binary."""

import json
import os
import signal
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.request

from lemu_fixture import Lemu, LemuTestCase, lemu_binary


class CommandLineTest(unittest.TestCase):
    def run_lemu(self, *args):
        return subprocess.run([lemu_binary(), *args], capture_output=True, text=True, timeout=30)

    def test_version_and_help(self):
        self.assertEqual(self.run_lemu("--version").stdout.strip(), "0.1.0")
        out = self.run_lemu("up", "--help")
        self.assertEqual(out.returncode, 0)
        for flag in ("--empty", "--host", "--port", "--ready-file", "--state-dir", "--region", "--account",
                     "--log-level"):
            self.assertIn(flag, out.stdout)

    def test_bad_flags_exit_2_with_a_message(self):
        for args in (["up", "--no-such-flag"], ["up", "--port", "notaport"], ["up", "--account", "12"],
                     ["up", "--log-level", "loud"], ["up", "/no/such/config.json"]):
            out = self.run_lemu(*args)
            self.assertEqual(out.returncode, 2, args)
            self.assertTrue(out.stderr.strip(), args)

    def test_bad_config_exits_2_naming_the_json_path(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "lemu.json")
            for text, where in (('{"functions": [{"name": "f"}]}', "$.functions[0].runtime"),
                                ('{"functions": 3}', "$.functions"), ("{not json", "$")):
                with open(path, "w") as f:
                    f.write(text)
                out = self.run_lemu("up", path, "--port", "0")
                self.assertEqual(out.returncode, 2, text)
                self.assertIn(f"config error at {where}:", out.stderr)

    def test_ready_line_ready_file_and_clean_stop(self):
        lemu = Lemu()
        try:
            self.assertRegex(lemu.endpoint, r"^http://127\.0\.0\.1:\d+$")
            with open(lemu.ready_file) as f:
                self.assertEqual(f.readline().strip(), lemu.endpoint)
            self.assertEqual(lemu.kill(signal.SIGINT), 0)
            self.assertIn(f"lemu ready at {lemu.endpoint}", lemu.read_log())
        finally:
            lemu.stop()

    def test_port_in_use_fails(self):
        first = Lemu()
        try:
            port = first.endpoint.rsplit(":", 1)[1]
            out = self.run_lemu("up", "--empty", "--port", port)
            self.assertNotEqual(out.returncode, 0)
            self.assertIn("cannot start", out.stderr)
        finally:
            first.stop()


class EdgePortTest(LemuTestCase):
    def get(self, path):
        try:
            with urllib.request.urlopen(self.endpoint + path, timeout=10) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def test_health(self):
        status, _, body = self.get("/_lemu/health")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["status"], "ok")

    def test_unknown_route_is_an_aws_shaped_404(self):
        status, headers, body = self.get("/no/such/thing")
        self.assertEqual(status, 404)
        self.assertEqual(headers["x-amzn-ErrorType"], "UnknownOperationException")
        self.assertIn("message", json.loads(body))
        self.assertRegex(headers["x-amzn-RequestId"], r"^[0-9a-f-]{36}$")


if __name__ == "__main__":
    unittest.main()
