"""Lambda function URLs: the Create/Get/Update/Delete/ListFunctionUrlConfig(s) API with AWS's errors
(control-plane.md facts 79-82) and the data plane on the edge port (sources.md §6, test plan items 23
and 24): the payload 2.0 event, result mapping, CORS, AWS_IAM callers, and 403s under the resource
policy of the URL's own qualifier, each recorded in GET /_lemu/denials."""

import http.client
import json
import re
import shutil
import tempfile
import unittest
import urllib.parse

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from control_helpers import ARN, ROLE, make_zip
from lemu_fixture import Lemu, LemuTestCase

FORBIDDEN = ('{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: '
             'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}')
URL_PATTERN = re.compile(r"^https://([a-z0-9]{32})\.lambda-url\.us-east-1\.on\.aws/$")
QUALIFIER_ERROR = ("1 validation error detected: Value '{}' at 'qualifier' failed to satisfy constraint: "
                   "Member must satisfy regular expression pattern: ((?!^\\d+$)^[0-9a-zA-Z-_]+$)")
NO_RESOURCE = "The resource you requested does not exist."
NO_FUNCTION = "Function does not exist"

# The handler: the event (and where it ran) for `x-mode: echo`, AWS's result shapes for the others,
# and the bare string "hello" by default.
HANDLER = r'''
import json, os

def handler(event, context):
    mode = (event.get("headers") or {}).get("x-mode", "")
    if mode == "echo":
        return {"statusCode": 200, "headers": {"content-type": "application/json",
                                               "access-control-allow-origin": "https://from-function"},
                "body": json.dumps({"event": event, "arn": context.invoked_function_arn,
                                    "version": os.environ["AWS_LAMBDA_FUNCTION_VERSION"]})}
    if mode == "fail":
        raise Exception("boom")
    if mode == "shaped":
        return {"statusCode": "418", "headers": {"x-custom": "v", "x-flag": True},
                "cookies": ["a=1", "b=2; Path=/"], "body": "short and stout"}
    if mode == "binary":
        return {"statusCode": 200, "isBase64Encoded": True, "body": "AAH/",
                "headers": {"content-type": "application/octet-stream"}}
    if mode == "dict":
        return {"hello": "world"}
    return "hello"
'''


def python_zip():
    return make_zip({"lambda_function.py": HANDLER})


class UrlCase(LemuTestCase):
    """Shared helpers: functions with versions, raw HTTP to the edge port, the denial log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        parsed = urllib.parse.urlparse(cls.endpoint)
        cls.host, cls.port = parsed.hostname, parsed.port

    def make_function(self, name, versions=0):
        self.client.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE,
                                    Handler="lambda_function.handler", Code={"ZipFile": python_zip()}, Timeout=10)
        for n in range(1, versions + 1):
            self.client.update_function_configuration(FunctionName=name, Description=f"v{n}")
            self.client.publish_version(FunctionName=name)
        self.addCleanup(self.client.delete_function, FunctionName=name)

    def allow(self, name, qualifier=None, url=True, invoke=True, auth="NONE", principal="*"):
        extra = {"Qualifier": qualifier} if qualifier else {}
        if url:
            self.client.add_permission(FunctionName=name, StatementId="FunctionURLAllowPublicAccess",
                                       Action="lambda:InvokeFunctionUrl", Principal=principal,
                                       FunctionUrlAuthType=auth, **extra)
        if invoke:
            self.client.add_permission(FunctionName=name, StatementId="FunctionURLAllowInvokeAction",
                                       Action="lambda:InvokeFunction", Principal=principal,
                                       InvokedViaFunctionUrl=True, **extra)

    def url_id(self, config):
        match = URL_PATTERN.match(config["FunctionUrl"])
        self.assertIsNotNone(match, config["FunctionUrl"])
        return match.group(1)

    def call(self, url_id, path="/", method="GET", headers=None, body=None, by_host=False):
        """One raw HTTP request to the URL; returns (status, headers dict lower-cased, body bytes)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = dict(headers or {})
        if by_host:
            headers["Host"] = f"{url_id}.lambda-url.us-east-1.localhost:{self.port}"
            target = path
        else:
            target = f"/_aws/lambda-url/{url_id}{path}"
        connection.request(method, target, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        result = (response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        connection.close()
        return result

    def denial(self, request_id):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        connection.request("GET", "/_lemu/denials")
        document = json.loads(connection.getresponse().read())
        connection.close()
        matches = [d for d in document["denials"] if d["requestId"] == request_id]
        self.assertEqual(len(matches), 1, document)
        return matches[0]

    def assertForbidden(self, response):
        status, headers, body = response
        self.assertEqual(status, 403, body)
        self.assertEqual(headers["x-amzn-errortype"], "AccessDeniedException")
        self.assertEqual(body.decode(), FORBIDDEN)
        return headers["x-amzn-requestid"]


class FunctionUrlApiTest(UrlCase):
    def test_lifecycle_and_response_shapes(self):
        self.make_function("life")
        created = self.client.create_function_url_config(FunctionName="life", AuthType="NONE")
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 201)
        created.pop("ResponseMetadata")
        self.assertEqual(sorted(created), ["AuthType", "CreationTime", "FunctionArn", "FunctionUrl"])
        self.assertEqual(created["FunctionArn"], ARN + "life")
        self.assertEqual(created["AuthType"], "NONE")
        self.assertRegex(created["CreationTime"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
        self.url_id(created)

        with self.assertRaises(self.client.exceptions.ResourceConflictException) as ctx:
            self.client.create_function_url_config(FunctionName="life", AuthType="AWS_IAM")
        self.assertAwsError(ctx, "ResourceConflictException",
                            f"Failed to create function url config for [functionArn = {ARN}life]. "
                            "Error message:  FunctionUrlConfig exists for this Lambda function", 409)

        got = self.client.get_function_url_config(FunctionName="life")
        self.assertEqual(got["FunctionUrl"], created["FunctionUrl"])
        self.assertEqual(got["InvokeMode"], "BUFFERED")
        self.assertEqual(got["CreationTime"], created["CreationTime"])
        self.assertIn("LastModifiedTime", got)

        updated = self.client.update_function_url_config(
            FunctionName="life", AuthType="AWS_IAM",
            Cors={"AllowOrigins": ["https://app.example"], "AllowMethods": ["GET"], "MaxAge": 60})
        self.assertEqual(updated["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(updated["AuthType"], "AWS_IAM")
        self.assertEqual(updated["Cors"], {"AllowMethods": ["GET"], "AllowOrigins": ["https://app.example"],
                                           "MaxAge": 60})
        self.assertIn("LastModifiedTime", updated)
        self.assertEqual(updated["FunctionUrl"], created["FunctionUrl"])

        listed = self.client.list_function_url_configs(FunctionName="life")["FunctionUrlConfigs"]
        self.assertEqual([c["FunctionUrl"] for c in listed], [created["FunctionUrl"]])
        self.assertEqual(listed[0]["AuthType"], "AWS_IAM")

        deleted = self.client.delete_function_url_config(FunctionName="life")
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 204)
        with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
            self.client.get_function_url_config(FunctionName="life")
        self.assertAwsError(ctx, "ResourceNotFoundException", NO_RESOURCE, 404)

    def test_invoke_mode_is_echoed_only_when_given(self):
        self.make_function("modes")
        created = self.client.create_function_url_config(FunctionName="modes", AuthType="NONE",
                                                         InvokeMode="RESPONSE_STREAM")
        self.assertEqual(created["InvokeMode"], "RESPONSE_STREAM")
        self.assertEqual(self.client.get_function_url_config(FunctionName="modes")["InvokeMode"],
                         "RESPONSE_STREAM")
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            self.client.update_function_url_config(FunctionName="modes", InvokeMode="UNKNOWN")
        self.assertAwsError(ctx, "ValidationException",
                            "1 validation error detected: Value 'UNKNOWN' at 'invokeMode' failed to satisfy "
                            "constraint: Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]", 400)

    def test_not_found_texts_differ_by_operation(self):
        for call in (lambda: self.client.create_function_url_config(FunctionName="ghost", AuthType="NONE"),
                     lambda: self.client.update_function_url_config(FunctionName="ghost", AuthType="NONE"),
                     lambda: self.client.list_function_url_configs(FunctionName="ghost")):
            with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
                call()
            self.assertAwsError(ctx, "ResourceNotFoundException", NO_FUNCTION, 404)
        for call in (lambda: self.client.get_function_url_config(FunctionName="ghost"),
                     lambda: self.client.delete_function_url_config(FunctionName="ghost")):
            with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
                call()
            self.assertAwsError(ctx, "ResourceNotFoundException", NO_RESOURCE, 404)

        self.make_function("nourl")
        for call in (lambda: self.client.get_function_url_config(FunctionName="nourl"),
                     lambda: self.client.delete_function_url_config(FunctionName="nourl"),
                     lambda: self.client.update_function_url_config(FunctionName="nourl", AuthType="NONE"),
                     lambda: self.client.get_function_url_config(FunctionName="nourl", Qualifier="nope")):
            with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
                call()
            self.assertAwsError(ctx, "ResourceNotFoundException", NO_RESOURCE, 404)
        for call in (lambda: self.client.create_function_url_config(FunctionName="nourl", Qualifier="nope",
                                                                    AuthType="NONE"),
                     lambda: self.client.update_function_url_config(FunctionName="nourl", Qualifier="nope",
                                                                    AuthType="NONE")):
            with self.assertRaises(self.client.exceptions.ResourceNotFoundException) as ctx:
                call()
            self.assertAwsError(ctx, "ResourceNotFoundException", NO_FUNCTION, 404)
        self.assertEqual(self.client.list_function_url_configs(FunctionName="nourl")["FunctionUrlConfigs"], [])

    def test_qualifier_must_be_an_alias(self):
        self.make_function("quals", versions=1)
        for qualifier in ("1", "$LATEST"):
            for call in (self.client.create_function_url_config, self.client.get_function_url_config,
                         self.client.update_function_url_config, self.client.delete_function_url_config):
                extra = {"AuthType": "NONE"} if call == self.client.create_function_url_config else {}
                with self.assertRaises(self.client.exceptions.ClientError) as ctx:
                    call(FunctionName="quals", Qualifier=qualifier, **extra)
                self.assertAwsError(ctx, "ValidationException", QUALIFIER_ERROR.format(qualifier), 400)
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            self.client.create_function_url_config(FunctionName="quals:1", AuthType="NONE")
        self.assertAwsError(ctx, "ValidationException", QUALIFIER_ERROR.format("1"), 400)

    def test_alias_urls_list_page_and_survive_unqualified_delete(self):
        self.make_function("pages", versions=1)
        for alias in ("b", "a"):
            self.client.create_alias(FunctionName="pages", Name=alias, FunctionVersion="1")
        plain = self.client.create_function_url_config(FunctionName="pages", AuthType="NONE")
        a = self.client.create_function_url_config(FunctionName="pages", Qualifier="a", AuthType="NONE")
        b = self.client.create_function_url_config(FunctionName=ARN + "pages:b", AuthType="AWS_IAM")
        self.assertEqual(a["FunctionArn"], ARN + "pages:a")
        self.assertEqual(b["FunctionArn"], ARN + "pages:b")
        self.assertEqual(len({plain["FunctionUrl"], a["FunctionUrl"], b["FunctionUrl"]}), 3)

        first = self.client.list_function_url_configs(FunctionName="pages", MaxItems=2)
        self.assertEqual([c["FunctionArn"] for c in first["FunctionUrlConfigs"]], [ARN + "pages", ARN + "pages:a"])
        second = self.client.list_function_url_configs(FunctionName="pages", MaxItems=2, Marker=first["NextMarker"])
        self.assertEqual([c["FunctionArn"] for c in second["FunctionUrlConfigs"]], [ARN + "pages:b"])
        self.assertNotIn("NextMarker", second)
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            self.client.list_function_url_configs(FunctionName="pages", MaxItems=51)
        self.assertAwsError(ctx, "ValidationException",
                            "1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint: "
                            "Member must have value less than or equal to 50", 400)

        self.client.delete_function_url_config(FunctionName="pages")
        remaining = self.client.list_function_url_configs(FunctionName="pages")["FunctionUrlConfigs"]
        self.assertEqual([c["FunctionArn"] for c in remaining], [ARN + "pages:a", ARN + "pages:b"])

        self.client.delete_alias(FunctionName="pages", Name="a")  # deletes its URL (fact 81)
        remaining = self.client.list_function_url_configs(FunctionName="pages")["FunctionUrlConfigs"]
        self.assertEqual([c["FunctionArn"] for c in remaining], [ARN + "pages:b"])

    def test_add_permission_writes_url_conditions(self):
        self.make_function("perm", versions=1)
        self.client.create_alias(FunctionName="perm", Name="live", FunctionVersion="1")
        self.allow("perm", "live")
        policy = json.loads(self.client.get_policy(FunctionName="perm", Qualifier="live")["Policy"])
        self.assertEqual(policy["Statement"], [
            {"Sid": "FunctionURLAllowPublicAccess", "Effect": "Allow", "Principal": "*",
             "Action": "lambda:InvokeFunctionUrl", "Resource": ARN + "perm:live",
             "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}},
            {"Sid": "FunctionURLAllowInvokeAction", "Effect": "Allow", "Principal": "*",
             "Action": "lambda:InvokeFunction", "Resource": ARN + "perm:live",
             "Condition": {"Bool": {"lambda:InvokedViaFunctionUrl": "true"}}}])


class FunctionUrlDataPlaneTest(UrlCase):
    """sources.md §8: `fn` with versions 5 and 6, alias live -> 6."""

    def live_url(self, name, auth="NONE", **extra):
        self.make_function(name, versions=6)
        self.client.create_alias(FunctionName=name, Name="live", FunctionVersion="6")
        config = self.client.create_function_url_config(FunctionName=name, Qualifier="live", AuthType=auth, **extra)
        return self.url_id(config)

    def test_item_23_url_on_live_with_both_statements(self):
        url_id = self.live_url("fn23")
        self.allow("fn23", "live")
        status, headers, body = self.call(url_id, "/p?x=1")
        self.assertEqual(status, 200, body)
        self.assertEqual(body, b"hello")
        self.assertEqual(headers["content-length"], "5")
        self.assertEqual(headers["content-type"], "application/json")

        status, _, body = self.call(url_id, "/p?x=1", headers={"x-mode": "echo", "User-Agent": "it/1",
                                                               "Cookie": "c1=v1; c2=v2"})
        self.assertEqual(status, 200, body)
        reply = json.loads(body)
        self.assertEqual(reply["arn"], ARN + "fn23:live")
        self.assertEqual(reply["version"], "6")
        event = reply["event"]
        self.assertEqual(event["version"], "2.0")
        self.assertEqual(event["routeKey"], "$default")
        self.assertEqual(event["rawPath"], "/p")
        self.assertEqual(event["rawQueryString"], "x=1")
        self.assertEqual(event["queryStringParameters"], {"x": "1"})
        self.assertEqual(event["cookies"], ["c1=v1", "c2=v2"])
        self.assertEqual(event["headers"]["x-mode"], "echo")
        self.assertNotIn("cookie", event["headers"])
        self.assertNotIn("body", event)
        self.assertIs(event["isBase64Encoded"], False)
        self.assertNotIn("pathParameters", event)
        self.assertNotIn("stageVariables", event)
        context = event["requestContext"]
        self.assertEqual(context["accountId"], "anonymous")
        self.assertEqual(context["apiId"], url_id)
        self.assertEqual(context["domainPrefix"], url_id)
        self.assertEqual(context["domainName"], f"{url_id}.lambda-url.us-east-1.on.aws")
        self.assertEqual(context["routeKey"], "$default")
        self.assertEqual(context["stage"], "$default")
        self.assertEqual(context["http"]["method"], "GET")
        self.assertEqual(context["http"]["path"], "/p")
        self.assertEqual(context["http"]["userAgent"], "it/1")
        self.assertNotIn("authorizer", context)
        self.assertRegex(context["time"], r"^\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000$")

        # The Host form reaches the same URL; a binary body arrives base64-encoded.
        status, _, body = self.call(url_id, "/q/r", method="POST", by_host=True,
                                    headers={"x-mode": "echo", "Content-Type": "application/octet-stream"},
                                    body=b"\x00\x01\xff")
        self.assertEqual(status, 200, body)
        event = json.loads(body)["event"]
        self.assertEqual(event["rawPath"], "/q/r")
        self.assertEqual(event["body"], "AAH/")
        self.assertIs(event["isBase64Encoded"], True)

    def test_result_mapping(self):
        url_id = self.live_url("shapes")
        self.allow("shapes", "live")
        status, headers, body = self.call(url_id, headers={"x-mode": "shaped"})
        self.assertEqual(status, 418)
        self.assertEqual(body, b"short and stout")
        self.assertEqual(headers["x-custom"], "v")
        self.assertEqual(headers["x-flag"], "true")
        status, headers, body = self.call(url_id, headers={"x-mode": "binary"})
        self.assertEqual((status, body), (200, b"\x00\x01\xff"))
        self.assertEqual(headers["content-type"], "application/octet-stream")
        status, headers, body = self.call(url_id, headers={"x-mode": "dict"})
        self.assertEqual((status, body, headers["content-type"]), (200, b'{"hello":"world"}', "application/json"))
        status, _, body = self.call(url_id, headers={"x-mode": "fail"})
        self.assertEqual((status, body), (502, b"Internal Server Error"))

    def test_cookies_become_set_cookie_headers(self):
        url_id = self.live_url("cookies")
        self.allow("cookies", "live")
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        connection.request("GET", f"/_aws/lambda-url/{url_id}/", headers={"x-mode": "shaped"})
        response = connection.getresponse()
        response.read()
        self.assertEqual(response.headers.get_all("Set-Cookie"), ["a=1", "b=2; Path=/"])
        connection.close()

    def test_item_24_gaps_are_403_and_recorded(self):
        url_id = self.live_url("fn24")
        live = ARN + "fn24:live"
        cases = [
            ("statements on fn", dict(qualifier=None), ARN + "fn24:live"),
            ("statements on fn:6", dict(qualifier="6"), ARN + "fn24:live"),
        ]
        for label, grant, policy in cases:
            with self.subTest(label):
                self.allow("fn24", **grant)
                request_id = self.assertForbidden(self.call(url_id, "/p?x=1"))
                denial = self.denial(request_id)
                self.assertEqual(denial["source"], "function-url")
                self.assertEqual(denial["principal"], "*")
                self.assertEqual(denial["action"], "lambda:InvokeFunctionUrl")
                self.assertEqual(denial["targetArn"], live)
                self.assertEqual(denial["policyConsulted"], policy)
                self.assertEqual(denial["reason"], f"no resource policy is attached to {live}")
                extra = {"Qualifier": grant["qualifier"]} if grant["qualifier"] else {}
                for sid in ("FunctionURLAllowPublicAccess", "FunctionURLAllowInvokeAction"):
                    self.client.remove_permission(FunctionName="fn24", StatementId=sid, **extra)

        # Only lambda:InvokeFunctionUrl on live: the second check refuses.
        self.allow("fn24", "live", invoke=False)
        request_id = self.assertForbidden(self.call(url_id, "/p?x=1"))
        denial = self.denial(request_id)
        self.assertEqual(denial["action"], "lambda:InvokeFunction")
        self.assertEqual(denial["targetArn"], live)
        self.assertEqual(denial["policyConsulted"], live)
        self.assertEqual(denial["reason"], "statement FunctionURLAllowPublicAccess: action lambda:InvokeFunctionUrl "
                                           "does not cover lambda:InvokeFunction")

        # Both statements: it works; then DeleteAlias removes the URL and it answers 403.
        self.allow("fn24", "live", url=False)
        self.assertEqual(self.call(url_id, "/p")[0], 200)
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            self.client.create_function_url_config(FunctionName="fn24", Qualifier="6", AuthType="NONE")
        self.assertAwsError(ctx, "ValidationException", QUALIFIER_ERROR.format("6"), 400)
        self.client.delete_alias(FunctionName="fn24", Name="live")
        request_id = self.assertForbidden(self.call(url_id, "/p"))
        denial = self.denial(request_id)
        self.assertEqual(denial["targetArn"], live)
        self.assertEqual(denial["reason"], f"function URL {url_id}: the URL config was deleted "
                                           "(alias live of function fn24 was deleted)")

    def test_unknown_url_id(self):
        status, headers, body = self.call("0123456789abcdefghijklmnopqrstuv", "/")
        self.assertEqual((status, body), (403, b'{"Message":null}'))
        self.assertEqual(headers["x-amzn-errortype"], "AccessDeniedException")
        self.assertEqual(headers["content-type"], "application/json")
        denial = self.denial(headers["x-amzn-requestid"])
        self.assertEqual(denial["reason"], "function URL 0123456789abcdefghijklmnopqrstuv: no function URL has this id")

    def test_cors_preflight_and_response_headers(self):
        url_id = self.live_url("corsfn", Cors={"AllowOrigins": ["https://app.example"],
                                               "AllowMethods": ["GET", "POST"], "AllowHeaders": ["x-mode"],
                                               "ExposeHeaders": ["x-custom"], "MaxAge": 600})
        # A preflight is answered from the config, without invoking (no permission needed).
        status, headers, body = self.call(url_id, "/p", method="OPTIONS",
                                          headers={"Origin": "https://app.example",
                                                   "Access-Control-Request-Method": "POST",
                                                   "Access-Control-Request-Headers": "x-mode"})
        self.assertEqual((status, body), (200, b""))
        self.assertEqual(headers["access-control-allow-origin"], "https://app.example")
        self.assertEqual(headers["access-control-allow-methods"], "GET,POST")
        self.assertEqual(headers["access-control-allow-headers"], "x-mode")
        self.assertEqual(headers["access-control-max-age"], "600")
        status, headers, _ = self.call(url_id, "/p", method="OPTIONS",
                                       headers={"Origin": "https://evil.example",
                                                "Access-Control-Request-Method": "POST"})
        self.assertEqual(status, 200)
        self.assertNotIn("access-control-allow-origin", headers)

        self.allow("corsfn", "live")
        status, headers, _ = self.call(url_id, "/p", headers={"Origin": "https://app.example", "x-mode": "echo"})
        self.assertEqual(status, 200)
        self.assertEqual(headers["access-control-allow-origin"], "https://app.example")  # replaces the function's
        self.assertEqual(headers["access-control-expose-headers"], "x-custom")

    def test_aws_iam_urls(self):
        url_id = self.live_url("iamfn", auth="AWS_IAM")
        request_id = self.assertForbidden(self.call(url_id, "/p"))  # unsigned
        self.assertIn("needs a SigV4-signed request", self.denial(request_id)["reason"])

        # The function's own account (the dummy key "test") is trusted, like a direct SDK caller.
        status, _, body = self.call(url_id, "/p", headers={"x-mode": "echo", **self.signed(url_id, "test")})
        self.assertEqual(status, 200, body)
        authorizer = json.loads(body)["event"]["requestContext"]["authorizer"]
        self.assertEqual(authorizer["iam"]["accessKey"], "test")
        self.assertEqual(authorizer["iam"]["accountId"], "000000000000")
        self.assertEqual(authorizer["iam"]["userArn"], "arn:aws:iam::000000000000:root")

        # Another account (a 12-digit key id) needs the resource policy.
        other = self.signed(url_id, "111122223333")
        request_id = self.assertForbidden(self.call(url_id, "/p", headers=other))
        denial = self.denial(request_id)
        self.assertEqual(denial["principal"], "arn:aws:iam::111122223333:root")
        self.assertEqual(denial["action"], "lambda:InvokeFunctionUrl")
        self.allow("iamfn", "live", auth="AWS_IAM", principal="111122223333")
        self.assertEqual(self.call(url_id, "/p", headers=self.signed(url_id, "111122223333"))[0], 200)

    def signed(self, url_id, access_key):
        url = f"http://{self.host}:{self.port}/_aws/lambda-url/{url_id}/p"
        request = AWSRequest(method="GET", url=url, headers={})
        SigV4Auth(Credentials(access_key, "secret"), "lambda", "us-east-1").add_auth(request)
        return {k: v for k, v in request.headers.items() if k.lower() in ("authorization", "x-amz-date")}


class LegacyAuthTest(UrlCase):
    """--legacy-function-url-auth: lambda:InvokeFunctionUrl alone suffices (sources.md §8 item 24)."""

    lemu_args = ("--legacy-function-url-auth",)

    def test_invoke_function_url_alone_suffices(self):
        self.make_function("legacy", versions=1)
        self.client.create_alias(FunctionName="legacy", Name="live", FunctionVersion="1")
        url_id = self.url_id(self.client.create_function_url_config(FunctionName="legacy", Qualifier="live",
                                                                    AuthType="NONE"))
        self.assertForbidden(self.call(url_id, "/"))
        self.allow("legacy", "live", invoke=False)
        status, _, body = self.call(url_id, "/")
        self.assertEqual((status, body), (200, b"hello"))


class FunctionUrlPersistenceTest(unittest.TestCase):
    def test_url_configs_survive_a_restart(self):
        state_dir = tempfile.mkdtemp(prefix="lemu-url-state-")
        self.addCleanup(shutil.rmtree, state_dir, True)
        first = Lemu(state_dir=state_dir)
        try:
            client = first.client("lambda")
            client.create_function(FunctionName="kept", Runtime="python3.12", Role=ROLE,
                                   Handler="lambda_function.handler", Code={"ZipFile": python_zip()})
            created = client.create_function_url_config(
                FunctionName="kept", AuthType="AWS_IAM", Cors={"AllowOrigins": ["*"]}, InvokeMode="BUFFERED")
        finally:
            first.stop()
        second = Lemu(state_dir=state_dir)
        try:
            got = second.client("lambda").get_function_url_config(FunctionName="kept")
            for key in ("FunctionUrl", "FunctionArn", "AuthType", "Cors", "CreationTime", "InvokeMode"):
                self.assertEqual(got[key], created[key], key)
        finally:
            second.stop()


if __name__ == "__main__":
    unittest.main()
