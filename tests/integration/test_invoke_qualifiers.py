"""Invoke through $LATEST, a version and an alias (weighted or moved) against the real binary.

What the caller sees (X-Amz-Executed-Version) and what the runtime sees (the invoked ARN, the version it
runs) must agree with control-plane.md facts 52-58 and runtime.md facts 6 and 47.
"""

import json
import math
import os
import threading

from invoke_helpers import ARN, create, invoke_json, poll, tmp_marks
from lemu_fixture import LemuTestCase


class QualifierInvokeTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")

    def publish_with_tag(self, name, tag):
        self.client.update_function_configuration(FunctionName=name, Environment={"Variables": {"TAG": tag}})
        self.client.get_function_configuration(FunctionName=name)  # settles the update
        return self.client.publish_version(FunctionName=name)["Version"]

    def test_latest_version_and_alias(self):
        create(self.client, "quals", Environment={"Variables": {"TAG": "one"}})
        v1 = self.client.publish_version(FunctionName="quals")["Version"]
        v2 = self.publish_with_tag("quals", "two")
        self.client.create_alias(FunctionName="quals", Name="live", FunctionVersion=v1)
        self.client.update_function_configuration(FunctionName="quals", Environment={"Variables": {"TAG": "three"}})
        self.client.get_function_configuration(FunctionName="quals")

        cases = [
            # (FunctionName, Qualifier, executed version, ARN the runtime sees, TAG)
            ("quals", None, "$LATEST", ARN + "quals", "three"),
            ("quals", "$LATEST", "$LATEST", ARN + "quals:$LATEST", "three"),
            ("quals", v1, "1", ARN + "quals:1", "one"),
            ("quals", v2, "2", ARN + "quals:2", "two"),
            ("quals", "live", "1", ARN + "quals:live", "one"),
            ("quals:live", None, "1", ARN + "quals:live", "one"),
            (ARN + "quals:2", None, "2", ARN + "quals:2", "two"),
            (ARN + "quals", "live", "1", ARN + "quals:live", "one"),
        ]
        for name, qualifier, executed, arn, tag in cases:
            with self.subTest(name=name, qualifier=qualifier):
                kwargs = {"Qualifier": qualifier} if qualifier else {}
                response, body = invoke_json(self.client, name, {"action": "whoami"}, **kwargs)
                self.assertEqual(response["StatusCode"], 200)
                self.assertEqual(response["ExecutedVersion"], executed)
                self.assertNotIn("FunctionError", response)
                self.assertEqual(body["arn"], arn)
                self.assertEqual(body["version"], executed)
                self.assertEqual(body["tag"], tag)
                headers = response["ResponseMetadata"]["HTTPHeaders"]
                self.assertEqual(headers["x-amzn-requestid"], body["id"])

    def test_weighted_alias_split_matches_the_weight(self):
        create(self.client, "weighted")
        v1 = self.publish_with_tag("weighted", "one")
        v2 = self.publish_with_tag("weighted", "two")
        weight = 0.3
        self.client.create_alias(FunctionName="weighted", Name="canary", FunctionVersion=v1,
                                 RoutingConfig={"AdditionalVersionWeights": {v2: weight}})
        n = 400
        counts = {"1": 0, "2": 0}
        for _ in range(n):
            response, body = invoke_json(self.client, "weighted", {"action": "whoami"}, Qualifier="canary")
            executed = response["ExecutedVersion"]
            counts[executed] += 1
            # The runtime that ran is the version reported, and it sees the alias ARN either way.
            self.assertEqual(body["version"], executed)
            self.assertEqual(body["tag"], {"1": "one", "2": "two"}[executed])
            self.assertEqual(body["arn"], ARN + "weighted:canary")
        # Binomial(n, w): 5 standard deviations either side never fails by chance (p < 6e-7).
        mean = n * weight
        bound = 5 * math.sqrt(n * weight * (1 - weight))
        self.assertLessEqual(abs(counts["2"] - mean), bound, counts)
        self.assertEqual(counts["1"] + counts["2"], n)

    def test_moving_an_alias_lets_in_flight_invocations_finish_on_their_version(self):
        marks = tmp_marks(self)
        create(self.client, "mover", Timeout=30)
        v1 = self.publish_with_tag("mover", "one")
        self.client.create_alias(FunctionName="mover", Name="live", FunctionVersion=v1)

        slow = {}
        mark = os.path.join(marks, "started")

        def slow_invoke():
            slow["response"], slow["body"] = invoke_json(
                self.client, "mover", {"action": "sleep", "seconds": 2, "mark": mark}, Qualifier="live")

        thread = threading.Thread(target=slow_invoke)
        thread.start()
        try:
            poll(lambda: os.path.exists(mark), what="the slow invocation to start")
            v2 = self.publish_with_tag("mover", "two")
            self.client.update_alias(FunctionName="mover", Name="live", FunctionVersion=v2)
            response, body = invoke_json(self.client, "mover", {"action": "whoami"}, Qualifier="live")
            self.assertEqual(response["ExecutedVersion"], "2")
            self.assertEqual(body["tag"], "two")
            self.assertEqual(body["arn"], ARN + "mover:live")
        finally:
            thread.join(60)
        self.assertFalse(thread.is_alive())
        self.assertEqual(slow["response"]["ExecutedVersion"], "1")
        self.assertEqual(slow["body"]["tag"], "one")
        self.assertEqual(slow["body"]["arn"], ARN + "mover:live")

    def test_updating_latest_lets_in_flight_invocations_finish_on_the_old_code(self):
        marks = tmp_marks(self)
        create(self.client, "updater", Timeout=30, Environment={"Variables": {"TAG": "old"}})
        slow = {}
        mark = os.path.join(marks, "started")

        def slow_invoke():
            slow["response"], slow["body"] = invoke_json(
                self.client, "updater", {"action": "sleep", "seconds": 2, "mark": mark})

        thread = threading.Thread(target=slow_invoke)
        thread.start()
        try:
            poll(lambda: os.path.exists(mark), what="the slow invocation to start")
            self.client.update_function_configuration(FunctionName="updater",
                                                      Environment={"Variables": {"TAG": "new"}})
            response, body = invoke_json(self.client, "updater", {"action": "whoami"})
            self.assertEqual(response["ExecutedVersion"], "$LATEST")
            self.assertEqual(body["tag"], "new")
        finally:
            thread.join(60)
        self.assertFalse(thread.is_alive())
        self.assertEqual(slow["response"]["ExecutedVersion"], "$LATEST")
        self.assertEqual(slow["body"]["tag"], "old")
        # The new code runs in a new process; the old one is not reused for it.
        self.assertNotEqual(slow["body"]["pid"], body["pid"])
        response, again = invoke_json(self.client, "updater", {"action": "whoami"})
        self.assertEqual(again["tag"], "new")

    def test_unknown_function_and_qualifiers_are_404(self):
        create(self.client, "known")
        cases = [
            ("nope", None, ARN + "nope:$LATEST"),
            ("known", "9", ARN + "known:9"),
            ("known", "ghost", ARN + "known:ghost"),
            ("known", "$latest", ARN + "known:$latest"),
        ]
        for name, qualifier, arn in cases:
            with self.subTest(name=name, qualifier=qualifier):
                kwargs = {"Qualifier": qualifier} if qualifier else {}
                with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
                    self.client.invoke(FunctionName=name, Payload=b"{}", **kwargs)
                self.assertAwsError(ctx, "ResourceNotFoundException", "Function not found: " + arn, 404)

    def test_derived_qualifier_must_match(self):
        create(self.client, "derived")
        self.client.publish_version(FunctionName="derived")
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            self.client.invoke(FunctionName="derived:1", Qualifier="$LATEST", Payload=b"{}")
        self.assertAwsError(ctx, "InvalidParameterValueException",
                            "The derived qualifier from the function name does not match the specified qualifier.",
                            400)
        response, body = invoke_json(self.client, "derived:1", {"action": "whoami"}, Qualifier="1")
        self.assertEqual(response["ExecutedVersion"], "1")
        self.assertEqual(json.dumps(body["arn"]), json.dumps(ARN + "derived:1"))


if __name__ == "__main__":
    import unittest
    unittest.main()
