"""The durable-execution API (paths under /2025-12-01/) through boto3, for everything that needs no
running function: unknown executions, malformed input, unknown callbacks and empty listings."""

import io
import unittest
import zipfile

from botocore.exceptions import ClientError

from lemu_fixture import LemuTestCase

ARN = ("arn:aws:lambda:us-east-1:000000000000:function:demo:1/durable-execution/order-1/"
       "3f870c80-b17a-4c1e-9d5e-000000000001")
NOT_FOUND = f"Durable execution not found: {ARN}"


class DurableApiTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")

    def test_get_history_and_stop_of_an_unknown_execution_are_not_found(self):
        for call in (lambda: self.client.get_durable_execution(DurableExecutionArn=ARN),
                     lambda: self.client.get_durable_execution_history(DurableExecutionArn=ARN),
                     lambda: self.client.get_durable_execution_history(DurableExecutionArn=ARN,
                                                                       IncludeExecutionData=False,
                                                                       ReverseOrder=True, MaxItems=5),
                     lambda: self.client.stop_durable_execution(DurableExecutionArn=ARN),
                     lambda: self.client.stop_durable_execution(
                         DurableExecutionArn=ARN, Error={"ErrorMessage": "stop", "ErrorType": "Manual"})):
            with self.assertRaises(ClientError) as ctx:
                call()
            self.assertAwsError(ctx, "ResourceNotFoundException", NOT_FOUND, 404)
            self.assertTrue(ctx.exception.response["ResponseMetadata"]["RequestId"])

    def test_checkpoint_and_state_of_an_unknown_execution_are_invalid_parameters(self):
        # The model lists no ResourceNotFoundException for the two calls the SDK makes.
        with self.assertRaises(ClientError) as ctx:
            self.client.checkpoint_durable_execution(
                DurableExecutionArn=ARN, CheckpointToken="dG9rZW4+/w==",
                Updates=[{"Id": "c4ca4238a0b92382", "Type": "STEP", "Action": "START"}])
        self.assertAwsError(ctx, "InvalidParameterValueException", NOT_FOUND, 400)
        with self.assertRaises(ClientError) as ctx:
            self.client.get_durable_execution_state(DurableExecutionArn=ARN, CheckpointToken="dG9rZW4+/w==",
                                                    MaxItems=1000)
        self.assertAwsError(ctx, "InvalidParameterValueException", NOT_FOUND, 400)

    def test_malformed_tokens_and_arns_are_validation_errors(self):
        with self.assertRaises(ClientError) as ctx:
            self.client.checkpoint_durable_execution(DurableExecutionArn=ARN, CheckpointToken="not a token!")
        self.assertAwsError(
            ctx, "ValidationException",
            "1 validation error detected: Value 'not a token!' at 'checkpointToken' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [A-Za-z0-9+/]+={0,2}", 400)
        with self.assertRaises(ClientError) as ctx:
            self.client.get_durable_execution_state(DurableExecutionArn=ARN, CheckpointToken="a" * 2049)
        self.assertAwsError(ctx, "ValidationException", status=400)
        self.assertIn("Member must have length less than or equal to 2048",
                      ctx.exception.response["Error"]["Message"])
        alias_arn = ARN.replace(":demo:1/", ":demo:live/")  # executions are pinned: never an alias in the ARN
        with self.assertRaises(ClientError) as ctx:
            self.client.get_durable_execution(DurableExecutionArn=alias_arn)
        self.assertAwsError(ctx, "ValidationException", status=400)
        self.assertTrue(ctx.exception.response["Error"]["Message"].startswith(
            f"1 validation error detected: Value '{alias_arn}' at 'durableExecutionArn' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: arn:"))
        with self.assertRaises(ClientError) as ctx:
            self.client.checkpoint_durable_execution(
                DurableExecutionArn=ARN, CheckpointToken="dG9r",
                Updates=[{"Id": "a", "Type": "TASK", "Action": "START"}])
        self.assertAwsError(
            ctx, "ValidationException",
            "1 validation error detected: Value 'TASK' at 'updates.1.member.type' failed to satisfy constraint: "
            "Member must satisfy enum value set: [EXECUTION, CONTEXT, STEP, WAIT, CALLBACK, CHAINED_INVOKE]", 400)

    def test_callbacks_on_unknown_ids(self):
        # '+', '/' and '=' travel percent-encoded in the path and come back decoded in the message.
        callback_id = "bm9+/uZQ=="
        message = f"The callback ID is not valid: {callback_id}"
        for call in (lambda: self.client.send_durable_execution_callback_success(CallbackId=callback_id,
                                                                                 Result=b'{"approved": true}'),
                     lambda: self.client.send_durable_execution_callback_success(CallbackId=callback_id),
                     lambda: self.client.send_durable_execution_callback_failure(
                         CallbackId=callback_id, Error={"ErrorMessage": "denied", "ErrorType": "Rejected"}),
                     lambda: self.client.send_durable_execution_callback_heartbeat(CallbackId=callback_id)):
            with self.assertRaises(ClientError) as ctx:
                call()
            self.assertAwsError(ctx, "InvalidParameterValueException", message, 400)
        with self.assertRaises(ClientError) as ctx:
            self.client.send_durable_execution_callback_heartbeat(CallbackId="not base64!")
        self.assertAwsError(ctx, "ValidationException", status=400)

    def test_listing_a_function_without_executions(self):
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as z:
            z.writestr("index.mjs", "export const handler = async () => 'ok';\n")
        self.lemu.client("lambda").create_function(
            FunctionName="demo", Runtime="nodejs20.x", Role="arn:aws:iam::000000000000:role/demo",
            Handler="index.handler", Code={"ZipFile": archive.getvalue()},
            DurableConfig={"ExecutionTimeout": 600})
        for kwargs in ({}, {"Qualifier": "live"}, {"Qualifier": "$LATEST"}, {"Qualifier": "7"},
                       {"Statuses": ["RUNNING", "FAILED"], "ReverseOrder": True, "MaxItems": 10},
                       {"DurableExecutionName": "order-1", "StartedAfter": "2026-01-01T00:00:00Z"}):
            response = self.client.list_durable_executions_by_function(FunctionName="demo", **kwargs)
            self.assertEqual(response["DurableExecutions"], [], kwargs)
            self.assertNotIn("NextMarker", response)
        full_arn = "arn:aws:lambda:us-east-1:000000000000:function:demo:live"
        self.assertEqual(self.client.list_durable_executions_by_function(FunctionName=full_arn)["DurableExecutions"],
                         [])
        with self.assertRaises(ClientError) as ctx:
            self.client.list_durable_executions_by_function(FunctionName="demo", Statuses=["DONE"])
        self.assertAwsError(ctx, "ValidationException", status=400)
        with self.assertRaises(ClientError) as ctx:
            self.client.list_durable_executions_by_function(
                FunctionName="arn:aws:lambda:eu-west-1:000000000000:function:demo")
        self.assertAwsError(ctx, "ResourceNotFoundException", status=404)
        with self.assertRaises(ClientError) as ctx:
            self.client.list_durable_executions_by_function(FunctionName="no-such-function")
        self.assertAwsError(ctx, "ResourceNotFoundException", status=404)


if __name__ == "__main__":
    unittest.main()
