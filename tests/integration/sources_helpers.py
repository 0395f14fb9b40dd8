"""Shared pieces of the end-to-end event-source tests: real python3.12 functions with published versions
whose code says which version ran, the denial report, and polling with deadlines.

Every published version N carries CODE = "vN" in its handler source, so a response (or a recorded
event) names the code that ran, not just the version number lemu reports.
"""

import datetime
import http.client
import io
import json
import time
import urllib.parse
import urllib.request
import zipfile

from lemu_fixture import ACCOUNT, REGION

ROLE = f"arn:aws:iam::{ACCOUNT}:role/lambda-role"
FUNCTION_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:"

# The handlers every version ships. `main` answers an API Gateway proxy request (payload 1.0 or 2.0)
# with what it received; `bare` returns a plain JSON value (payload 2.0 turns it into the body);
# `shaped` returns whatever result the request asks for;
# `record` writes its event into the SQS queue "events-<bucket>" through boto3 against lemu itself
# (AWS_ENDPOINT_URL in the function's environment), so a test reads exactly what S3 delivered.
HANDLER_SOURCE = '''
import json
import os

CODE = "{code}"


def main(event, context):
    body = {{"code": CODE, "version": context.function_version,
            "invoked": context.invoked_function_arn, "event": event}}
    return {{"statusCode": 200, "headers": {{"Content-Type": "application/json", "X-Code": CODE}},
            "body": json.dumps(body)}}


def bare(event, context):
    return {{"hello": "world"}}


def shaped(event, context):
    # Returns the JSON given in ?r=..., raises for ?r=raise, sleeps for ?sleep=SECONDS.
    query = event.get("queryStringParameters") or {{}}
    if "sleep" in query:
        import time
        time.sleep(float(query["sleep"]))
    if query.get("r") == "raise":
        raise ValueError("asked to fail")
    return json.loads(query.get("r", "null"))


def record(event, context):
    import boto3
    sqs = boto3.client("sqs")
    bucket = event["Records"][0]["s3"]["bucket"]["name"]
    url = sqs.get_queue_url(QueueName="events-" + bucket)["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps(
        {{"code": CODE, "version": context.function_version, "invoked": context.invoked_function_arn,
          "event": event}}))
    return None
'''


def handler_zip(code):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("handler.py", HANDLER_SOURCE.format(code=code))
    return buffer.getvalue()


def deploy_versions(lam, name, count, handler="handler.main", timeout=10):
    """Creates `name` (python3.12) and publishes versions 1..count; version N runs code "vN", and $LATEST
    is left running code "latest"."""
    lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler=handler,
                        Code={"ZipFile": handler_zip("latest")}, Timeout=timeout)
    for n in range(1, count + 1):
        lam.update_function_code(FunctionName=name, ZipFile=handler_zip(f"v{n}"))
        published = lam.publish_version(FunctionName=name)
        assert published["Version"] == str(n), published
    lam.update_function_code(FunctionName=name, ZipFile=handler_zip("latest"))
    return FUNCTION_ARN + name


def allow(lam, name, sid, principal, source_arn=None, source_account=None, qualifier=None):
    params = dict(FunctionName=name, StatementId=sid, Action="lambda:InvokeFunction", Principal=principal)
    if source_arn is not None:
        params["SourceArn"] = source_arn
    if source_account is not None:
        params["SourceAccount"] = source_account
    if qualifier is not None:
        params["Qualifier"] = qualifier
    return lam.add_permission(**params)


def get_json(endpoint, path):
    with urllib.request.urlopen(endpoint + path, timeout=10) as response:
        return json.load(response)


def denials(endpoint, since_ms=None):
    query = "" if since_ms is None else "?since=" + str(since_ms)
    return get_json(endpoint, "/_lemu/denials" + query)["denials"]


def denial_epoch_ms(record):
    """The time of a /_lemu/denials record (ISO 8601 UTC with milliseconds) in epoch milliseconds."""
    when = datetime.datetime.strptime(record["time"], "%Y-%m-%dT%H:%M:%S.%fZ")
    return int(when.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000)


def epoch_ms():
    return int(time.time() * 1000)


def poll(fetch, done, timeout=30.0, interval=0.02):
    """Calls fetch() until done(result) holds or the deadline passes; returns the last result."""
    deadline = time.monotonic() + timeout
    while True:
        result = fetch()
        if done(result) or time.monotonic() > deadline:
            return result
        time.sleep(interval)


class RawHttp:
    """A keep-alive HTTP/1.1 client for lemu's edge port that returns (status, headers, body)."""

    def __init__(self, endpoint):
        self.netloc = urllib.parse.urlparse(endpoint).netloc
        self.conn = http.client.HTTPConnection(self.netloc, timeout=60)

    def request(self, method, path, body=None, headers=None):
        try:
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.netloc, timeout=60)
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()

    def close(self):
        self.conn.close()
