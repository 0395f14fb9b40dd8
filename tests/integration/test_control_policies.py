"""Resource policies per qualifier: AddPermission, GetPolicy, RemovePermission (control-plane.md 60-70)."""

import json
import unittest

from control_helpers import ARN, create_function, ordered_keys, publish
from lemu_fixture import LemuTestCase

MISMATCH = ("The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the "
            "latest Revision Id")


class PoliciesTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")

    def add(self, function, sid="s3", **kwargs):
        params = dict(FunctionName=function, StatementId=sid, Action="lambda:InvokeFunction",
                      Principal="s3.amazonaws.com")
        params.update(kwargs)
        return self.client.add_permission(**params)

    def expect(self, code, message, status, call, **kwargs):
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            call(**kwargs)
        self.assertAwsError(ctx, code, message, status)

    def test_statement_shape_and_key_order(self):
        create_function(self.client, "shape")
        added = self.add("shape", SourceArn="arn:aws:s3:::bucket")
        self.assertEqual(added["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(ordered_keys(added["Statement"]), ["Sid", "Effect", "Principal", "Action", "Resource",
                                                            "Condition"])
        self.assertEqual(json.loads(added["Statement"]), {
            "Sid": "s3", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
            "Action": "lambda:InvokeFunction", "Resource": ARN + "shape",
            "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::bucket"}}})
        fields = self.add("shape", sid="url", Action="lambda:InvokeFunctionUrl", Principal="*",
                          FunctionUrlAuthType="NONE", PrincipalOrgID="o-1234567890", SourceAccount="111111111111",
                          SourceArn="arn:aws:s3:::bucket")
        statement = json.loads(fields["Statement"])
        self.assertEqual(statement["Principal"], "*")
        self.assertEqual(list(statement["Condition"]), ["StringEquals", "ArnLike"])
        self.assertEqual(list(statement["Condition"]["StringEquals"].items()),
                         [("lambda:FunctionUrlAuthType", "NONE"), ("aws:PrincipalOrgID", "o-1234567890"),
                          ("AWS:SourceAccount", "111111111111")])
        account = json.loads(self.add("shape", sid="acct", Principal="111122223333")["Statement"])
        self.assertEqual(account["Principal"], {"AWS": "arn:aws:iam::111122223333:root"})
        self.assertNotIn("Condition", account)
        token = json.loads(self.add("shape", sid="alexa", Principal="*", EventSourceToken="amzn1.ask.skill.x")
                           ["Statement"])
        self.assertEqual(token["Condition"], {"StringEquals": {"lambda:EventSourceToken": "amzn1.ask.skill.x"}})
        policy = self.client.get_policy(FunctionName="shape")
        self.assertEqual(ordered_keys(policy["Policy"]), ["Version", "Id", "Statement"])
        document = json.loads(policy["Policy"])
        self.assertEqual((document["Version"], document["Id"]), ("2012-10-17", "default"))
        self.assertEqual([s["Sid"] for s in document["Statement"]], ["s3", "url", "acct", "alexa"])

    def test_policies_are_per_qualifier_and_never_inherited(self):
        create_function(self.client, "scoped")
        self.add("scoped", SourceArn="arn:aws:s3:::bucket")
        revision = self.client.get_policy(FunctionName="scoped")["RevisionId"]
        publish(self.client, "scoped")
        self.assertEqual(self.client.get_policy(FunctionName="scoped")["RevisionId"], revision)
        self.expect("ResourceNotFoundException", "The resource you requested does not exist.", 404,
                    self.client.get_policy, FunctionName="scoped", Qualifier="1")
        self.client.create_alias(FunctionName="scoped", Name="live", FunctionVersion="1")
        self.expect("ResourceNotFoundException", "The resource you requested does not exist.", 404,
                    self.client.get_policy, FunctionName="scoped", Qualifier="live")
        on_version = json.loads(self.add("scoped", Qualifier="1")["Statement"])
        self.assertEqual(on_version["Resource"], ARN + "scoped:1")
        on_alias = json.loads(self.add(ARN + "scoped:live")["Statement"])
        self.assertEqual(on_alias["Resource"], ARN + "scoped:live")
        for qualifier, resource in (("1", ARN + "scoped:1"), ("live", ARN + "scoped:live")):
            statements = json.loads(self.client.get_policy(FunctionName="scoped", Qualifier=qualifier)["Policy"])
            self.assertEqual([s["Resource"] for s in statements["Statement"]], [resource])
        self.assertEqual(len(json.loads(self.client.get_policy(FunctionName="scoped")["Policy"])["Statement"]), 1)
        self.expect("ResourceConflictException", "The statement id (s3) provided already exists. Please provide a new "
                    "statement id, or remove the existing statement.", 409, self.add, function="scoped",
                    Qualifier="live")
        # Deleting the alias drops its policy; a new alias of the same name starts without one.
        self.client.delete_alias(FunctionName="scoped", Name="live")
        self.client.create_alias(FunctionName="scoped", Name="live", FunctionVersion="1")
        self.expect("ResourceNotFoundException", "The resource you requested does not exist.", 404,
                    self.client.get_policy, FunctionName="scoped", Qualifier="live")

    def test_add_permission_errors(self):
        self.expect("ResourceNotFoundException", f"Function not found: {ARN}doesnotexist", 404, self.add,
                    function="doesnotexist")
        create_function(self.client, "errs")
        self.expect("InvalidParameterValueException", "We currently do not support adding policies for $LATEST.", 400,
                    self.add, function="errs", Qualifier="$LATEST")
        self.expect("InvalidParameterValueException", "The derived qualifier from the function name does not match "
                    "the specified qualifier.", 400, self.add, function="errs:1", Qualifier="2")
        self.expect("InvalidParameterValueException", "The provided principal was invalid. Please check the principal "
                    "and try again.", 400, self.add, function="errs", Principal="not-a-principal")
        self.expect("ValidationException", "1 validation error detected: Value 'example.com' at 'statementId' failed "
                    "to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)", 400,
                    self.add, function="errs", sid="example.com")
        self.expect("ValidationException", "1 validation error detected: Value 'invalid-qualifier-with-?-char' at "
                    "'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    "(|[a-zA-Z0-9$_-]+)", 400, self.add, function="errs", Qualifier="invalid-qualifier-with-?-char")
        self.expect("ResourceNotFoundException", f"Cannot find alias arn: {ARN}errs:alias-doesnotexist", 404,
                    self.add, function="errs", Qualifier="alias-doesnotexist")
        self.expect("ResourceNotFoundException", f"Function not found: {ARN}errs:42", 404, self.add, function="errs",
                    Qualifier="42")
        self.expect("ResourceNotFoundException", f"Function not found: {ARN}errs:valid-with-$-but-doesnotexist", 404,
                    self.add, function="errs", Qualifier="valid-with-$-but-doesnotexist")
        self.expect("PreconditionFailedException", MISMATCH, 412, self.add, function="errs", RevisionId="wrong")
        self.expect("ResourceNotFoundException", f"Function not found: {ARN}doesnotexist", 404,
                    self.client.get_policy, FunctionName="doesnotexist")
        self.expect("ResourceNotFoundException", "The resource you requested does not exist.", 404,
                    self.client.get_policy, FunctionName="errs")

    def test_remove_permission_and_revisions(self):
        self.expect("ResourceNotFoundException", f"No policy found for: {ARN}doesnotexist", 404,
                    self.client.remove_permission, FunctionName="doesnotexist", StatementId="s3")
        create_function(self.client, "rm")
        self.expect("ResourceNotFoundException", "No policy is associated with the given resource.", 404,
                    self.client.remove_permission, FunctionName="rm", StatementId="s3")
        self.expect("ResourceNotFoundException", f"Cannot find alias arn: {ARN}rm:alias-doesnotexist", 404,
                    self.client.remove_permission, FunctionName="rm", StatementId="s3",
                    Qualifier="alias-doesnotexist")
        self.add("rm", sid="s3")
        first = self.client.get_policy(FunctionName="rm")["RevisionId"]
        self.add("rm", sid="sqs", Principal="sqs.amazonaws.com", RevisionId=first)
        second = self.client.get_policy(FunctionName="rm")["RevisionId"]
        self.assertNotEqual(first, second)
        self.expect("PreconditionFailedException", MISMATCH, 412, self.add, function="rm", sid="x", RevisionId=first)
        self.expect("ResourceNotFoundException", "Statement non-existent is not found in resource policy.", 404,
                    self.client.remove_permission, FunctionName="rm", StatementId="non-existent")
        self.expect("PreconditionFailedException", MISMATCH, 412, self.client.remove_permission, FunctionName="rm",
                    StatementId="sqs", RevisionId=first)
        removed = self.client.remove_permission(FunctionName="rm", StatementId="sqs", RevisionId=second)
        self.assertEqual(removed["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.client.remove_permission(FunctionName="rm", StatementId="s3")
        self.expect("ResourceNotFoundException", "The resource you requested does not exist.", 404,
                    self.client.get_policy, FunctionName="rm")


if __name__ == "__main__":
    unittest.main()
