"""Deployment packages read from lemu's own S3 (issue: CreateFunction/UpdateFunctionCode accept
Code.S3Bucket/S3Key from this S3): create, update and publish a layer from objects, and Lambda's errors
for a missing key, bucket or version."""

import base64
import hashlib
import unittest

from invoke_helpers import ROLE, probe_zip, wait_active
from lemu_fixture import LemuTestCase


def sha256_b64(data):
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


class CodeFromS3Test(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.lemu.client("lambda")
        cls.s3 = cls.lemu.client("s3")
        cls.s3.create_bucket(Bucket="code")

    def test_create_update_and_layer_from_s3(self):
        v1, v2 = probe_zip(), probe_zip({"marker.txt": "2"})
        self.s3.put_object(Bucket="code", Key="fn/v1.zip", Body=v1)
        self.s3.put_object(Bucket="code", Key="fn/v2.zip", Body=v2)

        created = self.lam.create_function(FunctionName="froms3", Runtime="provided.al2023", Role=ROLE,
                                           Handler="bootstrap", Code={"S3Bucket": "code", "S3Key": "fn/v1.zip"})
        self.assertEqual((created["CodeSha256"], created["CodeSize"]), (sha256_b64(v1), len(v1)))
        wait_active(self.lam, "froms3")
        answer = self.lam.invoke(FunctionName="froms3", Payload=b'{"from":"s3"}')
        self.assertEqual(answer["Payload"].read(), b'{"from":"s3"}')

        updated = self.lam.update_function_code(FunctionName="froms3", S3Bucket="code", S3Key="fn/v2.zip",
                                                Publish=True)
        self.assertEqual((updated["CodeSha256"], updated["Version"]), (sha256_b64(v2), "1"))

        layer = self.lam.publish_layer_version(LayerName="tools",
                                               Content={"S3Bucket": "code", "S3Key": "fn/v1.zip"})
        self.assertEqual(layer["Content"]["CodeSha256"], sha256_b64(v1))

    def test_missing_objects_are_lambdas_get_object_errors(self):
        cases = [
            ({"S3Bucket": "code", "S3Key": "nothing.zip"},
             "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: "
             "The specified key does not exist."),
            ({"S3Bucket": "no-such-bucket", "S3Key": "fn.zip"},
             "Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: "
             "The specified bucket does not exist"),
        ]
        self.s3.put_object(Bucket="code", Key="present.zip", Body=probe_zip())
        cases.append(({"S3Bucket": "code", "S3Key": "present.zip", "S3ObjectVersion": "3HL4kqtJlcpXroDTDmJ"},
                      "Error occurred while GetObject. S3 Error Code: NoSuchVersion. S3 Error Message: "
                      "The specified version does not exist."))
        for code, message in cases:
            with self.subTest(code=code):
                with self.assertRaises(self.lam.exceptions.InvalidParameterValueException) as ctx:
                    self.lam.create_function(FunctionName="missing", Runtime="provided.al2023", Role=ROLE,
                                             Handler="bootstrap", Code=code)
                self.assertAwsError(ctx, "InvalidParameterValueException", message, 400)
        names = [f["FunctionName"] for f in self.lam.list_functions()["Functions"]]
        self.assertNotIn("missing", names)


if __name__ == "__main__":
    unittest.main()
