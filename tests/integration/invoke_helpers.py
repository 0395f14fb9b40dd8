"""Shared pieces of the Invoke integration tests: function packages, a raw HTTP client, polling.

The `probe` custom runtime (sh + curl, as in AWS's custom-runtime tutorial) picks its behaviour from
the event's "action" field, so one package covers echoes, sleeps, crashes, errors and side effects.
"""

import base64
import http.client
import json
import os
import shutil
import tempfile
import time
import urllib.parse

from control_helpers import ROLE, make_zip

ARN = "arn:aws:lambda:us-east-1:000000000000:function:"

PROBE_BOOTSTRAP = r"""#!/bin/sh
# lemu's probe runtime: {"action": ...} picks what this invocation does.
set -u
API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
W="$(mktemp -d)"
COUNT=0
echo "probe up pid $$"

field() {  # field NAME: a string or number member of the event
    sed -n "s/.*\"$1\": *\"\{0,1\}\([^\",}]*\).*/\1/p" "$W/event"
}
header() {  # header NAME: a header of the last /next
    grep -i "^$1:" "$W/headers" | cut -d' ' -f2- | tr -d '\r\n'
}
respond() {  # respond [CONTENT_TYPE]: posts $W/out
    curl -sS -o /dev/null -X POST -H "Content-Type: ${1:-application/json}" \
        --data-binary "@$W/out" "$API/invocation/$ID/response"
}
whoami() {
    printf '{"arn":"%s","version":"%s","count":%s,"pid":%s,"id":"%s","tag":"%s"}' \
        "$(header Lambda-Runtime-Invoked-Function-Arn)" "$AWS_LAMBDA_FUNCTION_VERSION" "$COUNT" "$$" "$ID" \
        "${TAG:-}" > "$W/out"
}

while true; do
    curl -sSf -D "$W/headers" -o "$W/event" "$API/invocation/next" || exit 1
    ID="$(header Lambda-Runtime-Aws-Request-Id)"
    COUNT=$((COUNT + 1))
    echo "probe handling $ID"
    case "$(field action)" in
        whoami) whoami; respond ;;
        headers) tr -d '\r' < "$W/headers" > "$W/out"; respond text/plain ;;
        env) { env; echo "CWD=$(pwd)"; } > "$W/out"; respond text/plain ;;
        sleep)
            [ -n "$(field mark)" ] && : > "$(field mark)"
            sleep "$(field seconds)"
            whoami; respond ;;
        barrier)
            # Holds the invocation until COUNT runtimes hold one each (only concurrent runtimes pass).
            : > "$(field dir)/arrived.$$"
            while [ "$(ls "$(field dir)" | grep -c '^arrived\.')" -lt "$(field count)" ]; do sleep 0.05; done
            whoami; respond ;;
        exit) exit "$(field code)" ;;
        kill) kill -9 $$ ;;
        error)
            printf '%s' '{"errorMessage":"boom","errorType":"ValueError","stackTrace":[]}' > "$W/out"
            curl -sS -o /dev/null -X POST --data-binary "@$W/out" "$API/invocation/$ID/error" ;;
        record)
            # A side effect for Event tests: one line per attempt, then succeed or fail.
            echo "$ID $(field payload)" >> "$MARK_DIR/$(field file)"
            if [ "$(field fail)" = "yes" ]; then
                printf '%s' '{"errorMessage":"failing on purpose","errorType":"Failure"}' > "$W/out"
                curl -sS -o /dev/null -X POST --data-binary "@$W/out" "$API/invocation/$ID/error"
            else
                whoami; respond
            fi ;;
        big) head -c "$(field bytes)" /dev/zero | tr '\0' 'a' > "$W/out"; respond text/plain ;;
        log)
            seq 1 "$(field lines)" | sed 's/^/log line /'
            whoami; respond ;;
        tool) "$(field name)" > "$W/out" 2>&1; respond text/plain ;;
        *) cp "$W/event" "$W/out"; respond ;;
    esac
done
"""


def probe_zip(extra=None):
    files = {"bootstrap": PROBE_BOOTSTRAP}
    files.update(extra or {})
    return make_zip(files, {"bootstrap": 0o100755})


def create(client, name, zip_bytes=None, runtime="provided.al2023", handler="bootstrap", **kwargs):
    """CreateFunction, then waits until it is Active (as AWS clients must)."""
    params = dict(FunctionName=name, Runtime=runtime, Role=ROLE, Handler=handler,
                  Code={"ZipFile": zip_bytes or probe_zip()})
    params.update(kwargs)
    created = client.create_function(**params)
    wait_active(client, name)
    return created


def wait_active(client, name, qualifier=None, timeout=10.0):
    deadline = time.monotonic() + timeout
    args = {"FunctionName": name}
    if qualifier:
        args["Qualifier"] = qualifier
    while True:
        conf = client.get_function_configuration(**args)
        if conf["State"] == "Active" and conf.get("LastUpdateStatus", "Successful") == "Successful":
            return conf
        if time.monotonic() > deadline:
            raise AssertionError(f"{name} not active: {conf['State']}")
        time.sleep(0.02)


def invoke_json(client, name, payload, **kwargs):
    """Invoke; returns (response, decoded payload)."""
    response = client.invoke(FunctionName=name, Payload=json.dumps(payload), **kwargs)
    body = response["Payload"].read()
    return response, json.loads(body) if body else None


def poll(predicate, timeout=30.0, interval=0.02, what="condition"):
    """Waits for predicate() to return a truthy value and returns it."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(interval)


def read_lines(path):
    try:
        with open(path) as f:
            return [line.rstrip("\n") for line in f if line.strip()]
    except FileNotFoundError:
        return []


class RawResponse:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    def json(self):
        return json.loads(self.body)


def raw_request(endpoint, method, path, body=b"", headers=None, timeout=60):
    """One plain HTTP request (no SDK, no signing): what any HTTP client can send lemu."""
    url = urllib.parse.urlparse(endpoint)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return RawResponse(response.status, response.getheaders(), response.read())
    finally:
        conn.close()


def raw_invoke(endpoint, name, body=b"", qualifier=None, headers=None):
    path = "/2015-03-31/functions/" + urllib.parse.quote(name, safe="") + "/invocations"
    if qualifier is not None:
        path += "?Qualifier=" + urllib.parse.quote(qualifier, safe="")
    return raw_request(endpoint, "POST", path, body, headers)


def b64(text):
    return base64.b64encode(text.encode()).decode()


def tmp_marks(test):
    """A directory the functions of one test write their side effects into."""
    path = tempfile.mkdtemp(prefix="lemu-marks-")
    test.addCleanup(shutil.rmtree, path, True)
    return path
