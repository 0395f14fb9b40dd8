"""Reserved concurrency, tags, layers, async-invoke configs and account settings."""

import unittest
import urllib.request

from control_helpers import ARN, code_sha256, create_function, make_zip, publish
from lemu_fixture import LemuTestCase

LAYER = "arn:aws:lambda:us-east-1:000000000000:layer:"
QUALIFIED_ONLY = ("This operation is permitted on Lambda functions only. Aliases and versions do not support this "
                  "operation. Please specify either a function name or an unqualified function ARN.")


class SettingsTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")

    def expect(self, code, message, status, call, **kwargs):
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            call(**kwargs)
        self.assertAwsError(ctx, code, message, status)
        return ctx.exception.response

    def test_reserved_concurrency(self):
        self.expect("ResourceNotFoundException", f"Function not found: {ARN}doesnotexist:$LATEST", 404,
                    self.client.put_function_concurrency, FunctionName="doesnotexist", ReservedConcurrentExecutions=1)
        create_function(self.client, "conc")
        self.expect("InvalidParameterValueException", QUALIFIED_ONLY, 400, self.client.put_function_concurrency,
                    FunctionName="conc:1", ReservedConcurrentExecutions=1)
        self.assertEqual(self.client.put_function_concurrency(FunctionName="conc", ReservedConcurrentExecutions=0)
                         ["ReservedConcurrentExecutions"], 0)
        self.client.put_function_concurrency(FunctionName="conc", ReservedConcurrentExecutions=5)
        self.assertEqual(self.client.get_function_concurrency(FunctionName="conc")["ReservedConcurrentExecutions"], 5)
        self.assertEqual(self.client.get_function(FunctionName="conc")["Concurrency"],
                         {"ReservedConcurrentExecutions": 5})
        body = self.expect("InvalidParameterValueException", "Specified ReservedConcurrentExecutions for function "
                           "decreases account's UnreservedConcurrentExecution below its minimum value of [100].", 400,
                           self.client.put_function_concurrency, FunctionName="conc",
                           ReservedConcurrentExecutions=901)
        self.assertNotIn("Type", body)
        settings = self.client.get_account_settings()
        self.assertEqual(settings["AccountLimit"]["UnreservedConcurrentExecutions"], 995)
        deleted = self.client.delete_function_concurrency(FunctionName="conc")
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assertNotIn("ReservedConcurrentExecutions", self.client.get_function_concurrency(FunctionName="conc"))

    def test_tags(self):
        create_function(self.client, "tagged", Tags={"team": "a"})
        arn = ARN + "tagged"
        self.assertEqual(self.client.get_function(FunctionName="tagged")["Tags"], {"team": "a"})
        self.assertEqual(self.client.tag_resource(Resource=arn, Tags={"B": "b", "C": "c"})["ResponseMetadata"]
                         ["HTTPStatusCode"], 204)
        self.client.tag_resource(Resource=arn, Tags={"C": "c2"})
        self.client.untag_resource(Resource=arn, TagKeys=["team", "missing"])
        self.assertEqual(self.client.list_tags(Resource=arn)["Tags"], {"B": "b", "C": "c2"})
        for qualified in (arn + ":1", arn + ":$LATEST", arn + ":live"):
            self.expect("InvalidParameterValueException", "Tags on function aliases and versions are not supported. "
                        "Please specify a function ARN.", 400, self.client.tag_resource, Resource=qualified,
                        Tags={"x": "y"})
        self.expect("ResourceNotFoundException", f"Function not found: {ARN}nope", 404, self.client.list_tags,
                    Resource=ARN + "nope")

    def test_layers(self):
        first = make_zip({"bin/tool": "v1"}, {"bin/tool": 0o100755})
        published = self.client.publish_layer_version(LayerName="tools", Content={"ZipFile": first},
                                                      CompatibleRuntimes=["provided.al2023"],
                                                      CompatibleArchitectures=["x86_64"], Description="d",
                                                      LicenseInfo="MIT")
        self.assertEqual(published["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(published["Version"], 1)
        self.assertEqual(published["LayerArn"], LAYER + "tools")
        self.assertEqual(published["LayerVersionArn"], LAYER + "tools:1")
        self.assertEqual(published["Content"]["CodeSha256"], code_sha256(first))
        with urllib.request.urlopen(published["Content"]["Location"], timeout=10) as response:
            self.assertEqual(response.read(), first)
        second = self.client.publish_layer_version(LayerName="tools", Content={"ZipFile": make_zip({"x": "2"})})
        self.assertEqual(second["Version"], 2)
        self.assertEqual(self.client.get_layer_version(LayerName="tools", VersionNumber=1)["LicenseInfo"], "MIT")
        self.assertEqual(self.client.get_layer_version_by_arn(Arn=LAYER + "tools:2")["Version"], 2)
        versions = self.client.list_layer_versions(LayerName="tools")["LayerVersions"]
        self.assertEqual([v["Version"] for v in versions], [2, 1])
        layers = self.client.list_layers(CompatibleRuntime="provided.al2023")["Layers"]
        self.assertEqual([(l["LayerName"], l["LatestMatchingVersion"]["Version"]) for l in layers], [("tools", 1)])

        created = create_function(self.client, "layered", Layers=[LAYER + "tools:1"])
        self.assertEqual(created["Layers"], [{"Arn": LAYER + "tools:1", "CodeSize": len(first)}])
        v1 = publish(self.client, "layered")
        self.client.update_function_configuration(FunctionName="layered", Layers=[LAYER + "tools:2"])
        self.assertEqual(self.client.get_function_configuration(FunctionName="layered", Qualifier=v1["Version"])
                         ["Layers"][0]["Arn"], LAYER + "tools:1")
        self.expect("InvalidParameterValueException", f"Layer version {LAYER}tools:9 does not exist.", 400,
                    self.client.update_function_configuration, FunctionName="layered", Layers=[LAYER + "tools:9"])
        self.expect("InvalidParameterValueException", "Two different versions of the same layer are not allowed to be "
                    f"referenced in the same function. {LAYER}tools:1 and {LAYER}tools:2 are versions of the same "
                    "layer.", 400, self.client.update_function_configuration, FunctionName="layered",
                    Layers=[LAYER + "tools:1", LAYER + "tools:2"])
        self.expect("InvalidParameterValueException", "Cannot reference more than 5 layers.", 400,
                    self.client.update_function_configuration, FunctionName="layered", Layers=[LAYER + "t:1"] * 6)

        self.assertEqual(self.client.delete_layer_version(LayerName="tools", VersionNumber=1)["ResponseMetadata"]
                         ["HTTPStatusCode"], 204)
        self.client.delete_layer_version(LayerName="tools", VersionNumber=1)
        self.expect("ResourceNotFoundException", "The resource you requested does not exist.", 404,
                    self.client.get_layer_version, LayerName="tools", VersionNumber=1)
        self.expect("InvalidParameterValueException", "Layer Version Cannot be less than 1", 400,
                    self.client.get_layer_version, LayerName="tools", VersionNumber=0)
        self.assertEqual(self.client.get_function_configuration(FunctionName="layered", Qualifier="1")
                         ["Layers"][0]["Arn"], LAYER + "tools:1")
        self.client.delete_layer_version(LayerName="tools", VersionNumber=2)
        self.assertEqual(self.client.list_layer_versions(LayerName="tools")["LayerVersions"], [])
        third = self.client.publish_layer_version(LayerName="tools", Content={"ZipFile": make_zip({"x": "3"})})
        self.assertEqual(third["Version"], 3)

    def test_event_invoke_configs(self):
        self.expect("ResourceNotFoundException", "The function doesn't exist.", 404,
                    self.client.put_function_event_invoke_config, FunctionName="doesnotexist",
                    MaximumRetryAttempts=1)
        create_function(self.client, "async")
        create_function(self.client, "target")
        self.expect("InvalidParameterValueException", "You must specify at least one of error handling or "
                    "destination setting.", 400, self.client.put_function_event_invoke_config, FunctionName="async")
        put = self.client.put_function_event_invoke_config(FunctionName="async", MaximumRetryAttempts=0)
        self.assertEqual(put["FunctionArn"], ARN + "async:$LATEST")
        self.assertEqual(put["DestinationConfig"], {"OnSuccess": {}, "OnFailure": {}})
        self.assertEqual(put["MaximumRetryAttempts"], 0)
        updated = self.client.update_function_event_invoke_config(
            FunctionName="async", MaximumEventAgeInSeconds=60,
            DestinationConfig={"OnSuccess": {"Destination": ARN + "target"}})
        self.assertEqual((updated["MaximumRetryAttempts"], updated["MaximumEventAgeInSeconds"]), (0, 60))
        self.assertEqual(updated["DestinationConfig"]["OnSuccess"], {"Destination": ARN + "target"})
        self.expect("InvalidParameterValueException", "You can't specify the function as a destination for itself.",
                    400, self.client.put_function_event_invoke_config, FunctionName="async",
                    DestinationConfig={"OnFailure": {"Destination": ARN + "async"}})
        self.expect("InvalidParameterValueException", f"The destination ARN {ARN}doesnotexist is invalid.", 400,
                    self.client.put_function_event_invoke_config, FunctionName="async",
                    DestinationConfig={"OnFailure": {"Destination": ARN + "doesnotexist"}})
        publish(self.client, "async")
        self.expect("ResourceNotFoundException", f"The function {ARN}async:1 doesn't have an EventInvokeConfig", 404,
                    self.client.get_function_event_invoke_config, FunctionName="async", Qualifier="1")
        self.client.put_function_event_invoke_config(FunctionName="async", Qualifier="1",
                                                     MaximumEventAgeInSeconds=120)
        self.client.create_alias(FunctionName="async", Name="live", FunctionVersion="1")
        self.client.put_function_event_invoke_config(FunctionName=ARN + "async:live", MaximumRetryAttempts=1)
        listed = self.client.list_function_event_invoke_configs(FunctionName="async")["FunctionEventInvokeConfigs"]
        self.assertEqual([c["FunctionArn"] for c in listed],
                         [ARN + "async:$LATEST", ARN + "async:1", ARN + "async:live"])
        self.expect("InvalidParameterValueException", "The derived qualifier from the function name does not match "
                    "the specified qualifier.", 400, self.client.put_function_event_invoke_config,
                    FunctionName=ARN + "async:live", Qualifier="1", MaximumRetryAttempts=1)
        for qualifier in ("$LATEST", "1", "live"):
            self.client.delete_function_event_invoke_config(FunctionName="async", Qualifier=qualifier)
        self.assertEqual(self.client.list_function_event_invoke_configs(FunctionName="async")
                         ["FunctionEventInvokeConfigs"], [])
        self.expect("ResourceNotFoundException", f"The function {ARN}async:$LATEST doesn't have an EventInvokeConfig",
                    404, self.client.delete_function_event_invoke_config, FunctionName="async")
        self.expect("ResourceNotFoundException", "The function doesn't exist.", 404,
                    self.client.list_function_event_invoke_configs, FunctionName="doesnotexist")

    def test_account_settings(self):
        before = self.client.get_account_settings()
        self.assertEqual(before["AccountLimit"]["CodeSizeUnzipped"], 262144000)
        self.assertEqual(before["AccountLimit"]["CodeSizeZipped"], 52428800)
        self.assertEqual(before["AccountLimit"]["ConcurrentExecutions"], 1000)
        zip_bytes = make_zip({"a": "account"})
        create_function(self.client, "counted", zip_bytes)
        after = self.client.get_account_settings()
        self.assertEqual(after["AccountUsage"]["FunctionCount"], before["AccountUsage"]["FunctionCount"] + 1)
        self.assertEqual(after["AccountUsage"]["TotalCodeSize"],
                         before["AccountUsage"]["TotalCodeSize"] + len(zip_bytes))


if __name__ == "__main__":
    unittest.main()
