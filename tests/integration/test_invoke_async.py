"""Event invocations through the real binary (runtime.md §4.D, test plan 16 and 19): 202 at once, the
function runs in the background, a failing function is tried twice more with the same request id, and
PutFunctionEventInvokeConfig's MaximumRetryAttempts is honoured. lemu runs with --async-retry-scale so
AWS's 1 and 2 minute retry delays take 0.6 and 1.2 seconds."""

import json
import os
import re

from invoke_helpers import create, poll, raw_invoke, read_lines, tmp_marks
from lemu_fixture import LemuTestCase


class EventInvokeTest(LemuTestCase):
    lemu_args = ("--async-retry-scale", "0.01")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")

    def setUp(self):
        self.marks = tmp_marks(self)

    def make(self, name, **kwargs):
        create(self.client, name, Environment={"Variables": {"MARK_DIR": self.marks}}, **kwargs)

    def send(self, name, event, **kwargs):
        response = self.client.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps(event),
                                      **kwargs)
        self.assertEqual(response["StatusCode"], 202)
        self.assertEqual(response["Payload"].read(), b"")
        self.assertNotIn("ExecutedVersion", response)
        self.assertNotIn("x-amz-executed-version", response["ResponseMetadata"]["HTTPHeaders"])
        self.assertNotIn("FunctionError", response)
        return response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"]

    def gave_up(self, request_id):
        """The log line lemu writes when an event is finally dropped: (attempts, condition) or None."""
        match = re.search(r"gave up after (\d+) attempts \((\w+)\) rid=" + re.escape(request_id),
                          self.lemu.read_log())
        return (int(match.group(1)), match.group(2)) if match else None

    def test_event_runs_in_the_background(self):
        self.make("bg")
        request_id = self.send("bg", {"action": "record", "file": "bg", "payload": "hello"})
        lines = poll(lambda: read_lines(os.path.join(self.marks, "bg")), what="the event to run")
        self.assertEqual(lines, [f"{request_id} hello"])

        raw = raw_invoke(self.endpoint, "bg", b'{"action":"record","file":"raw","payload":"x"}',
                         headers={"X-Amz-Invocation-Type": "Event"})
        self.assertEqual(raw.status, 202)
        self.assertEqual(raw.body, b"")
        self.assertNotIn("x-amz-executed-version", raw.headers)
        poll(lambda: read_lines(os.path.join(self.marks, "raw")), what="the raw event to run")

    def test_failing_event_is_retried_twice_with_the_same_request_id(self):
        self.make("flaky")
        request_id = self.send("flaky", {"action": "record", "file": "flaky", "payload": "p", "fail": "yes"})
        poll(lambda: self.gave_up(request_id), timeout=60, what="the retries to end")
        self.assertEqual(self.gave_up(request_id), (3, "RetriesExhausted"))
        self.assertEqual(read_lines(os.path.join(self.marks, "flaky")), [f"{request_id} p"] * 3)

    def test_maximum_retry_attempts(self):
        self.make("limited")
        self.client.publish_version(FunctionName="limited")
        self.client.create_alias(FunctionName="limited", Name="live", FunctionVersion="1")
        self.client.put_function_event_invoke_config(FunctionName="limited", MaximumRetryAttempts=0)
        self.client.put_function_event_invoke_config(FunctionName="limited", Qualifier="live",
                                                     MaximumRetryAttempts=1)
        cases = [(None, "latest", 1), ("live", "alias", 2), ("1", "version", 3)]  # version 1 has no config
        for qualifier, file, runs in cases:
            with self.subTest(qualifier=qualifier):
                kwargs = {"Qualifier": qualifier} if qualifier else {}
                request_id = self.send("limited", {"action": "record", "file": file, "payload": "p", "fail": "yes"},
                                       **kwargs)
                poll(lambda: self.gave_up(request_id), timeout=60, what="the retries to end")
                self.assertEqual(self.gave_up(request_id), (runs, "RetriesExhausted"))
                self.assertEqual(read_lines(os.path.join(self.marks, file)), [f"{request_id} p"] * runs)

    def test_success_is_not_retried(self):
        self.make("once")
        request_id = self.send("once", {"action": "record", "file": "once", "payload": "p"})
        poll(lambda: read_lines(os.path.join(self.marks, "once")), what="the event to run")
        # A later event on the same function runs after the first one completed: no retry slipped in.
        second = self.send("once", {"action": "record", "file": "once", "payload": "q"})
        poll(lambda: len(read_lines(os.path.join(self.marks, "once"))) >= 2, what="the second event")
        self.assertEqual(read_lines(os.path.join(self.marks, "once")), [f"{request_id} p", f"{second} q"])

    def test_zero_reserved_concurrency_accepts_and_drops(self):
        self.make("dropped")
        self.client.put_function_concurrency(FunctionName="dropped", ReservedConcurrentExecutions=0)
        request_id = self.send("dropped", {"action": "record", "file": "dropped", "payload": "p"})
        poll(lambda: re.search(r"dropped: reserved concurrency is 0 \(ZeroReservedConcurrency\) rid=" + request_id,
                               self.lemu.read_log()), what="the drop to be logged")
        self.assertEqual(read_lines(os.path.join(self.marks, "dropped")), [])

    def test_event_payload_limit_and_unknown_function(self):
        big = b'"' + b"a" * (1024 * 1024 - 1) + b'"'
        response = raw_invoke(self.endpoint, "nope-event", big, headers={"X-Amz-Invocation-Type": "Event"})
        self.assertEqual(response.status, 413)
        self.assertEqual(response.headers["x-amzn-errortype"], "RequestEntityTooLargeException")
        self.assertEqual(response.json()["message"],
                         "1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)")
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
            self.client.invoke(FunctionName="nope-event", InvocationType="Event", Payload=b"{}")
        self.assertAwsError(ctx, "ResourceNotFoundException",
                            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope-event:$LATEST",
                            404)


if __name__ == "__main__":
    import unittest
    unittest.main()
