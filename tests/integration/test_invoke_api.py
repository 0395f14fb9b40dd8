"""The Invoke operation on the wire (runtime.md §4, test plan 12-18): raw HTTP and boto3 against the real
binary, exact statuses, headers and bodies; throttling; DryRun; client context; payload limits."""

import base64
import json
import os
import threading
import time

from invoke_helpers import ARN, b64, create, invoke_json, poll, raw_invoke, tmp_marks
from lemu_fixture import LemuTestCase

LIMIT = 6291456


class InvokeWireTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        create(cls.client, "wire", Timeout=30)

    def assertRawError(self, response, status, code, body):
        self.assertEqual(response.status, status, response.body)
        self.assertEqual(response.headers["x-amzn-errortype"], code)
        self.assertEqual(response.headers["content-type"], "application/json")
        self.assertTrue(response.headers["x-amzn-requestid"])
        self.assertEqual(response.json(), body)

    def test_raw_request_response(self):
        response = raw_invoke(self.endpoint, "wire", b'{"ok":1}')
        self.assertEqual(response.status, 200)
        self.assertEqual(response.body, b'{"ok":1}')
        self.assertEqual(response.headers["x-amz-executed-version"], "$LATEST")
        self.assertEqual(response.headers["content-type"], "application/json")
        self.assertNotIn("x-amz-function-error", response.headers)
        self.assertNotIn("x-amz-log-result", response.headers)
        self.assertTrue(response.headers["x-amzn-requestid"])

        whoami = raw_invoke(self.endpoint, "wire", b'{"action":"whoami"}')
        self.assertEqual(whoami.json()["id"], whoami.headers["x-amzn-requestid"])
        self.assertEqual(whoami.json()["arn"], ARN + "wire")

    def test_non_json_payload_is_rejected(self):
        for body in [b"not json", b"{", b'{"a":1', b"\x87\x00"]:
            with self.subTest(body=body):
                response = raw_invoke(self.endpoint, "wire", body)
                self.assertEqual(response.status, 400)
                self.assertEqual(response.headers["x-amzn-errortype"], "InvalidRequestContentException")
                error = response.json()
                self.assertEqual(list(error), ["Type", "message"])
                self.assertEqual(error["Type"], "User")
                self.assertTrue(error["message"].startswith(
                    "Could not parse request body into json: Could not parse payload into json: "), error)
        with self.assertRaises(self.client.exceptions.InvalidRequestContentException) as ctx:
            self.client.invoke(FunctionName="wire", Payload=b"not json")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_payload_size_limit(self):
        at_limit = b'"' + b"a" * (LIMIT - 2) + b'"'
        response = raw_invoke(self.endpoint, "wire", at_limit)
        self.assertEqual(response.status, 200)
        self.assertEqual(len(response.body), LIMIT)
        too_big = b'"' + b"a" * (LIMIT - 1) + b'"'
        refused = raw_invoke(self.endpoint, "wire", too_big)
        self.assertEqual(refused.status, 413)
        self.assertEqual(refused.headers["x-amzn-errortype"], "RequestEntityTooLargeException")
        self.assertEqual(refused.json()["message"],
                         "Request must be smaller than 6291456 bytes for the InvokeFunction operation")
        # botocore does not model this code: a generic ClientError with the wire code and status.
        from botocore.exceptions import ClientError
        with self.assertRaises(ClientError) as ctx:
            self.client.invoke(FunctionName="wire", Payload=too_big)
        self.assertAwsError(ctx, "RequestEntityTooLargeException",
                            "Request must be smaller than 6291456 bytes for the InvokeFunction operation", 413)
        # The server is still fine after refusing a large body.
        self.assertEqual(raw_invoke(self.endpoint, "wire", b"[1]").body, b"[1]")

    def test_client_context(self):
        context = {"custom": {"foo": "bar"}, "client": {"snap": ["crackle", "pop"]}, "env": {"fizz": "buzz"}}
        response = raw_invoke(self.endpoint, "wire", b'{"action":"headers"}',
                              headers={"X-Amz-Client-Context": b64(json.dumps(context))})
        self.assertEqual(response.status, 200)
        headers = {}
        for line in response.body.decode().splitlines():
            key, _, value = line.partition(": ")
            headers[key.lower()] = value
        self.assertEqual(json.loads(headers["lambda-runtime-client-context"]), context)
        self.assertEqual(headers["lambda-runtime-invoked-function-arn"], ARN + "wire")
        self.assertEqual(headers["lambda-runtime-aws-request-id"], response.headers["x-amzn-requestid"])
        self.assertRegex(headers["lambda-runtime-deadline-ms"], r"^\d{13}$")
        self.assertTrue(headers["lambda-runtime-trace-id"].startswith("Root=1-"))

        for bad in ["!!!", b64("not json"), b64("[1,2]")]:
            with self.subTest(client_context=bad):
                self.assertRawError(raw_invoke(self.endpoint, "wire", b"{}", headers={"X-Amz-Client-Context": bad}),
                                    400, "InvalidRequestContentException",
                                    {"Type": "User",
                                     "message": "Client context must be a valid Base64-encoded JSON object."})
        with self.assertRaises(self.client.exceptions.InvalidRequestContentException) as ctx:
            self.client.invoke(FunctionName="wire", Payload=b"{}", ClientContext="!!!")
        self.assertAwsError(ctx, "InvalidRequestContentException",
                            "Client context must be a valid Base64-encoded JSON object.", 400)

    def test_unknown_function_raw(self):
        self.assertRawError(raw_invoke(self.endpoint, "ghost", b"{}"), 404, "ResourceNotFoundException",
                            {"Type": "User", "Message": "Function not found: " + ARN + "ghost:$LATEST"})
        self.assertRawError(raw_invoke(self.endpoint, "wire", b"{}", qualifier="7"), 404,
                            "ResourceNotFoundException",
                            {"Type": "User", "Message": "Function not found: " + ARN + "wire:7"})

    def test_dry_run(self):
        response = self.client.invoke(FunctionName="wire", InvocationType="DryRun")
        self.assertEqual(response["StatusCode"], 204)
        self.assertEqual(response["Payload"].read(), b"")
        self.assertNotIn("ExecutedVersion", response)
        raw = raw_invoke(self.endpoint, "wire", b"{}", headers={"X-Amz-Invocation-Type": "DryRun"})
        self.assertEqual(raw.status, 204)
        self.assertEqual(raw.body, b"")
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
            self.client.invoke(FunctionName="ghost", InvocationType="DryRun")
        self.assertAwsError(ctx, "ResourceNotFoundException", "Function not found: " + ARN + "ghost:$LATEST", 404)
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
            self.client.invoke(FunctionName="wire", Qualifier="nope", InvocationType="DryRun")
        self.assertAwsError(ctx, "ResourceNotFoundException", "Function not found: " + ARN + "wire:nope", 404)

    def test_bad_header_values(self):
        response = raw_invoke(self.endpoint, "wire", b"{}", headers={"X-Amz-Invocation-Type": "Sometimes"})
        self.assertEqual(response.status, 400)
        self.assertEqual(response.headers["x-amzn-errortype"], "ValidationException")
        response = raw_invoke(self.endpoint, "wire", b"{}", headers={"X-Amz-Log-Type": "Everything"})
        self.assertEqual(response.status, 400)
        self.assertEqual(response.headers["x-amzn-errortype"], "ValidationException")


class ThrottleTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")

    THROTTLED = {"Reason": "ReservedFunctionConcurrentInvocationLimitExceeded", "Type": "User",
                 "message": "Rate Exceeded."}

    def test_reserved_zero(self):
        create(self.client, "zero")
        self.client.put_function_concurrency(FunctionName="zero", ReservedConcurrentExecutions=0)
        response = raw_invoke(self.endpoint, "zero", b"{}")
        self.assertEqual(response.status, 429)
        self.assertEqual(response.headers["x-amzn-errortype"], "TooManyRequestsException")
        self.assertEqual(response.body, json.dumps(self.THROTTLED, separators=(",", ":")).encode())
        with self.assertRaises(self.client.exceptions.TooManyRequestsException) as ctx:
            self.client.invoke(FunctionName="zero", Payload=b"{}")
        self.assertAwsError(ctx, "TooManyRequestsException", "Rate Exceeded.", 429)
        self.assertEqual(ctx.exception.response["Reason"], "ReservedFunctionConcurrentInvocationLimitExceeded")
        # Every qualifier shares the reservation.
        self.client.publish_version(FunctionName="zero")
        with self.assertRaises(self.client.exceptions.TooManyRequestsException):
            self.client.invoke(FunctionName="zero", Qualifier="1", Payload=b"{}")
        # Lifting it lets invocations through again.
        self.client.delete_function_concurrency(FunctionName="zero")
        self.assertEqual(self.client.invoke(FunctionName="zero", Payload=b"[0]")["Payload"].read(), b"[0]")

    def test_reserved_one_throttles_the_second_concurrent_invocation(self):
        marks = tmp_marks(self)
        create(self.client, "one", Timeout=30)
        self.client.publish_version(FunctionName="one")
        self.client.create_alias(FunctionName="one", Name="live", FunctionVersion="1")
        self.client.put_function_concurrency(FunctionName="one", ReservedConcurrentExecutions=1)
        mark = os.path.join(marks, "busy")
        slow = {}

        def hold():
            slow["response"], slow["body"] = invoke_json(self.client, "one",
                                                         {"action": "sleep", "seconds": 2, "mark": mark})

        thread = threading.Thread(target=hold)
        thread.start()
        try:
            poll(lambda: os.path.exists(mark), what="the first invocation to run")
            for qualifier in (None, "live", "1"):
                with self.subTest(qualifier=qualifier):
                    response = raw_invoke(self.endpoint, "one", b"{}", qualifier=qualifier)
                    self.assertEqual(response.status, 429)
                    self.assertEqual(response.json(), self.THROTTLED)
        finally:
            thread.join(60)
        self.assertEqual(slow["response"]["StatusCode"], 200)
        self.assertEqual(raw_invoke(self.endpoint, "one", b"[1]").body, b"[1]")


class AccountLimitTest(LemuTestCase):
    """`lemu up --concurrency-limit 2 --idle-timeout 1`: the account limit as GetAccountSettings,
    PutFunctionConcurrency and Invoke see it, and idle environments stopped after a second."""

    lemu_args = ("--concurrency-limit", "2", "--idle-timeout", "1")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")

    def test_limit_is_reported_and_enforced(self):
        limit = self.client.get_account_settings()["AccountLimit"]
        self.assertEqual((limit["ConcurrentExecutions"], limit["UnreservedConcurrentExecutions"]), (2, 2))
        create(self.client, "held", Timeout=30)
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            self.client.put_function_concurrency(FunctionName="held", ReservedConcurrentExecutions=1)
        self.assertAwsError(ctx, "InvalidParameterValueException",
                            "Specified ReservedConcurrentExecutions for function decreases account's "
                            "UnreservedConcurrentExecution below its minimum value of [2].", 400)

        marks = tmp_marks(self)
        threads = []
        for i in range(2):
            mark = os.path.join(marks, f"busy-{i}")
            threads.append(threading.Thread(target=invoke_json, args=(
                self.client, "held", {"action": "sleep", "seconds": 2, "mark": mark})))
            threads[-1].start()
            poll(lambda: os.path.exists(mark), what=f"invocation {i} to run")
        try:
            response = raw_invoke(self.endpoint, "held", b"{}")
            self.assertEqual(response.status, 429)
            self.assertEqual(response.json(), {"Reason": "ConcurrentInvocationLimitExceeded", "Type": "User",
                                               "message": "Rate Exceeded."})
        finally:
            for thread in threads:
                thread.join(60)
        self.assertEqual(raw_invoke(self.endpoint, "held", b"[2]").body, b"[2]")

    def test_idle_environment_is_stopped(self):
        create(self.client, "idle")

        def report():
            response = self.client.invoke(FunctionName="idle", Payload=b"{}", LogType="Tail")
            return [line for line in base64.b64decode(response["LogResult"]).decode().splitlines()
                    if line.startswith("REPORT")][0]

        self.assertIn("Init Duration", report())      # cold
        self.assertNotIn("Init Duration", report())   # warm: the same process
        time.sleep(2.5)  # idle for more than --idle-timeout plus the reaper's period (a quarter of it)
        self.assertIn("Init Duration", report())      # stopped while idle: cold again


def process_gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


class DeletionStopsEnvironmentsTest(LemuTestCase):
    """Deleting a version or a function stops its runtime processes (idle now, busy when they finish),
    instead of leaving them to the idle reaper."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")

    def test_deleted_version_and_function_take_their_processes(self):
        create(self.client, "gone", Timeout=30)
        self.client.publish_version(FunctionName="gone")
        _, v1 = invoke_json(self.client, "gone", {"action": "whoami"}, Qualifier="1")
        _, latest = invoke_json(self.client, "gone", {"action": "whoami"})
        self.assertNotEqual(v1["pid"], latest["pid"])

        self.client.delete_function(FunctionName="gone", Qualifier="1")
        poll(lambda: process_gone(v1["pid"]), timeout=10, what="version 1's process to stop")
        self.assertFalse(process_gone(latest["pid"]))  # $LATEST is untouched

        # A busy environment finishes its invocation, then stops.
        mark = os.path.join(tmp_marks(self), "busy")
        busy = {}
        thread = threading.Thread(target=lambda: busy.update(zip(("response", "body"), invoke_json(
            self.client, "gone", {"action": "sleep", "seconds": 1, "mark": mark}))))
        thread.start()
        poll(lambda: os.path.exists(mark), what="the invocation to run")
        self.client.delete_function(FunctionName="gone")
        thread.join(60)
        self.assertEqual(busy["response"]["StatusCode"], 200)
        self.assertEqual(busy["body"]["pid"], latest["pid"])
        poll(lambda: process_gone(latest["pid"]), timeout=10, what="$LATEST's process to stop")


if __name__ == "__main__":
    import unittest
    unittest.main()
