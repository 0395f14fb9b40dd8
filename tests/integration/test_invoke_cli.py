"""A few `aws lambda invoke` (awscli) calls against the real binary."""

import base64
import json
import os
import subprocess
import tempfile

from invoke_helpers import ARN, create, probe_zip
from lemu_fixture import REGION, LemuTestCase, dummy_credentials_env


class AwsCliInvokeTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        create(cls.client, "cli-invoke", probe_zip())
        cls.client.publish_version(FunctionName="cli-invoke")
        cls.client.create_alias(FunctionName="cli-invoke", Name="live", FunctionVersion="1")

    def invoke(self, *args, payload=None):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.json")
            command = ["aws", "lambda", "invoke", *args, "--endpoint-url", self.endpoint, "--region", REGION,
                       "--output", "json"]
            if payload is not None:
                # awscli v1 sends a string --payload as is; v2 would need --cli-binary-format raw-in-base64-out.
                command += ["--payload", payload]
            result = subprocess.run(command + [out], capture_output=True, text=True, timeout=60,
                                    env=dummy_credentials_env())
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(out, "rb") as f:
                return json.loads(result.stdout), f.read()

    def test_invoke_latest(self):
        meta, body = self.invoke("--function-name", "cli-invoke", payload='{"action":"whoami"}')
        self.assertEqual(meta, {"StatusCode": 200, "ExecutedVersion": "$LATEST"})
        self.assertEqual(json.loads(body)["arn"], ARN + "cli-invoke")

    def test_invoke_alias_with_log_tail(self):
        meta, body = self.invoke("--function-name", "cli-invoke", "--qualifier", "live", "--log-type", "Tail",
                                 payload='{"action":"whoami"}')
        self.assertEqual(meta["StatusCode"], 200)
        self.assertEqual(meta["ExecutedVersion"], "1")
        whoami = json.loads(body)
        self.assertEqual(whoami["arn"], ARN + "cli-invoke:live")
        tail = base64.b64decode(meta["LogResult"]).decode()
        self.assertIn(f"START RequestId: {whoami['id']} Version: 1\n", tail)
        self.assertIn(f"REPORT RequestId: {whoami['id']}\t", tail)

    def test_invoke_event_and_function_error(self):
        meta, body = self.invoke("--function-name", ARN + "cli-invoke:live", "--invocation-type", "Event",
                                 payload="{}")
        self.assertEqual(meta, {"StatusCode": 202})
        self.assertEqual(body, b"")
        meta, body = self.invoke("--function-name", "cli-invoke", payload='{"action":"error"}')
        self.assertEqual(meta, {"StatusCode": 200, "FunctionError": "Unhandled", "ExecutedVersion": "$LATEST"})
        self.assertEqual(json.loads(body)["errorType"], "ValueError")

    def test_invoke_unknown_function_fails(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = subprocess.run(
                ["aws", "lambda", "invoke", "--function-name", "nope", "--endpoint-url", self.endpoint, "--region",
                 REGION, os.path.join(tmp, "out.json")], capture_output=True, text=True, timeout=60,
                env=dummy_credentials_env())
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("ResourceNotFoundException", result.stderr)
        self.assertIn("Function not found: " + ARN + "nope:$LATEST", result.stderr)


if __name__ == "__main__":
    import unittest
    unittest.main()
