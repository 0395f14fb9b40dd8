"""Helpers for the SQS integration tests: AWS's attribute digest, raw requests, and a botocore client
that speaks the query protocol (form-encoded `Action=...`, XML replies) the way SDKs before 2024 did.

botocore 1.43 only ships the JSON 1.0 model of SQS. The query client is built from that same model by
adding back the query-protocol serialisation traits (result wrappers, flattened lists and maps, element
names), so botocore's own query serializer and XML parser check lemu's query protocol.
"""

import copy
import hashlib
import json
import struct
import urllib.error
import urllib.request

import boto3
import botocore.session
from botocore.config import Config

from lemu_fixture import REGION

QUERY_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/"


def md5_of_attributes(attributes):
    """AWS's MD5OfMessageAttributes, computed independently of lemu (botocore does not check it)."""
    if not attributes:
        return None
    encoded = b""
    for name in sorted(attributes):
        value = attributes[name]
        data_type = value["DataType"]
        encoded += struct.pack(">I", len(name.encode())) + name.encode()
        encoded += struct.pack(">I", len(data_type.encode())) + data_type.encode()
        if data_type.startswith("Binary"):
            raw = value["BinaryValue"]
            encoded += b"\x02" + struct.pack(">I", len(raw)) + raw
        else:
            raw = value["StringValue"].encode()
            encoded += b"\x01" + struct.pack(">I", len(raw)) + raw
    return hashlib.md5(encoded).hexdigest()


def md5_hex(text):
    return hashlib.md5(text.encode()).hexdigest()


def http_request(url, body=b"", headers=None, method="POST"):
    """(status, headers, body) without raising on 4xx/5xx."""
    request = urllib.request.Request(url, data=body if method != "GET" else None, method=method,
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def json_call(endpoint, operation, payload):
    """One raw JSON 1.0 call, as botocore sends it."""
    return http_request(endpoint + "/", json.dumps(payload).encode(), {
        "X-Amz-Target": f"AmazonSQS.{operation}", "Content-Type": "application/x-amz-json-1.0"})


# Element names of the query protocol that the JSON model no longer carries.
_LIST_MEMBERS = {
    "AWSAccountIdList": "AWSAccountId", "ActionNameList": "ActionName", "AttributeNameList": "AttributeName",
    "MessageAttributeNameList": "MessageAttributeName", "MessageSystemAttributeList": "MessageSystemAttributeName",
    "QueueUrlList": "QueueUrl", "TagKeyList": "TagKey", "StringList": "StringListValue",
    "BinaryList": "BinaryListValue",
}
_MAP_NAMES = {"QueueAttributeMap": "Attribute", "MessageSystemAttributeMap": "Attribute", "TagMap": "Tag"}
_MEMBER_NAMES = {
    ("CreateQueueRequest", "Attributes"): "Attribute", ("CreateQueueRequest", "tags"): "Tag",
    ("SetQueueAttributesRequest", "Attributes"): "Attribute", ("GetQueueAttributesResult", "Attributes"): "Attribute",
    ("ListQueueTagsResult", "Tags"): "Tag", ("TagQueueRequest", "Tags"): "Tag", ("Message", "Attributes"): "Attribute",
    ("Message", "MessageAttributes"): "MessageAttribute", ("SendMessageRequest", "MessageAttributes"): "MessageAttribute",
    ("SendMessageRequest", "MessageSystemAttributes"): "MessageSystemAttribute",
    ("SendMessageBatchRequestEntry", "MessageAttributes"): "MessageAttribute",
    ("SendMessageBatchRequestEntry", "MessageSystemAttributes"): "MessageSystemAttribute",
    ("MessageAttributeValue", "StringListValues"): "StringListValue",
    ("MessageAttributeValue", "BinaryListValues"): "BinaryListValue",
    ("MessageSystemAttributeValue", "StringListValues"): "StringListValue",
    ("MessageSystemAttributeValue", "BinaryListValues"): "BinaryListValue",
    ("ReceiveMessageRequest", "MessageSystemAttributeNames"): "MessageSystemAttributeName",
    ("ListDeadLetterSourceQueuesResult", "queueUrls"): "QueueUrl",
}


def query_protocol_model():
    loader = botocore.session.get_session().get_component("data_loader")
    model = copy.deepcopy(loader.load_service_model("sqs", "service-2"))
    meta = model["metadata"]
    for key in ("jsonVersion", "targetPrefix", "awsQueryCompatible"):
        meta.pop(key, None)
    meta.update(protocol="query", protocols=["query"], xmlNamespace=QUERY_NAMESPACE)
    for operation in model["operations"].values():
        if "output" in operation:
            operation["output"]["resultWrapper"] = operation["output"]["shape"]
    for name, shape in model["shapes"].items():
        if shape["type"] == "list":
            shape["member"]["locationName"] = _LIST_MEMBERS.get(name, shape["member"]["shape"])
        elif shape["type"] == "map":
            key_name = "Key" if name == "TagMap" else "Name"
            shape["key"]["locationName"] = key_name
            shape["value"]["locationName"] = "Value"
            if name in _MAP_NAMES:
                shape["locationName"] = _MAP_NAMES[name]
        elif shape["type"] == "structure":
            for member_name, member in shape["members"].items():
                if (name, member_name) in _MEMBER_NAMES:
                    member["locationName"] = _MEMBER_NAMES[(name, member_name)]
    return model


def query_protocol_client(endpoint):
    """A botocore SQS client that speaks the query protocol."""
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    model = query_protocol_model()
    original = loader.load_service_model

    def load_service_model(service_name, type_name, api_version=None):
        if service_name == "sqs" and type_name == "service-2":
            return copy.deepcopy(model)
        return original(service_name, type_name, api_version)

    loader.load_service_model = load_service_model
    return boto3.Session(botocore_session=session).client(
        "sqs", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 0}))
