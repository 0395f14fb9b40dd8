"""S3 as an event source, end to end: bucket notifications to real python3.12 functions with published
versions, validated at PutBucketNotificationConfiguration and delivered as asynchronous invocations of the
exact configured ARN as s3.amazonaws.com (sources.md §1, §4.B, §4.C, test plan items 11-15).

The function writes the event it received into the SQS queue "events-<bucket>" with boto3 against lemu
itself (the runtime gets AWS_ENDPOINT_URL), so each test reads back exactly what the function saw and
which version's code ran. A gap is seen in the 400 S3 answers, or, after the configuration was stored,
in GET /_lemu/denials.
"""

import hashlib
import json
import os
import shutil
import subprocess
import unittest
import xml.etree.ElementTree as ET

from botocore.exceptions import ClientError

from lemu_fixture import ACCOUNT, REGION, LemuTestCase, dummy_credentials_env, npm_ci
from sources_helpers import (FUNCTION_ARN, RawHttp, allow, denial_epoch_ms, denials, deploy_versions, epoch_ms,
                             get_json, poll)

S3 = "s3.amazonaws.com"
FN = FUNCTION_ARN + "fn"
NODE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "node-clients", "s3")


def lambda_config(arn, events=("s3:ObjectCreated:*",), rules=None, cid="cfg1"):
    config = {"Id": cid, "LambdaFunctionArn": arn, "Events": list(events)}
    if rules:
        config["Filter"] = {"Key": {"FilterRules": [{"Name": n, "Value": v} for n, v in rules]}}
    return config


class S3SourceCase(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.lemu.client("lambda")
        cls.s3 = cls.lemu.client("s3")
        cls.sqs = cls.lemu.client("sqs")
        deploy_versions(cls.lam, "fn", 6, handler="handler.record")
        cls.lam.create_alias(FunctionName="fn", Name="live", FunctionVersion="6")
        cls.buckets = 0

    def bucket(self):
        """A fresh bucket and the queue its function writes events into."""
        type(self).buckets += 1
        name = f"{self._testMethodName.replace('_', '-')[5:40].strip('-')}-{self.buckets}"
        self.s3.create_bucket(Bucket=name)
        self.sqs.create_queue(QueueName="events-" + name)
        return name

    def allow_bucket(self, sid, bucket, qualifier=None, source_account=ACCOUNT, source_arn=None):
        return allow(self.lam, "fn", sid, S3, source_arn or f"arn:aws:s3:::{bucket}", source_account,
                     qualifier=qualifier)

    def put_config(self, bucket, *configs, skip=False):
        return self.s3.put_bucket_notification_configuration(
            Bucket=bucket, SkipDestinationValidation=skip,
            NotificationConfiguration={"LambdaFunctionConfigurations": list(configs)})

    def stored(self, bucket):
        return self.s3.get_bucket_notification_configuration(Bucket=bucket).get("LambdaFunctionConfigurations")

    def received(self, bucket, count, timeout=60.0):
        """What the function wrote, oldest first, once `count` messages arrived (or the deadline passed)."""
        url = self.sqs.get_queue_url(QueueName="events-" + bucket)["QueueUrl"]
        messages = []

        def fetch():
            got = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
            for m in got.get("Messages", []):
                messages.append(json.loads(m["Body"]))
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
            return messages

        return poll(fetch, lambda m: len(m) >= count, timeout=timeout, interval=0)

    def queued(self, bucket):
        url = self.sqs.get_queue_url(QueueName="events-" + bucket)["QueueUrl"]
        return self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])

    def s3_denials(self, since, bucket):
        return [d for d in denials(self.endpoint, since) if d["sourceArn"] == f"arn:aws:s3:::{bucket}"]


class DeliveryTest(S3SourceCase):
    def test_notification_invokes_the_exact_version_once(self):
        bucket = self.bucket()
        self.allow_bucket(f"s3-{bucket}", bucket, qualifier="6")
        response = self.put_config(bucket, lambda_config(f"{FN}:6"))
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(self.stored(bucket), [lambda_config(f"{FN}:6")])

        put = self.s3.put_object(Bucket=bucket, Key="a b.txt", Body=b"something..")
        self.assertEqual(put["ETag"], '"e9fb1ed1d5eaa36781088aae37acffbd"')
        self.s3.put_object(Bucket=bucket, Key="marker", Body=b"m")
        got = self.received(bucket, 2)
        self.assertEqual(len(got), 2, got)
        by_key = {m["event"]["Records"][0]["s3"]["object"]["key"]: m for m in got}
        self.assertEqual(sorted(by_key), ["a+b.txt", "marker"])
        message = by_key["a+b.txt"]
        self.assertEqual((message["code"], message["version"], message["invoked"]), ("v6", "6", f"{FN}:6"))
        self.assertEqual(len(message["event"]["Records"]), 1)
        record = message["event"]["Records"][0]
        self.assertEqual(record["eventName"], "ObjectCreated:Put")
        self.assertEqual(record["eventSource"], "aws:s3")
        self.assertEqual(record["eventVersion"], "2.1")
        self.assertEqual(record["awsRegion"], REGION)
        self.assertRegex(record["eventTime"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual(record["responseElements"]["x-amz-request-id"],
                         put["ResponseMetadata"]["HTTPHeaders"]["x-amz-request-id"])
        s3 = record["s3"]
        self.assertEqual(s3["configurationId"], "cfg1")
        self.assertEqual(s3["bucket"]["name"], bucket)
        self.assertEqual(s3["bucket"]["arn"], f"arn:aws:s3:::{bucket}")
        self.assertEqual(s3["object"]["key"], "a+b.txt")
        self.assertEqual(s3["object"]["size"], 11)
        self.assertEqual(s3["object"]["eTag"], hashlib.md5(b"something..").hexdigest())
        self.assertRegex(s3["object"]["sequencer"], r"^[0-9A-F]+$")

    def test_alias_destination_runs_the_alias_target(self):
        bucket = self.bucket()
        self.allow_bucket(f"s3-{bucket}", bucket, qualifier="live")
        self.put_config(bucket, lambda_config(f"{FN}:live", ("s3:ObjectCreated:*", "s3:ObjectRemoved:*")))
        self.s3.put_object(Bucket=bucket, Key="x", Body=b"1")
        self.assertEqual(len(self.received(bucket, 1)), 1)
        self.s3.delete_object(Bucket=bucket, Key="x")
        message = self.received(bucket, 1)[0]
        self.assertEqual((message["code"], message["version"], message["invoked"]), ("v6", "6", f"{FN}:live"))
        record = message["event"]["Records"][0]
        self.assertEqual(record["eventName"], "ObjectRemoved:Delete")
        self.assertEqual(sorted(record["s3"]["object"]), ["key", "sequencer"])

    def test_prefix_and_suffix_filters(self):
        bucket = self.bucket()
        self.allow_bucket(f"s3-{bucket}", bucket, qualifier="5")
        self.put_config(bucket, lambda_config(f"{FN}:5", rules=[("PREFIX", "uploads/"), ("suffix", ".jpg")]))
        self.assertEqual(self.stored(bucket)[0]["Filter"]["Key"]["FilterRules"],
                         [{"Name": "Prefix", "Value": "uploads/"}, {"Name": "Suffix", "Value": ".jpg"}])
        for key in ("uploads/a.png", "other/a.jpg", "uploads/a.jpg", "uploads.jpg", "uploads/red flower.jpg"):
            self.s3.put_object(Bucket=bucket, Key=key, Body=b"x")
        got = self.received(bucket, 2)
        self.assertEqual(sorted(m["event"]["Records"][0]["s3"]["object"]["key"] for m in got),
                         ["uploads/a.jpg", "uploads/red+flower.jpg"])
        self.assertEqual({m["code"] for m in got}, {"v5"})
        # S3 hands over an event only for matching keys: the record of deliveries says the same.
        delivered = get_json(self.endpoint, "/_lemu/s3-notifications")
        self.assertEqual(sorted(d["key"] for d in delivered if d["bucket"] == bucket),
                         ["uploads/a.jpg", "uploads/red flower.jpg"])

        with self.assertRaises(ClientError) as ctx:
            self.put_config(bucket, lambda_config("invalid"))
        self.assertAwsError(ctx, "InvalidArgument", "The ARN could not be parsed", 400)
        self.assertEqual(len(self.stored(bucket)), 1)


class ValidationGapTest(S3SourceCase):
    def assertRefused(self, bucket, arn):
        before = self.stored(bucket)
        with self.assertRaises(ClientError) as ctx:
            self.put_config(bucket, lambda_config(arn))
        self.assertAwsError(ctx, "InvalidArgument", "Unable to validate the following destination configurations",
                            400)
        error = ctx.exception.response["Error"]
        self.assertEqual(error["ArgumentName1"], f"{arn}, null")
        self.assertEqual(error["ArgumentValue1"], f"Not authorized to invoke function [{arn}]")
        self.assertNotIn("ArgumentName2", error)
        self.assertEqual(self.stored(bucket), before)

    def bucket_with_previous_config(self):
        bucket = self.bucket()
        self.put_config(bucket, lambda_config(f"{FN}:4", cid="before"), skip=True)
        return bucket

    def test_statement_on_another_version(self):
        bucket = self.bucket_with_previous_config()
        self.allow_bucket(f"s3-{bucket}", bucket, qualifier="5")
        self.assertRefused(bucket, f"{FN}:6")

    def test_statement_for_another_bucket(self):
        bucket = self.bucket_with_previous_config()
        self.allow_bucket(f"s3-{bucket}", bucket, qualifier="6", source_arn="arn:aws:s3:::other")
        self.assertRefused(bucket, f"{FN}:6")

    def test_statement_for_another_account(self):
        bucket = self.bucket_with_previous_config()
        self.allow_bucket(f"s3-{bucket}", bucket, qualifier="6", source_account="111111111111")
        self.assertRefused(bucket, f"{FN}:6")

    def test_unqualified_statement_does_not_cover_the_alias(self):
        bucket = self.bucket_with_previous_config()
        self.allow_bucket(f"s3-{bucket}", bucket)
        self.assertRefused(bucket, f"{FN}:live")
        # ... but it does cover the unqualified ARN, which runs $LATEST.
        self.put_config(bucket, lambda_config(FN))
        self.s3.put_object(Bucket=bucket, Key="k", Body=b"v")
        message = self.received(bucket, 1)[0]
        self.assertEqual((message["code"], message["version"], message["invoked"]), ("latest", "$LATEST", FN))
        self.assertEqual(self.stored(bucket), [lambda_config(FN)])

    def test_missing_function_version_or_alias(self):
        bucket = self.bucket_with_previous_config()
        for arn in (FUNCTION_ARN + "nosuchfn", f"{FN}:99", f"{FN}:nosuchalias"):
            with self.subTest(arn=arn):
                self.assertRefused(bucket, arn)

    def test_error_document_on_the_wire(self):
        bucket = self.bucket()
        body = (f'<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
                f'<CloudFunctionConfiguration><Id>cfg1</Id><CloudFunction>{FN}:6</CloudFunction>'
                f'<Event>s3:ObjectCreated:*</Event></CloudFunctionConfiguration>'
                f'<CloudFunctionConfiguration><Id>cfg2</Id><CloudFunction>{FN}:5</CloudFunction>'
                f'<Event>s3:ObjectRemoved:*</Event></CloudFunctionConfiguration></NotificationConfiguration>')
        http = RawHttp(self.endpoint)
        try:
            status, headers, raw = http.request("PUT", f"/{bucket}?notification", body=body.encode(),
                                                headers={"Content-Type": "application/xml"})
        finally:
            http.close()
        self.assertEqual(status, 400)
        self.assertEqual(headers["content-type"], "application/xml")
        error = ET.fromstring(raw)
        self.assertEqual(error.tag, "Error")
        fields = {child.tag: child.text for child in error}
        self.assertEqual(fields["Code"], "InvalidArgument")
        self.assertEqual(fields["Message"], "Unable to validate the following destination configurations")
        self.assertEqual(fields["ArgumentName1"], f"{FN}:6, null")
        self.assertEqual(fields["ArgumentValue1"], f"Not authorized to invoke function [{FN}:6]")
        self.assertEqual(fields["ArgumentName2"], f"{FN}:5, null")
        self.assertEqual(fields["ArgumentValue2"], f"Not authorized to invoke function [{FN}:5]")
        self.assertTrue(fields["RequestId"])
        self.assertEqual([child.tag for child in error][:2], ["Code", "Message"])


class DropTest(S3SourceCase):
    def assertDropped(self, record, bucket, target, since_ms):
        self.assertEqual(record["source"], "s3")
        self.assertEqual(record["principal"], S3)
        self.assertEqual(record["action"], "lambda:InvokeFunction")
        self.assertEqual(record["sourceArn"], f"arn:aws:s3:::{bucket}")
        self.assertEqual(record["sourceAccount"], ACCOUNT)
        self.assertEqual(record["targetArn"], target)
        self.assertEqual(record["policyConsulted"], target)
        self.assertTrue(record["reason"])
        self.assertTrue(record["requestId"])
        self.assertGreaterEqual(denial_epoch_ms(record), since_ms - 1000)

    def test_skip_destination_validation_stores_the_gap_and_drops_events(self):
        bucket = self.bucket()
        self.allow_bucket(f"s3-{bucket}", bucket, qualifier="5")
        response = self.put_config(bucket, lambda_config(f"{FN}:6"), skip=True)
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(self.stored(bucket), [lambda_config(f"{FN}:6")])
        since = epoch_ms()
        put = self.s3.put_object(Bucket=bucket, Key="dropped.txt", Body=b"x")
        self.assertEqual(put["ResponseMetadata"]["HTTPStatusCode"], 200)
        records = poll(lambda: self.s3_denials(since, bucket), lambda d: len(d) >= 1)
        self.assertEqual(len(records), 1, records)
        self.assertDropped(records[0], bucket, f"{FN}:6", since)
        # The refusal happens before anything is queued for the function: nothing ran, nothing will.
        self.assertEqual(self.queued(bucket), [])

    def test_permission_removed_after_a_working_config(self):
        bucket = self.bucket()
        sid = f"s3-{bucket}"
        self.allow_bucket(sid, bucket, qualifier="6")
        self.put_config(bucket, lambda_config(f"{FN}:6"))
        self.s3.put_object(Bucket=bucket, Key="before", Body=b"x")
        self.assertEqual(self.received(bucket, 1)[0]["code"], "v6")

        self.lam.remove_permission(FunctionName="fn", StatementId=sid, Qualifier="6")
        since = epoch_ms()
        self.s3.put_object(Bucket=bucket, Key="after", Body=b"x")
        records = poll(lambda: self.s3_denials(since, bucket), lambda d: len(d) >= 1)
        self.assertEqual(len(records), 1, records)
        self.assertDropped(records[0], bucket, f"{FN}:6", since)
        self.assertEqual(self.queued(bucket), [])
        # The stored configuration is untouched; restoring the permission restores delivery.
        self.assertEqual(self.stored(bucket), [lambda_config(f"{FN}:6")])
        self.allow_bucket(sid, bucket, qualifier="6")
        self.s3.put_object(Bucket=bucket, Key="restored", Body=b"x")
        got = self.received(bucket, 1)
        self.assertEqual([m["event"]["Records"][0]["s3"]["object"]["key"] for m in got], ["restored"])


    def test_alias_deleted_after_a_working_config(self):
        bucket = self.bucket()
        self.lam.create_alias(FunctionName="fn", Name="doomed", FunctionVersion="3")
        self.allow_bucket(f"s3-{bucket}", bucket, qualifier="doomed")
        self.put_config(bucket, lambda_config(f"{FN}:doomed"))
        self.s3.put_object(Bucket=bucket, Key="before", Body=b"x")
        self.assertEqual(self.received(bucket, 1)[0]["code"], "v3")

        self.lam.delete_alias(FunctionName="fn", Name="doomed")
        since = epoch_ms()
        self.s3.put_object(Bucket=bucket, Key="after", Body=b"x")
        records = poll(lambda: self.s3_denials(since, bucket), lambda d: len(d) >= 1)
        self.assertEqual(len(records), 1, records)
        record = records[0]
        self.assertEqual((record["source"], record["principal"], record["targetArn"]), ("s3", S3, f"{FN}:doomed"))
        self.assertEqual(record["policyConsulted"], "")
        self.assertEqual(record["reason"], f"ResourceNotFoundException: Function not found: {FN}:doomed")
        self.assertEqual(self.queued(bucket), [])

@unittest.skipUnless(shutil.which("node") and shutil.which("npm"), "node and npm are needed for the JS SDK test")
class JavaScriptSdkTest(S3SourceCase):
    """Notification configuration and uploads through @aws-sdk/client-s3."""

    @classmethod
    def setUpClass(cls):
        npm_ci(NODE_DIR, "@aws-sdk/client-s3")
        super().setUpClass()

    def test_js_sdk_configures_and_triggers(self):
        bucket = self.bucket()
        self.allow_bucket(f"s3-{bucket}", bucket, qualifier="6")
        run = subprocess.run(["node", "notifications.mjs", self.endpoint, bucket, FN], cwd=NODE_DIR,
                             env=dummy_credentials_env(), capture_output=True, text=True, timeout=180)
        self.assertEqual(run.returncode, 0, run.stderr)
        out = json.loads(run.stdout.strip().splitlines()[-1])
        self.assertEqual(out["refused"]["name"], "InvalidArgument")
        self.assertEqual(out["refused"]["status"], 400)
        self.assertEqual(out["refused"]["message"], "Unable to validate the following destination configurations")
        self.assertEqual(out["stored"], [{"Id": "js", "LambdaFunctionArn": f"{FN}:6",
                                          "Events": ["s3:ObjectCreated:*"]}])
        message = self.received(bucket, 1)[0]
        self.assertEqual((message["code"], message["invoked"]), ("v6", f"{FN}:6"))
        self.assertEqual(message["event"]["Records"][0]["s3"]["object"]["key"], "from+js.txt")
        self.assertEqual(message["event"]["Records"][0]["s3"]["object"]["eTag"], out["etag"].strip('"'))


if __name__ == "__main__":
    unittest.main()
