"""lemu's Python runtime: runs a python3.x Lambda handler against the Runtime API.

It behaves like AWS's runtime interface client (awslambdaric) where a handler can tell: the handler
is "module.function" resolved from LAMBDA_TASK_ROOT, the context object carries the same attributes,
results are JSON-encoded, and errors are posted in AWS's shapes:
  invocation errors  {"errorMessage", "errorType", "requestId", "stackTrace"} to /invocation/{id}/error;
  init errors        the same with "requestId": "" to /init/error, then exit(1).
Standard library only; started as `python3 -u bootstrap.py` by lemu with the function's environment.
"""

import decimal
import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

API_PREFIX = "/2018-06-01/runtime"


class FaultException(Exception):
    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


class RuntimeClient:
    """One keep-alive connection to this environment's Runtime API; reconnects when it breaks."""

    def __init__(self, address):
        self.address = address
        self.connection = None

    def _request(self, method, path, body=None, headers=None):
        for attempt in range(3):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.address, timeout=None)
            try:
                self.connection.request(method, API_PREFIX + path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response, data
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise RuntimeError("unreachable")

    def next(self):
        response, body = self._request("GET", "/invocation/next")
        if response.status != 200:
            raise RuntimeError("GET /next failed with %d: %r" % (response.status, body))
        return response, body

    def post_result(self, request_id, body, content_type="application/json"):
        response, data = self._request(
            "POST", "/invocation/%s/response" % request_id, body, {"Content-Type": content_type}
        )
        if response.status != 202:
            _write("lemu runtime: posting the result failed with %d: %s" % (response.status, data.decode("utf-8", "replace")))

    def post_error(self, request_id, error_json, xray_cause):
        headers = {"Content-Type": "application/json", "Lambda-Runtime-Function-XRay-Error-Cause": xray_cause}
        self._request("POST", "/invocation/%s/error" % request_id, error_json, headers)

    def post_init_error(self, error_json, error_type):
        headers = {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": error_type}
        self._request("POST", "/init/error", error_json, headers)


def _write(text):
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def _decimal_serializer(o):
    if isinstance(o, decimal.Decimal):
        return float(o)
    raise TypeError("Object of type {} is not JSON serializable".format(type(o).__name__))


def to_json(obj):
    return json.dumps(obj, default=_decimal_serializer)


def make_error(error_message, error_type, stack_trace, invoke_id=None):
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def build_fault_result(exc_info, msg, invoke_id=None):
    etype, value, tb = exc_info
    frames = traceback.extract_tb(tb)
    # Leave out the runtime's own frames: the trace starts in the function's code.
    for i, frame in enumerate(frames):
        if os.path.basename(frame.filename) != "bootstrap.py" or os.path.dirname(frame.filename) != _RUNTIME_DIR:
            frames = frames[i:]
            break
    return make_error(msg if msg else str(value), etype.__name__, traceback.format_list(frames), invoke_id)


def make_xray_fault(ex_type, ex_msg, working_dir, tb_tuples):
    stack = [{"label": f.name, "path": f.filename, "line": f.lineno} for f in tb_tuples]
    return {
        "working_directory": working_dir,
        "exceptions": [{"type": ex_type, "message": ex_msg, "stack": stack}],
        "paths": sorted({f.filename for f in tb_tuples}),
    }


def log_error(error_result):
    lines = ["[ERROR] %s: %s" % (error_result["errorType"], error_result["errorMessage"])]
    if error_result["stackTrace"]:
        lines.append("Traceback (most recent call last):")
        for entry in error_result["stackTrace"]:
            lines.extend(line.replace("  ", "\u00a0\u00a0", 1) if line.startswith("  ") else line
                         for line in entry.rstrip("\n").split("\n"))
    _write("\n".join(lines))


class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __init__(self, data):
        self.cognito_identity_id = data.get("cognitoIdentityId")
        self.cognito_identity_pool_id = data.get("cognitoIdentityPoolId")


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]

    def __init__(self, data):
        self.installation_id = data.get("installation_id")
        self.app_title = data.get("app_title")
        self.app_version_name = data.get("app_version_name")
        self.app_version_code = data.get("app_version_code")
        self.app_package_name = data.get("app_package_name")


class ClientContext:
    __slots__ = ["custom", "env", "client"]

    def __init__(self, data):
        self.custom = data.get("custom")
        self.env = data.get("env")
        client = data.get("client")
        self.client = Client(client) if client is not None else None


class LambdaContext:
    def __init__(self, invoke_id, client_context, cognito_identity, epoch_deadline_time_in_ms, invoked_function_arn):
        self.aws_request_id = invoke_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.client_context = ClientContext(client_context) if client_context else None
        self.identity = CognitoIdentity(cognito_identity or {})
        self._epoch_deadline_time_in_ms = epoch_deadline_time_in_ms

    def get_remaining_time_in_millis(self):
        return max(self._epoch_deadline_time_in_ms - int(round(time.time() * 1000)), 0)

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id={},log_group_name={},log_stream_name={},function_name={},"
            "memory_limit_in_mb={},function_version={},invoked_function_arn={},client_context={},identity={}])"
        ).format(self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
                 self.memory_limit_in_mb, self.function_version, self.invoked_function_arn,
                 self.client_context, self.identity)


_CURRENT_REQUEST_ID = None


class LambdaLoggerFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _CURRENT_REQUEST_ID or ""
        return True


class LambdaLoggerHandler(logging.Handler):
    def emit(self, record):
        _write(self.format(record))


def _setup_logging():
    logging.Formatter.converter = time.gmtime
    handler = LambdaLoggerHandler()
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S"))
    handler.addFilter(LambdaLoggerFilter())
    logging.getLogger().addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    if level:
        logging.getLogger().setLevel(level.upper())


def _get_handler(handler):
    try:
        (modname, fname) = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, str(e)))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(FaultException.BUILT_IN_MODULE_CONFLICT,
                                 "Cannot use built-in module {} as a handler module".format(modname))
        # The task root is read-only on AWS, so no __pycache__ is written into the function's code.
        sys.dont_write_bytecode = True
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(FaultException.IMPORT_MODULE_ERROR,
                             "Unable to import module '{}': {}".format(modname, str(e)))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(FaultException.USER_CODE_SYNTAX_ERROR,
                             "Syntax error in module '{}': {}".format(modname, str(e)), trace)
    try:
        return getattr(module, fname)
    except AttributeError:
        fault = FaultException(FaultException.HANDLER_NOT_FOUND,
                               "Handler '{}' missing on module '{}'".format(fname, modname))

        def fault_handler(event, context):
            raise fault

        return fault_handler


def handle_event(client, request_handler, response, body):
    global _CURRENT_REQUEST_ID
    invoke_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
    _CURRENT_REQUEST_ID = invoke_id
    trace_id = response.getheader("Lambda-Runtime-Trace-Id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    error_result = None
    xray_fault = None
    try:
        client_context_json = response.getheader("Lambda-Runtime-Client-Context")
        cognito_identity_json = response.getheader("Lambda-Runtime-Cognito-Identity")
        client_context = json.loads(client_context_json) if client_context_json else None
        cognito_identity = json.loads(cognito_identity_json) if cognito_identity_json else None
        try:
            event = json.loads(body) if body else {}
        except ValueError as e:
            raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(str(e)))
        context = LambdaContext(invoke_id, client_context, cognito_identity,
                                int(response.getheader("Lambda-Runtime-Deadline-Ms", "0")),
                                response.getheader("Lambda-Runtime-Invoked-Function-Arn"))
        result = request_handler(event, context)
        try:
            result = to_json(result)
        except TypeError as e:
            raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(str(e)))
    except FaultException as e:
        xray_fault = make_xray_fault("LambdaValidationError", e.msg, os.getcwd(), [])
        error_result = make_error(e.msg, e.exception_type, e.trace, invoke_id)
    except Exception:
        etype, value, tb = sys.exc_info()
        frames = traceback.extract_tb(tb)
        error_result = build_fault_result(sys.exc_info(), None, invoke_id)
        xray_fault = make_xray_fault(etype.__name__, str(value), os.getcwd(), frames)
    if error_result is not None:
        log_error(error_result)
        client.post_error(invoke_id, to_json(error_result), to_json(xray_fault))
    else:
        client.post_result(invoke_id, result)
    _CURRENT_REQUEST_ID = None


_RUNTIME_DIR = os.path.dirname(os.path.abspath(__file__))


def main():
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    # The function's code comes first; the runtime's own directory must not shadow it.
    sys.path[:] = [task_root] + [p for p in sys.path if os.path.abspath(p or ".") != _RUNTIME_DIR]
    _setup_logging()
    try:
        request_handler = _get_handler(os.environ["_HANDLER"])
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace)
        log_error(error_result)
        client.post_init_error(to_json(error_result), e.exception_type)
        sys.exit(1)
    except Exception:
        error_result = build_fault_result(sys.exc_info(), None)
        log_error(error_result)
        client.post_init_error(to_json(error_result), error_result["errorType"])
        sys.exit(1)
    while True:
        response, body = client.next()
        handle_event(client, request_handler, response, body)


if __name__ == "__main__":
    main()
