"""AWS's own Node.js runtime interface client (aws-lambda-ric from npm, native aws-lambda-cpp client) as
the runtime of a provided.al2023 function, through the real binary: create with boto3, invoke through
an alias. ctest installs the package into tests/fixtures/functions/node-ric first (`npm ci`)."""

import io
import json
import os
import zipfile

from invoke_helpers import ARN, create, invoke_json
from lemu_fixture import LemuTestCase

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "functions", "node-ric")


def fixture_zip():
    """The fixture with its node_modules, modes and symlinks (node_modules/.bin) kept."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for dirpath, dirnames, filenames in os.walk(FIXTURE):
            dirnames.sort()
            for filename in sorted(filenames):
                path = os.path.join(dirpath, filename)
                relative = os.path.relpath(path, FIXTURE)
                info = zipfile.ZipInfo(relative)
                info.create_system = 3
                if os.path.islink(path):
                    info.external_attr = (0o120777 & 0xFFFF) << 16
                    archive.writestr(info, os.readlink(path))
                    continue
                mode = os.stat(path).st_mode
                info.external_attr = (mode & 0xFFFF) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as f:
                    archive.writestr(info, f.read())
    return buffer.getvalue()


class NodeRicTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        ric = os.path.join(FIXTURE, "node_modules", ".bin", "aws-lambda-ric")
        if not os.path.exists(ric):
            raise AssertionError(f"{ric} is missing: run `npm ci` in {FIXTURE} (ctest does it first)")
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        cls.zip = fixture_zip()

    def test_ric_through_an_alias(self):
        create(self.client, "node-ric", self.zip, handler="index.handler", Timeout=30)
        self.client.publish_version(FunctionName="node-ric")
        self.client.create_alias(FunctionName="node-ric", Name="live", FunctionVersion="1")

        response, body = invoke_json(self.client, "node-ric", {"from": "lemu"}, Qualifier="live")
        self.assertEqual(response["StatusCode"], 200)
        self.assertNotIn("FunctionError", response, body)
        self.assertEqual(response["ExecutedVersion"], "1")
        self.assertEqual(body["event"], {"from": "lemu"})
        self.assertEqual(body["awsRequestId"], response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"])
        self.assertEqual(body["invokedFunctionArn"], ARN + "node-ric:live")
        self.assertEqual(body["functionName"], "node-ric")
        self.assertGreater(body["remaining"], 0)
        self.assertLessEqual(body["remaining"], 30000)

        # Warm: the same RIC process answers again.
        for payload in ([1, 2], "text", None):
            with self.subTest(payload=payload):
                response, body = invoke_json(self.client, "node-ric", payload, Qualifier="live")
                self.assertEqual(body["event"], payload)

    def test_ric_error_shapes(self):
        create(self.client, "node-ric-fail", self.zip, handler="index.fail", Timeout=30)
        response, error = invoke_json(self.client, "node-ric-fail", {})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error["errorType"], "RangeError")
        self.assertEqual(error["errorMessage"], "out of range")
        self.assertEqual(error["trace"][0], "RangeError: out of range")

        create(self.client, "node-ric-missing", self.zip, handler="index.absent", Timeout=30)
        response, error = invoke_json(self.client, "node-ric-missing", {})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error["errorType"], "Runtime.HandlerNotFound")
        self.assertEqual(json.dumps(error["errorMessage"]), json.dumps("index.absent is undefined or not exported"))


if __name__ == "__main__":
    import unittest
    unittest.main()
