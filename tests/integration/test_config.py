"""`lemu up` with no config (the embedded quickstart) and with a config file: resources are created
through the same operations the AWS APIs use, and a refused one exits 2 naming the JSON path."""

import json
import os
import subprocess
import tempfile
import unittest

from lemu_fixture import Lemu, dummy_credentials_env, lemu_binary


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


class QuickstartTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lemu = Lemu(empty=False)

    @classmethod
    def tearDownClass(cls):
        cls.lemu.stop()

    def test_quickstart_has_two_versions_and_a_weighted_alias(self):
        client = self.lemu.client("lambda")
        versions = [v["Version"] for v in client.list_versions_by_function(FunctionName="quickstart")["Versions"]]
        self.assertEqual(versions, ["$LATEST", "1", "2"])
        alias = client.get_alias(FunctionName="quickstart", Name="live")
        self.assertEqual(alias["FunctionVersion"], "1")
        self.assertEqual(alias["RoutingConfig"], {"AdditionalVersionWeights": {"2": 0.1}})
        self.assertIn("aws --endpoint-url", self.lemu.read_log())

    def test_the_readme_cli_command_invokes_the_alias(self):
        with tempfile.TemporaryDirectory() as d:
            event = os.path.join(d, "event.json")
            out = os.path.join(d, "out.json")
            write(event, '{"name":"you"}')
            seen = set()
            for _ in range(3):
                run = subprocess.run(["aws", "--endpoint-url", self.lemu.endpoint, "lambda", "invoke",
                                      "--function-name", "quickstart:live", "--payload", f"fileb://{event}", out],
                                     capture_output=True, text=True, env=dummy_credentials_env(), timeout=60)
                self.assertEqual(run.returncode, 0, run.stderr)
                self.assertIn(json.loads(run.stdout)["ExecutedVersion"], ("1", "2"))
                with open(out) as f:
                    body = json.load(f)
                self.assertEqual(body["invoked_arn"],
                                 "arn:aws:lambda:us-east-1:000000000000:function:quickstart:live")
                seen.add(body["code"])
            self.assertTrue(seen <= {"v1", "v2"})


class ConfigFileTest(unittest.TestCase):
    def make_config(self, d, config):
        write(os.path.join(d, "fn", "bootstrap"),
              "#!/bin/sh\n"
              "while true; do\n"
              "  h=$(mktemp); curl -sS -D \"$h\" -o /dev/null \"http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next\"\n"
              "  id=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' \"$h\" | tr -d '\\r' | cut -d' ' -f2)\n"
              "  curl -sS -o /dev/null -X POST -d \"{\\\"version\\\":\\\"$AWS_LAMBDA_FUNCTION_VERSION\\\",\\\"greeting\\\":\\\"$GREETING\\\"}\" "
              "\"http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/$id/response\"\n"
              "done\n", 0o755)
        path = os.path.join(d, "lemu.json")
        write(path, json.dumps(config))
        return path

    def test_resources_are_created_and_run(self):
        with tempfile.TemporaryDirectory() as d:
            path = self.make_config(d, {
                "functions": [{
                    "name": "greeter", "runtime": "provided.al2023", "handler": "unused", "code": "fn",
                    "environment": {"GREETING": "hi"},
                    "versions": [{"description": "one"}, {"environment": {"GREETING": "hello"}}],
                    "aliases": [{"name": "live", "version": "2"}],
                    "permissions": [{"sid": "s3", "qualifier": "live", "principal": "s3.amazonaws.com",
                                     "source_arn": "arn:aws:s3:::uploads"}]}],
                "queues": [{"name": "jobs", "attributes": {"VisibilityTimeout": "45"}}],
                "buckets": [{"name": "uploads", "notifications": [
                    {"id": "cfg1", "function": "greeter:live", "events": ["s3:ObjectCreated:*"], "prefix": "in/"}]}],
            })
            lemu = Lemu(config=path, empty=False)
            try:
                fn = lemu.client("lambda")
                out = fn.invoke(FunctionName="greeter", Qualifier="live")
                self.assertEqual(out["ExecutedVersion"], "2")
                self.assertEqual(json.loads(out["Payload"].read()), {"version": "2", "greeting": "hello"})
                one = json.loads(fn.invoke(FunctionName="greeter:1")["Payload"].read())
                self.assertEqual(one, {"version": "1", "greeting": "hi"})
                self.assertEqual(fn.get_function(FunctionName="greeter:1")["Configuration"]["Description"], "one")
                policy = json.loads(fn.get_policy(FunctionName="greeter", Qualifier="live")["Policy"])
                self.assertEqual(policy["Statement"][0]["Sid"], "s3")
                sqs = lemu.client("sqs")
                url = sqs.get_queue_url(QueueName="jobs")["QueueUrl"]
                attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])["Attributes"]
                self.assertEqual(attrs["VisibilityTimeout"], "45")
                notification = lemu.client("s3").get_bucket_notification_configuration(Bucket="uploads")
                config = notification["LambdaFunctionConfigurations"][0]
                self.assertEqual(config["Id"], "cfg1")
                self.assertEqual(config["LambdaFunctionArn"],
                                 "arn:aws:lambda:us-east-1:000000000000:function:greeter:live")
            finally:
                self.assertEqual(lemu.stop(), 0)

    def test_restart_on_a_state_directory_keeps_what_it_restored(self):
        with tempfile.TemporaryDirectory() as d:
            path = self.make_config(d, {
                "layers": [{"name": "tools", "code": "fn"}],
                "functions": [{"name": "greeter", "runtime": "provided.al2023", "handler": "unused", "code": "fn",
                               "versions": [{"description": "one"}], "aliases": [{"name": "live", "version": "1"}]}],
                "queues": [{"name": "jobs"}],
                "event_source_mappings": [{"queue": "jobs", "function": "greeter:live"}],
            })
            state = os.path.join(d, "state")
            for start in (1, 2):
                lemu = Lemu(config=path, empty=False, state_dir=state)
                try:
                    fn = lemu.client("lambda")
                    versions = [v["Version"] for v in fn.list_versions_by_function(FunctionName="greeter")["Versions"]]
                    self.assertEqual(versions, ["$LATEST", "1"], f"start {start}")
                    layers = fn.list_layer_versions(LayerName="tools")["LayerVersions"]
                    self.assertEqual([l["Version"] for l in layers], [1], f"start {start}")
                    self.assertEqual(len(fn.list_event_source_mappings(FunctionName="greeter:live")[
                        "EventSourceMappings"]), 1, f"start {start}")
                    lemu.client("sqs").get_queue_url(QueueName="jobs")  # in memory: created again
                finally:
                    self.assertEqual(lemu.stop(), 0)

    def test_a_refused_resource_exits_2_naming_the_path(self):
        with tempfile.TemporaryDirectory() as d:
            path = self.make_config(d, {
                "functions": [{"name": "greeter", "runtime": "provided.al2023", "handler": "unused", "code": "fn",
                               "permissions": [{"sid": "s3", "qualifier": "nope", "principal": "s3.amazonaws.com"}]}],
            })
            run = subprocess.run([lemu_binary(), "up", path, "--port", "0"], capture_output=True, text=True,
                                 timeout=60, env=dummy_credentials_env())
            self.assertEqual(run.returncode, 2, run.stderr)
            self.assertIn("config error at $.functions[0].permissions[0]: AddPermission failed with 404 "
                          "ResourceNotFoundException: Cannot find alias arn: "
                          "arn:aws:lambda:us-east-1:000000000000:function:greeter:nope", run.stderr)


if __name__ == "__main__":
    unittest.main()
