"""Python, Node.js and shell (provided.al2023) functions through the real binary: context fields, error
shapes, init errors, crashes, timeouts and the environment the function sees (runtime.md §2-§3)."""

import base64
import json
import os
import re
import threading

from control_helpers import make_zip
from invoke_helpers import ARN, b64, create, invoke_json, poll, probe_zip, tmp_marks
from lemu_fixture import Lemu, LemuTestCase

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "functions")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def fixture_zip(name, executable=()):
    """Zips tests/fixtures/functions/<name> (files only, modes kept for `executable`)."""
    root = os.path.join(FIXTURES, name)
    files, modes = {}, {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]  # left by other tests running the fixture
        for filename in filenames:
            path = os.path.join(dirpath, filename)
            relative = os.path.relpath(path, root)
            with open(path, "rb") as f:
                files[relative] = f.read()
            modes[relative] = 0o100755 if os.access(path, os.X_OK) or relative in executable else 0o100644
    return make_zip(files, modes)


class ManagedRuntimeTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")

    def test_python_context_and_error_shape(self):
        create(self.client, "py", fixture_zip("python-handler"), runtime="python3.12", handler="handler.context",
               MemorySize=256)
        context = {"custom": {"foo": "bar"}, "client": {"snap": ["crackle", "pop"]}, "env": {"fizz": "buzz"}}
        response, body = invoke_json(self.client, "py", {"x": 1}, ClientContext=b64(json.dumps(context)))
        self.assertEqual(response["StatusCode"], 200)
        self.assertNotIn("FunctionError", response)
        request_id = response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"]
        self.assertRegex(request_id, UUID)
        self.assertEqual(body["event"], {"x": 1})
        self.assertEqual(body["aws_request_id"], request_id)
        self.assertEqual(body["invoked_function_arn"], ARN + "py")
        self.assertEqual(body["function_name"], "py")
        self.assertEqual(body["function_version"], "$LATEST")
        self.assertEqual(body["memory_limit_in_mb"], "256")
        self.assertGreater(body["remaining"], 0)
        self.assertLessEqual(body["remaining"], 3000)
        self.assertEqual(body["log_group_name"], "/aws/lambda/py")
        self.assertRegex(body["log_stream_name"], r"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$")
        self.assertEqual(body["client_custom"], {"foo": "bar"})
        self.assertEqual(body["execution_env"], "AWS_Lambda_python3.12")
        self.assertTrue(body["trace_id"].startswith("Root=1-"), body["trace_id"])
        self.assertEqual(body["count"], 1)
        _, warm = invoke_json(self.client, "py", {"x": 2})
        self.assertEqual(warm["count"], 2)  # the same process: module state survives
        self.assertIsNone(warm["client_custom"])

        self.client.update_function_configuration(FunctionName="py", Handler="handler.fail")
        response, error = invoke_json(self.client, "py", {})
        self.assertEqual(response["StatusCode"], 200)
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(response["ExecutedVersion"], "$LATEST")
        self.assertEqual(list(error), ["errorMessage", "errorType", "requestId", "stackTrace"])
        self.assertEqual(error["errorMessage"], "Handler fails")
        self.assertEqual(error["errorType"], "ValueError")
        self.assertEqual(error["requestId"], response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"])
        self.assertTrue(any("raise ValueError" in line for line in error["stackTrace"]), error)

        self.client.update_function_configuration(FunctionName="py", Handler="handler.nothing")
        response, nothing = invoke_json(self.client, "py", {})
        self.assertIsNone(nothing)
        self.assertNotIn("FunctionError", response)

    def test_python_init_errors(self):
        create(self.client, "py-import", fixture_zip("python-import-error"), runtime="python3.12",
               handler="handler.handler")
        response, error = invoke_json(self.client, "py-import", {})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error["errorType"], "Runtime.ImportModuleError")
        self.assertEqual(error["errorMessage"],
                         "Unable to import module 'handler': No module named 'missing_module_for_lemu_tests'")
        self.assertEqual(error["requestId"], "")

        create(self.client, "py-init", fixture_zip("python-init-exception"), runtime="python3.12",
               handler="handler.handler")
        response, error = invoke_json(self.client, "py-init", {})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error["errorType"], "Exception")
        self.assertEqual(error["errorMessage"], "Runtime startup fails")
        # The environment is discarded: the next invocation initialises again and fails the same way.
        response, again = invoke_json(self.client, "py-init", {})
        self.assertEqual(again["errorMessage"], "Runtime startup fails")

        create(self.client, "py-nohandler", fixture_zip("python-handler"), runtime="python3.12",
               handler="handler.absent")
        response, error = invoke_json(self.client, "py-nohandler", {})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error["errorType"], "Runtime.HandlerNotFound")
        self.assertEqual(error["errorMessage"], "Handler 'absent' missing on module 'handler'")

    def test_node_context_and_error_shape(self):
        create(self.client, "node", fixture_zip("node-handler"), runtime="nodejs20.x", handler="index.context",
               MemorySize=512)
        self.client.publish_version(FunctionName="node")
        self.client.create_alias(FunctionName="node", Name="live", FunctionVersion="1")
        response, body = invoke_json(self.client, "node", [1, 2], Qualifier="live")
        self.assertEqual(response["ExecutedVersion"], "1")
        request_id = response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"]
        self.assertEqual(body["event"], [1, 2])
        self.assertEqual(body["awsRequestId"], request_id)
        self.assertEqual(body["invokedFunctionArn"], ARN + "node:live")
        self.assertEqual(body["functionName"], "node")
        self.assertEqual(body["functionVersion"], "1")
        self.assertEqual(body["memoryLimitInMB"], "512")
        self.assertGreater(body["remaining"], 0)
        self.assertEqual(body["logGroupName"], "/aws/lambda/node")
        self.assertRegex(body["logStreamName"], r"^\d{4}/\d{2}/\d{2}/\[1\][0-9a-f]{32}$")
        self.assertTrue(body["callbackWaitsForEmptyEventLoop"])
        self.assertEqual(body["executionEnv"], "AWS_Lambda_nodejs20.x")

        self.client.update_function_configuration(FunctionName="node", Handler="index.fail")
        response, error = invoke_json(self.client, "node", {})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(list(error), ["errorType", "errorMessage", "trace"])
        self.assertEqual(error["errorType"], "TypeError")
        self.assertEqual(error["errorMessage"], "Handler fails")
        self.assertEqual(error["trace"][0], "TypeError: Handler fails")

        self.client.update_function_configuration(FunctionName="node", Handler="index.notAFunction")
        response, error = invoke_json(self.client, "node", {})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error["errorType"], "Runtime.HandlerNotFound")
        self.assertEqual(error["errorMessage"], "index.notAFunction is not a function")


class CustomRuntimeFailureTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        create(cls.client, "probe", Timeout=30)
        create(cls.client, "probe-timeout", Timeout=2)

    def rid(self, response):
        return response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"]

    def test_echo_and_any_json_value(self):
        for payload in [{"a": [1, 2]}, "text", 1, None, True, [1, 2]]:
            with self.subTest(payload=payload):
                response = self.client.invoke(FunctionName="probe", Payload=json.dumps(payload))
                self.assertEqual(json.loads(response["Payload"].read()), payload)
                self.assertNotIn("FunctionError", response)
        empty = self.client.invoke(FunctionName="probe", Payload=b"")
        self.assertEqual(empty["Payload"].read(), b"{}")

    def test_function_error_keeps_the_process(self):
        _, first = invoke_json(self.client, "probe", {"action": "whoami"})
        response = self.client.invoke(FunctionName="probe", Payload=json.dumps({"action": "error"}))
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(response["Payload"].read(),
                         b'{"errorMessage":"boom","errorType":"ValueError","stackTrace":[]}')
        _, after = invoke_json(self.client, "probe", {"action": "whoami"})
        self.assertEqual(after["pid"], first["pid"])

    def test_timeout_answers_sandbox_timedout_and_the_next_invoke_gets_a_fresh_process(self):
        _, before = invoke_json(self.client, "probe-timeout", {"action": "whoami"})
        response, error = invoke_json(self.client, "probe-timeout", {"action": "sleep", "seconds": 10})
        self.assertEqual(response["StatusCode"], 200)
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(response["ExecutedVersion"], "$LATEST")
        self.assertEqual(list(error), ["errorType", "errorMessage"])
        self.assertEqual(error["errorType"], "Sandbox.Timedout")
        self.assertRegex(error["errorMessage"],
                         r"^RequestId: " + self.rid(response) + r" Error: Task timed out after 2\.\d\d seconds$")
        _, after = invoke_json(self.client, "probe-timeout", {"action": "whoami"})
        self.assertNotEqual(after["pid"], before["pid"])
        self.assertEqual(after["count"], 1)  # a new runtime: its first invocation

    def test_crashes_answer_runtime_exit_error(self):
        cases = [
            ({"action": "exit", "code": 0}, "Runtime exited without providing a reason"),
            ({"action": "exit", "code": 3}, "Runtime exited with error: exit status 3"),
            ({"action": "kill"}, "Runtime exited with error: signal: killed"),
        ]
        for event, reason in cases:
            with self.subTest(event=event):
                response, error = invoke_json(self.client, "probe", event)
                self.assertEqual(response["FunctionError"], "Unhandled")
                self.assertEqual(error, {"errorType": "Runtime.ExitError",
                                         "errorMessage": f"RequestId: {self.rid(response)} Error: {reason}"})
                _, fresh = invoke_json(self.client, "probe", {"action": "whoami"})
                self.assertEqual(fresh["count"], 1)

    def test_init_errors(self):
        create(self.client, "init-error", fixture_zip("sh-init-error"))
        response, error = invoke_json(self.client, "init-error", {})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error, {"errorMessage": "Unable to import module 'x': No module named 'x'",
                                 "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []})

        create(self.client, "crash-init", fixture_zip("sh-crash-init"))
        response, error = invoke_json(self.client, "crash-init", {})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error, {"errorType": "Runtime.ExitError",
                                 "errorMessage": f"RequestId: {self.rid(response)} Error: Runtime exited with "
                                                 "error: exit status 3"})

        create(self.client, "no-bootstrap", make_zip({"README": "no bootstrap here\n"}))
        response, error = invoke_json(self.client, "no-bootstrap", {})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error, {"errorType": "Runtime.InvalidEntrypoint",
                                 "errorMessage": f"RequestId: {self.rid(response)} Error: Couldn't find valid "
                                                 "bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"})

    def test_response_too_large(self):
        response, error = invoke_json(self.client, "probe", {"action": "big", "bytes": 6291557})
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error, {"errorMessage": "Response payload size exceeded maximum allowed payload size "
                                                 "(6291556 bytes).",
                                 "errorType": "Function.ResponseSizeTooLarge"})
        # Just under the limit passes untouched, and the environment stays usable.
        response = self.client.invoke(FunctionName="probe", Payload=json.dumps({"action": "big", "bytes": 6291556}))
        self.assertNotIn("FunctionError", response)
        self.assertEqual(len(response["Payload"].read()), 6291556)

    def test_log_tail(self):
        response = self.client.invoke(FunctionName="probe", LogType="Tail",
                                      Payload=json.dumps({"action": "log", "lines": 500}))
        tail = base64.b64decode(response["LogResult"]).decode()
        self.assertLessEqual(len(tail.encode()), 4096)
        rid = self.rid(response)
        self.assertRegex(tail, r"REPORT RequestId: " + rid + r"\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\t"
                                                             r"Memory Size: 128 MB\tMax Memory Used: \d+ MB\t"
                                                             r"(Init Duration: \d+\.\d\d ms\t)?\n$")
        self.assertIn("log line 500\n", tail)
        self.assertNotIn("log line 1\n", tail)  # only the last 4 KB
        plain = self.client.invoke(FunctionName="probe", Payload=json.dumps({"action": "whoami"}))
        self.assertNotIn("LogResult", plain)
        # lemu's own log: every line of the function, prefixed with function, executed version and request id.
        prefix = r"\[function\] probe:\$LATEST \[" + rid + r"\] "
        poll(lambda: re.search(prefix + r"REPORT RequestId: ", self.lemu.read_log()), what="the REPORT line")
        log = self.lemu.read_log()
        self.assertRegex(log, prefix + r"START RequestId: " + rid + r" Version: \$LATEST\n")
        self.assertRegex(log, prefix + r"log line 1\n")
        self.assertRegex(log, prefix + r"log line 500\n")
        self.assertRegex(log, prefix + r"END RequestId: " + rid + r"\n")
        self.assertRegex(log, prefix + r"REPORT RequestId: " + rid + r"\tDuration: ")


class EnvironmentTest(LemuTestCase):
    """lemu runs with credentials in its own environment; functions must never see them."""

    @classmethod
    def setUpClass(cls):
        cls.lemu = Lemu(extra_env={"AWS_SECRET_ACCESS_KEY": "developer-secret-do-not-leak",
                                   "AWS_SESSION_TOKEN": "developer-token", "LEMU_DEVELOPER_SHELL": "leaky"})
        cls.endpoint = cls.lemu.endpoint
        cls.client = cls.lemu.client("lambda")

    def env_of(self, name, **kwargs):
        response = self.client.invoke(FunctionName=name, Payload=json.dumps({"action": "env"}), **kwargs)
        text = response["Payload"].read().decode()
        env = {}
        for line in text.splitlines():
            key, _, value = line.partition("=")
            env[key] = value
        return env

    def test_allow_list_and_no_leakage(self):
        create(self.client, "envf", MemorySize=256, Environment={"Variables": {"USER_KEY": "user value"}})
        env = self.env_of("envf")
        self.assertEqual(env["AWS_LAMBDA_FUNCTION_NAME"], "envf")
        self.assertEqual(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], "256")
        self.assertEqual(env["AWS_LAMBDA_FUNCTION_VERSION"], "$LATEST")
        self.assertEqual(env["AWS_LAMBDA_LOG_GROUP_NAME"], "/aws/lambda/envf")
        self.assertRegex(env["AWS_LAMBDA_LOG_STREAM_NAME"], r"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$")
        self.assertEqual(env["AWS_LAMBDA_INITIALIZATION_TYPE"], "on-demand")
        self.assertEqual(env["TZ"], ":UTC")
        self.assertEqual(env["AWS_REGION"], "us-east-1")
        self.assertEqual(env["AWS_DEFAULT_REGION"], "us-east-1")
        self.assertEqual(env["_HANDLER"], "bootstrap")
        self.assertEqual(env["USER_KEY"], "user value")
        self.assertRegex(env["AWS_LAMBDA_RUNTIME_API"], r"^127\.0\.0\.1:\d+$")
        self.assertNotIn("AWS_EXECUTION_ENV", env)
        self.assertEqual(env["CWD"], env["LAMBDA_TASK_ROOT"])
        # Nothing from the developer's shell: dummy credentials, no stray variables.
        self.assertNotEqual(env["AWS_SECRET_ACCESS_KEY"], "developer-secret-do-not-leak")
        self.assertNotEqual(env.get("AWS_SESSION_TOKEN"), "developer-token")
        self.assertNotIn("LEMU_DEVELOPER_SHELL", env)
        self.assertNotIn("developer-secret-do-not-leak", json.dumps(env))
        self.assertNotIn("HOME", env)

    def test_version_environment(self):
        create(self.client, "envv", Environment={"Variables": {"STAGE": "one"}})
        self.client.publish_version(FunctionName="envv")
        self.client.update_function_configuration(FunctionName="envv", Environment={"Variables": {"STAGE": "two"}})
        self.assertEqual(self.env_of("envv", Qualifier="1")["STAGE"], "one")
        self.assertEqual(self.env_of("envv", Qualifier="1")["AWS_LAMBDA_FUNCTION_VERSION"], "1")
        self.assertEqual(self.env_of("envv")["STAGE"], "two")

    def test_concurrent_invocations_run_in_separate_processes(self):
        marks = tmp_marks(self)
        create(self.client, "par", Timeout=30)
        results = []

        def run(i):
            _, body = invoke_json(self.client, "par", {"action": "barrier", "dir": marks, "count": 3})
            results.append(body)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(len(results), 3)
        # One invocation per process at a time: three overlapping invocations need three runtimes.
        self.assertEqual(len({r["pid"] for r in results}), 3)


if __name__ == "__main__":
    import unittest
    unittest.main()
