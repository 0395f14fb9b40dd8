"""API Gateway control planes (`apigateway` and `apigatewayv2`) against the real binary, with boto3 and
the AWS SDK for JavaScript v3: lifecycles, wire shapes and exact errors (sources.md §5.A, §5.B).
Also the data-plane answers that need no function: unknown routes and stages."""

import datetime
import json
import os
import re
import subprocess
import unittest
import urllib.error
import urllib.request

from botocore.exceptions import ClientError

from lemu_fixture import ACCOUNT, LemuTestCase, dummy_credentials_env, npm_ci

FN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:fn"
NODE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "node-clients", "apigateway")


def lambda_uri(function_arn):
    return f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{function_arn}/invocations"


class RestApiControlPlaneTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.apigw = cls.lemu.client("apigateway")

    def new_api(self, name="api", **kwargs):
        api = self.apigw.create_rest_api(name=name, **kwargs)
        self.addCleanup(self.apigw.delete_rest_api, restApiId=api["id"])
        return api

    def proxy_method(self, api_id, resource_id, method="GET", function_arn=FN + ":6"):
        self.apigw.put_method(restApiId=api_id, resourceId=resource_id, httpMethod=method, authorizationType="NONE")
        return self.apigw.put_integration(restApiId=api_id, resourceId=resource_id, httpMethod=method,
                                          type="AWS_PROXY", integrationHttpMethod="POST",
                                          uri=lambda_uri(function_arn))

    def test_rest_api_lifecycle(self):
        api = self.apigw.create_rest_api(name="lifecycle", description="this is my api")
        self.assertEqual(api["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertRegex(api["id"], r"^[a-z0-9]{10}$")
        self.assertRegex(api["rootResourceId"], r"^[a-z0-9]{10}$")
        self.assertEqual(api["name"], "lifecycle")
        self.assertEqual(api["description"], "this is my api")
        self.assertEqual(api["apiKeySource"], "HEADER")
        self.assertEqual(api["endpointConfiguration"], {"types": ["EDGE"], "ipAddressType": "ipv4"})
        self.assertIs(api["disableExecuteApiEndpoint"], False)
        self.assertIsInstance(api["createdDate"], datetime.datetime)

        got = self.apigw.get_rest_api(restApiId=api["id"])
        self.assertEqual(got["rootResourceId"], api["rootResourceId"])
        self.assertIn(api["id"], [item["id"] for item in self.apigw.get_rest_apis()["items"]])

        deleted = self.apigw.delete_rest_api(restApiId=api["id"])
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 202)
        with self.assertRaises(ClientError) as ctx:
            self.apigw.get_rest_api(restApiId=api["id"])
        self.assertAwsError(ctx, "NotFoundException", f"Invalid API identifier specified {ACCOUNT}:{api['id']}", 404)

    def test_rest_api_validation(self):
        with self.assertRaises(ClientError) as ctx:
            self.apigw.get_rest_api(restApiId="nope")
        self.assertAwsError(ctx, "NotFoundException", f"Invalid API identifier specified {ACCOUNT}:nope", 404)
        with self.assertRaises(ClientError) as ctx:
            self.apigw.create_rest_api(name="x", description="")
        self.assertAwsError(ctx, "BadRequestException", "Description cannot be an empty string", 400)
        with self.assertRaises(ClientError) as ctx:
            self.apigw.create_rest_api(name="x", endpointConfiguration={"types": ["REGIONAL", "EDGE"]})
        self.assertAwsError(ctx, "BadRequestException", "Cannot create an api with multiple Endpoint Types.", 400)
        with self.assertRaises(ClientError) as ctx:
            self.apigw.create_rest_api(name="x", endpointConfiguration={"types": ["wrong"]})
        self.assertAwsError(ctx, "ValidationException",
                            "1 validation error detected: Value '[wrong]' at "
                            "'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member "
                            "must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]",
                            400)
        regional = self.new_api(endpointConfiguration={"types": ["REGIONAL"]})
        self.assertEqual(regional["endpointConfiguration"], {"types": ["REGIONAL"], "ipAddressType": "ipv4"})

    def test_resources(self):
        api = self.new_api()
        root = api["rootResourceId"]
        self.assertEqual(self.apigw.get_resources(restApiId=api["id"])["items"], [{"id": root, "path": "/"}])

        items = self.apigw.create_resource(restApiId=api["id"], parentId=root, pathPart="items")
        self.assertEqual(items["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual((items["parentId"], items["pathPart"], items["path"]), (root, "items", "/items"))
        item = self.apigw.create_resource(restApiId=api["id"], parentId=items["id"], pathPart="{id}")
        self.assertEqual(item["path"], "/items/{id}")
        proxy = self.apigw.create_resource(restApiId=api["id"], parentId=root, pathPart="{proxy+}")

        cases = [
            (root, "items", "ConflictException", "Another resource with the same parent already has this name: items"),
            (root, "{other}", "BadRequestException",
             "A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed"),
            (proxy["id"], "child", "BadRequestException",
             "Cannot create a child of a resource with a greedy path variable: {proxy+}"),
            ("nosuchid", "x", "NotFoundException", "Invalid Resource identifier specified"),
        ]
        for parent, part, code, message in cases:
            with self.subTest(part=part), self.assertRaises(ClientError) as ctx:
                self.apigw.create_resource(restApiId=api["id"], parentId=parent, pathPart=part)
            self.assertAwsError(ctx, code, message)

        paths = [r["path"] for r in self.apigw.get_resources(restApiId=api["id"])["items"]]
        self.assertEqual(paths, ["/", "/items", "/items/{id}", "/{proxy+}"])
        self.assertEqual(self.apigw.get_resource(restApiId=api["id"], resourceId=item["id"])["path"], "/items/{id}")

        deleted = self.apigw.delete_resource(restApiId=api["id"], resourceId=items["id"])
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 202)
        with self.assertRaises(ClientError) as ctx:
            self.apigw.get_resource(restApiId=api["id"], resourceId=item["id"])
        self.assertAwsError(ctx, "NotFoundException", "Invalid Resource identifier specified", 404)

    def test_methods_and_integrations(self):
        api = self.new_api()
        root = api["rootResourceId"]
        with self.assertRaises(ClientError) as ctx:
            self.apigw.put_method(restApiId=api["id"], resourceId=root, httpMethod="FETCH", authorizationType="NONE")
        self.assertAwsError(ctx, "BadRequestException",
                            "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY")
        method = self.apigw.put_method(restApiId=api["id"], resourceId=root, httpMethod="ANY", authorizationType="NONE")
        self.assertEqual(method["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual((method["httpMethod"], method["authorizationType"], method["apiKeyRequired"]),
                         ("ANY", "NONE", False))
        with self.assertRaises(ClientError) as ctx:
            self.apigw.get_integration(restApiId=api["id"], resourceId=root, httpMethod="ANY")
        self.assertAwsError(ctx, "NotFoundException", "Invalid Integration identifier specified", 404)
        with self.assertRaises(ClientError) as ctx:
            self.apigw.get_method(restApiId=api["id"], resourceId=root, httpMethod="GET")
        self.assertAwsError(ctx, "NotFoundException", "Invalid Method identifier specified", 404)

        bad_uris = [
            ("HTTPS_PROXY", lambda_uri(FN), "ValidationException",
             "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy "
             "constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]"),
            ("AWS_PROXY", "non-valid-arn", "BadRequestException", "Invalid ARN specified in the request"),
            ("AWS_PROXY", FN, "BadRequestException", "AWS ARN for integration must contain path or action"),
            ("AWS_PROXY", "arn:aws:apigateway:us-east-1:s3:path/bucket/key", "BadRequestException",
             "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream "
             "invocations."),
        ]
        for type_, uri, code, message in bad_uris:
            with self.subTest(uri=uri), self.assertRaises(ClientError) as ctx:
                self.apigw.put_integration(restApiId=api["id"], resourceId=root, httpMethod="ANY", type=type_,
                                           integrationHttpMethod="POST", uri=uri)
            self.assertAwsError(ctx, code, message, 400)
        with self.assertRaises(ClientError) as ctx:
            self.apigw.put_integration(restApiId=api["id"], resourceId=root, httpMethod="ANY", type="AWS_PROXY",
                                       integrationHttpMethod="POST", uri=lambda_uri(FN), timeoutInMillis=30000)
        self.assertAwsError(ctx, "BadRequestException", "Timeout should be between 50 ms and 29000 ms", 400)

        uri = lambda_uri(FN + ":${stageVariables.alias}")
        integration = self.apigw.put_integration(restApiId=api["id"], resourceId=root, httpMethod="ANY",
                                                 type="AWS_PROXY", integrationHttpMethod="POST", uri=uri)
        self.assertEqual(integration["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(integration["type"], "AWS_PROXY")
        self.assertEqual(integration["httpMethod"], "POST")
        self.assertEqual(integration["uri"], uri)
        self.assertEqual(integration["passthroughBehavior"], "WHEN_NO_MATCH")
        self.assertEqual(integration["timeoutInMillis"], 29000)
        self.assertEqual(integration["cacheNamespace"], root)
        self.assertEqual(integration["cacheKeyParameters"], [])

        response = self.apigw.put_method_response(restApiId=api["id"], resourceId=root, httpMethod="ANY",
                                                  statusCode="200")
        self.assertEqual(response["statusCode"], "200")
        self.apigw.put_integration_response(restApiId=api["id"], resourceId=root, httpMethod="ANY", statusCode="200",
                                            selectionPattern="")
        method = self.apigw.get_method(restApiId=api["id"], resourceId=root, httpMethod="ANY")
        self.assertEqual(method["methodIntegration"]["uri"], uri)
        self.assertEqual(method["methodResponses"], {"200": {"statusCode": "200"}})
        self.assertEqual(method["methodIntegration"]["integrationResponses"]["200"]["selectionPattern"], "")

        listed = self.apigw.get_resources(restApiId=api["id"])["items"]
        self.assertEqual(listed[0]["resourceMethods"], {"ANY": {}})
        embedded = self.apigw.get_resources(restApiId=api["id"], embed=["methods"])["items"]
        self.assertEqual(embedded[0]["resourceMethods"]["ANY"]["methodIntegration"]["uri"], uri)

        self.assertEqual(self.apigw.delete_integration(restApiId=api["id"], resourceId=root, httpMethod="ANY")
                         ["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assertEqual(self.apigw.delete_method(restApiId=api["id"], resourceId=root, httpMethod="ANY")
                         ["ResponseMetadata"]["HTTPStatusCode"], 204)

    def test_deployments_and_stages(self):
        api = self.new_api()
        root = api["rootResourceId"]
        with self.assertRaises(ClientError) as ctx:
            self.apigw.create_deployment(restApiId=api["id"], stageName="prod")
        self.assertAwsError(ctx, "BadRequestException", "The REST API doesn't contain any methods", 400)
        self.apigw.put_method(restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE")
        with self.assertRaises(ClientError) as ctx:
            self.apigw.create_deployment(restApiId=api["id"], stageName="prod")
        self.assertAwsError(ctx, "BadRequestException", "No integration defined for method", 400)
        self.apigw.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", type="AWS_PROXY",
                                   integrationHttpMethod="POST", uri=lambda_uri(FN + ":${stageVariables.alias}"))

        first = self.apigw.create_deployment(restApiId=api["id"], stageName="prod", variables={"alias": "live"})
        self.assertEqual(first["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertRegex(first["id"], r"^[a-z0-9]{6}$")
        self.assertIsInstance(first["createdDate"], datetime.datetime)
        prod = self.apigw.get_stage(restApiId=api["id"], stageName="prod")
        self.assertEqual(prod["deploymentId"], first["id"])
        self.assertEqual(prod["variables"], {"alias": "live"})
        self.assertEqual((prod["cacheClusterEnabled"], prod["cacheClusterStatus"], prod["tracingEnabled"],
                          prod["methodSettings"]), (False, "NOT_AVAILABLE", False, {}))

        second = self.apigw.create_deployment(restApiId=api["id"], description="second")
        self.assertEqual([d["id"] for d in self.apigw.get_deployments(restApiId=api["id"])["items"]],
                         [first["id"], second["id"]])
        self.assertEqual(self.apigw.get_deployment(restApiId=api["id"], deploymentId=second["id"])["description"],
                         "second")

        beta = self.apigw.create_stage(restApiId=api["id"], stageName="beta", deploymentId=second["id"],
                                       variables={"alias": "blue"})
        self.assertEqual(beta["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(beta["variables"], {"alias": "blue"})
        with self.assertRaises(ClientError) as ctx:
            self.apigw.create_stage(restApiId=api["id"], stageName="beta", deploymentId=second["id"])
        self.assertAwsError(ctx, "ConflictException", "Stage already exists", 409)
        with self.assertRaises(ClientError) as ctx:
            self.apigw.create_stage(restApiId=api["id"], stageName="gamma", deploymentId="nope00")
        self.assertAwsError(ctx, "NotFoundException", "Invalid Deployment identifier specified", 404)
        self.assertEqual(sorted(s["stageName"] for s in self.apigw.get_stages(restApiId=api["id"])["item"]),
                         ["beta", "prod"])
        self.assertEqual([s["stageName"] for s in
                          self.apigw.get_stages(restApiId=api["id"], deploymentId=first["id"])["item"]], ["prod"])

        updated = self.apigw.update_stage(restApiId=api["id"], stageName="beta", patchOperations=[
            {"op": "replace", "path": "/variables/alias", "value": "green"},
            {"op": "replace", "path": "/variables/extra", "value": "1"},
            {"op": "replace", "path": "/description", "value": "beta stage"},
            {"op": "replace", "path": "/deploymentId", "value": first["id"]},
        ])
        self.assertEqual(updated["variables"], {"alias": "green", "extra": "1"})
        self.assertEqual(updated["description"], "beta stage")
        self.assertEqual(updated["deploymentId"], first["id"])
        removed = self.apigw.update_stage(restApiId=api["id"], stageName="beta", patchOperations=[
            {"op": "remove", "path": "/variables/extra"}])
        self.assertEqual(removed["variables"], {"alias": "green"})
        with self.assertRaises(ClientError) as ctx:
            self.apigw.update_stage(restApiId=api["id"], stageName="beta", patchOperations=[
                {"op": "wrong", "path": "/description", "value": "x"}])
        self.assertAwsError(ctx, "ValidationException",
                            "1 validation error detected: Value 'wrong' at 'updateStageInput.patchOperations.1.member.op' "
                            "failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, "
                            "replace, copy]", 400)
        with self.assertRaises(ClientError) as ctx:
            self.apigw.update_stage(restApiId=api["id"], stageName="beta", patchOperations=[
                {"op": "replace", "path": "/variables/alias", "value": "$LATEST"}])
        self.assertAwsError(ctx, "BadRequestException",
                            "Stage variable values must match the regular expression [A-Za-z0-9-._~:/?#&=,]+", 400)
        self.assertEqual(self.apigw.get_stage(restApiId=api["id"], stageName="beta")["variables"], {"alias": "green"})

        with self.assertRaises(ClientError) as ctx:
            self.apigw.delete_deployment(restApiId=api["id"], deploymentId=first["id"])
        self.assertAwsError(ctx, "BadRequestException",
                            "Active stages pointing to this deployment must be moved or deleted", 400)
        self.assertEqual(self.apigw.delete_deployment(restApiId=api["id"], deploymentId=second["id"])
                         ["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.assertEqual(self.apigw.delete_stage(restApiId=api["id"], stageName="beta")
                         ["ResponseMetadata"]["HTTPStatusCode"], 202)
        with self.assertRaises(ClientError) as ctx:
            self.apigw.get_stage(restApiId=api["id"], stageName="beta")
        self.assertAwsError(ctx, "NotFoundException", "Invalid stage identifier specified", 404)


class HttpApiControlPlaneTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.v2 = cls.lemu.client("apigatewayv2")

    def new_api(self, **kwargs):
        api = self.v2.create_api(Name="h", ProtocolType="HTTP", **kwargs)
        self.addCleanup(self.v2.delete_api, ApiId=api["ApiId"])
        return api

    def test_api_lifecycle(self):
        api = self.v2.create_api(Name="h", ProtocolType="HTTP", Description="d")
        self.assertEqual(api["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertRegex(api["ApiId"], r"^[a-z0-9]{10}$")
        self.assertEqual(api["ApiEndpoint"], f"https://{api['ApiId']}.execute-api.us-east-1.amazonaws.com")
        self.assertEqual(api["RouteSelectionExpression"], "$request.method $request.path")
        self.assertEqual(api["ApiKeySelectionExpression"], "$request.header.x-api-key")
        self.assertEqual((api["ProtocolType"], api["Description"], api["DisableExecuteApiEndpoint"]),
                         ("HTTP", "d", False))
        self.assertIsInstance(api["CreatedDate"], datetime.datetime)
        self.assertEqual(self.v2.get_api(ApiId=api["ApiId"])["Name"], "h")
        self.assertIn(api["ApiId"], [a["ApiId"] for a in self.v2.get_apis()["Items"]])
        self.assertEqual(self.v2.delete_api(ApiId=api["ApiId"])["ResponseMetadata"]["HTTPStatusCode"], 204)
        with self.assertRaises(ClientError) as ctx:
            self.v2.get_api(ApiId=api["ApiId"])
        self.assertAwsError(ctx, "NotFoundException", f"Invalid API identifier specified {ACCOUNT}:{api['ApiId']}", 404)
        with self.assertRaises(ClientError) as ctx:
            self.v2.create_api(Name="x", ProtocolType="GRPC")
        self.assertAwsError(ctx, "BadRequestException", "Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]",
                            400)

    def test_integrations_routes_stages_deployments(self):
        api_id = self.new_api()["ApiId"]
        with self.assertRaises(ClientError) as ctx:
            self.v2.create_integration(ApiId=api_id, IntegrationType="AWS_PROXY", IntegrationUri=FN)
        self.assertAwsError(ctx, "BadRequestException", "PayloadFormatVersion is a required parameter for integration",
                            400)
        with self.assertRaises(ClientError) as ctx:
            self.v2.create_integration(ApiId=api_id, IntegrationType="AWS", IntegrationUri=FN)
        self.assertAwsError(ctx, "BadRequestException",
                            "Currently, an API with a protocol type of HTTP may only be associated with proxy "
                            "integrations (AWS_PROXY, HTTP_PROXY)", 400)
        integration = self.v2.create_integration(ApiId=api_id, IntegrationType="AWS_PROXY",
                                                 IntegrationUri=FN + ":${stageVariables.alias}",
                                                 PayloadFormatVersion="2.0")
        self.assertEqual(integration["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertRegex(integration["IntegrationId"], r"^[a-z0-9]{7}$")
        self.assertEqual((integration["IntegrationType"], integration["IntegrationMethod"],
                          integration["PayloadFormatVersion"], integration["TimeoutInMillis"],
                          integration["ConnectionType"]), ("AWS_PROXY", "POST", "2.0", 30000, "INTERNET"))
        self.assertEqual(self.v2.get_integration(ApiId=api_id, IntegrationId=integration["IntegrationId"])
                         ["IntegrationUri"], FN + ":${stageVariables.alias}")
        self.assertEqual(len(self.v2.get_integrations(ApiId=api_id)["Items"]), 1)
        with self.assertRaises(ClientError) as ctx:
            self.v2.get_integration(ApiId=api_id, IntegrationId="nope123")
        self.assertAwsError(ctx, "NotFoundException", "Invalid Integration identifier specified nope123", 404)

        target = "integrations/" + integration["IntegrationId"]
        route = self.v2.create_route(ApiId=api_id, RouteKey="GET /items/{id}", Target=target)
        self.assertEqual(route["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual((route["RouteKey"], route["Target"], route["AuthorizationType"], route["ApiKeyRequired"]),
                         ("GET /items/{id}", target, "NONE", False))
        greedy = self.v2.create_route(ApiId=api_id, RouteKey="ANY /{proxy+}", Target=target)
        default = self.v2.create_route(ApiId=api_id, RouteKey="$default", Target=target)
        with self.assertRaises(ClientError) as ctx:
            self.v2.create_route(ApiId=api_id, RouteKey="GET /items/{id}", Target=target)
        self.assertAwsError(ctx, "ConflictException", "Route with key GET /items/{id} already exists for this API", 409)
        with self.assertRaises(ClientError) as ctx:
            self.v2.create_route(ApiId=api_id, RouteKey="FETCH /x", Target=target)
        self.assertAwsError(ctx, "BadRequestException", "Invalid route key specified: FETCH /x", 400)
        self.assertEqual(sorted(r["RouteKey"] for r in self.v2.get_routes(ApiId=api_id)["Items"]),
                         ["$default", "ANY /{proxy+}", "GET /items/{id}"])
        self.assertEqual(self.v2.get_route(ApiId=api_id, RouteId=greedy["RouteId"])["RouteKey"], "ANY /{proxy+}")

        stage = self.v2.create_stage(ApiId=api_id, StageName="$default", AutoDeploy=True,
                                     StageVariables={"alias": "live"})
        self.assertEqual(stage["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual((stage["StageName"], stage["AutoDeploy"], stage["StageVariables"]),
                         ("$default", True, {"alias": "live"}))
        self.assertEqual(stage["LastDeploymentStatusMessage"],
                         f"Successfully deployed stage with deployment ID '{stage['DeploymentId']}'")
        with self.assertRaises(ClientError) as ctx:
            self.v2.create_stage(ApiId=api_id, StageName="$default")
        self.assertAwsError(ctx, "ConflictException", "Stage already exists", 409)
        manual = self.v2.create_stage(ApiId=api_id, StageName="dev")
        self.assertNotIn("DeploymentId", manual)
        deployment = self.v2.create_deployment(ApiId=api_id, StageName="dev", Description="first")
        self.assertEqual(deployment["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual((deployment["DeploymentStatus"], deployment["AutoDeployed"], deployment["Description"]),
                         ("DEPLOYED", False, "first"))
        self.assertEqual(self.v2.get_stage(ApiId=api_id, StageName="dev")["DeploymentId"], deployment["DeploymentId"])
        self.assertIn(deployment["DeploymentId"], [d["DeploymentId"] for d in self.v2.get_deployments(ApiId=api_id)["Items"]])
        updated = self.v2.update_stage(ApiId=api_id, StageName="dev", StageVariables={"alias": "blue"})
        self.assertEqual(updated["StageVariables"], {"alias": "blue"})
        self.assertEqual(sorted(s["StageName"] for s in self.v2.get_stages(ApiId=api_id)["Items"]), ["$default", "dev"])

        self.assertEqual(self.v2.delete_route(ApiId=api_id, RouteId=default["RouteId"])
                         ["ResponseMetadata"]["HTTPStatusCode"], 204)
        with self.assertRaises(ClientError) as ctx:
            self.v2.get_route(ApiId=api_id, RouteId=default["RouteId"])
        self.assertAwsError(ctx, "NotFoundException", f"Invalid Route identifier specified {default['RouteId']}", 404)
        self.assertEqual(self.v2.delete_stage(ApiId=api_id, StageName="dev")["ResponseMetadata"]["HTTPStatusCode"], 204)
        with self.assertRaises(ClientError) as ctx:
            self.v2.get_stage(ApiId=api_id, StageName="dev")
        self.assertAwsError(ctx, "NotFoundException", "Invalid stage identifier specified dev", 404)

    def test_quick_create(self):
        api = self.new_api(Target=FN + ":live")
        routes = self.v2.get_routes(ApiId=api["ApiId"])["Items"]
        self.assertEqual([r["RouteKey"] for r in routes], ["$default"])
        integrations = self.v2.get_integrations(ApiId=api["ApiId"])["Items"]
        self.assertEqual((integrations[0]["IntegrationUri"], integrations[0]["PayloadFormatVersion"]),
                         (FN + ":live", "2.0"))
        stage = self.v2.get_stage(ApiId=api["ApiId"], StageName="$default")
        self.assertTrue(stage["AutoDeploy"])
        self.assertTrue(stage["DeploymentId"])


class DataPlaneRoutingTest(LemuTestCase):
    """The answers API Gateway gives before any function is involved."""

    def get(self, path, method="GET"):
        request = urllib.request.Request(self.endpoint + path, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def test_rest_unknown_route_is_missing_authentication_token(self):
        apigw = self.lemu.client("apigateway")
        api = apigw.create_rest_api(name="routing")
        items = apigw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="items")
        apigw.put_method(restApiId=api["id"], resourceId=items["id"], httpMethod="GET", authorizationType="NONE")
        apigw.put_integration(restApiId=api["id"], resourceId=items["id"], httpMethod="GET", type="AWS_PROXY",
                              integrationHttpMethod="POST", uri=lambda_uri(FN))
        apigw.create_deployment(restApiId=api["id"], stageName="prod")
        for path, method in [(f"/_aws/execute-api/{api['id']}/prod/nothing", "GET"),
                             (f"/_aws/execute-api/{api['id']}/prod/items", "POST"),
                             (f"/_aws/execute-api/{api['id']}/beta/items", "GET"),
                             (f"/restapis/{api['id']}/prod/_user_request_/nothing", "GET")]:
            with self.subTest(path=path, method=method):
                status, headers, body = self.get(path, method)
                self.assertEqual(status, 403)
                self.assertEqual(body, b'{"message":"Missing Authentication Token"}')
                self.assertEqual(headers["x-amzn-ErrorType"], "MissingAuthenticationTokenException")

    def test_http_unknown_route_is_not_found(self):
        v2 = self.lemu.client("apigatewayv2")
        api = v2.create_api(Name="routing", ProtocolType="HTTP")
        integration = v2.create_integration(ApiId=api["ApiId"], IntegrationType="AWS_PROXY", IntegrationUri=FN,
                                            PayloadFormatVersion="2.0")
        v2.create_route(ApiId=api["ApiId"], RouteKey="GET /items/{id}",
                        Target="integrations/" + integration["IntegrationId"])
        v2.create_stage(ApiId=api["ApiId"], StageName="$default", AutoDeploy=True)
        for path, method in [(f"/_aws/execute-api/{api['ApiId']}/other", "GET"),
                             (f"/_aws/execute-api/{api['ApiId']}/items/1", "DELETE")]:
            with self.subTest(path=path, method=method):
                status, _, body = self.get(path, method)
                self.assertEqual(status, 404)
                self.assertEqual(body, b'{"message":"Not Found"}')

    def test_unknown_api_id(self):
        status, _, body = self.get("/_aws/execute-api/nosuchapi1/prod/items")
        self.assertEqual(status, 404)
        self.assertEqual(json.loads(body)["message"],
                         "The API id 'nosuchapi1' does not correspond to a deployed API Gateway API")


class JavaScriptSdkControlPlaneTest(LemuTestCase):
    """The same control planes through @aws-sdk/client-api-gateway and @aws-sdk/client-apigatewayv2."""

    @classmethod
    def setUpClass(cls):
        npm_ci(NODE_DIR, "@aws-sdk/client-apigatewayv2")
        super().setUpClass()

    def test_js_sdk_round_trip(self):
        env = dummy_credentials_env()
        env["LEMU_ENDPOINT"] = self.endpoint
        run = subprocess.run(["node", "control_plane.mjs"], cwd=NODE_DIR, env=env, capture_output=True, text=True,
                             timeout=120)
        self.assertEqual(run.returncode, 0, run.stderr)
        out = json.loads(run.stdout.strip().splitlines()[-1])

        rest = out["rest"]
        self.assertRegex(rest["id"], r"^[a-z0-9]{10}$")
        self.assertTrue(rest["createdDateIsDate"])
        self.assertEqual(rest["endpointTypes"], ["EDGE"])
        self.assertEqual(rest["itemsPath"], "/items")
        self.assertEqual(rest["integrationUri"], lambda_uri(FN + ":${stageVariables.alias}"))
        self.assertEqual(rest["integrationTimeout"], 29000)
        self.assertEqual(rest["stageDeploymentId"], rest["deploymentId"])
        self.assertEqual(rest["stageVariables"], {"alias": "live"})
        self.assertEqual(rest["resourcePaths"], ["/", "/items"])
        self.assertEqual(rest["nameAgain"], "node-rest")
        self.assertEqual(rest["missing"], {"name": "NotFoundException",
                                           "message": f"Invalid API identifier specified {ACCOUNT}:nope",
                                           "status": 404})
        self.assertEqual(rest["conflict"], {"name": "ConflictException",
                                            "message": "Another resource with the same parent already has this "
                                                       "name: items", "status": 409})

        http = out["http"]
        self.assertRegex(http["apiId"], r"^[a-z0-9]{10}$")
        self.assertEqual(http["apiEndpoint"], f"https://{http['apiId']}.execute-api.us-east-1.amazonaws.com")
        self.assertEqual(http["routeSelectionExpression"], "$request.method $request.path")
        self.assertTrue(http["createdDateIsDate"])
        self.assertEqual((http["integrationUri"], http["payloadFormatVersion"]), (FN + ":6", "2.0"))
        self.assertEqual((http["routeKey"], http["stageName"], http["stageDeployed"]),
                         ("GET /items/{id}", "$default", True))
        self.assertEqual(http["routeKeys"], ["GET /items/{id}"])
        self.assertEqual(http["missing"], {"name": "NotFoundException",
                                           "message": f"Invalid API identifier specified {ACCOUNT}:nope",
                                           "status": 404})


if __name__ == "__main__":
    unittest.main()
