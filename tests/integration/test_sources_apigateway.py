"""API Gateway as an event source, end to end: real python3.12 functions (and one nodejs20.x) with published
versions behind REST and HTTP APIs, invoked through lemu's execute-api data plane as apigateway.amazonaws.com
under the exact qualified ARN's resource policy (sources.md §1, §5, test plan items 16-22; control-plane.md
fact 71).

Every gap is checked twice: by the answer API Gateway gives, and by the record in GET /_lemu/denials.
"""

import io
import json
import os
import subprocess
import unittest
import urllib.parse
import zipfile

from lemu_fixture import ACCOUNT, REGION, LemuTestCase, dummy_credentials_env, npm_ci
from sources_helpers import (FUNCTION_ARN, ROLE, RawHttp, allow, denial_epoch_ms, denials, deploy_versions, epoch_ms,
                             poll)

APIGW = "apigateway.amazonaws.com"
REST_500 = b'{"message": "Internal server error"}'
HTTP_500 = b'{"message":"Internal Server Error"}'
NODE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "node-clients", "apigateway")


def lambda_uri(function_arn):
    return f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function_arn}/invocations"


def execute_arn(api_id, tail):
    return f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api_id}/{tail}"


class ApiGatewaySourceCase(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lam = cls.lemu.client("lambda")
        cls.apigw = cls.lemu.client("apigateway")
        cls.v2 = cls.lemu.client("apigatewayv2")
        cls.http = RawHttp(cls.endpoint)

    @classmethod
    def tearDownClass(cls):
        cls.http.close()
        super().tearDownClass()

    def rest_api(self, name, function_arn, path_part="items", method="GET", stage="prod", variables=None):
        """A REST API with one AWS_PROXY method on /PATH_PART, deployed to `stage`."""
        api = self.apigw.create_rest_api(name=name)
        resource = self.apigw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"],
                                              pathPart=path_part)
        self.apigw.put_method(restApiId=api["id"], resourceId=resource["id"], httpMethod=method,
                              authorizationType="NONE")
        self.apigw.put_integration(restApiId=api["id"], resourceId=resource["id"], httpMethod=method,
                                   type="AWS_PROXY", integrationHttpMethod="POST", uri=lambda_uri(function_arn))
        deployment = dict(restApiId=api["id"], stageName=stage)
        if variables:
            deployment["variables"] = variables
        self.apigw.create_deployment(**deployment)
        return api["id"], resource["id"]

    def call(self, api_id, path, method="GET", body=None, headers=None):
        status, response_headers, raw = self.http.request(method, f"/_aws/execute-api/{api_id}{path}", body=body,
                                                          headers=headers)
        return status, response_headers, raw

    def ok(self, api_id, path, method="GET"):
        """Calls and expects the function's 200; returns its JSON body."""
        status, headers, raw = self.call(api_id, path, method)
        self.assertEqual(status, 200, raw)
        body = json.loads(raw)
        self.assertEqual(headers["x-code"], body["code"])
        return body

    def refused(self, api_id, path, body=REST_500, method="GET"):
        status, headers, raw = self.call(api_id, path, method)
        self.assertEqual((status, raw), (500, body))
        self.assertEqual(headers["content-type"], "application/json")
        return headers

    def assertDenial(self, record, source_arn, target, since_ms):
        self.assertEqual(record["source"], "apigateway")
        self.assertEqual(record["principal"], APIGW)
        self.assertEqual(record["action"], "lambda:InvokeFunction")
        self.assertEqual(record["sourceArn"], source_arn)
        self.assertEqual(record["sourceAccount"], ACCOUNT)
        self.assertEqual(record["targetArn"], FUNCTION_ARN + target)
        self.assertEqual(record["policyConsulted"], FUNCTION_ARN + target)
        self.assertTrue(record["reason"])
        self.assertTrue(record["requestId"])
        self.assertGreaterEqual(denial_epoch_ms(record), since_ms - 1000)


class RestApiHeadlineTest(ApiGatewaySourceCase):
    def test_alias_integration_follows_the_alias_and_a_version_gap_is_reported(self):
        deploy_versions(self.lam, "headline", 2)
        self.lam.create_alias(FunctionName="headline", Name="live", FunctionVersion="1")
        live_api, _ = self.rest_api("live", FUNCTION_ARN + "headline:live")
        allow(self.lam, "headline", "apigw-live", APIGW, execute_arn(live_api, "*/GET/items"), qualifier="live")

        first = self.ok(live_api, "/prod/items")
        self.assertEqual((first["code"], first["version"]), ("v1", "1"))
        self.assertEqual(first["invoked"], FUNCTION_ARN + "headline:live")
        self.lam.update_alias(FunctionName="headline", Name="live", FunctionVersion="2")
        moved = self.ok(live_api, "/prod/items")
        self.assertEqual((moved["code"], moved["version"]), ("v2", "2"))
        self.assertEqual(moved["invoked"], FUNCTION_ARN + "headline:live")

        # The same version, addressed directly: live's statement does not cover fn:2 (fact 71).
        pinned_api, _ = self.rest_api("pinned", FUNCTION_ARN + "headline:2")
        since = epoch_ms()
        for _ in range(3):
            self.refused(pinned_api, "/prod/items")
        records = poll(lambda: denials(self.endpoint, since), lambda d: len(d) >= 3)
        self.assertEqual(len(records), 3, records)
        for record in records:
            self.assertDenial(record, execute_arn(pinned_api, "prod/GET/items"), "headline:2", since)
            self.assertEqual(record["reason"], f"no resource policy is attached to {FUNCTION_ARN}headline:2")
        self.assertEqual(len({r["requestId"] for r in records}), 3)

        allow(self.lam, "headline", "apigw-pinned", APIGW, execute_arn(pinned_api, "*/GET/items"), qualifier="2")
        fixed = self.ok(pinned_api, "/prod/items")
        self.assertEqual((fixed["code"], fixed["version"]), ("v2", "2"))
        self.assertEqual(fixed["invoked"], FUNCTION_ARN + "headline:2")
        self.assertEqual(self.ok(live_api, "/prod/items")["code"], "v2")
        self.assertEqual(len(denials(self.endpoint, since)), 3)


class NodeFunctionTest(ApiGatewaySourceCase):
    def test_node_handler_behind_a_rest_api(self):
        source = ("exports.handler = async (event, context) => ({statusCode: 200, headers: {'X-Code': 'CODE'}, "
                  "body: JSON.stringify({code: 'CODE', version: context.functionVersion, "
                  "invoked: context.invokedFunctionArn, event})});\n")
        def package(code):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                archive.writestr("index.js", source.replace("CODE", code))
            return buffer.getvalue()
        self.lam.create_function(FunctionName="nodefn", Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
                                 Code={"ZipFile": package("latest")})
        for n in (1, 2):
            self.lam.update_function_code(FunctionName="nodefn", ZipFile=package(f"v{n}"))
            self.lam.publish_version(FunctionName="nodefn")
        self.lam.create_alias(FunctionName="nodefn", Name="live", FunctionVersion="1")
        api, _ = self.rest_api("node", FUNCTION_ARN + "nodefn:live")
        allow(self.lam, "nodefn", "node", APIGW, execute_arn(api, "*/GET/items"), qualifier="live")
        for _ in range(3):
            body = self.ok(api, "/prod/items?x=1")
            self.assertEqual((body["code"], body["version"]), ("v1", "1"))
            self.assertEqual(body["event"]["queryStringParameters"], {"x": "1"})
        self.lam.update_alias(FunctionName="nodefn", Name="live", FunctionVersion="2")
        body = self.ok(api, "/prod/items")
        self.assertEqual((body["code"], body["invoked"]), ("v2", FUNCTION_ARN + "nodefn:live"))


class RestApiEventTest(ApiGatewaySourceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        deploy_versions(cls.lam, "rest", 6)

    def test_event_fields(self):
        api, resource = self.rest_api("fields", FUNCTION_ARN + "rest:6")
        allow(self.lam, "rest", "fields", APIGW, execute_arn(api, "*/GET/items"), qualifier="6")
        body = self.ok(api, "/prod/items?a=1&a=2&b=x+y")
        self.assertEqual((body["code"], body["version"]), ("v6", "6"))
        event = body["event"]
        self.assertNotIn("version", event)
        self.assertEqual(event["resource"], "/items")
        self.assertEqual(event["path"], "/items")
        self.assertEqual(event["httpMethod"], "GET")
        self.assertEqual(event["queryStringParameters"], {"a": "2", "b": "x y"})
        self.assertEqual(event["multiValueQueryStringParameters"], {"a": ["1", "2"], "b": ["x y"]})
        self.assertIsNone(event["pathParameters"])
        self.assertIsNone(event["stageVariables"])
        self.assertIsNone(event["body"])
        self.assertFalse(event["isBase64Encoded"])
        context = event["requestContext"]
        self.assertEqual(context["path"], "/prod/items")
        self.assertEqual(context["stage"], "prod")
        self.assertEqual(context["resourcePath"], "/items")
        self.assertEqual(context["resourceId"], resource)
        self.assertEqual(context["httpMethod"], "GET")
        self.assertEqual(context["accountId"], ACCOUNT)
        self.assertEqual(context["apiId"], api)
        self.assertEqual(context["domainName"], f"{api}.execute-api.{REGION}.amazonaws.com")

        # A body and no query: null query maps, the raw body string.
        status, _, raw = self.call(api, "/prod/items", method="GET", body=b'{"k": 1}',
                                   headers={"Content-Type": "application/json"})
        self.assertEqual(status, 200, raw)
        event = json.loads(raw)["event"]
        self.assertIsNone(event["queryStringParameters"])
        self.assertIsNone(event["multiValueQueryStringParameters"])
        self.assertEqual(event["body"], '{"k": 1}')

    def test_version_gap_and_test_invoke_stage(self):
        api, resource = self.rest_api("gap", FUNCTION_ARN + "rest:6")
        allow(self.lam, "rest", "gap-on-5", APIGW, execute_arn(api, "*/GET/items"), qualifier="5")
        since = epoch_ms()
        self.refused(api, "/prod/items")
        test = self.apigw.test_invoke_method(restApiId=api, resourceId=resource, httpMethod="GET",
                                             pathWithQueryString="/items")
        self.assertEqual(test["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(test["status"], 500)
        self.assertEqual(test["body"], REST_500.decode())
        self.assertIn(f"X-Amz-Source-Arn={execute_arn(api, 'test-invoke-stage/GET/items')}", test["log"])
        self.assertIn("Execution failed due to configuration error: Invalid permissions on Lambda function",
                      test["log"])
        self.assertIn("Method completed with status: 500", test["log"])
        records = poll(lambda: denials(self.endpoint, since), lambda d: len(d) >= 2)
        self.assertEqual([r["sourceArn"] for r in records],
                         [execute_arn(api, "prod/GET/items"), execute_arn(api, "test-invoke-stage/GET/items")])
        for record in records:
            self.assertDenial(record, record["sourceArn"], "rest:6", since)

        # Scoped to the deployed stage: the stage works, the console's test-invoke-stage does not.
        allow(self.lam, "rest", "gap-prod", APIGW, execute_arn(api, "prod/GET/items"), qualifier="6")
        self.assertEqual(self.ok(api, "/prod/items")["code"], "v6")
        test = self.apigw.test_invoke_method(restApiId=api, resourceId=resource, httpMethod="GET",
                                             pathWithQueryString="/items?q=1")
        self.assertEqual(test["status"], 500)
        self.assertIn("Invalid permissions on Lambda function", test["log"])

        allow(self.lam, "rest", "gap-any-stage", APIGW, execute_arn(api, "*/GET/items"), qualifier="6")
        test = self.apigw.test_invoke_method(restApiId=api, resourceId=resource, httpMethod="GET",
                                             pathWithQueryString="/items?q=1")
        self.assertEqual(test["status"], 200, test["log"])
        result = json.loads(test["body"])
        self.assertEqual(result["code"], "v6")
        self.assertEqual(result["event"]["requestContext"]["stage"], "test-invoke-stage")
        self.assertEqual(result["event"]["queryStringParameters"], {"q": "1"})
        self.assertIn("Successfully completed execution", test["log"])
        self.assertIn("Method completed with status: 200", test["log"])

    def test_greedy_proxy_presents_the_resource_template(self):
        api = self.apigw.create_rest_api(name="proxy")
        proxy = self.apigw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"],
                                           pathPart="{proxy+}")
        self.apigw.put_method(restApiId=api["id"], resourceId=proxy["id"], httpMethod="ANY",
                              authorizationType="NONE")
        self.apigw.put_integration(restApiId=api["id"], resourceId=proxy["id"], httpMethod="ANY",
                                   type="AWS_PROXY", integrationHttpMethod="POST",
                                   uri=lambda_uri(FUNCTION_ARN + "rest:5"))
        self.apigw.create_deployment(restApiId=api["id"], stageName="prod")
        api_id = api["id"]
        allow(self.lam, "rest", "proxy-get", APIGW, execute_arn(api_id, "*/GET/*"), qualifier="5")
        since = epoch_ms()
        self.refused(api_id, "/prod/a/b")
        records = poll(lambda: denials(self.endpoint, since), lambda d: len(d) >= 1)
        self.assertEqual(len(records), 1)
        self.assertDenial(records[0], execute_arn(api_id, "prod/ANY/{proxy+}"), "rest:5", since)
        self.assertIn("statement proxy-get", records[0]["reason"])

        allow(self.lam, "rest", "proxy-any", APIGW, execute_arn(api_id, "*/*/*"), qualifier="5")
        body = self.ok(api_id, "/prod/a/b")
        self.assertEqual(body["code"], "v5")
        event = body["event"]
        self.assertEqual(event["resource"], "/{proxy+}")
        self.assertEqual(event["path"], "/a/b")
        self.assertEqual(event["pathParameters"], {"proxy": "a/b"})
        self.assertEqual(event["requestContext"]["resourcePath"], "/{proxy+}")
        self.assertEqual(self.ok(api_id, "/prod/x", method="DELETE")["event"]["httpMethod"], "DELETE")

    def test_stage_variable_names_the_alias(self):
        deploy_versions(self.lam, "staged", 6)
        self.lam.create_alias(FunctionName="staged", Name="live", FunctionVersion="6")
        uri_arn = FUNCTION_ARN + "staged:${stageVariables.alias}"
        api, _ = self.rest_api("staged", uri_arn, variables={"alias": "live"})
        self.apigw.create_deployment(restApiId=api, stageName="bare")
        allow(self.lam, "staged", "only-6", APIGW, execute_arn(api, "*/GET/items"), qualifier="6")

        since = epoch_ms()
        self.refused(api, "/prod/items")  # the URI names fn:live; the statement is on fn:6
        records = poll(lambda: denials(self.endpoint, since), lambda d: len(d) >= 1)
        self.assertEqual(len(records), 1)
        self.assertDenial(records[0], execute_arn(api, "prod/GET/items"), "staged:live", since)

        # No such variable on the stage: the ARN ends in ':' and Lambda rejects the name.
        since = epoch_ms()
        self.refused(api, "/bare/items")
        records = poll(lambda: denials(self.endpoint, since), lambda d: len(d) >= 1)
        self.assertEqual(len(records), 1)
        self.assertEqual(records[0]["targetArn"], FUNCTION_ARN + "staged:")
        self.assertEqual(records[0]["sourceArn"], execute_arn(api, "bare/GET/items"))
        self.assertEqual(records[0]["policyConsulted"], "")
        self.assertTrue(records[0]["reason"].startswith("ValidationException: 1 validation error detected: "
                                                        f"Value '{FUNCTION_ARN}staged:' at 'functionName'"),
                        records[0]["reason"])

        allow(self.lam, "staged", "live", APIGW, execute_arn(api, "*/GET/items"), qualifier="live")
        body = self.ok(api, "/prod/items")
        self.assertEqual((body["code"], body["version"]), ("v6", "6"))
        self.assertEqual(body["invoked"], FUNCTION_ARN + "staged:live")
        self.assertEqual(body["event"]["stageVariables"], {"alias": "live"})
        self.refused(api, "/bare/items")

        # Another stage naming version 6 directly is admitted by the statement on 6.
        self.apigw.create_deployment(restApiId=api, stageName="six", variables={"alias": "6"})
        body = self.ok(api, "/six/items")
        self.assertEqual((body["code"], body["invoked"]), ("v6", FUNCTION_ARN + "staged:6"))

    def test_integration_credentials_call_as_the_role(self):
        deploy_versions(self.lam, "roled", 2)
        api = self.apigw.create_rest_api(name="roled")["id"]
        root = self.apigw.get_resources(restApiId=api)["items"][0]["id"]
        for path, role in (("own", f"arn:aws:iam::{ACCOUNT}:role/apigw-invoke"),
                           ("foreign", "arn:aws:iam::111111111111:role/apigw-invoke")):
            resource = self.apigw.create_resource(restApiId=api, parentId=root, pathPart=path)["id"]
            self.apigw.put_method(restApiId=api, resourceId=resource, httpMethod="GET", authorizationType="NONE")
            self.apigw.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", type="AWS_PROXY",
                                       integrationHttpMethod="POST", credentials=role,
                                       uri=lambda_uri(FUNCTION_ARN + "roled:2"))
        self.apigw.create_deployment(restApiId=api, stageName="prod")

        # A role of the API's own account: its identity policy decides, no resource policy needed.
        body = self.ok(api, "/prod/own")
        self.assertEqual((body["code"], body["invoked"]), ("v2", FUNCTION_ARN + "roled:2"))
        # A role of another account needs a statement naming that account on the exact ARN.
        since = epoch_ms()
        self.refused(api, "/prod/foreign")
        records = poll(lambda: denials(self.endpoint, since), lambda d: len(d) >= 1)
        self.assertEqual(len(records), 1)
        self.assertEqual((records[0]["principal"], records[0]["targetArn"]),
                         ("arn:aws:iam::111111111111:role/apigw-invoke", FUNCTION_ARN + "roled:2"))
        self.lam.add_permission(FunctionName="roled", Qualifier="2", StatementId="partner",
                                Action="lambda:InvokeFunction", Principal="111111111111")
        self.assertEqual(self.ok(api, "/prod/foreign")["code"], "v2")

    def test_result_mapping_and_gateway_errors(self):
        deploy_versions(self.lam, "shaped", 1, handler="handler.shaped")
        api, resource = self.rest_api("shaped", FUNCTION_ARN + "shaped:1")
        allow(self.lam, "shaped", "shaped", APIGW, execute_arn(api, "*/GET/items"), qualifier="1")

        def get(result):
            return self.call(api, "/prod/items?r=" + urllib.parse.quote(json.dumps(result)))

        status, headers, raw = get({"statusCode": 200})
        self.assertEqual((status, raw, headers["content-type"]), (200, b"", "application/json"))
        status, headers, raw = get({"statusCode": "201", "body": "made", "headers": {"b": True},
                                    "multiValueHeaders": {"m": ["1", "2"]}})
        self.assertEqual((status, raw, headers["b"]), (201, b"made", "true"))
        for malformed in ({"statusCode": 200, "body": "x", "extra": 1}, {"statusCode": "test"}, "a string"):
            with self.subTest(result=malformed):
                status, headers, raw = get(malformed)
                self.assertEqual((status, raw), (502, REST_500))
        status, _, raw = self.call(api, "/prod/items?r=raise")
        self.assertEqual((status, raw), (502, REST_500))

        # The integration's timeout (50 ms to 29 s) gives 504; the function's own timeout is longer.
        self.apigw.put_integration(restApiId=api, resourceId=resource, httpMethod="GET", type="AWS_PROXY",
                                   integrationHttpMethod="POST", uri=lambda_uri(FUNCTION_ARN + "shaped:1"),
                                   timeoutInMillis=200)
        self.apigw.create_deployment(restApiId=api, stageName="prod")
        status, _, raw = self.call(api, "/prod/items?sleep=3&r=1")
        self.assertEqual((status, raw), (504, b'{"message": "Endpoint request timed out"}'))

    def test_missing_function_is_reported(self):
        api, _ = self.rest_api("missing", FUNCTION_ARN + "rest:nosuchalias")
        since = epoch_ms()
        self.refused(api, "/prod/items")
        records = poll(lambda: denials(self.endpoint, since), lambda d: len(d) >= 1)
        self.assertEqual(len(records), 1)
        record = records[0]
        self.assertEqual((record["source"], record["principal"]), ("apigateway", APIGW))
        self.assertEqual((record["sourceArn"], record["targetArn"]),
                         (execute_arn(api, "prod/GET/items"), FUNCTION_ARN + "rest:nosuchalias"))
        self.assertEqual(record["reason"],
                         f"ResourceNotFoundException: Function not found: {FUNCTION_ARN}rest:nosuchalias")

    def test_unknown_paths_and_methods(self):
        api, _ = self.rest_api("unknown", FUNCTION_ARN + "rest:6")
        allow(self.lam, "rest", "unknown", APIGW, execute_arn(api, "*/GET/items"), qualifier="6")
        self.assertEqual(self.ok(api, "/prod/items")["code"], "v6")
        since = epoch_ms()
        for path, method in [("/prod/nothing", "GET"), ("/prod/items", "POST"), ("/beta/items", "GET"),
                             ("/prod/items/1", "GET")]:
            with self.subTest(path=path, method=method):
                status, headers, raw = self.call(api, path, method)
                self.assertEqual((status, raw), (403, b'{"message":"Missing Authentication Token"}'))
                self.assertEqual(headers["x-amzn-errortype"], "MissingAuthenticationTokenException")
        self.assertEqual(denials(self.endpoint, since), [])

    def test_legacy_and_host_url_forms_reach_the_same_function(self):
        api, _ = self.rest_api("forms", FUNCTION_ARN + "rest:6")
        allow(self.lam, "rest", "forms", APIGW, execute_arn(api, "*/GET/items"), qualifier="6")
        status, _, raw = self.http.request("GET", f"/restapis/{api}/prod/_user_request_/items")
        self.assertEqual(status, 200, raw)
        self.assertEqual(json.loads(raw)["event"]["requestContext"]["path"], "/prod/items")
        status, _, raw = self.http.request("GET", "/prod/items",
                                           headers={"Host": f"{api}.execute-api.localhost.localstack.cloud"})
        self.assertEqual(status, 200, raw)
        self.assertEqual(json.loads(raw)["code"], "v6")


class HttpApiSourceTest(ApiGatewaySourceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        deploy_versions(cls.lam, "httpfn", 6)
        deploy_versions(cls.lam, "barefn", 6, handler="handler.bare")

    def http_api(self, name, function_arn, route_key="GET /items/{id}", stage="$default"):
        api = self.v2.create_api(Name=name, ProtocolType="HTTP")["ApiId"]
        integration = self.v2.create_integration(ApiId=api, IntegrationType="AWS_PROXY",
                                                 IntegrationUri=function_arn, PayloadFormatVersion="2.0")
        self.v2.create_route(ApiId=api, RouteKey=route_key, Target="integrations/" + integration["IntegrationId"])
        self.v2.create_stage(ApiId=api, StageName=stage, AutoDeploy=True)
        return api

    def test_route_parameters_default_stage_and_payload_2(self):
        api = self.http_api("items", FUNCTION_ARN + "httpfn:6")
        allow(self.lam, "httpfn", "items", APIGW, execute_arn(api, "*/GET/items/{id}"), qualifier="6")
        body = self.ok(api, "/items/42?x=1&x=2")
        self.assertEqual((body["code"], body["version"]), ("v6", "6"))
        event = body["event"]
        self.assertEqual(event["version"], "2.0")
        self.assertEqual(event["routeKey"], "GET /items/{id}")
        self.assertEqual(event["rawPath"], "/items/42")
        self.assertEqual(event["rawQueryString"], "x=1&x=2")
        self.assertEqual(event["queryStringParameters"], {"x": "1,2"})
        self.assertEqual(event["pathParameters"], {"id": "42"})
        self.assertNotIn("multiValueQueryStringParameters", event)
        self.assertEqual(event["requestContext"]["stage"], "$default")
        self.assertEqual(event["requestContext"]["routeKey"], "GET /items/{id}")
        self.assertEqual(event["requestContext"]["http"]["method"], "GET")
        self.assertEqual(event["requestContext"]["http"]["path"], "/items/42")
        self.assertTrue(all(name == name.lower() for name in event["headers"]))

    def test_named_stage_keeps_its_segment(self):
        api = self.http_api("dev", FUNCTION_ARN + "httpfn:6", stage="dev")
        allow(self.lam, "httpfn", "dev", APIGW, execute_arn(api, "dev/GET/items/{id}"), qualifier="6")
        event = self.ok(api, "/dev/items/42")["event"]
        self.assertEqual(event["rawPath"], "/dev/items/42")
        self.assertEqual(event["requestContext"]["stage"], "dev")

    def test_bare_value_result(self):
        api = self.http_api("bare", FUNCTION_ARN + "barefn:6")
        allow(self.lam, "barefn", "bare", APIGW, execute_arn(api, "*/*/items/{id}"), qualifier="6")
        status, headers, raw = self.call(api, "/items/1")
        self.assertEqual((status, raw), (200, b'{"hello":"world"}'))
        self.assertEqual(headers["content-type"], "application/json")

    def test_gap_and_unknown_route(self):
        api = self.http_api("gap", FUNCTION_ARN + "httpfn:6")
        allow(self.lam, "httpfn", "gap-on-5", APIGW, execute_arn(api, "*/GET/items/{id}"), qualifier="5")
        since = epoch_ms()
        self.refused(api, "/items/42", body=HTTP_500)
        records = poll(lambda: denials(self.endpoint, since), lambda d: len(d) >= 1)
        self.assertEqual(len(records), 1)
        self.assertDenial(records[0], execute_arn(api, "$default/GET/items/{id}"), "httpfn:6", since)
        for path, method in [("/other", "GET"), ("/items/1", "DELETE"), ("/items", "GET")]:
            with self.subTest(path=path, method=method):
                status, _, raw = self.call(api, path, method)
                self.assertEqual((status, raw), (404, b'{"message":"Not Found"}'))
        allow(self.lam, "httpfn", "gap-on-6", APIGW, execute_arn(api, "*/GET/items/{id}"), qualifier="6")
        self.assertEqual(self.ok(api, "/items/42")["code"], "v6")
        self.assertEqual(len(denials(self.endpoint, since)), 1)

    def test_integration_credentials_call_as_the_role(self):
        api = self.v2.create_api(Name="roled", ProtocolType="HTTP")["ApiId"]
        integration = self.v2.create_integration(ApiId=api, IntegrationType="AWS_PROXY",
                                                 IntegrationUri=FUNCTION_ARN + "httpfn:3", PayloadFormatVersion="2.0",
                                                 CredentialsArn=f"arn:aws:iam::{ACCOUNT}:role/apigw-invoke")
        self.v2.create_route(ApiId=api, RouteKey="GET /items/{id}",
                             Target="integrations/" + integration["IntegrationId"])
        self.v2.create_stage(ApiId=api, StageName="$default", AutoDeploy=True)
        body = self.ok(api, "/items/9")
        self.assertEqual((body["code"], body["invoked"]), ("v3", FUNCTION_ARN + "httpfn:3"))

    def test_default_route_presents_default_source_arn(self):
        api = self.http_api("catchall", FUNCTION_ARN + "httpfn:4", route_key="$default")
        since = epoch_ms()
        self.refused(api, "/anything/at/all", body=HTTP_500)
        records = poll(lambda: denials(self.endpoint, since), lambda d: len(d) >= 1)
        self.assertDenial(records[0], execute_arn(api, "$default/$default"), "httpfn:4", since)
        allow(self.lam, "httpfn", "catchall", APIGW, execute_arn(api, "*/$default"), qualifier="4")
        event = self.ok(api, "/anything/at/all", method="POST")["event"]
        self.assertEqual(event["routeKey"], "$default")
        self.assertEqual(event["rawPath"], "/anything/at/all")


class JavaScriptSdkDataPlaneTest(ApiGatewaySourceCase):
    """The same sources configured through @aws-sdk/client-api-gateway and @aws-sdk/client-apigatewayv2."""

    @classmethod
    def setUpClass(cls):
        npm_ci(NODE_DIR, "@aws-sdk/client-apigatewayv2")
        super().setUpClass()

    def test_js_sdk_configured_apis(self):
        deploy_versions(self.lam, "jsfn", 2)
        self.lam.create_alias(FunctionName="jsfn", Name="live", FunctionVersion="2")
        # Any API of this account, any stage: what `${execution_arn}/*/...` grants in IaC.
        allow(self.lam, "jsfn", "rest-live", APIGW, f"arn:aws:execute-api:{REGION}:{ACCOUNT}:*/*/GET/items",
              qualifier="live")
        allow(self.lam, "jsfn", "http-1", APIGW, f"arn:aws:execute-api:{REGION}:{ACCOUNT}:*/*/GET/items/{{id}}",
              qualifier="1")
        env = dummy_credentials_env()
        env["LEMU_ENDPOINT"] = self.endpoint
        env["FUNCTION_ARN"] = FUNCTION_ARN + "jsfn"
        run = subprocess.run(["node", "data_plane.mjs"], cwd=NODE_DIR, env=env, capture_output=True, text=True,
                             timeout=180)
        self.assertEqual(run.returncode, 0, run.stderr)
        out = json.loads(run.stdout.strip().splitlines()[-1])

        self.assertEqual(out["live"]["status"], 200)
        self.assertEqual(out["live"]["body"]["code"], "v2")
        self.assertEqual(out["live"]["body"]["invoked"], FUNCTION_ARN + "jsfn:live")
        self.assertEqual(out["live"]["body"]["event"]["multiValueQueryStringParameters"], {"a": ["1", "2"]})
        self.assertEqual((out["pinned"]["status"], out["pinned"]["text"]), (500, REST_500.decode()))
        self.assertEqual(out["testInvoke"]["status"], 200)
        self.assertEqual(json.loads(out["testInvoke"]["body"])["event"]["requestContext"]["stage"],
                         "test-invoke-stage")
        self.assertEqual(out["http"]["status"], 200)
        self.assertEqual(out["http"]["body"]["code"], "v1")
        self.assertEqual(out["http"]["body"]["event"]["pathParameters"], {"id": "7"})
        self.assertEqual((out["httpGap"]["status"], out["httpGap"]["text"]), (500, HTTP_500.decode()))
        records = [d for d in denials(self.endpoint) if d["targetArn"].startswith(FUNCTION_ARN + "jsfn")]
        self.assertEqual(sorted((d["sourceArn"], d["targetArn"]) for d in records),
                         sorted([(execute_arn(out["pinned"]["apiId"], "prod/GET/items"), FUNCTION_ARN + "jsfn:2"),
                                 (execute_arn(out["httpGap"]["apiId"], "$default/GET/items/{id}"),
                                  FUNCTION_ARN + "jsfn:2")]))


if __name__ == "__main__":
    unittest.main()
