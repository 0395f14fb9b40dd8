"""Amazon SQS on lemu's edge port, driven by real clients against the real binary: boto3 (JSON 1.0),
botocore speaking the query protocol, raw form posts, awscli, and the AWS SDK for JavaScript v3."""

import base64
import json
import os
import shutil
import subprocess
import threading
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from botocore.exceptions import ClientError

from lemu_fixture import ACCOUNT, REGION, LemuTestCase, dummy_credentials_env, npm_ci
from sqs_clients import (QUERY_NAMESPACE, http_request, json_call, md5_hex, md5_of_attributes,
                         query_protocol_client)

NS = {"q": QUERY_NAMESPACE}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class SqsTestCase(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sqs = cls.lemu.client("sqs")
        cls.counter = 0

    def new_queue(self, suffix="", **attributes):
        type(self).counter += 1
        name = f"{self._testMethodName[5:40]}-{self.counter}{suffix}".replace("_", "-")
        return self.sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]

    def arn(self, url):
        return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{url.rsplit('/', 1)[1]}"

    def receive(self, url, **kwargs):
        kwargs.setdefault("MaxNumberOfMessages", 10)
        return self.sqs.receive_message(QueueUrl=url, **kwargs).get("Messages", [])

    def attribute(self, url, name):
        return self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[name])["Attributes"][name]

    def wait_for(self, predicate, timeout=15.0, what="condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.02)
        self.fail(f"timed out waiting for {what}")

    def waiting_receivers(self, url):
        status, _, body = http_request(self.endpoint + "/_lemu/sqs", method="GET")
        self.assertEqual(status, 200)
        return json.loads(body)["waiting"].get(url.rsplit("/", 1)[1], 0)


class SqsQueuesTest(SqsTestCase):
    def test_create_get_list_delete(self):
        url = self.sqs.create_queue(QueueName="orders", Attributes={"DelaySeconds": "2"},
                                    tags={"team": "payments"})["QueueUrl"]
        self.assertEqual(url, f"{self.endpoint}/{ACCOUNT}/orders")
        # Same attributes again: the same queue; a different value: QueueAlreadyExists.
        self.assertEqual(self.sqs.create_queue(QueueName="orders", Attributes={"DelaySeconds": "2"})["QueueUrl"], url)
        with self.assertRaises(self.sqs.exceptions.QueueNameExists) as ctx:
            self.sqs.create_queue(QueueName="orders", Attributes={"DelaySeconds": "3"})
        self.assertAwsError(ctx, "QueueAlreadyExists",
                            "A queue already exists with the same name and a different value for attribute "
                            "DelaySeconds", 400)
        self.assertEqual(ctx.exception.response["Error"]["QueryErrorCode"], "QueueNameExists")
        self.assertEqual(self.sqs.get_queue_url(QueueName="orders")["QueueUrl"], url)
        self.assertEqual(self.sqs.list_queue_tags(QueueUrl=url)["Tags"], {"team": "payments"})
        self.sqs.delete_queue(QueueUrl=url)
        with self.assertRaises(self.sqs.exceptions.QueueDoesNotExist) as ctx:
            self.sqs.get_queue_url(QueueName="orders")
        self.assertAwsError(ctx, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.", 400)
        with self.assertRaises(self.sqs.exceptions.QueueDeletedRecently) as ctx:
            self.sqs.create_queue(QueueName="orders")
        self.assertAwsError(ctx, "AWS.SimpleQueueService.QueueDeletedRecently",
                            "You must wait 60 seconds after deleting a queue before you can create another with the "
                            "same name.", 400)

    def test_list_queues_prefix_and_paging(self):
        names = [f"page-{i}" for i in range(5)]
        for name in names:
            self.sqs.create_queue(QueueName=name)
        urls = self.sqs.list_queues(QueueNamePrefix="page-")["QueueUrls"]
        self.assertEqual(urls, [f"{self.endpoint}/{ACCOUNT}/{n}" for n in names])
        self.assertNotIn("NextToken", self.sqs.list_queues(QueueNamePrefix="page-"))
        seen, token = [], None
        while True:
            kwargs = {"QueueNamePrefix": "page-", "MaxResults": 2}
            if token:
                kwargs["NextToken"] = token
            page = self.sqs.list_queues(**kwargs)
            seen += page["QueueUrls"]
            token = page.get("NextToken")
            if not token:
                break
        self.assertEqual(seen, urls)
        self.assertNotIn("QueueUrls", self.sqs.list_queues(QueueNamePrefix="no-such-prefix"))

    def test_queue_attributes(self):
        url = self.new_queue()
        attributes = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        self.assertEqual(sorted(attributes), sorted([
            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed",
            "ApproximateNumberOfMessagesNotVisible", "CreatedTimestamp", "DelaySeconds", "LastModifiedTimestamp",
            "MaximumMessageSize", "MessageRetentionPeriod", "QueueArn", "ReceiveMessageWaitTimeSeconds",
            "SqsManagedSseEnabled", "VisibilityTimeout"]))
        self.assertEqual(attributes["VisibilityTimeout"], "30")
        self.assertEqual(attributes["MaximumMessageSize"], "1048576")
        self.assertEqual(attributes["MessageRetentionPeriod"], "345600")
        self.assertEqual(attributes["QueueArn"], self.arn(url))
        self.assertAlmostEqual(int(attributes["CreatedTimestamp"]), time.time(), delta=60)
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "45", "DelaySeconds": "1"})
        got = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout", "DelaySeconds"])
        self.assertEqual(got["Attributes"], {"VisibilityTimeout": "45", "DelaySeconds": "1"})
        self.assertNotIn("Attributes", self.sqs.get_queue_attributes(QueueUrl=url))

        with self.assertRaises(self.sqs.exceptions.InvalidAttributeValue) as ctx:
            self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "43201"})
        self.assertAwsError(ctx, "InvalidAttributeValue", "Invalid value for the parameter VisibilityTimeout.", 400)
        with self.assertRaises(self.sqs.exceptions.InvalidAttributeName) as ctx:
            self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"Colour": "blue"})
        self.assertAwsError(ctx, "InvalidAttributeName", "Unknown Attribute Colour.", 400)
        with self.assertRaises(self.sqs.exceptions.InvalidAttributeName) as ctx:
            self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Colour"])
        self.assertAwsError(ctx, "InvalidAttributeName", "Unknown Attribute Colour.", 400)
        with self.assertRaises(ClientError) as ctx:
            self.sqs.create_queue(QueueName="bad.name")
        self.assertAwsError(ctx, "InvalidParameterValue",
                            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length", 400)
        self.assertEqual(ctx.exception.response["Error"]["QueryErrorCode"], "InvalidParameterValueException")

    def test_tags(self):
        url = self.new_queue()
        self.assertNotIn("Tags", self.sqs.list_queue_tags(QueueUrl=url))
        self.sqs.tag_queue(QueueUrl=url, Tags={"a": "1", "b": "2", "c": ""})
        self.sqs.untag_queue(QueueUrl=url, TagKeys=["a", "missing"])
        self.assertEqual(self.sqs.list_queue_tags(QueueUrl=url)["Tags"], {"b": "2", "c": ""})

    def test_add_and_remove_permission(self):
        url = self.new_queue()
        arn = self.arn(url)
        self.sqs.add_permission(QueueUrl=url, Label="crossaccountpermission",
                                AWSAccountIds=["668614515564", ACCOUNT], Actions=["ReceiveMessage"])
        self.sqs.add_permission(QueueUrl=url, Label="second", AWSAccountIds=[ACCOUNT],
                                Actions=["SendMessage", "DeleteMessage"])
        policy = json.loads(self.attribute(url, "Policy"))
        self.assertEqual(list(policy), ["Version", "Id", "Statement"])
        self.assertEqual(policy["Version"], "2008-10-17")
        self.assertEqual(policy["Id"], f"{arn}/SQSDefaultPolicy")
        self.assertEqual(policy["Statement"], [
            {"Sid": "crossaccountpermission", "Effect": "Allow",
             "Principal": {"AWS": ["arn:aws:iam::668614515564:root", f"arn:aws:iam::{ACCOUNT}:root"]},
             "Action": "SQS:ReceiveMessage", "Resource": arn},
            {"Sid": "second", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
             "Action": ["SQS:SendMessage", "SQS:DeleteMessage"], "Resource": arn}])
        with self.assertRaises(ClientError) as ctx:
            self.sqs.add_permission(QueueUrl=url, Label="second", AWSAccountIds=[ACCOUNT], Actions=["SendMessage"])
        self.assertAwsError(ctx, "InvalidParameterValue",
                            "Value second for parameter Label is invalid. Reason: Already exists.", 400)
        self.sqs.remove_permission(QueueUrl=url, Label="crossaccountpermission")
        self.sqs.remove_permission(QueueUrl=url, Label="second")
        self.assertNotIn("Attributes", self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"]))
        with self.assertRaises(ClientError) as ctx:
            self.sqs.remove_permission(QueueUrl=url, Label="second")
        self.assertAwsError(ctx, "InvalidParameterValue",
                            "Value second for parameter Label is invalid. Reason: can't find label.", 400)

    def test_purge_queue(self):
        url = self.new_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        self.sqs.purge_queue(QueueUrl=url)
        self.assertEqual(self.attribute(url, "ApproximateNumberOfMessages"), "0")
        with self.assertRaises(self.sqs.exceptions.PurgeQueueInProgress) as ctx:
            self.sqs.purge_queue(QueueUrl=url)
        name = url.rsplit("/", 1)[1]
        self.assertAwsError(ctx, "AWS.SimpleQueueService.PurgeQueueInProgress",
                            f"Only one PurgeQueue operation on {name} is allowed every 60 seconds.", 403)

    def test_json_error_shape_on_the_wire(self):
        status, headers, body = json_call(self.endpoint, "GetQueueUrl", {"QueueName": "nope"})
        self.assertEqual(status, 400)
        self.assertEqual(headers["x-amzn-query-error"], "AWS.SimpleQueueService.NonExistentQueue;Sender")
        self.assertEqual(headers["content-type"], "application/x-amz-json-1.0")
        self.assertEqual(json.loads(body), {"__type": "com.amazonaws.sqs#QueueDoesNotExist",
                                            "message": "The specified queue does not exist."})
        status, headers, body = json_call(self.endpoint, "NoSuchOperation", {})
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body)["__type"], "com.amazonaws.sqs#UnknownOperationException")
        # A queue URL of another account names no queue here.
        with self.assertRaises(self.sqs.exceptions.QueueDoesNotExist):
            self.sqs.get_queue_attributes(QueueUrl=f"{self.endpoint}/111111111111/x", AttributeNames=["All"])


class SqsMessagesTest(SqsTestCase):
    def test_send_receive_with_digests(self):
        url = self.new_queue()
        attributes = {
            "Author": {"DataType": "String", "StringValue": "John Grisham"},
            "Title": {"DataType": "String", "StringValue": "The Whistler"},
            "WeeksOn": {"DataType": "Number", "StringValue": "6"},
        }
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="message", MessageAttributes=attributes)
        self.assertEqual(sent["MD5OfMessageBody"], "78e731027d8fd50ed642340b7c9a63b3")
        self.assertEqual(sent["MD5OfMessageAttributes"], "d25a6aea97eb8f585bfa92d314504a92")  # recorded from AWS
        self.assertNotIn("SequenceNumber", sent)
        rich = {"Bin": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xfe\xff"},
                "Num": {"DataType": "Number.float", "StringValue": "-1.5e3"},
                "Text": {"DataType": "String.custom", "StringValue": "ünïcødé ✓"}}
        sent2 = self.sqs.send_message(QueueUrl=url, MessageBody="dé", MessageAttributes=rich,
                                      MessageSystemAttributes={"AWSTraceHeader": {
                                          "DataType": "String", "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793"}})
        self.assertEqual(sent2["MD5OfMessageBody"], md5_hex("dé"))
        self.assertEqual(sent2["MD5OfMessageAttributes"], md5_of_attributes(rich))
        self.assertEqual(sent2["MD5OfMessageSystemAttributes"], md5_of_attributes(
            {"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793"}}))

        messages = self.receive(url, MessageAttributeNames=["All"], MessageSystemAttributeNames=["All"])
        self.assertEqual([m["Body"] for m in messages], ["message", "dé"])
        first, second = messages
        self.assertEqual(first["MessageId"], sent["MessageId"])
        self.assertEqual(first["MD5OfBody"], sent["MD5OfMessageBody"])
        self.assertEqual(first["MessageAttributes"], attributes)
        self.assertEqual(first["MD5OfMessageAttributes"], "d25a6aea97eb8f585bfa92d314504a92")
        self.assertEqual(sorted(first["Attributes"]), ["ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount",
                                                       "SenderId", "SentTimestamp"])
        self.assertEqual(first["Attributes"]["ApproximateReceiveCount"], "1")
        self.assertEqual(first["Attributes"]["SenderId"], ACCOUNT)
        self.assertAlmostEqual(int(first["Attributes"]["SentTimestamp"]) / 1000, time.time(), delta=60)
        self.assertEqual(second["MessageAttributes"], rich)
        self.assertEqual(second["MD5OfMessageAttributes"], md5_of_attributes(rich))
        self.assertEqual(second["Attributes"]["AWSTraceHeader"], "Root=1-5759e988-bd862e3fe1be46a994272793")

    def test_receive_filters_attributes(self):
        url = self.new_queue()
        attributes = {"General": {"DataType": "String", "StringValue": "Kenobi"},
                      "Hello": {"DataType": "String", "StringValue": "There"},
                      "Help.Me": {"DataType": "String", "StringValue": "Me"}}
        self.sqs.send_message(QueueUrl=url, MessageBody="msg", MessageAttributes=attributes)
        (plain,) = self.receive(url, VisibilityTimeout=0)
        self.assertNotIn("MessageAttributes", plain)
        self.assertNotIn("Attributes", plain)
        (prefixed,) = self.receive(url, VisibilityTimeout=0, MessageAttributeNames=["Hel.*"],
                                   AttributeNames=["ApproximateReceiveCount"])
        self.assertEqual(sorted(prefixed["MessageAttributes"]), ["Hello", "Help.Me"])
        self.assertEqual(prefixed["MD5OfMessageAttributes"], "83fee93c1bcd8b9a5a923ffacdc636c7")  # recorded from AWS
        self.assertEqual(prefixed["Attributes"], {"ApproximateReceiveCount": "2"})

    def test_visibility_timeout_and_change_visibility(self):
        url = self.new_queue(VisibilityTimeout="1")
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        (first,) = self.receive(url, AttributeNames=["All"])
        self.assertEqual(self.attribute(url, "ApproximateNumberOfMessagesNotVisible"), "1")
        self.assertEqual(self.receive(url), [])
        again = self.wait_for(lambda: self.receive(url, AttributeNames=["All"]), what="redelivery")
        self.assertEqual(again[0]["Attributes"]["ApproximateReceiveCount"], "2")
        self.assertNotEqual(again[0]["ReceiptHandle"], first["ReceiptHandle"])
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"],
                                           VisibilityTimeout=3600)
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"],
                                           VisibilityTimeout=0)
        (third,) = self.receive(url, VisibilityTimeout=600)
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=third["ReceiptHandle"])
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=third["ReceiptHandle"])  # already gone: still 200
        with self.assertRaises(ClientError) as ctx:
            self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=third["ReceiptHandle"],
                                               VisibilityTimeout=10)
        self.assertAwsError(ctx, "InvalidParameterValue",
                            f"Value {third['ReceiptHandle']} for parameter ReceiptHandle is invalid. Reason: Message "
                            "does not exist or is not available for visibility timeout change.", 400)
        with self.assertRaises(self.sqs.exceptions.ReceiptHandleIsInvalid) as ctx:
            self.sqs.delete_message(QueueUrl=url, ReceiptHandle="not-a-handle")
        self.assertAwsError(ctx, "ReceiptHandleIsInvalid",
                            'The input receipt handle "not-a-handle" is not a valid receipt handle.', 400)

    def test_delay_seconds(self):
        url = self.new_queue()
        self.sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=1)
        self.assertEqual(self.attribute(url, "ApproximateNumberOfMessagesDelayed"), "1")
        self.assertEqual(self.receive(url), [])
        started = time.monotonic()
        messages = self.receive(url, WaitTimeSeconds=20)  # woken when the delay ends, not after 20 s
        self.assertEqual([m["Body"] for m in messages], ["later"])
        self.assertLess(time.monotonic() - started, 20)
        with self.assertRaises(ClientError) as ctx:
            self.sqs.send_message(QueueUrl=url, MessageBody="x", DelaySeconds=901)
        self.assertAwsError(ctx, "InvalidParameterValue")

    def test_long_poll_returns_when_a_message_arrives(self):
        url = self.new_queue()
        result = {}

        def poll():
            started = time.monotonic()
            result["messages"] = self.receive(url, WaitTimeSeconds=20)
            result["elapsed"] = time.monotonic() - started

        poller = threading.Thread(target=poll)
        poller.start()
        self.wait_for(lambda: self.waiting_receivers(url) == 1, what="the receiver to wait")
        self.sqs.send_message(QueueUrl=url, MessageBody="wake up")
        poller.join(30)
        self.assertFalse(poller.is_alive())
        self.assertEqual([m["Body"] for m in result["messages"]], ["wake up"])
        self.assertLess(result["elapsed"], 20)
        self.assertEqual(self.waiting_receivers(url), 0)

    def test_long_poll_on_an_empty_queue_returns_no_messages(self):
        url = self.new_queue(ReceiveMessageWaitTimeSeconds="1")
        response = self.sqs.receive_message(QueueUrl=url)  # the queue's default wait applies
        self.assertNotIn("Messages", response)

    def test_receive_parameter_errors(self):
        url = self.new_queue()
        for kwargs, message in (
                ({"WaitTimeSeconds": 21},
                 "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."),
                ({"MaxNumberOfMessages": 11},
                 "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if "
                 "provided."),
                ({"VisibilityTimeout": 43201},
                 "Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if "
                 "provided.")):
            with self.assertRaises(ClientError) as ctx:
                self.sqs.receive_message(QueueUrl=url, **kwargs)
            self.assertAwsError(ctx, "InvalidParameterValue", message, 400)

    def test_message_validation(self):
        url = self.new_queue(MaximumMessageSize="1024")
        self.sqs.send_message(QueueUrl=url, MessageBody="a" * 1024)
        with self.assertRaises(ClientError) as ctx:
            self.sqs.send_message(QueueUrl=url, MessageBody="a" * 1025)
        self.assertAwsError(ctx, "InvalidParameterValue",
                            "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.", 400)
        with self.assertRaises(self.sqs.exceptions.InvalidMessageContents) as ctx:
            self.sqs.send_message(QueueUrl=url, MessageBody="bad \x01")
        self.assertAwsError(ctx, "InvalidMessageContents", status=400)
        with self.assertRaises(ClientError) as ctx:
            self.sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes={
                "ErrorDetails": {"DataType": "String", "StringValue": ""}})
        self.assertAwsError(ctx, "InvalidParameterValue",
                            "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.")
        with self.assertRaises(ClientError) as ctx:
            self.sqs.send_message(QueueUrl=url, MessageBody="")
        self.assertAwsError(ctx, "MissingParameter", "The request must contain the parameter MessageBody.", 400)
        self.assertEqual(ctx.exception.response["Error"]["QueryErrorCode"], "MissingRequiredParameterException")


class SqsBatchTest(SqsTestCase):
    def test_send_batch_with_a_failed_entry(self):
        url = self.new_queue()
        result = self.sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "ok-1", "MessageBody": "one"},
            {"Id": "empty", "MessageBody": ""},
            {"Id": "ok-2", "MessageBody": "two", "MessageAttributes": {"k": {"DataType": "String", "StringValue": "v"}}},
        ])
        self.assertEqual([e["Id"] for e in result["Successful"]], ["ok-1", "ok-2"])
        self.assertEqual(result["Successful"][0]["MD5OfMessageBody"], md5_hex("one"))
        self.assertEqual(result["Successful"][1]["MD5OfMessageAttributes"],
                         md5_of_attributes({"k": {"DataType": "String", "StringValue": "v"}}))
        self.assertEqual(result["Failed"], [{
            "Id": "empty", "SenderFault": True, "Code": "MissingParameter",
            "Message": "The request must contain the parameter SendMessageBatchRequestEntry.2.MessageBody."}])

        messages = self.receive(url)
        handles = [{"Id": f"m{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)]
        changed = self.sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
            dict(h, VisibilityTimeout=60) for h in handles] + [
            {"Id": "bad", "ReceiptHandle": "junk", "VisibilityTimeout": 5}])
        self.assertEqual([e["Id"] for e in changed["Successful"]], ["m0", "m1"])
        self.assertEqual(changed["Failed"][0]["Code"], "ReceiptHandleIsInvalid")
        deleted = self.sqs.delete_message_batch(QueueUrl=url, Entries=handles + [{"Id": "bad", "ReceiptHandle": "junk"}])
        self.assertEqual([e["Id"] for e in deleted["Successful"]], ["m0", "m1"])
        self.assertEqual(deleted["Failed"], [{"Id": "bad", "SenderFault": True, "Code": "ReceiptHandleIsInvalid",
                                              "Message": 'The input receipt handle "junk" is not a valid receipt '
                                                         'handle.'}])
        self.assertEqual(self.attribute(url, "ApproximateNumberOfMessagesNotVisible"), "0")

    def test_batch_request_errors(self):
        url = self.new_queue()
        cases = (
            ([{"Id": str(i), "MessageBody": "x"} for i in range(11)], self.sqs.exceptions.TooManyEntriesInBatchRequest,
             "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
             "Maximum number of entries per request are 10. You have sent 11."),
            ([{"Id": "a", "MessageBody": "x"}, {"Id": "a", "MessageBody": "y"}],
             self.sqs.exceptions.BatchEntryIdsNotDistinct, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
             "Id a repeated."),
            ([{"Id": "no:colon", "MessageBody": "x"}], self.sqs.exceptions.InvalidBatchEntryId,
             "AWS.SimpleQueueService.InvalidBatchEntryId",
             "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most "
             "80 letters long."),
            ([], self.sqs.exceptions.EmptyBatchRequest, "AWS.SimpleQueueService.EmptyBatchRequest",
             "There should be at least one SendMessageBatchRequestEntry in the request."),
        )
        for entries, exception, code, message in cases:
            with self.subTest(code=code):
                with self.assertRaises(exception) as ctx:
                    self.sqs.send_message_batch(QueueUrl=url, Entries=entries)
                self.assertAwsError(ctx, code, message, 400)
        big = "x" * 300_000
        with self.assertRaises(self.sqs.exceptions.BatchRequestTooLong) as ctx:
            self.sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": big} for i in range(4)])
        self.assertAwsError(ctx, "AWS.SimpleQueueService.BatchRequestTooLong",
                            "Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes.", 400)
        self.assertEqual(self.attribute(url, "ApproximateNumberOfMessages"), "0")


class SqsDeadLetterTest(SqsTestCase):
    def test_redrive_after_max_receive_count(self):
        dlq = self.new_queue()
        policy = json.dumps({"deadLetterTargetArn": self.arn(dlq), "maxReceiveCount": 2})
        src = self.new_queue(RedrivePolicy=policy)
        self.assertEqual(self.attribute(src, "RedrivePolicy"),
                         json.dumps({"deadLetterTargetArn": self.arn(dlq), "maxReceiveCount": 2},
                                    separators=(",", ":")))
        sent = self.sqs.send_message(QueueUrl=src, MessageBody="poison")
        for count in ("1", "2"):
            (m,) = self.receive(src, VisibilityTimeout=0, AttributeNames=["ApproximateReceiveCount"])
            self.assertEqual(m["Attributes"]["ApproximateReceiveCount"], count)
        self.assertEqual(self.receive(src), [])  # the third receive moves it to the DLQ
        (dead,) = self.receive(dlq, MessageSystemAttributeNames=["All"])
        self.assertEqual(dead["MessageId"], sent["MessageId"])
        self.assertEqual(dead["Body"], "poison")
        self.assertEqual(dead["Attributes"]["DeadLetterQueueSourceArn"], self.arn(src))
        self.assertEqual(self.sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"], [src])

    def test_message_move_task_redrives_to_the_source(self):
        dlq = self.new_queue()
        src = self.new_queue(RedrivePolicy=json.dumps({"deadLetterTargetArn": self.arn(dlq), "maxReceiveCount": 1}))
        ids = sorted(self.sqs.send_message(QueueUrl=src, MessageBody=b)["MessageId"] for b in ("a", "b"))
        self.assertEqual(len(self.receive(src, VisibilityTimeout=0)), 2)
        self.assertEqual(self.receive(src), [])  # both over maxReceiveCount: moved
        self.assertEqual(self.attribute(dlq, "ApproximateNumberOfMessages"), "2")
        with self.assertRaises(ClientError) as ctx:
            self.sqs.start_message_move_task(SourceArn=self.arn(src))
        self.assertAwsError(ctx, "InvalidParameterValue", "Source queue must be configured as a Dead Letter Queue.")
        with self.assertRaises(self.sqs.exceptions.ResourceNotFoundException) as ctx:
            self.sqs.start_message_move_task(SourceArn=f"arn:aws:sqs:{REGION}:{ACCOUNT}:nope")
        self.assertAwsError(ctx, "ResourceNotFoundException",
                            "The resource that you specified for the SourceArn parameter doesn't exist.", 404)

        handle = self.sqs.start_message_move_task(SourceArn=self.arn(dlq))["TaskHandle"]
        (task,) = self.sqs.list_message_move_tasks(SourceArn=self.arn(dlq))["Results"]
        self.assertEqual(task["Status"], "COMPLETED")
        self.assertEqual((task["ApproximateNumberOfMessagesMoved"], task["ApproximateNumberOfMessagesToMove"]), (2, 2))
        self.assertEqual(task["SourceArn"], self.arn(dlq))
        back = self.receive(src, AttributeNames=["ApproximateReceiveCount"])
        self.assertEqual(sorted(m["MessageId"] for m in back), ids)
        self.assertEqual({m["Attributes"]["ApproximateReceiveCount"] for m in back}, {"1"})
        with self.assertRaises(ClientError) as ctx:
            self.sqs.cancel_message_move_task(TaskHandle=handle)
        self.assertAwsError(ctx, "InvalidParameterValue", "Only active tasks can be cancelled.")

    def test_invalid_redrive_policies(self):
        fifo_dlq = self.sqs.create_queue(QueueName="dlq-x.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
        for policy, message in (
                ({"deadLetterTargetArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:nope", "maxReceiveCount": 2},
                 "Reason: Dead letter target does not exist."),
                ({"deadLetterTargetArn": self.arn(fifo_dlq), "maxReceiveCount": 2},
                 "Reason: Dead-letter queue must be same type of queue as the source.."),
                ({"deadLetterTargetArn": "dummy", "maxReceiveCount": 42}, "Reason: Invalid value for deadLetterTargetArn."),
                ({"deadLetterTargetArn": self.arn(fifo_dlq), "maxReceiveCount": 1001},
                 "Reason: Invalid value for maxReceiveCount: 1001, valid values are from 1 to 1000 both inclusive.")):
            raw = json.dumps(policy)
            with self.subTest(policy=raw):
                with self.assertRaises(ClientError) as ctx:
                    self.sqs.create_queue(QueueName="with-bad-redrive", Attributes={"RedrivePolicy": raw})
                self.assertAwsError(ctx, "InvalidParameterValue",
                                    f"Value {raw} for parameter RedrivePolicy is invalid. {message}", 400)


class SqsFifoTest(SqsTestCase):
    def fifo(self, **attributes):
        return self.new_queue(".fifo", FifoQueue="true", **attributes)

    def test_group_ordering_and_in_flight_groups(self):
        url = self.fifo(ContentBasedDeduplication="true")
        for body, group in (("a1", "A"), ("b1", "B"), ("a2", "A"), ("a3", "A")):
            sent = self.sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group)
            self.assertEqual(len(sent["SequenceNumber"]), 20)
        (first,) = self.receive(url, MaxNumberOfMessages=1, AttributeNames=["All"])
        self.assertEqual(first["Body"], "a1")
        self.assertEqual(first["Attributes"]["MessageGroupId"], "A")
        self.assertEqual(first["Attributes"]["MessageDeduplicationId"], __import__("hashlib").sha256(b"a1").hexdigest())
        # Group A is in flight: nothing more of it until a1 is deleted.
        self.assertEqual([m["Body"] for m in self.receive(url)], ["b1"])
        self.assertEqual(self.receive(url), [])
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=first["ReceiptHandle"])
        self.assertEqual([m["Body"] for m in self.receive(url)], ["a2", "a3"])

    def test_deduplication(self):
        url = self.fifo()
        one = self.sqs.send_message(QueueUrl=url, MessageBody="x", MessageGroupId="g", MessageDeduplicationId="d")
        two = self.sqs.send_message(QueueUrl=url, MessageBody="y", MessageGroupId="g", MessageDeduplicationId="d")
        self.assertEqual(two["MessageId"], one["MessageId"])
        self.assertEqual(two["SequenceNumber"], one["SequenceNumber"])
        self.assertEqual(two["MD5OfMessageBody"], md5_hex("y"))
        self.assertEqual([m["Body"] for m in self.receive(url)], ["x"])

    def test_fifo_errors(self):
        url = self.fifo()
        with self.assertRaises(ClientError) as ctx:
            self.sqs.send_message(QueueUrl=url, MessageBody="x", MessageDeduplicationId="d")
        self.assertAwsError(ctx, "MissingParameter", "The request must contain the parameter MessageGroupId.", 400)
        with self.assertRaises(ClientError) as ctx:
            self.sqs.send_message(QueueUrl=url, MessageBody="x", MessageGroupId="g")
        self.assertAwsError(ctx, "InvalidParameterValue",
                            "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId "
                            "provided explicitly", 400)
        with self.assertRaises(ClientError) as ctx:
            self.sqs.send_message(QueueUrl=url, MessageBody="x", MessageGroupId="g", MessageDeduplicationId="d",
                                  DelaySeconds=2)
        self.assertAwsError(ctx, "InvalidParameterValue",
                            "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that "
                            "is not valid for this queue type.", 400)
        with self.assertRaises(ClientError) as ctx:
            self.sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "1", "MessageBody": "x",
                                                                 "MessageDeduplicationId": "d"}])
        self.assertAwsError(ctx, "InvalidParameterValue", "The request must contain the parameter MessageGroupId.")

    def test_expired_receipt_handle(self):
        url = self.fifo(VisibilityTimeout="1")
        self.sqs.send_message(QueueUrl=url, MessageBody="x", MessageGroupId="g", MessageDeduplicationId="d")
        (m,) = self.receive(url, VisibilityTimeout=0)
        with self.assertRaises(ClientError) as ctx:
            self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        self.assertAwsError(ctx, "InvalidParameterValue",
                            f"Value {m['ReceiptHandle']} for parameter ReceiptHandle is invalid. Reason: The receipt "
                            "handle has expired.", 400)


class SqsQueryProtocolTest(SqsTestCase):
    """The query protocol: botocore with the query-protocol model, and raw form posts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.query = query_protocol_client(cls.endpoint)

    def test_operations_through_botocore_query_protocol(self):
        q = self.query
        url = q.create_queue(QueueName="query-q", Attributes={"VisibilityTimeout": "40"},
                             tags={"via": "query"})["QueueUrl"]
        self.assertEqual(url, f"{self.endpoint}/{ACCOUNT}/query-q")
        self.assertEqual(q.get_queue_url(QueueName="query-q")["QueueUrl"], url)
        self.assertIn(url, q.list_queues(QueueNamePrefix="query-")["QueueUrls"])
        self.assertEqual(q.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout", "QueueArn"])[
            "Attributes"], {"VisibilityTimeout": "40", "QueueArn": self.arn(url)})
        self.assertEqual(q.list_queue_tags(QueueUrl=url)["Tags"], {"via": "query"})
        attributes = {"Author": {"DataType": "String", "StringValue": "A & <B> \"C\""},
                      "Raw": {"DataType": "Binary", "BinaryValue": b"\x00\xff"}}
        sent = q.send_message(QueueUrl=url, MessageBody="line1\r\nline2 <&>", MessageAttributes=attributes)
        self.assertEqual(sent["MD5OfMessageBody"], md5_hex("line1\r\nline2 <&>"))
        self.assertEqual(sent["MD5OfMessageAttributes"], md5_of_attributes(attributes))
        batch = q.send_message_batch(QueueUrl=url, Entries=[{"Id": "a", "MessageBody": "one"},
                                                            {"Id": "b", "MessageBody": ""}])
        self.assertEqual([e["Id"] for e in batch["Successful"]], ["a"])
        self.assertEqual(batch["Failed"][0]["Code"], "MissingParameter")
        messages = q.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"],
                                     MessageAttributeNames=["All"])["Messages"]
        self.assertEqual([m["Body"] for m in messages], ["line1\r\nline2 <&>", "one"])
        self.assertEqual(messages[0]["MessageAttributes"], attributes)
        self.assertEqual(messages[0]["MD5OfMessageAttributes"], md5_of_attributes(attributes))
        self.assertEqual(messages[0]["Attributes"]["ApproximateReceiveCount"], "1")
        q.change_message_visibility(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"], VisibilityTimeout=100)
        deleted = q.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": f"m{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
        self.assertEqual(len(deleted["Successful"]), 2)
        self.assertNotIn("Messages", q.receive_message(QueueUrl=url))
        q.tag_queue(QueueUrl=url, Tags={"more": "tags"})
        q.untag_queue(QueueUrl=url, TagKeys=["via"])
        self.assertEqual(q.list_queue_tags(QueueUrl=url)["Tags"], {"more": "tags"})
        q.add_permission(QueueUrl=url, Label="l1", AWSAccountIds=[ACCOUNT], Actions=["SendMessage"])
        self.assertEqual(json.loads(q.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"][
            "Policy"])["Statement"][0]["Sid"], "l1")
        q.remove_permission(QueueUrl=url, Label="l1")
        src = q.create_queue(QueueName="query-src", Attributes={"RedrivePolicy": json.dumps(
            {"deadLetterTargetArn": self.arn(url), "maxReceiveCount": 1})})["QueueUrl"]
        self.assertEqual(q.list_dead_letter_source_queues(QueueUrl=url)["queueUrls"], [src])
        q.start_message_move_task(SourceArn=self.arn(url))
        (task,) = q.list_message_move_tasks(SourceArn=self.arn(url), MaxResults=5)["Results"]
        self.assertEqual(task["Status"], "COMPLETED")
        q.purge_queue(QueueUrl=src)
        q.delete_queue(QueueUrl=src)
        q.delete_queue(QueueUrl=url)

    def test_query_errors(self):
        with self.assertRaises(ClientError) as ctx:
            self.query.get_queue_url(QueueName="nope")
        self.assertAwsError(ctx, "AWS.SimpleQueueService.NonExistentQueue",
                            "The specified queue does not exist for this wsdl version.", 400)
        url = self.query.create_queue(QueueName="query-errors")["QueueUrl"]
        with self.assertRaises(ClientError) as ctx:
            self.query.receive_message(QueueUrl=url, WaitTimeSeconds=21)
        self.assertAwsError(ctx, "InvalidParameterValue",
                            "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if "
                            "provided.", 400)

    def test_raw_form_posts_to_the_queue_url(self):
        url = self.sqs.create_queue(QueueName="raw-form")["QueueUrl"]
        form = urllib.parse.urlencode({"Action": "SendMessage", "Version": "2012-11-05", "MessageBody": "a+b c",
                                       "MessageAttribute.1.Name": "k", "MessageAttribute.1.Value.DataType": "String",
                                       "MessageAttribute.1.Value.StringValue": "v"}).encode()
        status, headers, body = http_request(url, form, {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200, body)
        root = ET.fromstring(body)
        self.assertEqual(root.tag, f"{{{QUERY_NAMESPACE}}}SendMessageResponse")
        self.assertEqual(root.find("q:SendMessageResult/q:MD5OfMessageBody", NS).text, md5_hex("a+b c"))
        self.assertEqual(root.find("q:SendMessageResult/q:MD5OfMessageAttributes", NS).text,
                         md5_of_attributes({"k": {"DataType": "String", "StringValue": "v"}}))
        self.assertEqual(root.find("q:ResponseMetadata/q:RequestId", NS).text, headers["x-amzn-requestid"])

        status, _, body = http_request(f"{url}?Action=ReceiveMessage&AttributeName.1=All&MessageAttributeName.1=All",
                                       method="GET")
        self.assertEqual(status, 200, body)
        message = ET.fromstring(body).find("q:ReceiveMessageResult/q:Message", NS)
        self.assertEqual(message.find("q:Body", NS).text, "a+b c")
        attrs = {a.find("q:Name", NS).text: a.find("q:Value", NS).text for a in message.findall("q:Attribute", NS)}
        self.assertEqual(attrs["ApproximateReceiveCount"], "1")
        self.assertEqual(message.find("q:MessageAttribute/q:Value/q:StringValue", NS).text, "v")

        status, _, body = http_request(f"{self.endpoint}/", urllib.parse.urlencode(
            {"Action": "GetQueueUrl", "QueueName": "nope"}).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 400)
        error = ET.fromstring(body).find("q:Error", NS)
        self.assertEqual(error.find("q:Type", NS).text, "Sender")
        self.assertEqual(error.find("q:Code", NS).text, "AWS.SimpleQueueService.NonExistentQueue")
        self.assertEqual(error.find("q:Message", NS).text, "The specified queue does not exist for this wsdl version.")

        status, _, body = http_request(f"{self.endpoint}/", b"Action=Frobnicate",
                                       {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 400)
        self.assertEqual(ET.fromstring(body).find("q:Error/q:Code", NS).text, "InvalidAction")


class SqsCliTest(SqsTestCase):
    """awscli 1.45 bundles botocore 1.43, so `aws sqs` speaks JSON 1.0 like boto3."""

    def aws(self, *args):
        out = subprocess.run(["aws", "--endpoint-url", self.endpoint, "--output", "json", "sqs", *args],
                             capture_output=True, text=True, timeout=60, env=dummy_credentials_env())
        return out.returncode, out.stdout, out.stderr

    def test_cli_round_trip(self):
        if shutil.which("aws") is None:
            self.skipTest("awscli is not installed")
        code, out, err = self.aws("create-queue", "--queue-name", "cli-queue")
        self.assertEqual(code, 0, err)
        url = json.loads(out)["QueueUrl"]
        code, out, err = self.aws("send-message", "--queue-url", url, "--message-body", "from the cli",
                                  "--message-attributes", '{"k":{"DataType":"String","StringValue":"v"}}')
        self.assertEqual(code, 0, err)
        self.assertEqual(json.loads(out)["MD5OfMessageBody"], md5_hex("from the cli"))
        code, out, err = self.aws("receive-message", "--queue-url", url, "--wait-time-seconds", "5",
                                  "--message-attribute-names", "All")
        self.assertEqual(code, 0, err)
        (message,) = json.loads(out)["Messages"]
        self.assertEqual(message["Body"], "from the cli")
        self.assertEqual(message["MessageAttributes"], {"k": {"DataType": "String", "StringValue": "v"}})
        code, out, err = self.aws("get-queue-url", "--queue-name", "cli-missing")
        self.assertEqual(code, 255)  # awscli v1 exits 255 on a service error
        self.assertIn("(AWS.SimpleQueueService.NonExistentQueue)", err)
        self.assertIn("The specified queue does not exist.", err)


class SqsNodeClientTest(SqsTestCase):
    """The AWS SDK for JavaScript v3, which verifies MD5OfMessageBody on send, batch send and receive."""

    CLIENT_DIR = os.path.join(ROOT, "fixtures", "node-clients")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        npm_ci(cls.CLIENT_DIR, "@aws-sdk/client-sqs")

    def test_sdk_v3_round_trip(self):
        out = subprocess.run(["node", "sqs_client.mjs", self.endpoint, "js-queue"], cwd=self.CLIENT_DIR,
                             capture_output=True, text=True, timeout=120, env=dummy_credentials_env())
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout)
        self.assertEqual(result["queueUrl"], f"{self.endpoint}/{ACCOUNT}/js-queue")
        attributes = {"Author": {"DataType": "String", "StringValue": "John Grisham"},
                      "WeeksOn": {"DataType": "Number", "StringValue": "6"},
                      "Blob": {"DataType": "Binary", "BinaryValue": bytes([0, 1, 2, 250])}}
        self.assertEqual(result["sent"]["MD5OfMessageAttributes"], md5_of_attributes(attributes))
        self.assertEqual(sorted(e["Id"] for e in result["batch"]["Successful"]), ["a", "b"])
        self.assertEqual(sorted(m["body"] for m in result["received"]), ["héllo from js", "one", "two"])
        rich = next(m for m in result["received"] if m["body"] == "héllo from js")
        self.assertEqual(rich["md5OfAttributes"], md5_of_attributes(attributes))
        self.assertEqual(rich["attributes"]["Blob"]["DataType"], "Binary")
        self.assertEqual(len(result["deleted"]["Successful"]), 3)
        self.assertEqual(result["attributes"]["ApproximateNumberOfMessages"], "0")
        self.assertEqual(result["missing"]["name"], "QueueDoesNotExist")
        self.assertEqual(result["missing"]["message"], "The specified queue does not exist.")
        self.assertEqual(result["missing"]["status"], 400)


if __name__ == "__main__":
    unittest.main()
