"""A few `aws lambda ...` (awscli) calls against lemu: the CLI's own serialization must work unchanged."""

import json
import os
import subprocess
import tempfile
import unittest

from control_helpers import ARN, ROLE, make_zip
from lemu_fixture import REGION, LemuTestCase, dummy_credentials_env


class AwsCliTest(LemuTestCase):
    def aws(self, *args, expect_failure=False):
        result = subprocess.run(["aws", "lambda", *args, "--endpoint-url", self.endpoint, "--region", REGION,
                                 "--output", "json"], capture_output=True, text=True, timeout=60,
                                env=dummy_credentials_env())
        if expect_failure:
            self.assertNotEqual(result.returncode, 0, result.stdout)
            return result.stderr
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout) if result.stdout.strip() else None

    def test_cli_lifecycle(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "fn.zip")
            with open(path, "wb") as f:
                f.write(make_zip())
            created = self.aws("create-function", "--function-name", "cli-fn", "--runtime", "provided.al2023",
                               "--role", ROLE, "--handler", "bootstrap", "--zip-file", f"fileb://{path}")
        self.assertEqual(created["FunctionArn"], ARN + "cli-fn")
        self.assertEqual(self.aws("publish-version", "--function-name", "cli-fn")["Version"], "1")
        self.aws("update-function-configuration", "--function-name", "cli-fn", "--description", "two")
        self.assertEqual(self.aws("publish-version", "--function-name", "cli-fn")["Version"], "2")
        alias = self.aws("create-alias", "--function-name", "cli-fn", "--name", "live", "--function-version", "1",
                         "--routing-config", "AdditionalVersionWeights={2=0.25}")
        self.assertEqual(alias["RoutingConfig"], {"AdditionalVersionWeights": {"2": 0.25}})
        statement = self.aws("add-permission", "--function-name", "cli-fn", "--qualifier", "live",
                             "--statement-id", "s3", "--action", "lambda:InvokeFunction",
                             "--principal", "s3.amazonaws.com", "--source-arn", "arn:aws:s3:::bucket")
        self.assertEqual(json.loads(statement["Statement"])["Resource"], ARN + "cli-fn:live")
        policy = json.loads(self.aws("get-policy", "--function-name", "cli-fn:live")["Policy"])
        self.assertEqual([s["Sid"] for s in policy["Statement"]], ["s3"])
        versions = self.aws("list-versions-by-function", "--function-name", "cli-fn")["Versions"]
        self.assertEqual([v["Version"] for v in versions], ["$LATEST", "1", "2"])
        error = self.aws("get-policy", "--function-name", "cli-fn", expect_failure=True)
        self.assertIn("An error occurred (ResourceNotFoundException) when calling the GetPolicy operation: "
                      "The resource you requested does not exist.", error)
        self.aws("delete-function", "--function-name", "cli-fn")
        error = self.aws("get-function", "--function-name", "cli-fn", expect_failure=True)
        self.assertIn(f"Function not found: {ARN}cli-fn", error)


if __name__ == "__main__":
    unittest.main()
