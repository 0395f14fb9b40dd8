// lemu's own Python and Node.js runtime shims, run by the engine against the real Runtime API:
// handler resolution, the context object, AWS's result and error shapes, init errors.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "tests/component/harness.hpp"

using namespace lemu;
using namespace lemu::test;
using nlohmann::json;

namespace {

const std::optional<std::string> kUnhandled = "Unhandled";

invoke::ExecutionSpecPtr python(const std::string& fixture_name, const std::string& handler,
                                int timeout = 30) {
    SpecOptions options;
    options.runtime = "python3.12";
    options.handler = handler;
    options.timeout_seconds = timeout;
    options.revision = handler;  // another handler is another configuration: another revision
    return make_spec(fixture(fixture_name), options);
}

invoke::ExecutionSpecPtr node(const std::string& fixture_name, const std::string& handler) {
    SpecOptions options;
    options.runtime = "nodejs20.x";
    options.handler = handler;
    options.revision = handler;
    return make_spec(fixture(fixture_name), options);
}

// Member names in document order (nlohmann::json itself sorts them); the documents are flat.
std::vector<std::string> keys_of(const std::string& document) {
    std::vector<std::string> keys;
    json doc = json::parse(document);
    std::vector<std::pair<std::size_t, std::string>> positions;
    for (auto& [key, value] : doc.items()) {
        positions.emplace_back(document.find("\"" + key + "\":"), key);
    }
    std::sort(positions.begin(), positions.end());
    for (auto& [position, key] : positions) {
        keys.push_back(key);
    }
    return keys;
}

}  // namespace

TEST_CASE("python: the handler gets the event and AWS's context", "[component][python]") {
    EngineHarness h;
    auto spec = python("python-handler", "handler.context", 9);
    auto request = h.request(spec, R"({"x":"y"})");
    request.client_context = R"({"custom":{"foo":"bar"},"client":{"installation_id":"i"},"env":{"a":"b"}})";
    request.cognito_identity = R"({"cognitoIdentityId":"cid","cognitoIdentityPoolId":"pool"})";
    request.invoked_arn = "arn:aws:lambda:us-east-1:000000000000:function:python-handler:live";
    request.tail_log = true;
    std::string id = request.request_id;
    auto result = h.run(std::move(request));
    REQUIRE_FALSE(result.function_error.has_value());
    json body = json::parse(result.payload);
    CHECK(body["event"] == json{{"x", "y"}});
    CHECK(body["aws_request_id"] == id);
    CHECK(body["invoked_function_arn"] ==
          "arn:aws:lambda:us-east-1:000000000000:function:python-handler:live");
    CHECK(body["function_name"] == "python-handler");
    CHECK(body["function_version"] == "$LATEST");
    CHECK(body["memory_limit_in_mb"] == "128");
    CHECK(body["remaining"].get<int>() > 0);
    CHECK(body["remaining"].get<int>() <= 9000);
    CHECK(body["log_group_name"] == "/aws/lambda/python-handler");
    CHECK(body["log_stream_name"].get<std::string>().find("/[$LATEST]") == 10);
    CHECK(body["client_custom"] == json{{"foo", "bar"}});
    CHECK(body["cognito_identity_id"] == "cid");
    CHECK(body["trace_id"].get<std::string>().starts_with("Root=1-"));
    CHECK(body["execution_env"] == "AWS_Lambda_python3.12");
    CHECK(body["cwd"] == fixture("python-handler").string());
    CHECK(body["count"] == 1);
    // print() and logging reach the invocation's log, logging in Lambda's format.
    CHECK(result.log_tail.find("handling " + id + "\n") != std::string::npos);
    CHECK(result.log_tail.find("\t" + id + "\tlogged y\n") != std::string::npos);
    CHECK(result.log_tail.find("[INFO]\t") != std::string::npos);
    // Warm: the module state survives.
    CHECK(json::parse(h.run(h.request(spec, "{}")).payload)["count"] == 2);
}

TEST_CASE("python: results are JSON-encoded; None is null", "[component][python]") {
    EngineHarness h;
    CHECK(h.run(h.request(python("python-handler", "handler.nothing"), "{}")).payload == "null");
    CHECK(h.run(h.request(python("python-handler", "handler.text"), "{}")).payload == "\"a string\"");
    auto request = h.request(python("python-handler", "handler.unserializable"), "{}");
    std::string id = request.request_id;
    auto result = h.run(std::move(request));
    CHECK(result.function_error == kUnhandled);
    CHECK(json::parse(result.payload) ==
          json{{"errorMessage", "Unable to marshal response: Object of type set is not JSON serializable"},
               {"errorType", "Runtime.MarshalError"},
               {"requestId", id},
               {"stackTrace", json::array()}});
}

TEST_CASE("python: an exception is {errorMessage, errorType, requestId, stackTrace}", "[component][python]") {
    EngineHarness h;
    auto request = h.request(python("python-handler", "handler.fail"), "{}");
    std::string id = request.request_id;
    auto result = h.run(std::move(request));
    CHECK(result.function_error == kUnhandled);
    json body = json::parse(result.payload);
    CHECK(body["errorMessage"] == "Handler fails");
    CHECK(body["errorType"] == "ValueError");
    CHECK(body["requestId"] == id);
    REQUIRE(body["stackTrace"].size() == 1);
    CHECK(body["stackTrace"][0].get<std::string>().find("handler.py\", line ") != std::string::npos);
    CHECK(body["stackTrace"][0].get<std::string>().find("raise ValueError(\"Handler fails\")") !=
          std::string::npos);
    CHECK(keys_of(result.payload) ==
          std::vector<std::string>{"errorMessage", "errorType", "requestId", "stackTrace"});
}

TEST_CASE("python: init errors answer the first invocation", "[component][python]") {
    EngineHarness h;
    auto imported = h.run(h.request(python("python-import-error", "handler.handler"), "{}"));
    CHECK(imported.function_error == kUnhandled);
    CHECK(json::parse(imported.payload) ==
          json{{"errorMessage",
                "Unable to import module 'handler': No module named 'missing_module_for_lemu_tests'"},
               {"errorType", "Runtime.ImportModuleError"},
               {"requestId", ""},
               {"stackTrace", json::array()}});

    auto raised = h.run(h.request(python("python-init-exception", "handler.handler"), "{}"));
    json body = json::parse(raised.payload);
    CHECK(body["errorMessage"] == "Runtime startup fails");
    CHECK(body["errorType"] == "Exception");
    CHECK(body["requestId"] == "");

    auto malformed = h.run(h.request(python("python-handler", "nodot"), "{}"));
    CHECK(json::parse(malformed.payload)["errorType"] == "Runtime.MalformedHandlerName");
    CHECK(json::parse(malformed.payload)["errorMessage"] ==
          "Bad handler 'nodot': not enough values to unpack (expected 2, got 1)");

    // A missing function is reported at invoke time, with the request id (as awslambdaric does).
    auto request = h.request(python("python-handler", "handler.absent"), "{}");
    std::string id = request.request_id;
    auto missing = h.run(std::move(request));
    CHECK(json::parse(missing.payload) ==
          json{{"errorMessage", "Handler 'absent' missing on module 'handler'"},
               {"errorType", "Runtime.HandlerNotFound"},
               {"requestId", id},
               {"stackTrace", json::array()}});
}

TEST_CASE("node: CommonJS async handler and context", "[component][node]") {
    EngineHarness h;
    auto spec = node("node-handler", "index.context");
    auto request = h.request(spec, R"({"n":1})");
    request.client_context = R"({"custom":{"foo":"bar"}})";
    request.tail_log = true;
    std::string id = request.request_id;
    auto result = h.run(std::move(request));
    REQUIRE_FALSE(result.function_error.has_value());
    json body = json::parse(result.payload);
    CHECK(body["event"] == json{{"n", 1}});
    CHECK(body["awsRequestId"] == id);
    CHECK(body["invokedFunctionArn"] == "arn:aws:lambda:us-east-1:000000000000:function:node-handler");
    CHECK(body["functionName"] == "node-handler");
    CHECK(body["functionVersion"] == "$LATEST");
    CHECK(body["memoryLimitInMB"] == "128");
    CHECK(body["remaining"].get<int>() > 0);
    CHECK(body["logGroupName"] == "/aws/lambda/node-handler");
    CHECK(body["callbackWaitsForEmptyEventLoop"] == true);
    CHECK(body["clientCustom"] == json{{"foo", "bar"}});
    CHECK(body["executionEnv"] == "AWS_Lambda_nodejs20.x");
    CHECK(body["count"] == 1);
    // console.log is "<ISO time>\t<request id>\tINFO\t<message>".
    CHECK(result.log_tail.find("\t" + id + "\tINFO\thandling " + id + "\n") != std::string::npos);
    CHECK(json::parse(h.run(h.request(spec, "{}")).payload)["count"] == 2);
}

TEST_CASE("node: callback handlers, ES modules, undefined results", "[component][node]") {
    EngineHarness h;
    auto callback_request = h.request(node("node-handler", "index.callback"), "{}");
    callback_request.tail_log = true;
    auto called_back = h.run(std::move(callback_request));
    CHECK(called_back.payload == R"({"calledBack":true})");
    // The answer waited for the function's timer (callbackWaitsForEmptyEventLoop).
    CHECK(called_back.log_tail.find("timer finished") != std::string::npos);
    CHECK(called_back.log_tail.find("answered before the timer") == std::string::npos);

    auto esm_request = h.request(node("node-esm", "index.handler"), R"({"a":1})");
    std::string id = esm_request.request_id;
    auto esm = h.run(std::move(esm_request));
    CHECK(json::parse(esm.payload) ==
          json{{"esm", true}, {"file", "index.mjs"}, {"id", id}, {"event", {{"a", 1}}}});

    CHECK(h.run(h.request(node("node-handler", "index.nothing"), "{}")).payload == "null");
}

TEST_CASE("node: errors are {errorType, errorMessage, trace}", "[component][node]") {
    EngineHarness h;
    auto failed = h.run(h.request(node("node-handler", "index.fail"), "{}"));
    CHECK(failed.function_error == kUnhandled);
    json body = json::parse(failed.payload);
    CHECK(keys_of(failed.payload) == std::vector<std::string>{"errorType", "errorMessage", "trace"});
    CHECK(body["errorType"] == "TypeError");
    CHECK(body["errorMessage"] == "Handler fails");
    CHECK(body["trace"][0] == "TypeError: Handler fails");
    CHECK(body["trace"][1].get<std::string>().find("node-handler/index.js") != std::string::npos);

    auto called_back = h.run(h.request(node("node-handler", "index.callbackError"), "{}"));
    CHECK(json::parse(called_back.payload)["errorMessage"] == "called back with an error");
}

TEST_CASE("node: init errors answer the first invocation", "[component][node]") {
    EngineHarness h;
    auto not_exported = h.run(h.request(node("node-handler", "index.absent"), "{}"));
    CHECK(not_exported.function_error == kUnhandled);
    json body = json::parse(not_exported.payload);
    CHECK(body["errorType"] == "Runtime.HandlerNotFound");
    CHECK(body["errorMessage"] == "index.absent is undefined or not exported");

    auto not_function = h.run(h.request(node("node-handler", "index.notAFunction"), "{}"));
    CHECK(json::parse(not_function.payload)["errorMessage"] == "index.notAFunction is not a function");

    auto missing = h.run(h.request(node("node-missing", "index.handler"), "{}"));
    json missing_body = json::parse(missing.payload);
    CHECK(missing_body["errorType"] == "Runtime.ImportModuleError");
    CHECK(missing_body["errorMessage"].get<std::string>().starts_with("Error: Cannot find module 'index'"));

    auto malformed = h.run(h.request(node("node-handler", "index"), "{}"));
    CHECK(json::parse(malformed.payload)["errorType"] == "Runtime.MalformedHandlerName");
}
