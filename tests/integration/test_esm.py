"""SQS event source mappings against the real binary: the Lambda API (lifecycle, every validation error of
sources.md §3.B), the delivered event, success / failure / partial batches with redrive to a DLQ, retargets,
and the headline case: a mapping on `fn:live` whose alias routes 50/50 between two versions delivers each of
1,000 messages exactly once (sources.md §8 items 1, 2, 4-8).

Functions are real python3.12 handlers run through lemu's shim. Each invocation writes what it saw (its
version, its request id, the whole event) to a file in a directory the test owns (OUT_DIR), so the test reads
exactly what every version received. Everything waits with deadlines; nothing sleeps to synchronise.
"""

import json
import os
import shutil
import signal
import tempfile
import time
import unittest
import urllib.request

from control_helpers import ARN, make_zip
from lemu_fixture import ACCOUNT, REGION, Lemu, LemuTestCase

QUEUE_ARN = f"arn:aws:sqs:{REGION}:{ACCOUNT}:"
HANDLER = r'''
import json, os, time

def handler(event, context):
    started = time.time_ns()
    out = os.environ["OUT_DIR"]
    record = {"version": context.function_version, "request": context.aws_request_id, "started": started,
              "event": event}
    path = os.path.join(out, context.aws_request_id + ".json")
    with open(path + ".tmp", "w") as f:
        json.dump(record, f)
    os.rename(path + ".tmp", path)
    bodies = [r["body"] for r in event["Records"]]
    if any(b.startswith("raise") for b in bodies):
        raise RuntimeError("asked to fail")
    if "RESULT" in os.environ:
        return json.loads(os.environ["RESULT"])
    return {"batchItemFailures": [{"itemIdentifier": r["messageId"]}
                                  for r in event["Records"] if r["body"].startswith("fail")]}
'''
HANDLER_ZIP = make_zip({"app.py": HANDLER})
DEADLINE = 60.0


def wait_for(probe, timeout=DEADLINE, what="condition"):
    """Polls `probe` until it returns something truthy; returns that value."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class EsmCase(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.lemu.client("lambda")
        cls.sqs = cls.lemu.client("sqs")
        cls.out_root = tempfile.mkdtemp(prefix="lemu-esm-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out_root, ignore_errors=True)
        super().tearDownClass()

    # --- resources -----------------------------------------------------------------------------------
    def function(self, name, timeout=3, result=None, versions=0):
        """A python3.12 function writing what it sees to its own directory; returns that directory."""
        out = os.path.join(self.out_root, name)
        os.makedirs(out)
        variables = {"OUT_DIR": out}
        if result is not None:
            variables["RESULT"] = result
        self.lam.create_function(FunctionName=name, Runtime="python3.12", Role="arn:aws:iam::000000000000:role/r",
                                 Handler="app.handler", Code={"ZipFile": HANDLER_ZIP}, Timeout=timeout,
                                 Environment={"Variables": variables})
        for n in range(versions):
            self.publish(name, timeout=timeout)
        return out

    def publish(self, name, timeout=None, description=None):
        params = {"FunctionName": name, "Description": description or f"v{time.monotonic_ns()}"}
        if timeout is not None:
            params["Timeout"] = timeout
        self.lam.update_function_configuration(**params)
        return self.lam.publish_version(FunctionName=name)["Version"]

    def queue(self, name, **attributes):
        url = self.sqs.create_queue(QueueName=name, Attributes={k: str(v) for k, v in attributes.items()})["QueueUrl"]
        return url, QUEUE_ARN + name

    def dlq_queue(self, name, visibility, max_receive):
        dlq_url, dlq_arn = self.queue(name + "-dlq")
        url, arn = self.queue(name, VisibilityTimeout=visibility, RedrivePolicy=json.dumps(
            {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": max_receive}))
        return url, arn, dlq_url

    def mapping(self, function, source_arn, **kwargs):
        created = self.lam.create_event_source_mapping(FunctionName=function, EventSourceArn=source_arn, **kwargs)
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.wait_state(created["UUID"], "Enabled" if kwargs.get("Enabled", True) else "Disabled")
        return created

    def wait_state(self, uuid, state):
        return wait_for(lambda: (lambda m: m if m["State"] == state else None)(
            self.lam.get_event_source_mapping(UUID=uuid)), what=f"mapping {uuid} {state}")

    # --- observations --------------------------------------------------------------------------------
    @staticmethod
    def invocations(out):
        """Every invocation the function recorded: {"version", "request", "event"}."""
        records = []
        for name in sorted(os.listdir(out)):
            if name.endswith(".json"):
                with open(os.path.join(out, name)) as f:
                    records.append(json.load(f))
        return records

    def wait_invocations(self, out, count):
        return wait_for(lambda: (lambda r: r if len(r) >= count else None)(self.invocations(out)),
                        what=f"{count} invocations in {out}")

    def queue_depth(self, url):
        attrs = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        return int(attrs["ApproximateNumberOfMessages"]) + int(attrs["ApproximateNumberOfMessagesNotVisible"])

    def wait_empty(self, url):
        wait_for(lambda: self.queue_depth(url) == 0, what=f"{url} empty")

    def drain(self, url, count):
        """Receives (and deletes) until `count` messages came back; returns them."""
        got = []

        def probe():
            reply = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                             AttributeNames=["All"])
            for m in reply.get("Messages", []):
                got.append(m)
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
            return len(got) >= count

        wait_for(probe, what=f"{count} messages on {url}")
        return got

    def report(self, name):
        with urllib.request.urlopen(f"{self.endpoint}/_lemu/{name}", timeout=10) as r:
            return json.loads(r.read())


class MappingApiTest(EsmCase):
    """The Lambda API of event source mappings (sources.md §3.A-B, control-plane.md facts 18, 76-78)."""

    def test_lifecycle(self):
        self.function("life", versions=2)
        _, arn = self.queue("life-q")
        created = self.lam.create_event_source_mapping(FunctionName="life:1", EventSourceArn=arn)
        uuid = created["UUID"]
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 202)
        body = {k: v for k, v in created.items() if k != "ResponseMetadata"}
        self.assertEqual(set(body), {"UUID", "BatchSize", "MaximumBatchingWindowInSeconds", "EventSourceArn",
                                     "FunctionArn", "LastModified", "State", "StateTransitionReason",
                                     "FunctionResponseTypes", "EventSourceMappingArn"})
        self.assertEqual((body["State"], body["StateTransitionReason"], body["BatchSize"],
                          body["MaximumBatchingWindowInSeconds"], body["FunctionResponseTypes"]),
                         ("Creating", "USER_INITIATED", 10, 0, []))
        self.assertEqual(body["FunctionArn"], ARN + "life:1")
        self.assertEqual(body["EventSourceArn"], arn)
        self.assertEqual(body["EventSourceMappingArn"],
                         f"arn:aws:lambda:{REGION}:{ACCOUNT}:event-source-mapping:{uuid}")
        enabled = self.wait_state(uuid, "Enabled")
        self.assertEqual(enabled["ResponseMetadata"]["HTTPStatusCode"], 200)

        listed = self.lam.list_event_source_mappings(EventSourceArn=arn)["EventSourceMappings"]
        self.assertEqual([m["UUID"] for m in listed], [uuid])
        self.assertEqual([m["UUID"] for m in self.lam.list_event_source_mappings(
            FunctionName="life")["EventSourceMappings"]], [uuid])
        self.assertEqual(self.lam.list_event_source_mappings(FunctionName="life:2")["EventSourceMappings"], [])

        updated = self.lam.update_event_source_mapping(UUID=uuid, FunctionName="life:2", BatchSize=5,
                                                       FunctionResponseTypes=["ReportBatchItemFailures"],
                                                       ScalingConfig={"MaximumConcurrency": 2})
        self.assertEqual(updated["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.assertEqual((updated["State"], updated["FunctionArn"], updated["BatchSize"]),
                         ("Updating", ARN + "life:2", 5))
        self.assertEqual(updated["FunctionResponseTypes"], ["ReportBatchItemFailures"])
        self.assertEqual(updated["ScalingConfig"], {"MaximumConcurrency": 2})
        self.wait_state(uuid, "Enabled")

        self.assertEqual(self.lam.update_event_source_mapping(UUID=uuid, Enabled=False)["State"], "Disabling")
        self.wait_state(uuid, "Disabled")
        self.assertEqual(self.lam.update_event_source_mapping(UUID=uuid, Enabled=True)["State"], "Enabling")
        self.wait_state(uuid, "Enabled")

        deleted = self.lam.delete_event_source_mapping(UUID=uuid)
        self.assertEqual((deleted["ResponseMetadata"]["HTTPStatusCode"], deleted["State"]), (202, "Deleting"))

        def gone():
            try:
                self.lam.get_event_source_mapping(UUID=uuid)
                return False
            except self.lam.exceptions.ResourceNotFoundException:
                return True

        wait_for(gone, what="mapping deleted")
        self.assertEqual(self.lam.list_event_source_mappings(EventSourceArn=arn)["EventSourceMappings"], [])

    def test_create_disabled_answers_disabled(self):
        self.function("off")
        _, arn = self.queue("off-q")
        created = self.lam.create_event_source_mapping(FunctionName="off", EventSourceArn=arn, Enabled=False)
        self.assertEqual(created["State"], "Disabled")
        self.assertEqual(self.lam.get_event_source_mapping(UUID=created["UUID"])["State"], "Disabled")

    def test_function_arn_keeps_the_qualifier_form(self):
        self.function("forms", versions=1)
        self.lam.create_alias(FunctionName="forms", Name="live", FunctionVersion="1")
        cases = [("forms", ARN + "forms"), (ARN + "forms", ARN + "forms"), ("forms:$LATEST", ARN + "forms:$LATEST"),
                 ("forms:1", ARN + "forms:1"), (ARN + "forms:1", ARN + "forms:1"), ("forms:live", ARN + "forms:live"),
                 (ARN + "forms:live", ARN + "forms:live")]
        for i, (given, expected) in enumerate(cases):
            _, arn = self.queue(f"forms-q{i}")
            created = self.lam.create_event_source_mapping(FunctionName=given, EventSourceArn=arn)
            self.assertEqual(created["FunctionArn"], expected, given)
            self.assertEqual(self.lam.get_event_source_mapping(UUID=created["UUID"])["FunctionArn"], expected)

    def test_validation_errors(self):
        self.function("val", versions=1)
        self.publish("val", timeout=60)  # version 2 takes 60 s; $LATEST too
        self.lam.create_alias(FunctionName="val", Name="slow", FunctionVersion="2")
        _, arn = self.queue("val-q", VisibilityTimeout=30)
        invalid = self.lam.exceptions.InvalidParameterValueException

        def expect(message, exception=invalid, code="InvalidParameterValueException", status=400, **kwargs):
            with self.assertRaises(exception) as ctx:
                self.lam.create_event_source_mapping(**kwargs)
            self.assertAwsError(ctx, code, message, status)

        expect("Unrecognized event source.", FunctionName="val:1")
        expect("Function does not exist", FunctionName="nosuch", EventSourceArn=arn)
        expect("Function does not exist", FunctionName="val:nosuchalias", EventSourceArn=arn)
        expect("Function does not exist", FunctionName="val:9", EventSourceArn=arn)
        expect("Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. "
               "SQS Error Message: The specified queue does not exist.",
               FunctionName="val:1", EventSourceArn=QUEUE_ARN + "missing")
        batch_text = "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"
        expect(batch_text, FunctionName="val:1", EventSourceArn=arn, BatchSize=11)
        _, fifo = self.queue("val.fifo", FifoQueue="true")
        expect("Batching window is not supported for FIFO queues", FunctionName="val:1", EventSourceArn=fifo,
               MaximumBatchingWindowInSeconds=1)
        expect(batch_text, FunctionName="val:1", EventSourceArn=fifo, BatchSize=11)
        visibility = "Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds"
        expect(visibility, FunctionName="val:2", EventSourceArn=arn)
        expect(visibility, FunctionName="val:slow", EventSourceArn=arn)
        expect(visibility, FunctionName="val", EventSourceArn=arn)
        self.assertEqual(self.lam.list_event_source_mappings(EventSourceArn=arn)["EventSourceMappings"], [])

        # Update validates again and leaves the mapping unchanged.
        uuid = self.lam.create_event_source_mapping(FunctionName="val:1", EventSourceArn=arn)["UUID"]
        with self.assertRaises(invalid) as ctx:
            self.lam.update_event_source_mapping(UUID=uuid, FunctionName="val:2")
        self.assertAwsError(ctx, "InvalidParameterValueException", visibility, 400)
        with self.assertRaises(invalid) as ctx:
            self.lam.update_event_source_mapping(UUID=uuid, BatchSize=11)
        self.assertAwsError(ctx, "InvalidParameterValueException", batch_text, 400)
        current = self.lam.get_event_source_mapping(UUID=uuid)
        self.assertEqual((current["FunctionArn"], current["BatchSize"]), (ARN + "val:1", 10))

        # The same queue and function ARN twice is a conflict; another qualifier is not.
        with self.assertRaises(self.lam.exceptions.ResourceConflictException) as ctx:
            self.lam.create_event_source_mapping(FunctionName="val:1", EventSourceArn=arn)
        self.assertAwsError(ctx, "ResourceConflictException",
                            f'An event source mapping with SQS arn (" {arn} ") and function (" val:1 ") already '
                            f"exists. Please update or delete the existing mapping with UUID {uuid}", 409)
        self.lam.create_alias(FunctionName="val", Name="one", FunctionVersion="1")
        other = self.lam.create_event_source_mapping(FunctionName="val:one", EventSourceArn=arn)
        self.assertEqual(other["FunctionArn"], ARN + "val:one")

        for call in (lambda: self.lam.get_event_source_mapping(UUID="00000000-0000-0000-0000-000000000000"),
                     lambda: self.lam.update_event_source_mapping(UUID="00000000-0000-0000-0000-000000000000",
                                                                  Enabled=False),
                     lambda: self.lam.delete_event_source_mapping(UUID="00000000-0000-0000-0000-000000000000")):
            with self.assertRaises(self.lam.exceptions.ResourceNotFoundException) as ctx:
                call()
            self.assertAwsError(ctx, "ResourceNotFoundException", "The resource you requested does not exist.", 404)

    def test_range_violations_are_validation_errors(self):
        self.function("rng")
        _, arn = self.queue("rng-q")
        raw = self.lemu.client("lambda", parameter_validation=False)
        with self.assertRaises(raw.exceptions.ClientError) as ctx:
            raw.create_event_source_mapping(FunctionName="rng", EventSourceArn=arn, BatchSize=0,
                                            ScalingConfig={"MaximumConcurrency": 1})
        self.assertAwsError(ctx, "ValidationException",
                            "2 validation errors detected: Value '0' at 'batchSize' failed to satisfy constraint: "
                            "Member must have value greater than or equal to 1; Value '1' at "
                            "'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member must have value "
                            "greater than or equal to 2", 400)

    def test_mappings_survive_delete_function(self):
        self.function("doomed")
        _, arn = self.queue("doomed-q")
        uuid = self.mapping("doomed", arn)["UUID"]
        self.lam.delete_function(FunctionName="doomed")
        after = self.lam.get_event_source_mapping(UUID=uuid)
        self.assertEqual((after["FunctionArn"], after["State"]), (ARN + "doomed", "Enabled"))
        self.assertEqual([m["UUID"] for m in self.lam.list_event_source_mappings(
            FunctionName="doomed")["EventSourceMappings"]], [uuid])
        self.lam.delete_event_source_mapping(UUID=uuid)

    def test_list_unknown_function_is_empty_and_pages(self):
        self.assertEqual(self.lam.list_event_source_mappings(FunctionName="never-created")["EventSourceMappings"],
                         [])
        self.function("pages")
        uuids = [self.lam.create_event_source_mapping(FunctionName="pages", EventSourceArn=self.queue(f"pages-{i}")[1],
                                                      Enabled=False)["UUID"] for i in range(3)]
        first = self.lam.list_event_source_mappings(FunctionName="pages", MaxItems=2)
        self.assertEqual([m["UUID"] for m in first["EventSourceMappings"]], uuids[:2])
        rest = self.lam.list_event_source_mappings(FunctionName="pages", Marker=first["NextMarker"])
        self.assertEqual([m["UUID"] for m in rest["EventSourceMappings"]], uuids[2:])
        self.assertNotIn("NextMarker", rest)


class DeliveryTest(EsmCase):
    """What functions receive, and what becomes of the messages (sources.md §3.C-D, §8)."""

    def test_one_message_one_record_no_policy_needed(self):
        out = self.function("deliver", versions=6)
        for qualifier in ("", "6"):
            with self.assertRaises(self.lam.exceptions.ResourceNotFoundException):
                self.lam.get_policy(FunctionName="deliver", **({"Qualifier": qualifier} if qualifier else {}))
        url, arn = self.queue("deliver-q", VisibilityTimeout=30)
        self.mapping("deliver:6", arn)
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="hi")
        [call] = self.wait_invocations(out, 1)
        self.assertEqual(call["version"], "6")
        [record] = call["event"]["Records"]
        self.assertEqual(list(record), ["messageId", "receiptHandle", "body", "attributes", "messageAttributes",
                                        "md5OfMessageAttributes", "md5OfBody", "eventSource", "eventSourceARN",
                                        "awsRegion"])
        self.assertEqual(record["messageId"], sent["MessageId"])
        self.assertEqual(record["body"], "hi")
        self.assertEqual(record["md5OfBody"], "49f68a5c8493ec2c0bf489821c21fc3b")
        self.assertEqual(list(record["attributes"]), ["ApproximateReceiveCount", "SentTimestamp", "SenderId",
                                                      "ApproximateFirstReceiveTimestamp"])
        self.assertEqual(record["attributes"]["ApproximateReceiveCount"], "1")
        self.assertEqual((record["messageAttributes"], record["md5OfMessageAttributes"]), ({}, None))
        self.assertEqual((record["eventSource"], record["eventSourceARN"], record["awsRegion"]),
                         ("aws:sqs", arn, REGION))
        self.wait_empty(url)
        self.assertEqual(len(self.invocations(out)), 1)
        denials = self.report("denials")["denials"]
        self.assertEqual([d for d in denials if d["source"] == "sqs"], [])

    def test_batching_window_gathers_messages_sent_apart(self):
        out = self.function("window")
        url, arn = self.queue("window-q", VisibilityTimeout=30)
        self.mapping("window", arn, BatchSize=10, MaximumBatchingWindowInSeconds=3)
        for body in ("a", "b", "c"):
            self.sqs.send_message(QueueUrl=url, MessageBody=body)
            time.sleep(0.3)
        [call] = self.wait_invocations(out, 1)
        self.assertEqual(sorted(r["body"] for r in call["event"]["Records"]), ["a", "b", "c"])
        self.wait_empty(url)
        self.assertEqual(len(self.invocations(out)), 1)

    def test_message_attributes_reach_the_function(self):
        out = self.function("attrs")
        url, arn = self.queue("attrs-q")
        self.mapping("attrs", arn)
        self.sqs.send_message(QueueUrl=url, MessageBody="with attributes", MessageAttributes={
            "Title": {"DataType": "String", "StringValue": "The Whistler"},
            "Author": {"DataType": "String", "StringValue": "John Grisham"},
            "WeeksOn": {"DataType": "Number", "StringValue": "6"}})
        [call] = self.wait_invocations(out, 1)
        [record] = call["event"]["Records"]
        self.assertEqual(record["messageAttributes"]["Author"],
                         {"stringValue": "John Grisham", "stringListValues": [], "binaryListValues": [],
                          "dataType": "String"})
        self.assertEqual(record["messageAttributes"]["WeeksOn"]["dataType"], "Number")
        self.assertEqual(record["md5OfMessageAttributes"], "d25a6aea97eb8f585bfa92d314504a92")

    def test_failing_function_leaves_messages_to_the_redrive_policy(self):
        out = self.function("fails")
        url, arn, dlq = self.dlq_queue("fails-q", visibility=3, max_receive=2)
        self.mapping("fails", arn, BatchSize=1)
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="raise please")
        [moved] = self.drain(dlq, 1)
        self.assertEqual((moved["MessageId"], moved["Body"]), (sent["MessageId"], "raise please"))
        counts = [c["event"]["Records"][0]["attributes"]["ApproximateReceiveCount"] for c in self.invocations(out)]
        self.assertEqual(sorted(counts), ["1", "2"])
        self.wait_empty(url)

    def test_partial_batch_failures(self):
        out = self.function("partial")
        url, arn, dlq = self.dlq_queue("partial-q", visibility=3, max_receive=2)
        bodies = ["ok", "fail-1", "fail-2", "fail-3"]
        ids = {}
        for body in bodies:
            ids[body] = self.sqs.send_message(QueueUrl=url, MessageBody=body)["MessageId"]
        self.mapping("partial", arn, FunctionResponseTypes=["ReportBatchItemFailures"])
        self.wait_invocations(out, 2)
        calls = sorted(self.invocations(out), key=lambda c: c["event"]["Records"][0]["attributes"][
            "ApproximateReceiveCount"])
        self.assertEqual(sorted(r["body"] for r in calls[0]["event"]["Records"]), sorted(bodies))
        self.assertEqual(sorted(r["body"] for r in calls[1]["event"]["Records"]), ["fail-1", "fail-2", "fail-3"])
        self.assertEqual({r["attributes"]["ApproximateReceiveCount"] for r in calls[1]["event"]["Records"]}, {"2"})
        moved = self.drain(dlq, 3)
        self.assertEqual(sorted(m["MessageId"] for m in moved), sorted(ids[b] for b in bodies[1:]))
        self.wait_empty(url)

    def test_batch_responses_empty_object_and_malformed(self):
        ok_out = self.function("empty-result", result="{}")
        url, arn, _ = self.dlq_queue("empty-q", visibility=3, max_receive=5)
        self.sqs.send_message(QueueUrl=url, MessageBody="fail-but-ignored")
        self.mapping("empty-result", arn, FunctionResponseTypes=["ReportBatchItemFailures"])
        self.wait_empty(url)
        self.assertEqual(len(self.invocations(ok_out)), 1)

        bad_out = self.function("bad-result", result='{"batchItemFailures": [{"foo": "x"}]}')
        url, arn, dlq = self.dlq_queue("bad-q", visibility=3, max_receive=2)
        sent = [self.sqs.send_message(QueueUrl=url, MessageBody=f"m{i}")["MessageId"] for i in range(2)]
        self.mapping("bad-result", arn, FunctionResponseTypes=["ReportBatchItemFailures"])
        moved = self.drain(dlq, 2)
        self.assertEqual(sorted(m["MessageId"] for m in moved), sorted(sent))
        delivered = [r["messageId"] for c in self.invocations(bad_out) for r in c["event"]["Records"]]
        self.assertEqual(sorted(delivered), sorted(sent * 2))

    def test_update_retargets_later_messages(self):
        out = self.function("retarget", versions=6)
        url, arn = self.queue("retarget-q")
        uuid = self.mapping("retarget:5", arn)["UUID"]
        self.sqs.send_message(QueueUrl=url, MessageBody="before")
        self.wait_invocations(out, 1)
        updated = self.lam.update_event_source_mapping(UUID=uuid, FunctionName="retarget:6")
        self.assertEqual((updated["State"], updated["FunctionArn"]), ("Updating", ARN + "retarget:6"))
        self.wait_state(uuid, "Enabled")
        for i in range(5):
            self.sqs.send_message(QueueUrl=url, MessageBody=f"after-{i}")
        calls = wait_for(lambda: (lambda c: c if sum(len(x["event"]["Records"]) for x in c) >= 6 else None)(
            self.invocations(out)), what="6 messages delivered")
        versions = {r["body"]: c["version"] for c in calls for r in c["event"]["Records"]}
        self.assertEqual(versions.pop("before"), "5")
        self.assertEqual(set(versions.values()), {"6"})

    def test_missing_target_records_a_problem_and_leaves_messages_to_redrive(self):
        self.function("vanish", versions=1)
        self.lam.create_alias(FunctionName="vanish", Name="gone", FunctionVersion="1")
        url, arn, dlq = self.dlq_queue("vanish-q", visibility=3, max_receive=1)
        uuid = self.mapping("vanish:gone", arn)["UUID"]
        self.lam.delete_alias(FunctionName="vanish", Name="gone")
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="nobody home")["MessageId"]
        problem = wait_for(lambda: (lambda m: m if m.get("LastProcessingResult") else None)(
            self.lam.get_event_source_mapping(UUID=uuid)), what="LastProcessingResult")
        self.assertEqual((problem["LastProcessingResult"], problem["State"]),
                         ("PROBLEM: Function not found", "Enabled"))
        [moved] = self.drain(dlq, 1)
        self.assertEqual(moved["MessageId"], sent)

    def test_throttled_batches_are_left_to_the_visibility_timeout(self):
        out = self.function("throttled")
        self.lam.put_function_concurrency(FunctionName="throttled", ReservedConcurrentExecutions=0)
        url, arn, dlq = self.dlq_queue("throttled-q", visibility=3, max_receive=1)
        uuid = self.mapping("throttled", arn)["UUID"]
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="no capacity")["MessageId"]
        [moved] = self.drain(dlq, 1)
        self.assertEqual(moved["MessageId"], sent)
        self.assertEqual(self.invocations(out), [])
        mapping = self.lam.get_event_source_mapping(UUID=uuid)
        self.assertEqual(mapping["State"], "Enabled")
        self.assertNotIn("LastProcessingResult", mapping)  # a throttle is not a problem of the mapping

    def test_filter_criteria_drop_non_matching_messages(self):
        out = self.function("filtered")
        url, arn = self.queue("filtered-q")
        pattern = json.dumps({"body": {"kind": ["order"]}})
        created = self.mapping("filtered", arn, FilterCriteria={"Filters": [{"Pattern": pattern}]})
        self.assertEqual(created["FilterCriteria"], {"Filters": [{"Pattern": pattern}]})
        for kind in ("order", "refund", "order"):
            self.sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"kind": kind}))
        self.sqs.send_message(QueueUrl=url, MessageBody="not json")
        self.wait_empty(url)
        bodies = [json.loads(r["body"])["kind"] for c in self.invocations(out) for r in c["event"]["Records"]]
        self.assertEqual(bodies, ["order", "order"])
        cleared = self.lam.update_event_source_mapping(UUID=created["UUID"], FilterCriteria={})
        self.assertNotIn("FilterCriteria", cleared)
        with self.assertRaises(self.lam.exceptions.InvalidParameterValueException) as ctx:
            self.lam.create_event_source_mapping(FunctionName="filtered:$LATEST", EventSourceArn=arn,
                                                 FilterCriteria={"Filters": [{"Pattern": "simple string"}]})
        self.assertAwsError(ctx, "InvalidParameterValueException", "Invalid filter pattern definition.", 400)

    def test_fifo_groups_stay_in_order(self):
        out = self.function("fifo")
        url, arn = self.queue("order.fifo", FifoQueue="true", ContentBasedDeduplication="true")
        self.mapping("fifo", arn, BatchSize=1, ScalingConfig={"MaximumConcurrency": 5})
        for i in range(8):
            for group in ("a", "b"):
                self.sqs.send_message(QueueUrl=url, MessageBody=f"{group}{i}", MessageGroupId=group)
        calls = wait_for(lambda: (lambda c: c if len(c) >= 16 else None)(self.invocations(out)),
                         what="16 FIFO batches")
        by_group = {}
        for call in sorted(calls, key=lambda c: c["started"]):  # the order the function ran them in
            [record] = call["event"]["Records"]
            self.assertEqual(list(record["attributes"])[:3],
                             ["ApproximateReceiveCount", "SentTimestamp", "SequenceNumber"])
            by_group.setdefault(record["attributes"]["MessageGroupId"], []).append(record["body"])
        self.assertEqual(by_group, {g: [f"{g}{i}" for i in range(8)] for g in ("a", "b")})
        self.wait_empty(url)

    def test_maximum_concurrency_bounds_batches_in_flight(self):
        out = self.function("slow")
        handler = HANDLER.replace("    started = time.time_ns()\n",
                                  "    started = time.time_ns()\n    time.sleep(0.2)\n"
                                  "    event['window'] = [started, time.time_ns()]\n")
        self.lam.update_function_code(FunctionName="slow", ZipFile=make_zip({"app.py": handler}))
        url, arn = self.queue("slow-q")
        for i in range(12):
            self.sqs.send_message(QueueUrl=url, MessageBody=f"s{i}")
        self.mapping("slow", arn, BatchSize=1, ScalingConfig={"MaximumConcurrency": 2})
        calls = wait_for(lambda: (lambda c: c if len(c) >= 12 else None)(self.invocations(out)),
                         what="12 slow batches")
        windows = sorted(c["event"]["window"] for c in calls)
        overlap = max(sum(1 for s, e in windows if s <= start < e) for start, _ in windows)
        self.assertLessEqual(overlap, 2)
        self.wait_empty(url)


class AliasSplitTest(EsmCase):
    """The headline: `fn:live` routes 50/50 between two versions; every message is delivered exactly once."""

    def test_thousand_messages_exactly_once_across_both_versions(self):
        out = self.function("split", versions=2)
        self.lam.create_alias(FunctionName="split", Name="live", FunctionVersion="1",
                              RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}})
        url, arn = self.queue("split-q")
        uuid = self.mapping("split:live", arn)["UUID"]
        sent = set()
        for batch in range(100):
            reply = self.sqs.send_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "MessageBody": f"m{batch * 10 + i}"} for i in range(10)])
            self.assertEqual(len(reply["Successful"]), 10)
            sent.update(e["MessageId"] for e in reply["Successful"])
        self.assertEqual(len(sent), 1000)

        def delivered():
            calls = self.invocations(out)
            return calls if sum(len(c["event"]["Records"]) for c in calls) >= 1000 else None

        calls = wait_for(delivered, timeout=120, what="1,000 messages delivered")
        self.wait_empty(url)
        calls = self.invocations(out)  # anything delivered twice would show up here by now
        ids = [r["messageId"] for c in calls for r in c["event"]["Records"]]
        self.assertEqual(len(ids), 1000, "a message was delivered more than once")
        self.assertEqual(set(ids), sent)
        by_version = {}
        for c in calls:
            self.assertIn(c["version"], ("1", "2"))
            by_version[c["version"]] = by_version.get(c["version"], 0) + len(c["event"]["Records"])
        self.assertGreater(by_version.get("1", 0), 0)
        self.assertGreater(by_version.get("2", 0), 0)
        stats = self.report("esm")[uuid]
        self.assertEqual(stats["messages"], 1000)
        self.assertEqual(stats["deleted"], 1000)
        self.assertEqual(stats["messagesByVersion"], by_version)


class PersistenceTest(unittest.TestCase):
    """--state-dir: mappings survive a restart; the restored poller delivers once the queue exists again."""

    def setUp(self):
        self.state_dir = tempfile.mkdtemp(prefix="lemu-esm-state-")
        self.out = tempfile.mkdtemp(prefix="lemu-esm-out-")
        self.instances = []

    def tearDown(self):
        for lemu in self.instances:
            lemu.stop()
        shutil.rmtree(self.state_dir, ignore_errors=True)
        shutil.rmtree(self.out, ignore_errors=True)

    def start(self):
        lemu = Lemu(state_dir=self.state_dir)
        self.instances.append(lemu)
        return lemu.client("lambda"), lemu.client("sqs")

    def test_mappings_survive_a_restart(self):
        lam, sqs = self.start()
        lam.create_function(FunctionName="kept", Runtime="python3.12", Role="arn:aws:iam::000000000000:role/r",
                            Handler="app.handler", Code={"ZipFile": HANDLER_ZIP},
                            Environment={"Variables": {"OUT_DIR": self.out}})
        sqs.create_queue(QueueName="kept-q")
        kept = lam.create_event_source_mapping(FunctionName="kept", EventSourceArn=QUEUE_ARN + "kept-q",
                                               BatchSize=3, FunctionResponseTypes=["ReportBatchItemFailures"])
        off = lam.create_event_source_mapping(FunctionName="kept:$LATEST", EventSourceArn=QUEUE_ARN + "kept-q",
                                              Enabled=False)
        self.assertEqual(self.instances[0].kill(signal.SIGKILL), -signal.SIGKILL)

        lam, sqs = self.start()
        restored = {m["UUID"]: m for m in lam.list_event_source_mappings()["EventSourceMappings"]}
        self.assertEqual(set(restored), {kept["UUID"], off["UUID"]})
        self.assertEqual((restored[kept["UUID"]]["BatchSize"], restored[kept["UUID"]]["FunctionResponseTypes"],
                          restored[kept["UUID"]]["FunctionArn"]), (3, ["ReportBatchItemFailures"], ARN + "kept"))
        self.assertEqual(restored[off["UUID"]]["State"], "Disabled")
        url = sqs.create_queue(QueueName="kept-q")["QueueUrl"]  # queues live in memory only
        sqs.send_message(QueueUrl=url, MessageBody="after restart")

        def delivered():
            return [n for n in os.listdir(self.out) if n.endswith(".json")]

        wait_for(delivered, what="delivery after restart")
        self.assertEqual(lam.get_event_source_mapping(UUID=kept["UUID"])["State"], "Enabled")


if __name__ == "__main__":
    unittest.main()
