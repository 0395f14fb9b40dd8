"""Malformed, mistyped, incomplete and oversized requests over raw HTTP: AWS-shaped 4xx, no state change."""

import base64
import http.client
import json
import unittest
import urllib.parse

from control_helpers import ROLE, make_zip
from lemu_fixture import LemuTestCase


class BadInputTest(LemuTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.lemu.client("lambda")
        cls.address = urllib.parse.urlparse(cls.endpoint).netloc

    def setUp(self):
        self.conn = http.client.HTTPConnection(self.address, timeout=30)

    def tearDown(self):
        self.conn.close()

    def request(self, method, path, body=None, headers=None):
        payload = body if isinstance(body, (bytes, type(None))) else body.encode()
        self.conn.request(method, path, body=payload, headers=headers or {"Content-Type": "application/json"})
        response = self.conn.getresponse()
        data = response.read()
        return response.status, response.headers, json.loads(data) if data else None

    def assertError(self, result, status, error_type, message=None):
        got_status, headers, body = result
        self.assertEqual(got_status, status, body)
        self.assertEqual(headers["x-amzn-ErrorType"], error_type)
        self.assertRegex(headers["x-amzn-RequestId"], r"^[0-9a-f-]{36}$")
        if message is not None:
            self.assertEqual(body.get("message", body.get("Message")), message)
        return body

    def assertNoFunctions(self):
        self.assertEqual(self.client.list_functions()["Functions"], [])

    def create_body(self, **overrides):
        body = {"FunctionName": "raw", "Runtime": "provided.al2023", "Role": ROLE, "Handler": "bootstrap",
                "Code": {"ZipFile": base64.b64encode(make_zip()).decode()}}
        body.update(overrides)
        return json.dumps(body)

    def test_malformed_json(self):
        for text in ("{not json", "[1, 2]", '"a string"', '{"FunctionName": "raw",'):
            body = self.assertError(self.request("POST", "/2015-03-31/functions", text), 400,
                                    "InvalidRequestContentException")
            self.assertEqual(body["Type"], "User")
            self.assertTrue(body["message"].startswith("Could not parse request body into json: "))
        self.assertNoFunctions()
        # The connection stays usable after an error.
        status, _, body = self.request("GET", "/2015-03-31/functions")
        self.assertEqual((status, body["Functions"]), (200, []))

    def test_wrong_types(self):
        body = self.assertError(self.request("POST", "/2015-03-31/functions", self.create_body(Timeout="abc")), 400,
                                "SerializationException")
        self.assertEqual(body["message"], "VALUE_STRING can not be converted to an Integer (member 'Timeout')")
        self.assertError(self.request("POST", "/2015-03-31/functions", self.create_body(FunctionName=5)), 400,
                         "SerializationException", "VALUE_NUMBER_INT can not be converted to a String (member "
                         "'FunctionName')")
        self.assertError(self.request("POST", "/2015-03-31/functions",
                                      self.create_body(Environment={"Variables": {"KEY": 1}})), 400,
                         "SerializationException", "VALUE_NUMBER_INT can not be converted to a String (member "
                         "'Environment.Variables')")
        self.assertError(self.request("POST", "/2015-03-31/functions", self.create_body(Code="zip")), 400,
                         "SerializationException", "VALUE_STRING can not be converted to a Structure (member 'Code')")
        self.assertError(self.request("POST", "/2015-03-31/functions", self.create_body(Publish="yes")), 400,
                         "SerializationException", "VALUE_STRING can not be converted to a Boolean (member 'Publish')")
        self.assertNoFunctions()

    def test_missing_required_members(self):
        self.assertError(self.request("POST", "/2015-03-31/functions", json.dumps({"FunctionName": "raw"})), 400,
                         "ValidationException",
                         "2 validation errors detected: Value null at 'role' failed to satisfy constraint: Member "
                         "must not be null; Value null at 'code' failed to satisfy constraint: Member must not be null")
        self.assertError(self.request("POST", "/2015-03-31/functions", "{}"), 400, "ValidationException",
                         "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: "
                         "Member must not be null")
        self.assertError(self.request("POST", "/2015-03-31/functions", self.create_body(Runtime=None, Handler=None)),
                         400, "InvalidParameterValueException",
                         "Runtime and Handler are mandatory parameters for functions created with deployment "
                         "packages.")
        self.assertNoFunctions()

    def test_oversized_bodies(self):
        for path, limit, operation in (("/2015-03-31/functions/raw/configuration", 6291456,
                                        "UpdateFunctionConfiguration"),
                                       ("/2015-03-31/functions", 70167211, "CreateFunction")):
            method = "PUT" if operation.startswith("Update") else "POST"
            conn = http.client.HTTPConnection(self.address, timeout=30)
            conn.putrequest(method, path)
            conn.putheader("Content-Type", "application/json")
            conn.putheader("Content-Length", str(limit + 1))
            conn.endheaders()
            response = conn.getresponse()
            body = json.loads(response.read())
            conn.close()
            self.assertEqual(response.status, 413)
            self.assertEqual(response.headers["x-amzn-ErrorType"], "RequestEntityTooLargeException")
            self.assertEqual(body["message"],
                             f"Request must be smaller than {limit} bytes for the {operation} operation")
        self.assertNoFunctions()

    def test_unknown_routes(self):
        self.assertError(self.request("GET", "/2015-03-31/no-such-resource"), 404, "UnknownOperationException",
                         "No Lambda operation matches GET /2015-03-31/no-such-resource")
        self.assertError(self.request("PATCH", "/2015-03-31/functions"), 404, "UnknownOperationException")
        signed = {"Authorization": "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/lambda/aws4_request, "
                                   "SignedHeaders=host, Signature=0"}
        self.assertError(self.request("GET", "/whatever", headers=signed), 404, "UnknownOperationException")

    def test_bad_weights_and_base64(self):
        self.assertError(self.request("POST", "/2015-03-31/functions", self.create_body(Code={"ZipFile": "!!!"})),
                         400, "InvalidRequestContentException",
                         "Could not parse request body into json: ZipFile is not valid base64")
        status, _, _ = self.request("POST", "/2015-03-31/functions", self.create_body())
        self.assertEqual(status, 201)
        self.client.publish_version(FunctionName="raw")
        self.assertError(self.request("POST", "/2015-03-31/functions/raw/aliases", json.dumps(
            {"Name": "a", "FunctionVersion": "1", "RoutingConfig": {"AdditionalVersionWeights": {"1": "x"}}})), 400,
            "SerializationException", "Weight of version '1' can not be converted to a Double")
        self.assertEqual(self.client.list_aliases(FunctionName="raw")["Aliases"], [])
        self.client.delete_function(FunctionName="raw")


if __name__ == "__main__":
    unittest.main()
