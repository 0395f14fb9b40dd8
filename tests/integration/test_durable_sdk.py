"""Durable executions driven end to end by the real, unmodified @aws/durable-execution-sdk-js.

The SDK (pinned in tests/fixtures/durable/package-lock.json) is bundled into nodejs20.x functions; it
reaches lemu through AWS_ENDPOINT_URL_LAMBDA, which lemu sets for every function. The tests cover
every primitive (steps, waits, retries, callbacks, child contexts), version pinning through an alias
that moves mid-execution (durable.md §4.4: resumes after a wait, a callback, a retry back-off and a
crashed invocation; chained invokes resolved once), and a kill -9 of lemu during a wait.

The pinning oracle: step names embed the code version, so a v1 history replayed on v2 code fails
with NonDeterministicExecutionError (test_latest_is_not_pinned shows that the oracle bites).
"""

import io
import json
import os
import shutil
import signal
import tempfile
import time
import unittest
import zipfile

from botocore.exceptions import ClientError

from lemu_fixture import Lemu, LemuTestCase, npm_ci

FIXTURE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "durable")
ROLE = "arn:aws:iam::000000000000:role/durable"
DEADLINE = 90.0  # seconds any single condition may take (waits in the handlers are a few seconds)

_base_zip = None


def _install_sdk():
    npm_ci(FIXTURE_DIR, "@aws/durable-execution-sdk-js")


def _node_modules_zip():
    """node_modules as a zip, built once; each function adds its own index.mjs."""
    global _base_zip
    if _base_zip is None:
        _install_sdk()
        buffer = io.BytesIO()
        root = os.path.join(FIXTURE_DIR, "node_modules")
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for directory, _, files in os.walk(root):
                for name in sorted(files):
                    path = os.path.join(directory, name)
                    archive.write(path, os.path.relpath(path, FIXTURE_DIR))
        _base_zip = buffer.getvalue()
    return _base_zip


def function_zip(source, code_version=None):
    """index.mjs (from a fixture file) + node_modules."""
    with open(os.path.join(FIXTURE_DIR, source)) as f:
        text = f.read()
    if code_version is not None:
        text = text.replace("__CODE_VERSION__", code_version)
    buffer = io.BytesIO(_node_modules_zip())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.mjs", text)
    return buffer.getvalue()


def create_durable_function(client, name, zip_bytes, timeout=600):
    client.create_function(FunctionName=name, Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
                           Code={"ZipFile": zip_bytes}, Timeout=30, MemorySize=256,
                           DurableConfig={"ExecutionTimeout": timeout})


def poll(what, probe, deadline=DEADLINE):
    """Calls probe() until it returns something truthy; fails after the deadline."""
    end = time.monotonic() + deadline
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def history(client, arn):
    events, marker = [], None
    while True:
        kwargs = {"DurableExecutionArn": arn, "IncludeExecutionData": True, "MaxItems": 1000}
        if marker:
            kwargs["Marker"] = marker
        page = client.get_durable_execution_history(**kwargs)
        events += page["Events"]
        marker = page.get("NextMarker")
        if not marker:
            return events


def event_types(events):
    return [e["EventType"] for e in events]


def wait_for_event(client, arn, event_type):
    return poll(f"{event_type} in {arn}",
                lambda: next((e for e in history(client, arn) if e["EventType"] == event_type), None))


def wait_closed(client, arn):
    def closed():
        described = client.get_durable_execution(DurableExecutionArn=arn)
        return described if described["Status"] != "RUNNING" else None
    return poll(f"{arn} to close", closed)


def start(client, qualified_name, name, payload, invocation_type="Event"):
    kwargs = {"FunctionName": qualified_name, "InvocationType": invocation_type,
              "Payload": json.dumps(payload).encode()}
    if name is not None:
        kwargs["DurableExecutionName"] = name
    return client.invoke(**kwargs)


def describe_failure(client, arn):
    described = client.get_durable_execution(DurableExecutionArn=arn)
    return json.dumps({"execution": described, "history": history(client, arn)}, default=str, indent=1)


class DurableSdkFeaturesTest(LemuTestCase):
    """Every primitive of the SDK against lemu's durable API."""

    @classmethod
    def setUpClass(cls):
        zip_bytes = function_zip("features.mjs")
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        create_durable_function(cls.client, "features", zip_bytes)
        cls.client.publish_version(FunctionName="features")

    def test_steps_wait_retry_callback_and_child_context(self):
        response = start(self.client, "features:1", "run-1", {"n": 21})
        self.assertEqual(response["StatusCode"], 202)
        arn = response["DurableExecutionArn"]
        self.assertIn(":function:features:1/durable-execution/run-1/", arn)
        self.assertEqual(response["ExecutedVersion"], "1")

        started = wait_for_event(self.client, arn, "CallbackStarted")
        callback_id = started["CallbackStartedDetails"]["CallbackId"]
        self.client.send_durable_execution_callback_success(CallbackId=callback_id, Result=b'{"approved": true}')

        described = wait_closed(self.client, arn)
        self.assertEqual(described["Status"], "SUCCEEDED", describe_failure(self.client, arn))
        self.assertEqual(described["Version"], "1")
        self.assertEqual(described["DurableExecutionName"], "run-1")
        self.assertEqual(described["FunctionArn"], "arn:aws:lambda:us-east-1:000000000000:function:features:1")
        self.assertEqual(json.loads(described["InputPayload"]), {"n": 21})
        self.assertEqual(json.loads(described["Result"]), {
            "doubled": 42, "flaky": "ok on attempt 2", "approval": '{"approved": true}', "child": {"inner": 43}})

        events = history(self.client, arn)
        types = event_types(events)
        self.assertEqual(types[0], "ExecutionStarted")
        self.assertEqual(types[-1], "ExecutionSucceeded")
        self.assertEqual(events[-1]["ExecutionSucceededDetails"]["Result"]["Payload"], described["Result"])
        self.assertEqual([e["EventId"] for e in events], list(range(1, len(events) + 1)))

        def named(name, event_type):
            return [e for e in events if e.get("Name") == name and e["EventType"] == event_type]

        self.assertEqual(json.loads(named("double", "StepSucceeded")[0]["StepSucceededDetails"]["Result"]["Payload"]),
                         42)
        wait_started = named("pause", "WaitStarted")[0]["WaitStartedDetails"]
        self.assertEqual(wait_started["Duration"], 1)
        self.assertEqual(len(named("pause", "WaitSucceeded")), 1)
        # The flaky step: attempt 1 fails (a RETRY shows as StepFailed with the back-off), attempt 2 succeeds.
        self.assertEqual(len(named("flaky", "StepStarted")), 2)
        failed = named("flaky", "StepFailed")
        self.assertEqual(len(failed), 1)
        self.assertEqual(failed[0]["StepFailedDetails"]["Error"]["Payload"]["ErrorMessage"], "boom on attempt 1")
        self.assertEqual(failed[0]["StepFailedDetails"]["RetryDetails"],
                         {"CurrentAttempt": 1, "NextAttemptDelaySeconds": 1})
        succeeded = named("flaky", "StepSucceeded")[0]["StepSucceededDetails"]
        self.assertEqual(succeeded["RetryDetails"]["CurrentAttempt"], 2)
        self.assertEqual(json.loads(succeeded["Result"]["Payload"]), "ok on attempt 2")
        # waitForCallback: a CONTEXT holding the CALLBACK; completed through the API.
        self.assertEqual(len(named("approval", "ContextStarted")), 1)
        self.assertEqual(len(named("approval", "ContextSucceeded")), 1)
        callback_events = [e for e in events if e["EventType"] == "CallbackSucceeded"]
        self.assertEqual(len(callback_events), 1)
        self.assertEqual(callback_events[0]["CallbackSucceededDetails"]["Result"]["Payload"], '{"approved": true}')
        # The child context and the step inside it, which names the context as its parent.
        context_started = named("child", "ContextStarted")[0]
        inner = named("inner", "StepSucceeded")[0]
        self.assertEqual(inner["ParentId"], context_started["Id"])
        self.assertEqual(json.loads(named("child", "ContextSucceeded")[0]["ContextSucceededDetails"]["Result"]
                                    ["Payload"]), {"inner": 43})
        # A handler invocation per suspension (the wait, the retry back-off, the callback; a callback sent
        # while an invocation is still in flight may ride on its checkpoint), none with an invocation error.
        completed = [e for e in events if e["EventType"] == "InvocationCompleted"]
        self.assertGreaterEqual(len(completed), 3)
        for event in completed:
            self.assertNotIn("Error", event["InvocationCompletedDetails"], event)

        # A completed callback cannot be completed again.
        with self.assertRaises(ClientError) as ctx:
            self.client.send_durable_execution_callback_success(CallbackId=callback_id, Result=b"again")
        self.assertAwsError(ctx, "CallbackTimeoutException", status=400)


class DurablePinningTest(LemuTestCase):
    """durable.md §4.4: executions stay on the version they started with while the alias moves."""

    @classmethod
    def setUpClass(cls):
        v1, v2 = function_zip("pinning.mjs", "v1"), function_zip("pinning.mjs", "v2")
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        create_durable_function(cls.client, "demo", v1)
        cls.assert_version(cls.client.publish_version(FunctionName="demo"), "1")
        cls.client.create_alias(FunctionName="demo", Name="live", FunctionVersion="1")
        cls.client.update_function_code(FunctionName="demo", ZipFile=v2)
        poll("the v2 code update", lambda: cls.client.get_function_configuration(
            FunctionName="demo")["LastUpdateStatus"] == "Successful")
        cls.assert_version(cls.client.publish_version(FunctionName="demo"), "2")

    @staticmethod
    def assert_version(published, number):
        if published["Version"] != number:
            raise AssertionError(f"expected version {number}, got {published['Version']}")

    def test_weighted_alias_picks_each_executions_version_once(self):
        # A 50/50 alias picks a version per execution at its start; every resume stays on that version.
        c = self.client
        create_durable_function(c, "split", function_zip("pinning.mjs", "v1"))
        self.assert_version(c.publish_version(FunctionName="split"), "1")
        c.update_function_code(FunctionName="split", ZipFile=function_zip("pinning.mjs", "v2"))
        poll("the v2 code update", lambda: c.get_function_configuration(
            FunctionName="split")["LastUpdateStatus"] == "Successful")
        self.assert_version(c.publish_version(FunctionName="split"), "2")
        c.create_alias(FunctionName="split", Name="canary", FunctionVersion="1",
                       RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}})
        arns = [start(c, "split:canary", f"split-{i}", {"n": i, "waitSeconds": 1})["DurableExecutionArn"]
                for i in range(16)]
        pinned = {arn: arn.split(":function:split:")[1].split("/")[0] for arn in arns}
        self.assertEqual(set(pinned.values()), {"1", "2"}, pinned)  # 16 fair coins: both sides (all alike: 1 in 32,768)
        for arn, version in pinned.items():
            described = wait_closed(c, arn)
            self.assertEqual((described["Status"], described["Version"]), ("SUCCEEDED", version), described)
            self.assertEqual(json.loads(described["Result"])["codeVersion"], "v" + version)

    def test_pinning_story(self):
        c = self.client
        payload = {"n": 21, "waitSeconds": 6}
        # T1: start through the alias; the execution is pinned to version 1.
        first = start(c, "demo:live", "order-1", payload)
        self.assertEqual(first["StatusCode"], 202)
        arn1 = first["DurableExecutionArn"]
        self.assertIn(":function:demo:1/durable-execution/order-1/", arn1)
        wait_for_event(c, arn1, "WaitStarted")
        c.update_alias(FunctionName="demo", Name="live", FunctionVersion="2")
        # The alias moved while the execution waits (otherwise this test proves nothing).
        self.assertNotIn("WaitSucceeded", event_types(history(c, arn1)),
                         "the wait elapsed before the alias moved; the test needs a longer wait")

        # Deleting version 1 while an execution is pinned to it is refused (a local decision).
        with self.assertRaises(ClientError) as ctx:
            c.delete_function(FunctionName="demo", Qualifier="1")
        self.assertAwsError(
            ctx, "ResourceConflictException",
            f"Unable to delete version 1 because the following running durable executions are pinned to it: "
            f"[{arn1}]. Wait for them to finish or stop them with StopDurableExecution.", 409)

        # So is deleting the whole function, which would take version 1 with it.
        with self.assertRaises(ClientError) as ctx:
            c.delete_function(FunctionName="demo")
        self.assertAwsError(
            ctx, "ResourceConflictException",
            f"Unable to delete function demo because the following running durable executions are pinned to its "
            f"versions: [{arn1}]. Wait for them to finish or stop them with StopDurableExecution.", 409)

        # T3: an idempotent restart after the move returns the original, pinned execution.
        again = start(c, "demo:live", "order-1", payload)
        self.assertEqual(again["DurableExecutionArn"], arn1)
        self.assertEqual(again["ExecutedVersion"], "1")
        # T4: the same name with another payload is a conflict.
        with self.assertRaises(ClientError) as ctx:
            start(c, "demo:live", "order-1", {"n": 22, "waitSeconds": 6})
        self.assertAwsError(ctx, "DurableExecutionAlreadyStartedException", status=409)

        # T2: a new execution through the alias runs version 2.
        second = start(c, "demo:live", "order-2", {"n": 5, "waitSeconds": 1})
        arn2 = second["DurableExecutionArn"]
        self.assertIn(":function:demo:2/durable-execution/order-2/", arn2)

        # T1 (end): the resume ran v1 code, no NonDeterministicExecutionError.
        done1 = wait_closed(c, arn1)
        self.assertEqual(done1["Status"], "SUCCEEDED", describe_failure(c, arn1))
        self.assertEqual(done1["Version"], "1")
        self.assertEqual(done1["FunctionArn"], "arn:aws:lambda:us-east-1:000000000000:function:demo:live")
        self.assertEqual(json.loads(done1["Result"]), {"codeVersion": "v1", "b": 42})
        events1 = history(c, arn1)
        self.assertEqual([e["Name"] for e in events1 if e["EventType"] == "StepSucceeded"], ["fetch-v1", "finish-v1"])
        # Two clean invocations (start, resume after the wait): no failed attempt was retried behind our back.
        completed = [e["InvocationCompletedDetails"] for e in events1 if e["EventType"] == "InvocationCompleted"]
        self.assertEqual(len(completed), 2, completed)
        self.assertTrue(all("Error" not in d for d in completed), completed)
        done2 = wait_closed(c, arn2)
        self.assertEqual(done2["Status"], "SUCCEEDED", describe_failure(c, arn2))
        self.assertEqual(json.loads(done2["Result"]), {"codeVersion": "v2", "b": 10})

        # Both executions are listed with the versions they ran.
        listed = c.list_durable_executions_by_function(FunctionName="demo", Qualifier="1")["DurableExecutions"]
        self.assertEqual([e["DurableExecutionArn"] for e in listed], [arn1])
        listed = c.list_durable_executions_by_function(FunctionName="demo", Qualifier="2")["DurableExecutions"]
        self.assertEqual([e["DurableExecutionArn"] for e in listed], [arn2])
        listed = c.list_durable_executions_by_function(FunctionName="demo", Qualifier="live")["DurableExecutions"]
        self.assertEqual([(e["DurableExecutionName"], e["Status"]) for e in listed],
                         [("order-1", "SUCCEEDED"), ("order-2", "SUCCEEDED")])
        by_name = c.list_durable_executions_by_function(FunctionName="demo", Qualifier="live",
                                                         DurableExecutionName="order-1")["DurableExecutions"]
        self.assertEqual(len(by_name), 1)

        # Once nothing runs on version 1 any more, it can be deleted.
        c.delete_function(FunctionName="demo", Qualifier="1")

    def test_unqualified_invoke_is_rejected(self):
        for invocation_type in ("Event", "RequestResponse"):
            with self.assertRaises(ClientError) as ctx:
                start(self.client, "demo", "unqualified", {"n": 1}, invocation_type)
            self.assertAwsError(ctx, "InvalidParameterValueException",
                                "You cannot invoke a durable function using an unqualified ARN.", 400)
        listed = self.client.list_durable_executions_by_function(FunctionName="demo", DurableExecutionName="unqualified")
        self.assertEqual(listed["DurableExecutions"], [])

    def test_request_response_waits_for_the_result(self):
        response = start(self.client, "demo:2", "sync-1", {"n": 4, "waitSeconds": 1}, "RequestResponse")
        self.assertEqual(response["StatusCode"], 200)
        self.assertNotIn("FunctionError", response)
        self.assertEqual(response["ExecutedVersion"], "2")
        self.assertIn(":function:demo:2/durable-execution/sync-1/", response["DurableExecutionArn"])
        self.assertEqual(json.loads(response["Payload"].read()), {"codeVersion": "v2", "b": 8})
        described = self.client.get_durable_execution(DurableExecutionArn=response["DurableExecutionArn"])
        self.assertEqual(described["Status"], "SUCCEEDED")
        # Re-attaching by name to a closed execution returns its result at once.
        again = start(self.client, "demo:2", "sync-1", {"n": 4, "waitSeconds": 1}, "RequestResponse")
        self.assertEqual(again["DurableExecutionArn"], response["DurableExecutionArn"])
        self.assertEqual(json.loads(again["Payload"].read()), {"codeVersion": "v2", "b": 8})


class DurableLatestTest(LemuTestCase):
    """The negative control of durable.md §4.4: $LATEST is not a snapshot, so changing its code during a
    wait makes the resume replay a v1 history on v2 code, and the real SDK refuses it."""

    @classmethod
    def setUpClass(cls):
        cls.v1, cls.v2 = function_zip("pinning.mjs", "v1"), function_zip("pinning.mjs", "v2")
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        create_durable_function(cls.client, "latest-demo", cls.v1)

    def test_latest_is_not_pinned(self):
        c = self.client
        arn = start(c, "latest-demo:$LATEST", "moving", {"n": 1, "waitSeconds": 4})["DurableExecutionArn"]
        self.assertIn(":function:latest-demo:$LATEST/durable-execution/moving/", arn)
        wait_for_event(c, arn, "WaitStarted")
        c.update_function_code(FunctionName="latest-demo", ZipFile=self.v2)
        self.assertNotIn("WaitSucceeded", event_types(history(c, arn)),
                         "the wait elapsed before the code changed; the test needs a longer wait")
        described = wait_closed(c, arn)
        self.assertEqual(described["Status"], "FAILED", describe_failure(c, arn))
        self.assertEqual(described["Error"]["ErrorType"], "NonDeterministicExecutionError")
        self.assertIn('Expected name "fetch-v1", but got "fetch-v2"', described["Error"]["ErrorMessage"])


def plain_zip(source, code_version):
    """A function without node_modules (a plain chained-invoke target)."""
    with open(os.path.join(FIXTURE_DIR, source)) as f:
        text = f.read().replace("__CODE_VERSION__", code_version)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.mjs", text)
    return buffer.getvalue()


def publish_two_versions(client, name, v1, v2, durable=True):
    """Version 1 with v1, version 2 with v2, alias live -> 1."""
    if durable:
        create_durable_function(client, name, v1)
    else:
        client.create_function(FunctionName=name, Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
                               Code={"ZipFile": v1}, Timeout=30)
    client.publish_version(FunctionName=name)
    client.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    client.update_function_code(FunctionName=name, ZipFile=v2)
    poll(f"the v2 code update of {name}", lambda: client.get_function_configuration(
        FunctionName=name)["LastUpdateStatus"] == "Successful")
    client.publish_version(FunctionName=name)


class DurableResumeTest(LemuTestCase):
    """durable.md §4.4 T5 + T6: resumes after a callback and after a step's retry back-off run the pinned
    version although the alias moved while the execution waited for the callback."""

    @classmethod
    def setUpClass(cls):
        v1, v2 = function_zip("resume.mjs", "v1"), function_zip("resume.mjs", "v2")
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        publish_two_versions(cls.client, "resume", v1, v2)

    def test_callback_and_retry_resume_on_the_pinned_version(self):
        c = self.client
        arn = start(c, "resume:live", "resume-1", {})["DurableExecutionArn"]
        self.assertIn(":function:resume:1/durable-execution/resume-1/", arn)
        started = wait_for_event(c, arn, "CallbackStarted")
        c.update_alias(FunctionName="resume", Name="live", FunctionVersion="2")
        c.send_durable_execution_callback_success(CallbackId=started["CallbackStartedDetails"]["CallbackId"],
                                                  Result=b'"yes"')
        described = wait_closed(c, arn)
        self.assertEqual(described["Status"], "SUCCEEDED", describe_failure(c, arn))
        self.assertEqual(json.loads(described["Result"]),
                         {"codeVersion": "v1", "approval": '"yes"', "flaky": "ok on v1"})
        events = history(c, arn)
        flaky = [(e["EventType"], e["Name"]) for e in events
                 if e["EventType"] in ("StepFailed", "StepSucceeded") and e.get("Name", "").startswith("flaky")]
        self.assertEqual(flaky, [("StepFailed", "flaky-v1"), ("StepSucceeded", "flaky-v1")])
        self.assertEqual([e["Name"] for e in events if e["EventType"] == "ContextSucceeded"], ["approval-v1"])
        completed = [e["InvocationCompletedDetails"] for e in events if e["EventType"] == "InvocationCompleted"]
        self.assertTrue(all("Error" not in d for d in completed), completed)


class DurableCrashTest(LemuTestCase):
    """durable.md §4.4 T7: an invocation that dies is retried on the pinned version, not the alias."""

    @classmethod
    def setUpClass(cls):
        v1, v2 = function_zip("crash.mjs", "v1"), function_zip("crash.mjs", "v2")
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        publish_two_versions(cls.client, "crashy", v1, v2)

    def setUp(self):
        directory = tempfile.mkdtemp(prefix="lemu-durable-crash-")
        self.addCleanup(shutil.rmtree, directory, True)
        self.marker = os.path.join(directory, "crashed")  # the handler creates it when it crashes

    def test_a_crashed_invocation_is_retried_on_the_pinned_version(self):
        c = self.client
        arn = start(c, "crashy:live", "crash-1", {"n": 5, "crashMarker": self.marker})["DurableExecutionArn"]
        self.assertIn(":function:crashy:1/durable-execution/crash-1/", arn)
        failed = poll("the crashed invocation", lambda: [
            e for e in history(c, arn) if e["EventType"] == "InvocationCompleted"])
        self.assertIn("Error", failed[0]["InvocationCompletedDetails"])
        c.update_alias(FunctionName="crashy", Name="live", FunctionVersion="2")
        self.assertEqual(event_types(history(c, arn)).count("InvocationCompleted"), 1,
                         "the retry ran before the alias moved; the test proves nothing")

        described = wait_closed(c, arn)
        self.assertEqual(described["Status"], "SUCCEEDED", describe_failure(c, arn))
        self.assertEqual(json.loads(described["Result"]), {"codeVersion": "v1", "b": 10})
        events = history(c, arn)
        # The step checkpointed before the crash is not run again; the retry finished on v1.
        self.assertEqual([e["Name"] for e in events if e["EventType"] == "StepSucceeded"], ["fetch-v1", "finish-v1"])
        completed = [e["InvocationCompletedDetails"] for e in events if e["EventType"] == "InvocationCompleted"]
        self.assertEqual(len(completed), 2, completed)
        self.assertIn("Error", completed[0])
        self.assertNotIn("Error", completed[1])


class DurableChainedInvokeTest(LemuTestCase):
    """durable.md §4.4 T8: ctx.invoke resolves its target once, at the CHAINED_INVOKE START."""

    @classmethod
    def setUpClass(cls):
        zips = {"parent": function_zip("chain.mjs"), "d1": function_zip("pinning.mjs", "v1"),
                "d2": function_zip("pinning.mjs", "v2")}
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        publish_two_versions(cls.client, "plain", plain_zip("plain.mjs", "v1"), plain_zip("plain.mjs", "v2"),
                             durable=False)
        publish_two_versions(cls.client, "dchild", zips["d1"], zips["d2"])
        create_durable_function(cls.client, "parent", zips["parent"])
        cls.client.publish_version(FunctionName="parent")

    def test_chained_targets_are_resolved_once(self):
        c = self.client
        payload = {"n": 3, "plainTarget": "plain:live", "durableTarget": "dchild:live", "waitSeconds": 4}
        arn = start(c, "parent:1", "chain-1", payload)["DurableExecutionArn"]

        def chained_started(name):
            return next((e for e in history(c, arn) if e["EventType"] == "ChainedInvokeStarted"
                         and e.get("Name") == name), None)

        durable_started = poll("the durable chained invoke", lambda: chained_started("durable"))
        details = durable_started["ChainedInvokeStartedDetails"]
        self.assertEqual(details["ExecutedVersion"], "1")
        child_arn = details["DurableExecutionArn"]
        self.assertIn(":function:dchild:1/durable-execution/", child_arn)
        wait_for_event(c, child_arn, "WaitStarted")
        c.update_alias(FunctionName="dchild", Name="live", FunctionVersion="2")
        c.update_alias(FunctionName="plain", Name="live", FunctionVersion="2")
        self.assertNotIn("WaitSucceeded", event_types(history(c, child_arn)),
                         "the child's wait elapsed before the alias moved; the test needs a longer wait")

        described = wait_closed(c, arn)
        self.assertEqual(described["Status"], "SUCCEEDED", describe_failure(c, arn))
        self.assertEqual(json.loads(described["Result"]), {
            "plain": {"plainVersion": "v1", "doubled": 6}, "durable": {"codeVersion": "v1", "b": 6}})
        plain_details = chained_started("plain")["ChainedInvokeStartedDetails"]
        self.assertEqual(plain_details["ExecutedVersion"], "1")
        self.assertEqual(plain_details["FunctionName"], "plain:live")
        child = c.get_durable_execution(DurableExecutionArn=child_arn)
        self.assertEqual((child["Status"], child["Version"]), ("SUCCEEDED", "1"))
        self.assertEqual(json.loads(child["Result"]), {"codeVersion": "v1", "b": 6})
        self.assertEqual(event_types(history(c, arn)).count("ChainedInvokeSucceeded"), 2)


class DurableRestartTest(unittest.TestCase):
    """kill -9 during a wait; a new lemu on the same --state-dir finishes the execution on version 1."""

    def setUp(self):
        self.v1, self.v2 = function_zip("pinning.mjs", "v1"), function_zip("pinning.mjs", "v2")
        self.state_dir = tempfile.mkdtemp(prefix="lemu-durable-state-")
        self.instances = []

    def tearDown(self):
        for instance in self.instances:
            instance.stop()
        shutil.rmtree(self.state_dir, ignore_errors=True)

    def launch(self):
        instance = Lemu(state_dir=self.state_dir)
        self.instances.append(instance)
        return instance, instance.client("lambda")

    def test_execution_survives_kill_9_during_a_wait(self):
        first, c = self.launch()
        create_durable_function(c, "demo", self.v1)
        c.publish_version(FunctionName="demo")
        c.create_alias(FunctionName="demo", Name="live", FunctionVersion="1")
        c.update_function_code(FunctionName="demo", ZipFile=self.v2)
        poll("the v2 code update", lambda: c.get_function_configuration(
            FunctionName="demo")["LastUpdateStatus"] == "Successful")
        c.publish_version(FunctionName="demo")
        arn = start(c, "demo:live", "survivor", {"n": 8, "waitSeconds": 3})["DurableExecutionArn"]
        self.assertIn(":function:demo:1/durable-execution/survivor/", arn)
        wait_for_event(c, arn, "WaitStarted")
        c.update_alias(FunctionName="demo", Name="live", FunctionVersion="2")
        self.assertNotIn("WaitSucceeded", event_types(history(c, arn)),
                         "the wait elapsed before the kill; the test needs a longer wait")
        self.assertEqual(first.kill(signal.SIGKILL), -signal.SIGKILL)

        second, c = self.launch()
        self.assertNotEqual(second.endpoint, first.endpoint)
        described = wait_closed(c, arn)
        self.assertEqual(described["Status"], "SUCCEEDED", describe_failure(c, arn))
        self.assertEqual(described["Version"], "1")
        self.assertEqual(json.loads(described["Result"]), {"codeVersion": "v1", "b": 16})
        types = event_types(history(c, arn))
        self.assertEqual(types.count("ExecutionStarted"), 1)
        self.assertEqual(types[-1], "ExecutionSucceeded")
        self.assertEqual([e["Name"] for e in history(c, arn) if e["EventType"] == "StepSucceeded"],
                         ["fetch-v1", "finish-v1"])


if __name__ == "__main__":
    unittest.main()
