"""CreateFunction / GetFunction / Update* / DeleteFunction / ListFunctions against the real binary."""

import io
import unittest
import zipfile
import urllib.request

from control_helpers import ARN, ROLE, code_sha256, create_function, make_zip, publish
from lemu_fixture import LemuTestCase


class FunctionLifecycleTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")

    def test_create_get_update_delete(self):
        zip_bytes = make_zip()
        created = create_function(self.client, "life", zip_bytes, Description="first", Timeout=5, MemorySize=256,
                                  Environment={"Variables": {"MODE": "test"}})
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(created["FunctionArn"], ARN + "life")
        self.assertEqual(created["Version"], "$LATEST")
        self.assertEqual(created["State"], "Pending")
        self.assertEqual(created["StateReasonCode"], "Creating")
        self.assertNotIn("LastUpdateStatus", created)
        self.assertEqual(created["CodeSha256"], code_sha256(zip_bytes))
        self.assertEqual(created["CodeSize"], len(zip_bytes))
        self.assertEqual(created["Environment"], {"Variables": {"MODE": "test"}})
        self.assertEqual(created["LoggingConfig"], {"LogFormat": "Text", "LogGroup": "/aws/lambda/life"})
        self.assertEqual(created["Architectures"], ["x86_64"])
        self.assertEqual(created["EphemeralStorage"], {"Size": 512})
        self.assertEqual(created["TracingConfig"], {"Mode": "PassThrough"})

        got = self.client.get_function(FunctionName="life")
        conf = got["Configuration"]
        self.assertEqual(conf["State"], "Active")
        self.assertEqual(conf["LastUpdateStatus"], "Successful")
        self.assertNotEqual(conf["RevisionId"], created["RevisionId"])
        self.assertEqual(got["Code"]["RepositoryType"], "S3")
        with urllib.request.urlopen(got["Code"]["Location"], timeout=10) as response:
            self.assertEqual(response.read(), zip_bytes)
        self.assertNotIn("Tags", got)

        updated = self.client.update_function_configuration(FunctionName="life", Description="second", Timeout=9)
        self.assertEqual(updated["LastUpdateStatus"], "InProgress")
        self.assertEqual(updated["LastUpdateStatusReasonCode"], "Creating")
        self.assertEqual(updated["Timeout"], 9)
        settled = self.client.get_function_configuration(FunctionName="life")
        self.assertEqual(settled["LastUpdateStatus"], "Successful")
        self.assertNotEqual(settled["RevisionId"], updated["RevisionId"])

        new_zip = make_zip({"bootstrap": "#!/bin/sh\necho two\n"})
        code = self.client.update_function_code(FunctionName="life", ZipFile=new_zip)
        self.assertEqual(code["CodeSha256"], code_sha256(new_zip))
        self.assertEqual(code["FunctionArn"], ARN + "life")

        deleted = self.client.delete_function(FunctionName="life")
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 204)
        for _ in range(2):
            with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
                self.client.delete_function(FunctionName="life")
            self.assertAwsError(ctx, "ResourceNotFoundException", "Function not found: " + ARN + "life", 404)

    def test_name_forms_and_qualifier_rules(self):
        create_function(self.client, "forms")
        for name in ("forms", "000000000000:function:forms", ARN + "forms"):
            self.assertEqual(self.client.get_function(FunctionName=name)["Configuration"]["FunctionArn"],
                             ARN + "forms")
        latest = self.client.get_function(FunctionName=ARN + "forms:$LATEST")["Configuration"]
        self.assertEqual(latest["FunctionArn"], ARN + "forms:$LATEST")
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            self.client.get_function(FunctionName="forms:$LATEST", Qualifier="1")
        self.assertAwsError(ctx, "InvalidParameterValueException",
                            "The derived qualifier from the function name does not match the specified qualifier.", 400)
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
            self.client.get_function(FunctionName="arn:aws:lambda:eu-west-1:000000000000:function:forms")
        self.assertAwsError(ctx, "ResourceNotFoundException",
                            "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')", 404)
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            self.client.get_function(FunctionName="arn:aws:lambda:us-east-1:111111111111:function:forms")
        self.assertAwsError(ctx, "AccessDeniedException", status=403)
        for qualifier in ("1221", "aliasdoesnotexist", "$latest"):
            with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
                self.client.get_function(FunctionName="forms", Qualifier=qualifier)
            self.assertAwsError(ctx, "ResourceNotFoundException", f"Function not found: {ARN}forms:{qualifier}", 404)
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            self.client.get_function(FunctionName=ARN + "forms:1:2")
        self.assertAwsError(ctx, "ValidationException", status=400)
        self.assertTrue(ctx.exception.response["Error"]["Message"].startswith(
            "1 validation error detected: Value '" + ARN + "forms:1:2' at 'functionName' failed to satisfy constraint"))

    def test_create_validation(self):
        with self.assertRaises(self.client.exceptions.ResourceConflictException) as ctx:
            create_function(self.client, "dup")
            create_function(self.client, "dup")
        self.assertAwsError(ctx, "ResourceConflictException", "Function already exist: dup", 409)
        long_name = "a" * 65
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            create_function(self.client, long_name)
        self.assertAwsError(ctx, "InvalidParameterValueException",
                            f"1 validation error detected: Value '{long_name}' at 'functionName' failed to satisfy "
                            "constraint: Member must have length less than or equal to 64", 400)
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            create_function(self.client, "badrole", Role="r1")
        self.assertAwsError(ctx, "ValidationException",
                            "1 validation error detected: Value 'r1' at 'role' failed to satisfy constraint: Member "
                            "must satisfy regular expression pattern: "
                            "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+", 400)
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            create_function(self.client, "badruntime", Runtime="PYTHON3.9")
        self.assertTrue(ctx.exception.response["Error"]["Message"].startswith(
            "Value PYTHON3.9 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: ["))
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            create_function(self.client, "twoarch", Architectures=["x86_64", "arm64"])
        self.assertAwsError(ctx, "ValidationException",
                            "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to satisfy "
                            "constraint: Member must have length less than or equal to 1", 400)
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            create_function(self.client, "reserved",
                            Environment={"Variables": {"AWS_REGION": "x", "FOO": "y", "AWS_ACCESS_KEY_ID": "z"}})
        self.assertAwsError(ctx, "InvalidParameterValueException",
                            "Lambda was unable to configure your environment variables because the environment "
                            "variables you have provided contains reserved keys that are currently not supported for "
                            "modification. Reserved keys used in this request: AWS_REGION, AWS_ACCESS_KEY_ID", 400)
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            create_function(self.client, "bigenv", Environment={"Variables": {"SMALL": "ok", "LARGE": "x" * 4100}})
        self.assertTrue(ctx.exception.response["Error"]["Message"].startswith(
            "Lambda was unable to configure your environment variables because the environment variables you have "
            'provided exceeded the 4KB limit. String measured: {"SMALL":"ok","LARGE":"xxx'))
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            create_function(self.client, "longtimeout", Timeout=901)
        self.assertAwsError(ctx, "ValidationException",
                            "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: "
                            "Member must have value less than or equal to 900", 400)
        names = [f["FunctionName"] for f in self.client.list_functions()["Functions"]]
        for name in ("badrole", "badruntime", "twoarch", "reserved", "bigenv", "longtimeout", long_name):
            self.assertNotIn(name, names)

    def test_bad_packages_store_nothing(self):
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            create_function(self.client, "corrupt", b"this is not a zip file at all")
        self.assertAwsError(ctx, "InvalidParameterValueException",
                            "Could not unzip uploaded file. Please check your file, then try to upload again.", 400)
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            create_function(self.client, "slip", make_zip({"../escape.sh": "x", "bootstrap": "y"}))
        self.assertAwsError(ctx, "InvalidParameterValueException",
                            "Could not unzip uploaded file. Please check your file, then try to upload again. The entry "
                            "'../escape.sh' has an absolute path or leaves the extraction directory.", 400)
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException):
            self.client.get_function(FunctionName="corrupt")

    def test_more_than_250_mb_unzipped_is_rejected(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            with archive.open("huge.bin", "w", force_zip64=True) as entry:
                chunk = bytes(1 << 20)
                for _ in range(250):
                    entry.write(chunk)
                entry.write(b"x")  # 262144001 bytes: one more than the limit
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            create_function(self.client, "huge", buffer.getvalue())
        self.assertAwsError(ctx, "InvalidParameterValueException",
                            "Unzipped size must be smaller than 262144000 bytes", 400)
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException):
            self.client.get_function(FunctionName="huge")

    def test_update_rules_and_publish_on_update(self):
        create_function(self.client, "upd")
        current = self.client.get_function(FunctionName="upd")["Configuration"]["RevisionId"]
        with self.assertRaises(self.client.exceptions.PreconditionFailedException) as ctx:
            self.client.update_function_configuration(FunctionName="upd", Timeout=10, RevisionId="wrong")
        self.assertAwsError(ctx, "PreconditionFailedException",
                            "The Revision Id provided does not match the latest Revision Id. Call the "
                            "GetFunction/GetAlias API to retrieve the latest Revision Id", 412)
        self.assertEqual(self.client.get_function(FunctionName="upd")["Configuration"]["Timeout"], 3)
        self.client.update_function_configuration(FunctionName="upd", Timeout=10, RevisionId=current)
        dry = self.client.update_function_code(FunctionName="upd", ZipFile=make_zip({"x": "dry"}), DryRun=True)
        self.assertEqual(self.client.get_function(FunctionName="upd")["Configuration"]["CodeSha256"],
                         code_sha256(make_zip()))
        self.assertEqual(dry["CodeSha256"], code_sha256(make_zip({"x": "dry"})))
        new_zip = make_zip({"bootstrap": "v2"})
        published = self.client.update_function_code(FunctionName="upd", ZipFile=new_zip, Publish=True)
        self.assertEqual(published["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(published["Version"], "1")
        self.assertEqual(published["FunctionArn"], ARN + "upd:1")
        self.assertEqual(published["State"], "Pending")
        self.assertEqual(published["CodeSha256"], code_sha256(new_zip))
        v1 = self.client.get_function_configuration(FunctionName="upd", Qualifier="1")
        self.assertEqual(v1["State"], "Active")
        self.assertEqual(v1["Timeout"], 10)
        self.client.update_function_configuration(FunctionName="upd", Timeout=20)
        self.assertEqual(self.client.get_function_configuration(FunctionName="upd", Qualifier="1")["Timeout"], 10)
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            self.client.update_function_configuration(FunctionName="upd:1", Timeout=20)
        self.assertAwsError(ctx, "InvalidParameterValueException", status=400)

    def test_list_functions_and_paging(self):
        for i in range(3):
            create_function(self.client, f"list-{i}")
        publish(self.client, "list-0")
        default = [f for f in self.client.list_functions()["Functions"] if f["FunctionName"].startswith("list-")]
        self.assertEqual([f["FunctionArn"] for f in default], [ARN + f"list-{i}" for i in range(3)])
        self.assertNotIn("State", default[0])
        all_versions = self.client.list_functions(FunctionVersion="ALL")["Functions"]
        arns = [f["FunctionArn"] for f in all_versions if f["FunctionName"].startswith("list-")]
        self.assertEqual(arns, [ARN + "list-0:$LATEST", ARN + "list-0:1", ARN + "list-1:$LATEST",
                                ARN + "list-2:$LATEST"])
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            self.client.list_functions(FunctionVersion="invalid")
        self.assertAwsError(ctx, "ValidationException",
                            "1 validation error detected: Value 'invalid' at 'functionVersion' failed to satisfy "
                            "constraint: Member must satisfy enum value set: [ALL]", 400)
        seen = []
        paginator = self.client.get_paginator("list_functions")
        for page in paginator.paginate(PaginationConfig={"PageSize": 2}):
            self.assertLessEqual(len(page["Functions"]), 2)
            seen += [f["FunctionName"] for f in page["Functions"]]
        self.assertEqual(len(seen), len(set(seen)))
        self.assertTrue({"list-0", "list-1", "list-2"} <= set(seen))

    def test_delete_function_qualifier_rules(self):
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            self.client.delete_function(FunctionName="never-existed", Qualifier="$LATEST")
        self.assertAwsError(ctx, "InvalidParameterValueException",
                            "$LATEST version cannot be deleted without deleting the function.", 400)
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            self.client.delete_function(FunctionName="never-existed", Qualifier="live")
        self.assertAwsError(ctx, "InvalidParameterValueException", "Deletion of aliases is not currently supported.",
                            400)
        create_function(self.client, "del")
        self.assertEqual(self.client.delete_function(FunctionName="del", Qualifier="42")["ResponseMetadata"]
                         ["HTTPStatusCode"], 204)
        publish(self.client, "del")
        self.client.delete_function(FunctionName="del", Qualifier="1")
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException):
            self.client.get_function(FunctionName="del", Qualifier="1")
        self.client.get_function(FunctionName="del")


if __name__ == "__main__":
    unittest.main()
