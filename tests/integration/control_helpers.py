"""Shared helpers of the control-plane integration tests: zips built in Python and small wrappers."""

import base64
import hashlib
import io
import json
import zipfile

ROLE = "arn:aws:iam::000000000000:role/lambda-role"
ARN = "arn:aws:lambda:us-east-1:000000000000:function:"


def make_zip(files=None, modes=None):
    """A deployment package; `files` maps names to text, `modes` names to unix modes."""
    files = files or {"bootstrap": "#!/bin/sh\necho hello\n"}
    modes = modes or {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (modes.get(name, 0o100644) & 0xFFFF) << 16
            info.create_system = 3  # unix, so external_attr carries the mode
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def code_sha256(data):
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def create_function(client, name, zip_bytes=None, **kwargs):
    params = dict(FunctionName=name, Runtime="provided.al2023", Role=ROLE, Handler="bootstrap",
                  Code={"ZipFile": zip_bytes or make_zip()})
    params.update(kwargs)
    return client.create_function(**params)


def publish(client, name, description=None):
    """Changes $LATEST's description (so a publish creates a new number) and publishes."""
    client.update_function_configuration(FunctionName=name, Description=description or "d")
    return client.publish_version(FunctionName=name)


def ordered_keys(json_text):
    """The keys of a JSON object string in document order."""
    return [key for key, _ in json.loads(json_text, object_pairs_hook=lambda pairs: pairs)]
