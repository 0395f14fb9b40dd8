"""S3 on lemu's edge port, driven by boto3, awscli, raw HTTP and the AWS SDK for JavaScript v3.

Notification destinations are validated by the composition root's validator; until the function
registry is wired in, it refuses every function (as AWS refuses a missing one), so configurations
are stored here with x-amz-skip-destination-validation and the delivered events are read back from
GET /_lemu/s3-notifications.
"""

import base64
import hashlib
import http.client
import io
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import urllib.request
import zlib

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

from lemu_fixture import ACCOUNT, REGION, LemuTestCase, dummy_credentials_env, npm_ci

FN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:fn"
NODE_CLIENT_DIR = os.path.join(os.path.dirname(__file__), "..", "fixtures", "node-clients", "s3")


def crc32_b64(data):
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


class S3TestCase(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.s3 = cls.lemu.client("s3")
        cls.host_port = urllib.parse.urlparse(cls.endpoint).netloc
        cls._n = 0

    def bucket(self, prefix="bkt"):
        type(self)._n += 1
        name = f"{prefix}-{type(self).__name__.lower()}-{self._n}"
        self.s3.create_bucket(Bucket=name)
        return name

    def raw(self, method, path, body=b"", headers=None):
        conn = http.client.HTTPConnection(self.host_port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    def notifications(self, bucket=None):
        with urllib.request.urlopen(self.endpoint + "/_lemu/s3-notifications", timeout=10) as r:
            events = json.load(r)
        return [e for e in events if bucket is None or e["bucket"] == bucket]

    def wait_notifications(self, bucket, count, timeout=10.0):
        deadline = time.monotonic() + timeout
        while True:
            events = self.notifications(bucket)
            if len(events) >= count or time.monotonic() > deadline:
                return events
            time.sleep(0.02)


class BucketTest(S3TestCase):
    def test_create_head_list_delete(self):
        name = self.bucket()
        # us-east-1 without a configuration: re-creating is idempotent.
        again = self.s3.create_bucket(Bucket=name)
        self.assertEqual(again["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(again["Location"], f"/{name}")
        head = self.s3.head_bucket(Bucket=name)
        self.assertEqual(head["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"], "us-east-1")
        self.assertIn(name, [b["Name"] for b in self.s3.list_buckets()["Buckets"]])
        self.assertIsNone(self.s3.get_bucket_location(Bucket=name)["LocationConstraint"])
        self.s3.put_object(Bucket=name, Key="k", Body=b"x")
        with self.assertRaises(ClientError) as ctx:
            self.s3.delete_bucket(Bucket=name)
        self.assertAwsError(ctx, "BucketNotEmpty", "The bucket you tried to delete is not empty", 409)
        self.s3.delete_object(Bucket=name, Key="k")
        resp = self.s3.delete_bucket(Bucket=name)
        self.assertEqual(resp["ResponseMetadata"]["HTTPStatusCode"], 204)
        with self.assertRaises(ClientError) as ctx:
            self.s3.head_bucket(Bucket=name)
        self.assertAwsError(ctx, "404", "Not Found", 404)

    def test_location_constraints(self):
        name = "eu-bucket-location"
        resp = self.s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        self.assertEqual(resp["Location"], f"http://{name}.{self.host_port}/")
        self.assertEqual(self.s3.get_bucket_location(Bucket=name)["LocationConstraint"], "eu-west-1")
        with self.assertRaises(ClientError) as ctx:
            self.s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        self.assertAwsError(ctx, "BucketAlreadyOwnedByYou",
                            "Your previous request to create the named bucket succeeded and you already own it.", 409)
        self.assertEqual(ctx.exception.response["Error"]["BucketName"], name)
        with self.assertRaises(ClientError) as ctx:
            self.s3.create_bucket(Bucket="explicit-us-east-1",
                                  CreateBucketConfiguration={"LocationConstraint": "us-east-1"})
        self.assertAwsError(ctx, "InvalidLocationConstraint", "The specified location-constraint is not valid", 400)
        eu = boto3.client("s3", endpoint_url=self.endpoint, region_name="eu-west-2", aws_access_key_id="test",
                          aws_secret_access_key="test", config=Config(retries={"max_attempts": 0}))
        with self.assertRaises(ClientError) as ctx:
            eu.create_bucket(Bucket="regional-no-constraint")
        self.assertAwsError(ctx, "IllegalLocationConstraintException",
                            "The unspecified location constraint is incompatible for the region specific endpoint "
                            "this request was sent to.", 400)

    def test_invalid_names_and_missing_buckets(self):
        for bad in ("UPPERCASE", "bad_underscore", "ab", "192.168.1.1"):
            with self.assertRaises(ClientError) as ctx:
                self.s3.create_bucket(Bucket=bad)
            self.assertAwsError(ctx, "InvalidBucketName", "The specified bucket is not valid.", 400)
        with self.assertRaises(ClientError) as ctx:
            self.s3.get_object(Bucket="no-such-bucket", Key="k")
        self.assertAwsError(ctx, "NoSuchBucket", "The specified bucket does not exist", 404)
        self.assertEqual(ctx.exception.response["Error"]["BucketName"], "no-such-bucket")
        with self.assertRaises(ClientError) as ctx:
            self.s3.list_objects_v2(Bucket="no-such-bucket")
        self.assertAwsError(ctx, "NoSuchBucket", "The specified bucket does not exist", 404)


class ObjectTest(S3TestCase):
    def test_put_get_head_round_trip(self):
        name = self.bucket()
        key = "dir/a b+c.txt"
        put = self.s3.put_object(Bucket=name, Key=key, Body=b"something..", ContentType="text/plain",
                                 Metadata={"Color": "red"}, CacheControl="max-age=60")
        self.assertEqual(put["ETag"], '"e9fb1ed1d5eaa36781088aae37acffbd"')
        self.assertEqual(put["ChecksumCRC32"], crc32_b64(b"something.."))
        self.assertEqual(put["ServerSideEncryption"], "AES256")
        meta = put["ResponseMetadata"]
        self.assertRegex(meta["RequestId"], r"^[0-9A-F]{16}$")
        self.assertEqual(meta["RequestId"], meta["HTTPHeaders"]["x-amz-request-id"])
        self.assertTrue(meta["HTTPHeaders"]["x-amz-id-2"])
        got = self.s3.get_object(Bucket=name, Key=key, ChecksumMode="ENABLED")
        self.assertEqual(got["Body"].read(), b"something..")
        self.assertEqual(got["ContentType"], "text/plain")
        self.assertEqual(got["ContentLength"], 11)
        self.assertEqual(got["Metadata"], {"color": "red"})
        self.assertEqual(got["CacheControl"], "max-age=60")
        self.assertEqual(got["ChecksumCRC32"], crc32_b64(b"something.."))
        self.assertEqual(got["AcceptRanges"], "bytes")
        head = self.s3.head_object(Bucket=name, Key=key)
        self.assertEqual(head["ContentLength"], 11)
        self.assertEqual(head["ETag"], put["ETag"])
        self.assertEqual(head["LastModified"], got["LastModified"])
        default_type = self.s3.put_object(Bucket=name, Key="untyped", Body=b"")
        self.assertEqual(self.s3.head_object(Bucket=name, Key="untyped")["ContentType"], "binary/octet-stream")
        self.assertEqual(default_type["ETag"], '"d41d8cd98f00b204e9800998ecf8427e"')

    def test_unicode_and_special_keys_round_trip(self):
        name = self.bucket()
        keys = ["a+b", "sp ace/x", "caf\u00e9/\u65e5\u672c.txt", "q?uery#frag", "amp&lt;", "trailing/", "//double"]
        for k in keys:
            self.s3.put_object(Bucket=name, Key=k, Body=k.encode())
        listed = [o["Key"] for o in self.s3.list_objects_v2(Bucket=name)["Contents"]]
        self.assertEqual(listed, sorted(keys, key=lambda s: s.encode()))
        for k in keys:
            self.assertEqual(self.s3.get_object(Bucket=name, Key=k)["Body"].read(), k.encode())

    def test_ranges(self):
        name = self.bucket()
        self.s3.put_object(Bucket=name, Key="r", Body=b"0123456789")
        got = self.s3.get_object(Bucket=name, Key="r", Range="bytes=2-5")
        self.assertEqual(got["ResponseMetadata"]["HTTPStatusCode"], 206)
        self.assertEqual(got["Body"].read(), b"2345")
        self.assertEqual(got["ContentRange"], "bytes 2-5/10")
        self.assertEqual(self.s3.get_object(Bucket=name, Key="r", Range="bytes=-3")["Body"].read(), b"789")
        self.assertEqual(self.s3.get_object(Bucket=name, Key="r", Range="bytes=8-")["Body"].read(), b"89")
        etag = got["ETag"]
        self.assertEqual(self.s3.get_object(Bucket=name, Key="r", IfMatch=etag)["Body"].read(), b"0123456789")
        with self.assertRaises(ClientError) as ctx:
            self.s3.get_object(Bucket=name, Key="r", IfMatch='"0000"')
        self.assertAwsError(ctx, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold",
                            412)
        with self.assertRaises(ClientError) as ctx:
            self.s3.get_object(Bucket=name, Key="r", IfNoneMatch=etag)
        self.assertAwsError(ctx, "304", "Not Modified", 304)
        with self.assertRaises(ClientError) as ctx:
            self.s3.get_object(Bucket=name, Key="r", Range="bytes=10-20")
        self.assertAwsError(ctx, "InvalidRange", "The requested range is not satisfiable", 416)
        self.assertEqual(ctx.exception.response["Error"]["ActualObjectSize"], "10")
        self.assertEqual(ctx.exception.response["Error"]["RangeRequested"], "bytes=10-20")

    def test_missing_keys_and_deletes(self):
        name = self.bucket()
        with self.assertRaises(ClientError) as ctx:
            self.s3.get_object(Bucket=name, Key="nope")
        self.assertAwsError(ctx, "NoSuchKey", "The specified key does not exist.", 404)
        self.assertEqual(ctx.exception.response["Error"]["Key"], "nope")
        with self.assertRaises(ClientError) as ctx:
            self.s3.head_object(Bucket=name, Key="nope")
        self.assertAwsError(ctx, "404", "Not Found", 404)
        resp = self.s3.delete_object(Bucket=name, Key="nope")
        self.assertEqual(resp["ResponseMetadata"]["HTTPStatusCode"], 204)
        for k in ("a", "b", "c"):
            self.s3.put_object(Bucket=name, Key=k, Body=b"x")
        resp = self.s3.delete_objects(Bucket=name, Delete={"Objects": [{"Key": "a"}, {"Key": "b"}, {"Key": "zz"}]})
        self.assertEqual(sorted(d["Key"] for d in resp["Deleted"]), ["a", "b", "zz"])
        quiet = self.s3.delete_objects(Bucket=name, Delete={"Objects": [{"Key": "c"}], "Quiet": True})
        self.assertNotIn("Deleted", quiet)
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=name))

    def test_copy_object(self):
        name = self.bucket()
        other = self.bucket()
        self.s3.put_object(Bucket=name, Key="src key", Body=b"payload", ContentType="text/x", Metadata={"a": "1"})
        copied = self.s3.copy_object(Bucket=other, Key="dst", CopySource={"Bucket": name, "Key": "src key"})
        self.assertEqual(copied["CopyObjectResult"]["ETag"], '"321c3cf486ed509164edec1e1981fec8"')
        got = self.s3.get_object(Bucket=other, Key="dst")
        self.assertEqual((got["Body"].read(), got["ContentType"], got["Metadata"]), (b"payload", "text/x", {"a": "1"}))
        self.s3.copy_object(Bucket=name, Key="src key", CopySource=f"{name}/src key", MetadataDirective="REPLACE",
                            ContentType="text/y", Metadata={"b": "2"})
        got = self.s3.head_object(Bucket=name, Key="src key")
        self.assertEqual((got["ContentType"], got["Metadata"]), ("text/y", {"b": "2"}))
        with self.assertRaises(ClientError) as ctx:
            self.s3.copy_object(Bucket=name, Key="src key", CopySource=f"{name}/src key")
        self.assertAwsError(ctx, "InvalidRequest",
                            "This copy request is illegal because it is trying to copy an object to itself without "
                            "changing the object's metadata, storage class, website redirect location or encryption "
                            "attributes.", 400)
        with self.assertRaises(ClientError) as ctx:
            self.s3.copy_object(Bucket=name, Key="x", CopySource=f"{name}/missing")
        self.assertAwsError(ctx, "NoSuchKey", "The specified key does not exist.", 404)

    def test_multipart_upload_through_transfer_manager(self):
        name = self.bucket()
        data = os.urandom(11 * 1024 * 1024 + 5)
        cfg = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
        self.s3.upload_fileobj(io.BytesIO(data), name, "big.bin", Config=cfg)
        head = self.s3.head_object(Bucket=name, Key="big.bin")
        self.assertEqual(head["ContentLength"], len(data))
        self.assertRegex(head["ETag"], r'^"[0-9a-f]{32}-3"$')
        self.assertEqual(self.s3.get_object(Bucket=name, Key="big.bin")["Body"].read(), data)
        upload = self.s3.create_multipart_upload(Bucket=name, Key="small")
        part = self.s3.upload_part(Bucket=name, Key="small", UploadId=upload["UploadId"], PartNumber=1, Body=b"a")
        self.assertEqual(self.s3.list_parts(Bucket=name, Key="small", UploadId=upload["UploadId"])["Parts"][0]["ETag"],
                         part["ETag"])
        with self.assertRaises(ClientError) as ctx:
            self.s3.complete_multipart_upload(Bucket=name, Key="small", UploadId=upload["UploadId"],
                                              MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"00"'}]})
        self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidPart")
        self.s3.abort_multipart_upload(Bucket=name, Key="small", UploadId=upload["UploadId"])
        with self.assertRaises(ClientError) as ctx:
            self.s3.list_parts(Bucket=name, Key="small", UploadId=upload["UploadId"])
        self.assertAwsError(ctx, "NoSuchUpload", None, 404)


class ListObjectsTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.name = "listing-bucket"
        cls.s3.create_bucket(Bucket=cls.name)
        cls.keys = ["a+b", "a.txt", "dir/1", "dir/2", "dir/sub/3", "e/1", "z"]
        for k in cls.keys:
            cls.s3.put_object(Bucket=cls.name, Key=k, Body=b"x")

    def test_prefix_delimiter_common_prefixes(self):
        resp = self.s3.list_objects_v2(Bucket=self.name, Delimiter="/")
        self.assertEqual([o["Key"] for o in resp["Contents"]], ["a+b", "a.txt", "z"])
        self.assertEqual([p["Prefix"] for p in resp["CommonPrefixes"]], ["dir/", "e/"])
        self.assertEqual(resp["KeyCount"], 5)
        self.assertEqual(resp["EncodingType"], "url")
        resp = self.s3.list_objects_v2(Bucket=self.name, Prefix="dir/", Delimiter="/")
        self.assertEqual([o["Key"] for o in resp["Contents"]], ["dir/1", "dir/2"])
        self.assertEqual([p["Prefix"] for p in resp["CommonPrefixes"]], ["dir/sub/"])
        self.assertEqual(resp["Prefix"], "dir/")
        resp = self.s3.list_objects_v2(Bucket=self.name, StartAfter="dir/2")
        self.assertEqual([o["Key"] for o in resp["Contents"]], ["dir/sub/3", "e/1", "z"])
        self.assertEqual(resp["StartAfter"], "dir/2")
        first = resp["Contents"][0]
        self.assertEqual((first["Size"], first["StorageClass"], first["ETag"]),
                         (1, "STANDARD", '"9dd4e461268c8034f5c8564e155c67a6"'))

    def test_paging_with_continuation_tokens(self):
        pages = list(self.s3.get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Delimiter="/", PaginationConfig={"PageSize": 2}))
        self.assertEqual([p["KeyCount"] for p in pages], [2, 2, 1])
        self.assertTrue(pages[0]["IsTruncated"])
        self.assertFalse(pages[-1]["IsTruncated"])
        seen = [o["Key"] for p in pages for o in p.get("Contents", [])] + \
               [c["Prefix"] for p in pages for c in p.get("CommonPrefixes", [])]
        self.assertEqual(sorted(seen), ["a+b", "a.txt", "dir/", "e/", "z"])
        with self.assertRaises(ClientError) as ctx:
            self.s3.list_objects_v2(Bucket=self.name, ContinuationToken="bogus")
        self.assertAwsError(ctx, "InvalidArgument", "The continuation token provided is incorrect", 400)

    def test_max_keys_and_v1(self):
        resp = self.s3.list_objects_v2(Bucket=self.name, MaxKeys=0)
        self.assertEqual((resp["KeyCount"], resp["IsTruncated"]), (0, False))
        resp = self.s3.list_objects(Bucket=self.name, Delimiter="/", MaxKeys=2)
        self.assertTrue(resp["IsTruncated"])
        self.assertEqual(resp["NextMarker"], "a.txt")
        resp = self.s3.list_objects(Bucket=self.name, Marker=resp["NextMarker"], Delimiter="/")
        self.assertEqual([p["Prefix"] for p in resp["CommonPrefixes"]], ["dir/", "e/"])
        self.assertEqual(resp["Contents"][0]["Owner"]["ID"], hashlib.sha256(ACCOUNT.encode()).hexdigest())


class WireTest(S3TestCase):
    """Raw HTTP: integrity headers, aws-chunked uploads, virtual-host addressing, routing."""

    AUTH = ("AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;x-amz-date, Signature=00")

    def test_integrity_headers_are_checked(self):
        name = self.bucket()
        status, headers, body = self.raw("PUT", f"/{name}/k", b"hello",
                                         {"Authorization": self.AUTH, "Content-MD5": base64.b64encode(b"0" * 16).decode()})
        self.assertEqual(status, 400)
        self.assertIn(b"<Code>BadDigest</Code>", body)
        self.assertIn(b"<Message>The Content-MD5 you specified did not match what we received.</Message>", body)
        self.assertRegex(headers["x-amz-request-id"], r"^[0-9A-F]{16}$")
        self.assertIn("x-amz-id-2", headers)
        status, _, body = self.raw("PUT", f"/{name}/k", b"hello",
                                   {"Authorization": self.AUTH, "x-amz-checksum-crc32": crc32_b64(b"other")})
        self.assertEqual(status, 400)
        self.assertIn(b"<Message>The CRC32 you specified did not match the calculated checksum.</Message>", body)
        status, _, body = self.raw("PUT", f"/{name}/k", b"hello",
                                   {"Authorization": self.AUTH, "x-amz-content-sha256": "0" * 64})
        self.assertEqual(status, 400)
        self.assertIn(b"<Code>XAmzContentSHA256Mismatch</Code>", body)
        with self.assertRaises(ClientError):
            self.s3.head_object(Bucket=name, Key="k")  # nothing was stored

    def test_aws_chunked_uploads(self):
        name = self.bucket()
        signed = (b"5;chunk-signature=" + b"a" * 64 + b"\r\nhello\r\n6;chunk-signature=" + b"b" * 64 +
                  b"\r\n world\r\n0;chunk-signature=" + b"c" * 64 + b"\r\n\r\n")
        status, _, _ = self.raw("PUT", f"/{name}/signed", signed, {
            "Authorization": self.AUTH, "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
            "Content-Encoding": "aws-chunked", "x-amz-decoded-content-length": "11"})
        self.assertEqual(status, 200)
        got = self.s3.get_object(Bucket=name, Key="signed")
        self.assertEqual(got["Body"].read(), b"hello world")
        self.assertNotIn("ContentEncoding", got)
        trailer = b"3\r\nabc\r\n0\r\nx-amz-checksum-crc32:" + crc32_b64(b"abc").encode() + b"\r\n\r\n"
        status, headers, _ = self.raw("PUT", f"/{name}/trailer", trailer, {
            "Authorization": self.AUTH, "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
            "Content-Encoding": "aws-chunked", "x-amz-decoded-content-length": "3",
            "x-amz-trailer": "x-amz-checksum-crc32"})
        self.assertEqual(status, 200)
        self.assertEqual(headers["x-amz-checksum-crc32"], crc32_b64(b"abc"))
        self.assertEqual(self.s3.get_object(Bucket=name, Key="trailer")["Body"].read(), b"abc")

    def test_virtual_host_addressing(self):
        name = self.bucket()
        for host in (f"{name}.s3.localhost.localstack.cloud:4566", f"{name}.s3.us-east-1.amazonaws.com",
                     f"{name}.localhost:{self.host_port.rsplit(':', 1)[1]}"):
            status, _, _ = self.raw("PUT", "/dir/v.txt", host.encode(), {"Host": host, "Authorization": self.AUTH})
            self.assertEqual(status, 200, host)
            status, _, body = self.raw("GET", "/dir/v.txt", headers={"Host": host})  # unsigned, routed by Host
            self.assertEqual((status, body), (200, host.encode()))
            status, _, body = self.raw("GET", "/?list-type=2&prefix=dir%2F", headers={"Host": host})
            self.assertEqual(status, 200)
            self.assertIn(b"<Key>dir/v.txt</Key>", body)

    def test_boto3_virtual_addressing(self):
        name = self.bucket()
        client = boto3.client("s3", endpoint_url=f"http://s3.localhost.localstack.cloud:{self.host_port.rsplit(':', 1)[1]}",
                              region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test",
                              config=Config(s3={"addressing_style": "virtual"}, retries={"max_attempts": 0}))
        hosts = []

        def to_loopback(request, **_):
            # No DNS here: keep the virtual Host header, connect to lemu's address.
            url = urllib.parse.urlsplit(request.url)
            hosts.append(url.netloc)
            request.headers["Host"] = url.netloc
            request.url = urllib.parse.urlunsplit(url._replace(netloc=self.host_port))

        client.meta.events.register("before-send.s3", to_loopback)
        client.put_object(Bucket=name, Key="virt/ual key", Body=b"vh")
        self.assertEqual(client.get_object(Bucket=name, Key="virt/ual key")["Body"].read(), b"vh")
        self.assertEqual([o["Key"] for o in client.list_objects_v2(Bucket=name)["Contents"]], ["virt/ual key"])
        self.assertTrue(all(h.startswith(f"{name}.s3.localhost.localstack.cloud") for h in hosts), hosts)

    def test_routing_leaves_other_services_and_unknown_paths_alone(self):
        name = self.bucket()
        lambda_auth = self.AUTH.replace("/s3/", "/lambda/")
        status, headers, _ = self.raw("GET", "/2015-03-31/functions", headers={"Authorization": lambda_auth})
        self.assertNotIn("x-amz-request-id", headers)
        status, headers, _ = self.raw("POST", "/", b"{}", {"X-Amz-Target": "AmazonSQS.ListQueues",
                                                              "Authorization": self.AUTH.replace("/s3/", "/sqs/")})
        self.assertNotIn("x-amz-request-id", headers)
        status, headers, _ = self.raw("GET", "/no/such/thing")
        self.assertEqual((status, headers.get("x-amzn-errortype")), (404, "UnknownOperationException"))
        status, _, body = self.raw("GET", "/_lemu/health")
        self.assertEqual(status, 200)
        # Unsigned path-style requests reach S3 when they name an existing bucket.
        status, _, body = self.raw("GET", f"/{name}?list-type=2")
        self.assertEqual(status, 200)
        self.assertIn(f"<Name>{name}</Name>".encode(), body)

    def test_unsupported_subresources_and_methods(self):
        name = self.bucket()
        status, _, body = self.raw("GET", f"/{name}?tagging", headers={"Authorization": self.AUTH})
        self.assertEqual(status, 501)
        self.assertIn(b"<Code>NotImplemented</Code>", body)
        status, _, body = self.raw("POST", f"/{name}/k", b"", headers={"Authorization": self.AUTH})
        self.assertEqual(status, 405)
        self.assertIn(b"<Code>MethodNotAllowed</Code>", body)

    def test_entity_too_large(self):
        name = self.bucket()
        conn = http.client.HTTPConnection(self.host_port, timeout=30)
        try:
            conn.putrequest("PUT", f"/{name}/huge")
            conn.putheader("Authorization", self.AUTH)
            conn.putheader("Content-Length", str(64 * 1024 * 1024 + 1))
            conn.endheaders()
            resp = conn.getresponse()
            body = resp.read()
        finally:
            conn.close()
        self.assertEqual(resp.status, 400)
        self.assertIn(b"<Code>EntityTooLarge</Code>", body)
        self.assertIn(b"<MaxSizeAllowed>67108864</MaxSizeAllowed>", body)


class NotificationTest(S3TestCase):
    def config(self, arn, events=("s3:ObjectCreated:*",), rules=None, cid="cfg1"):
        c = {"Id": cid, "LambdaFunctionArn": arn, "Events": list(events)}
        if rules:
            c["Filter"] = {"Key": {"FilterRules": [{"Name": n, "Value": v} for n, v in rules]}}
        return c

    def put_config(self, bucket, *configs, skip=True):
        return self.s3.put_bucket_notification_configuration(
            Bucket=bucket, SkipDestinationValidation=skip,
            NotificationConfiguration={"LambdaFunctionConfigurations": list(configs)})

    def test_destinations_are_validated(self):
        name = self.bucket()
        with self.assertRaises(ClientError) as ctx:
            self.put_config(name, self.config(f"{FN}:6"), self.config(f"{FN}:live", ("s3:ObjectRemoved:*",), cid="c2"),
                            skip=False)
        self.assertAwsError(ctx, "InvalidArgument", "Unable to validate the following destination configurations", 400)
        err = ctx.exception.response["Error"]
        self.assertEqual(err["ArgumentName1"], f"{FN}:6, null")
        self.assertEqual(err["ArgumentValue1"], f"Not authorized to invoke function [{FN}:6]")
        self.assertEqual(err["ArgumentName2"], f"{FN}:live, null")
        self.assertEqual(err["ArgumentValue2"], f"Not authorized to invoke function [{FN}:live]")
        self.assertEqual(self.s3.get_bucket_notification_configuration(Bucket=name).get("LambdaFunctionConfigurations"),
                         None)
        self.put_config(name, self.config(f"{FN}:6"))  # x-amz-skip-destination-validation: true
        stored = self.s3.get_bucket_notification_configuration(Bucket=name)["LambdaFunctionConfigurations"]
        self.assertEqual(stored, [{"Id": "cfg1", "LambdaFunctionArn": f"{FN}:6", "Events": ["s3:ObjectCreated:*"]}])

    def test_static_validation_errors(self):
        name = self.bucket()
        for skip in (False, True):
            with self.assertRaises(ClientError) as ctx:
                self.put_config(name, self.config("invalid-arn"), skip=skip)
            self.assertAwsError(ctx, "InvalidArgument", "The ARN could not be parsed", 400)
            self.assertEqual(ctx.exception.response["Error"]["ArgumentName"], "CloudFunction")
            self.assertEqual(ctx.exception.response["Error"]["ArgumentValue"], "invalid-arn")
        with self.assertRaises(ClientError) as ctx:
            self.put_config(name, self.config(FN, rules=[("INVALID", "x")]))
        self.assertAwsError(ctx, "InvalidArgument", "filter rule name must be either prefix or suffix", 400)
        self.assertEqual(ctx.exception.response["Error"]["ArgumentName"], "FilterRule.Name")
        with self.assertRaises(ClientError) as ctx:
            self.put_config(name, self.config(FN, ("s3:ObjectCreated:Nope",)))
        self.assertAwsError(ctx, "InvalidArgument", "The event is not supported for notifications", 400)
        with self.assertRaises(ClientError) as ctx:
            self.put_config(name, self.config(f"{FN}:1"), self.config(f"{FN}:2", ("s3:ObjectCreated:Put",), cid="c2"))
        self.assertAwsError(ctx, "InvalidArgument", "Configurations overlap. Configurations on the same bucket cannot "
                                                    "share a common event type.", 400)
        with self.assertRaises(ClientError) as ctx:
            self.s3.put_bucket_notification_configuration(
                Bucket=name, NotificationConfiguration={"QueueConfigurations": [
                    {"QueueArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:q", "Events": ["s3:ObjectCreated:*"]}]})
        self.assertAwsError(ctx, "NotImplemented", None, 501)
        with self.assertRaises(ClientError) as ctx:
            self.put_config("no-such-bucket-here", self.config(FN))
        self.assertAwsError(ctx, "NoSuchBucket", "The specified bucket does not exist", 404)

    def test_round_trip_normalises_rules_and_clears(self):
        name = self.bucket()
        self.put_config(name, self.config(f"{FN}:live", rules=[("PREFIX", "uploads/"), ("suffix", "")]),
                        {"LambdaFunctionArn": f"{FN}:5", "Events": ["s3:ObjectRemoved:*"]})
        stored = self.s3.get_bucket_notification_configuration(Bucket=name)["LambdaFunctionConfigurations"]
        self.assertEqual(stored[0]["Filter"]["Key"]["FilterRules"],
                         [{"Name": "Prefix", "Value": "uploads/"}, {"Name": "Suffix", "Value": ""}])
        self.assertRegex(stored[1]["Id"], r"^[0-9a-f-]{36}$")  # generated
        self.s3.put_bucket_notification_configuration(Bucket=name, NotificationConfiguration={})
        resp = self.s3.get_bucket_notification_configuration(Bucket=name)
        self.assertNotIn("LambdaFunctionConfigurations", resp)

    def test_object_events_are_built_and_handed_over(self):
        name = self.bucket("events")
        self.put_config(name, self.config(f"{FN}:6", ("s3:ObjectCreated:*", "s3:ObjectRemoved:*"),
                                          rules=[("prefix", "uploads/"), ("suffix", ".jpg")]))
        self.s3.put_object(Bucket=name, Key="uploads/red flower@2x.jpg", Body=b"something..")
        self.s3.put_object(Bucket=name, Key="uploads/skip.png", Body=b"no")
        self.s3.put_object(Bucket=name, Key="other/skip.jpg", Body=b"no")
        self.s3.copy_object(Bucket=name, Key="uploads/copy.jpg",
                            CopySource={"Bucket": name, "Key": "uploads/red flower@2x.jpg"})
        self.s3.delete_object(Bucket=name, Key="uploads/copy.jpg")
        events = self.wait_notifications(name, 3)
        self.assertEqual([e["eventName"] for e in events], ["ObjectCreated:Put", "ObjectCreated:Copy",
                                                            "ObjectRemoved:Delete"])
        first = events[0]
        self.assertEqual((first["functionArn"], first["sourceArn"], first["sourceAccount"]),
                         (f"{FN}:6", f"arn:aws:s3:::{name}", ACCOUNT))
        record = first["payload"]["Records"][0]
        self.assertEqual({k: record[k] for k in ("eventVersion", "eventSource", "awsRegion", "eventName")},
                         {"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": REGION,
                          "eventName": "ObjectCreated:Put"})
        self.assertRegex(record["eventTime"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual(record["userIdentity"], {"principalId": "AWS:test"})
        self.assertEqual(record["requestParameters"], {"sourceIPAddress": "127.0.0.1"})
        self.assertRegex(record["responseElements"]["x-amz-request-id"], r"^[0-9A-F]{16}$")
        s3 = record["s3"]
        self.assertEqual((s3["s3SchemaVersion"], s3["configurationId"]), ("1.0", "cfg1"))
        self.assertEqual((s3["bucket"]["name"], s3["bucket"]["arn"]), (name, f"arn:aws:s3:::{name}"))
        self.assertEqual(s3["object"]["key"], "uploads/red+flower%402x.jpg")
        self.assertEqual(s3["object"]["size"], 11)
        self.assertEqual(s3["object"]["eTag"], "e9fb1ed1d5eaa36781088aae37acffbd")
        removed = events[2]["payload"]["Records"][0]["s3"]["object"]
        self.assertEqual(sorted(removed), ["key", "sequencer"])
        sequencers = [e["payload"]["Records"][0]["s3"]["object"]["sequencer"] for e in events]
        self.assertEqual(sequencers, sorted(sequencers))
        self.assertEqual(len(set(sequencers)), 3)

    def test_multipart_completion_event(self):
        name = self.bucket("events")
        self.put_config(name, self.config(f"{FN}:live", ("s3:ObjectCreated:CompleteMultipartUpload",)))
        up = self.s3.create_multipart_upload(Bucket=name, Key="mp")
        part = self.s3.upload_part(Bucket=name, Key="mp", UploadId=up["UploadId"], PartNumber=1, Body=b"only part")
        self.s3.complete_multipart_upload(Bucket=name, Key="mp", UploadId=up["UploadId"],
                                          MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
        events = self.wait_notifications(name, 1)
        self.assertEqual([e["eventName"] for e in events], ["ObjectCreated:CompleteMultipartUpload"])
        self.assertRegex(events[0]["payload"]["Records"][0]["s3"]["object"]["eTag"], r"^[0-9a-f]{32}-1$")


class CliTest(S3TestCase):
    def aws(self, *args, stdin=None):
        out = subprocess.run(["aws", "--endpoint-url", self.endpoint, *args], capture_output=True, text=True,
                             input=stdin, env=dummy_credentials_env(), timeout=120)
        return out

    def test_s3api_and_s3_commands(self):
        out = self.aws("s3api", "create-bucket", "--bucket", "cli-bucket")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["Location"], "/cli-bucket")
        tmp = tempfile.mkdtemp()
        try:
            src = os.path.join(tmp, "file one.txt")
            with open(src, "wb") as f:
                f.write(b"from the cli\n")
            out = self.aws("s3", "cp", src, "s3://cli-bucket/docs/file one.txt")
            self.assertEqual(out.returncode, 0, out.stderr)
            out = self.aws("s3", "ls", "s3://cli-bucket/docs/")
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertIn("file one.txt", out.stdout)
            out = self.aws("s3", "cp", "s3://cli-bucket/docs/file one.txt", "-")
            self.assertEqual((out.returncode, out.stdout), (0, "from the cli\n"), out.stderr)
            out = self.aws("s3api", "head-object", "--bucket", "cli-bucket", "--key", "docs/file one.txt")
            self.assertEqual(json.loads(out.stdout)["ContentLength"], 13)
            out = self.aws("s3api", "get-object", "--bucket", "cli-bucket", "--key", "nope", os.path.join(tmp, "x"))
            self.assertNotEqual(out.returncode, 0)
            self.assertIn("NoSuchKey", out.stderr)
            out = self.aws("s3", "rm", "--recursive", "s3://cli-bucket/")
            self.assertEqual(out.returncode, 0, out.stderr)
            out = self.aws("s3api", "delete-bucket", "--bucket", "cli-bucket")
            self.assertEqual(out.returncode, 0, out.stderr)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class JavaScriptSdkTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        npm_ci(NODE_CLIENT_DIR, "@aws-sdk/client-s3")

    def test_client_s3_round_trip(self):
        out = subprocess.run(["node", "s3_client.mjs", self.endpoint, "js-sdk-bucket"], cwd=NODE_CLIENT_DIR,
                             capture_output=True, text=True, env=dummy_credentials_env(), timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        self.assertEqual(result["putETag"], '"' + hashlib.md5(b"hello from js").hexdigest() + '"')
        self.assertEqual(result["putChecksumCRC32"], crc32_b64(b"hello from js"))
        self.assertEqual(result["body"], "hello from js")
        self.assertEqual(result["contentType"], "text/plain")
        self.assertEqual(result["metadata"], {"origin": "node"})
        self.assertEqual((result["ranged"], result["contentRange"]), ("hello", "bytes 0-4/13"))
        self.assertEqual(result["headLength"], 13)
        self.assertEqual(result["keys"], ["docs/copy.txt", "docs/hello world.txt"])
        self.assertEqual(result["keyCount"], 2)
        self.assertEqual(result["lambdaConfigurations"], [])
        self.assertEqual(result["missing"]["name"], "NoSuchKey")
        self.assertEqual(result["missing"]["status"], 404)


if __name__ == "__main__":
    unittest.main()
