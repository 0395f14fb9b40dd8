"""Published versions and aliases with weighted routing (control-plane.md facts 19-53)."""

import unittest

from control_helpers import ARN, code_sha256, create_function, make_zip, publish
from lemu_fixture import LemuTestCase


class VersionsTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")

    def test_publish_snapshot_idempotence_and_numbering(self):
        create_function(self.client, "ver", Description="initial")
        v1 = self.client.publish_version(FunctionName="ver", Description="first published")
        self.assertEqual(v1["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(v1["Version"], "1")
        self.assertEqual(v1["FunctionArn"], ARN + "ver:1")
        self.assertEqual(v1["Description"], "first published")
        self.assertEqual(v1["State"], "Active")
        again = self.client.publish_version(FunctionName="ver", Description="ignored")
        self.assertEqual((again["Version"], again["RevisionId"], again["Description"]),
                         ("1", v1["RevisionId"], "first published"))
        self.assertEqual(publish(self.client, "ver", "two")["Version"], "2")
        self.assertEqual(publish(self.client, "ver", "three")["Version"], "3")
        self.client.delete_function(FunctionName="ver", Qualifier="3")
        self.client.delete_function(FunctionName="ver", Qualifier="2")
        self.assertEqual(publish(self.client, "ver", "four")["Version"], "4")
        listed = self.client.list_versions_by_function(FunctionName="ver")["Versions"]
        self.assertEqual([v["Version"] for v in listed], ["$LATEST", "1", "4"])
        self.assertEqual(listed[0]["FunctionArn"], ARN + "ver:$LATEST")
        self.assertEqual(listed[1]["Description"], "first published")
        self.assertNotIn("State", listed[1])
        pages = self.client.list_versions_by_function(FunctionName="ver", MaxItems=2)
        self.assertEqual(len(pages["Versions"]), 2)
        rest = self.client.list_versions_by_function(FunctionName="ver", Marker=pages["NextMarker"])
        self.assertEqual([v["Version"] for v in rest["Versions"]], ["4"])
        self.assertNotIn("NextMarker", rest)

    def test_publish_preconditions(self):
        zip_bytes = make_zip()
        create_function(self.client, "pre", zip_bytes)
        with self.assertRaises(self.client.exceptions.InvalidParameterValueException) as ctx:
            self.client.publish_version(FunctionName="pre", CodeSha256="somenonexistentsha256")
        self.assertAwsError(ctx, "InvalidParameterValueException",
                            f"CodeSHA256 (somenonexistentsha256) is different from current CodeSHA256 in $LATEST "
                            f"({code_sha256(zip_bytes)}). Please try again with the CodeSHA256 in $LATEST.", 400)
        with self.assertRaises(self.client.exceptions.PreconditionFailedException) as ctx:
            self.client.publish_version(FunctionName="pre", RevisionId="wrong")
        self.assertAwsError(ctx, "PreconditionFailedException",
                            "The Revision Id provided does not match the latest Revision Id. Call the "
                            "GetFunction/GetAlias API to retrieve the latest Revision Id", 412)
        self.assertEqual(len(self.client.list_versions_by_function(FunctionName="pre")["Versions"]), 1)
        revision = self.client.get_function(FunctionName="pre")["Configuration"]["RevisionId"]
        v1 = self.client.publish_version(FunctionName="pre", CodeSha256=code_sha256(zip_bytes), RevisionId=revision)
        self.assertEqual(v1["Version"], "1")
        self.assertNotEqual(self.client.get_function(FunctionName="pre")["Configuration"]["RevisionId"], revision)

    def test_create_with_publish(self):
        created = create_function(self.client, "cwp", Publish=True)
        self.assertEqual(created["Version"], "1")
        self.assertEqual(created["FunctionArn"], ARN + "cwp")
        self.assertEqual(self.client.publish_version(FunctionName="cwp")["Version"], "1")


class AliasesTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        cls.unvalidated = cls.lemu.client("lambda", parameter_validation=False)  # sends what botocore would refuse
        create_function(cls.client, "fn")
        publish(cls.client, "fn", "one")
        publish(cls.client, "fn", "two")

    def expect(self, code, message, status, call, **kwargs):
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            call(**kwargs)
        self.assertAwsError(ctx, code, message, status)
        return ctx.exception.response

    def test_alias_lifecycle(self):
        alias = self.client.create_alias(FunctionName="fn", Name="life", FunctionVersion="1", Description="d",
                                         RoutingConfig={"AdditionalVersionWeights": {"2": 0.2}})
        self.assertEqual(alias["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(alias["AliasArn"], ARN + "fn:life")
        self.assertEqual(alias["RoutingConfig"], {"AdditionalVersionWeights": {"2": 0.2}})
        got = self.client.get_alias(FunctionName="fn", Name="life")
        self.assertEqual(got["RevisionId"], alias["RevisionId"])
        via_alias = self.client.get_function(FunctionName="fn", Qualifier="life")["Configuration"]
        self.assertEqual(via_alias["FunctionArn"], ARN + "fn:life")
        self.assertEqual(via_alias["Version"], "1")
        by_arn = self.client.get_function(FunctionName=ARN + "fn:life")["Configuration"]
        self.assertEqual(by_arn["RevisionId"], via_alias["RevisionId"])

        noop = self.client.update_alias(FunctionName="fn", Name="life")
        self.assertNotEqual(noop["RevisionId"], alias["RevisionId"])
        self.assertEqual(noop["RoutingConfig"], {"AdditionalVersionWeights": {"2": 0.2}})
        self.expect("PreconditionFailedException",
                    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias "
                    "API to retrieve the latest Revision Id", 412, self.client.update_alias, FunctionName="fn",
                    Name="life", RevisionId=alias["RevisionId"])
        cleared = self.client.update_alias(FunctionName="fn", Name="life", FunctionVersion="2",
                                           RoutingConfig={"AdditionalVersionWeights": {}})
        self.assertEqual(cleared["FunctionVersion"], "2")
        self.assertNotIn("RoutingConfig", cleared)
        self.assertNotIn("RoutingConfig", self.client.get_alias(FunctionName="fn", Name="life"))

        deleted = self.client.delete_alias(FunctionName="fn", Name="life")
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assertEqual(self.client.delete_alias(FunctionName="fn", Name="life")["ResponseMetadata"]
                         ["HTTPStatusCode"], 204)
        self.expect("ResourceNotFoundException", f"Cannot find alias arn: {ARN}fn:life", 404, self.client.get_alias,
                    FunctionName="fn", Name="life")
        self.expect("ResourceNotFoundException", f"Alias not found: {ARN}fn:life", 404, self.client.update_alias,
                    FunctionName="fn", Name="life")
        self.expect("ResourceNotFoundException", f"Function not found: {ARN}fn:life", 404, self.client.get_function,
                    FunctionName="fn", Qualifier="life")

    def test_routing_config_rules(self):
        self.expect("InvalidParameterValueException", "Number of items in AdditionalVersionWeights cannot be greater "
                    "than 1", 400, self.client.create_alias, FunctionName="fn", Name="r", FunctionVersion="1",
                    RoutingConfig={"AdditionalVersionWeights": {"2": 0.1, "3": 0.1}})
        weight_rule = ("Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member "
                       "must have value greater than or equal to 0.0, Member must not be null]")
        self.expect("ValidationException", "1 validation error detected: Value '{2=2.0}' at "
                    f"'routingConfig.additionalVersionWeights' failed to satisfy constraint: {weight_rule}", 400,
                    self.client.create_alias, FunctionName="fn", Name="r", FunctionVersion="1",
                    RoutingConfig={"AdditionalVersionWeights": {"2": 2}})
        self.expect("ValidationException", "1 validation error detected: Value '{2=-1.0}' at "
                    f"'routingConfig.additionalVersionWeights' failed to satisfy constraint: {weight_rule}", 400,
                    self.unvalidated.create_alias, FunctionName="fn", Name="r", FunctionVersion="1",
                    RoutingConfig={"AdditionalVersionWeights": {"2": -1}})
        self.expect("ValidationException", "1 validation error detected: Value '{$LATEST=0.5}' at "
                    "'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must satisfy "
                    "constraint: [Member must have length less than or equal to 1024, Member must have length greater "
                    "than or equal to 1, Member must satisfy regular expression pattern: [0-9]+, Member must not be "
                    "null]", 400, self.client.create_alias, FunctionName="fn", Name="r", FunctionVersion="1",
                    RoutingConfig={"AdditionalVersionWeights": {"$LATEST": 0.5}})
        self.expect("InvalidParameterValueException", "Invalid function version 1. Function version 1 is already "
                    "included in routing configuration.", 400, self.client.create_alias, FunctionName="fn",
                    Name="r", FunctionVersion="1", RoutingConfig={"AdditionalVersionWeights": {"1": 0.5}})
        body = self.expect("InvalidParameterValueException", "$LATEST is not supported for an alias pointing to more "
                           "than 1 version", 400, self.client.create_alias, FunctionName="fn", Name="r",
                           FunctionVersion="$LATEST", RoutingConfig={"AdditionalVersionWeights": {"1": 0.5}})
        self.assertNotIn("Type", body)
        self.expect("ResourceNotFoundException", f"Function not found: {ARN}fn:10", 404, self.client.create_alias,
                    FunctionName="fn", Name="r", FunctionVersion="10")
        self.expect("ResourceNotFoundException", f"Function not found: {ARN}fn:10", 404, self.client.create_alias,
                    FunctionName="fn", Name="r", FunctionVersion="1",
                    RoutingConfig={"AdditionalVersionWeights": {"10": 0.5}})
        self.expect("ResourceNotFoundException", f"Function not found: {ARN}fn-unknown:1", 404,
                    self.client.create_alias, FunctionName="fn-unknown", Name="r", FunctionVersion="1")
        self.expect("ValidationException", "1 validation error detected: Value '2024' at 'name' failed to satisfy "
                    "constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)", 400,
                    self.client.create_alias, FunctionName="fn", Name="2024", FunctionVersion="1")
        self.assertEqual(self.client.list_aliases(FunctionName="fn")["Aliases"], [])

        latest = self.client.create_alias(FunctionName="fn", Name="to-latest", FunctionVersion="$LATEST")
        self.assertEqual(latest["FunctionVersion"], "$LATEST")
        empty = self.client.create_alias(FunctionName="fn", Name="empty", FunctionVersion="1",
                                         RoutingConfig={"AdditionalVersionWeights": {}})
        self.assertNotIn("RoutingConfig", empty)
        self.assertEqual(self.client.create_alias(FunctionName="fn", Name="2024-01-02", FunctionVersion="1")["Name"],
                         "2024-01-02")
        self.expect("ResourceConflictException", f"Alias already exists: {ARN}fn:empty", 409,
                    self.client.create_alias, FunctionName="fn", Name="empty", FunctionVersion="2")
        for name in ("to-latest", "empty", "2024-01-02"):
            self.client.delete_alias(FunctionName="fn", Name=name)

    def test_versions_in_use_cannot_be_deleted_and_list_filter(self):
        create_function(self.client, "inuse")
        for i in range(3):
            publish(self.client, "inuse", str(i))
        self.client.create_alias(FunctionName="inuse", Name="b", FunctionVersion="1")
        self.client.create_alias(FunctionName="inuse", Name="a", FunctionVersion="1",
                                 RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}})
        self.client.create_alias(FunctionName="inuse", Name="c", FunctionVersion="3")
        self.expect("ResourceConflictException", "Unable to delete version because the following aliases reference "
                    "it: [a, b]", 409, self.client.delete_function, FunctionName="inuse", Qualifier="1")
        self.expect("ResourceConflictException", "Unable to delete version because the following aliases reference "
                    "it: [a]", 409, self.client.delete_function, FunctionName="inuse", Qualifier="2")
        ones = self.client.list_aliases(FunctionName="inuse", FunctionVersion="1")["Aliases"]
        self.assertEqual([a["Name"] for a in ones], ["a", "b"])
        self.assertEqual(ones[0]["RoutingConfig"], {"AdditionalVersionWeights": {"2": 0.5}})
        self.client.delete_function(FunctionName="inuse")
        self.expect("ResourceNotFoundException", f"Function not found: {ARN}inuse", 404, self.client.get_alias,
                    FunctionName="inuse", Name="a")


if __name__ == "__main__":
    unittest.main()
