// The API Gateway routers driven through the Dispatcher on a real io_context, with a fake
// FunctionInvoker that records every InvokeCall and answers with canned results.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "routers/apigateway/api_gateway_router.hpp"
#include "routers/apigateway/execute_api_router.hpp"
#include "routers/apigateway/execution.hpp"
#include "routers/http/dispatcher.hpp"
#include "sources/apigateway/integration_target.hpp"

using namespace lemu;
using namespace lemu::sources::apigateway;
using lemu::routers::apigateway::ApiGatewayRouter;
using lemu::routers::apigateway::ExecuteApiRouter;
using nlohmann::json;

namespace {

const AccountRegion kHome{"000000000000", "us-east-1"};
const std::string kFn = "arn:aws:lambda:us-east-1:000000000000:function:fn";

class FakeInvoker final : public invoke::FunctionInvoker {
  public:
    boost::asio::awaitable<invoke::InvocationResult> invoke(invoke::InvokeCall call) override {
        calls.push_back(call);
        if (hang) {
            // Never answers on its own; only the gateway's integration timeout ends the wait.
            boost::asio::steady_timer forever(co_await boost::asio::this_coro::executor,
                                              std::chrono::hours(1));
            co_await forever.async_wait(boost::asio::use_awaitable);
        }
        if (error) {
            throw *error;
        }
        co_return result;
    }

    void answer(std::string payload) {
        result = invoke::InvocationResult{};
        result.payload = std::move(payload);
        error.reset();
    }

    std::vector<invoke::InvokeCall> calls;
    invoke::InvocationResult result;
    std::optional<AwsError> error;
    bool hang = false;
};

struct Gateway {
    ManualClock clock;
    SeededRandom random{42};
    RestApiStore rest{kHome, clock, random};
    HttpApiStore http{kHome, clock, random};
    FakeInvoker invoker;
    ExecuteApiRouter execute{rest, http, &invoker, clock, random};
    ApiGatewayRouter control{rest, http, &invoker, clock, random};
    http::Dispatcher dispatcher{random};

    Gateway() {
        dispatcher.add(execute);
        dispatcher.add(control);
    }

    http::Response send(std::string method, std::string target, std::string body = {},
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
        http::Request request = http::Request::make(std::move(method), std::move(target));
        request.body = std::move(body);
        request.remote_address = "127.0.0.1";
        request.headers.set("Host", "127.0.0.1:4566");
        request.headers.set("User-Agent", "lemu-test/1.0");
        for (auto& [name, value] : headers) {
            request.headers.add(name, value);
        }
        boost::asio::io_context io;
        auto future = boost::asio::co_spawn(
            io,
            [&]() -> boost::asio::awaitable<http::Response> {
                co_return co_await dispatcher.dispatch(request);
            },
            boost::asio::use_future);
        io.run();
        return future.get();
    }

    json last_event() const { return json::parse(invoker.calls.back().payload); }
};

HttpApiInput http_api_input(std::string name) {
    HttpApiInput in;
    in.name = std::move(name);
    in.protocol_type = "HTTP";
    return in;
}

IntegrationInput lambda_proxy(const std::string& function_arn) {
    IntegrationInput in;
    in.type = "AWS_PROXY";
    in.http_method = "POST";
    in.uri = lambda_integration_uri("us-east-1", function_arn);
    return in;
}

MethodInput no_auth() {
    MethodInput in;
    in.authorization_type = "NONE";
    return in;
}

// A REST API with GET /items → fn:${stageVariables.alias} and ANY /{proxy+} → fn:6, deployed to
// stage "prod" with alias=live.
std::string rest_api(Gateway& g) {
    RestApiInput input;
    input.name = "api";
    RestApi api = g.rest.create_api(input);
    Resource items = g.rest.create_resource(api.id, api.root_resource_id, "items");
    g.rest.put_method(api.id, items.id, "GET", no_auth());
    g.rest.put_integration(api.id, items.id, "GET", lambda_proxy(kFn + ":${stageVariables.alias}"));
    Resource proxy = g.rest.create_resource(api.id, api.root_resource_id, "{proxy+}");
    g.rest.put_method(api.id, proxy.id, "ANY", no_auth());
    g.rest.put_integration(api.id, proxy.id, "ANY", lambda_proxy(kFn + ":6"));
    DeploymentInput deployment;
    deployment.stage_name = "prod";
    deployment.variables = std::map<std::string, std::string>{{"alias", "live"}};
    g.rest.create_deployment(api.id, deployment);
    return api.id;
}

// An HTTP API with GET /items/{id} → fn:6 (payload 2.0) and GET /v1 → fn:${stageVariables.alias}
// (payload 1.0), stages $default and dev (alias=blue), both auto-deployed.
std::string http_api(Gateway& g) {
    HttpApiInput input;
    input.name = "h";
    input.protocol_type = "HTTP";
    HttpApi api = g.http.create_api(input);
    HttpIntegrationInput v2;
    v2.type = "AWS_PROXY";
    v2.uri = kFn + ":6";
    v2.payload_format_version = "2.0";
    HttpIntegration i2 = g.http.create_integration(api.id, v2);
    HttpIntegrationInput v1 = v2;
    v1.uri = kFn + ":${stageVariables.alias}";
    v1.payload_format_version = "1.0";
    HttpIntegration i1 = g.http.create_integration(api.id, v1);
    RouteInput items;
    items.route_key = "GET /items/{id}";
    items.target = "integrations/" + i2.id;
    g.http.create_route(api.id, items);
    RouteInput legacy;
    legacy.route_key = "GET /v1";
    legacy.target = "integrations/" + i1.id;
    g.http.create_route(api.id, legacy);
    HttpStageInput default_stage;
    default_stage.name = "$default";
    default_stage.auto_deploy = true;
    default_stage.variables = {{"alias", "live"}};
    g.http.create_stage(api.id, default_stage);
    HttpStageInput dev = default_stage;
    dev.name = "dev";
    dev.variables = {{"alias", "blue"}};
    g.http.create_stage(api.id, dev);
    return api.id;
}

}  // namespace

TEST_CASE("REST: the integration's qualified ARN is invoked as apigateway.amazonaws.com with the SourceArn",
          "[unit][apigateway]") {
    Gateway g;
    std::string api = rest_api(g);
    g.invoker.answer(R"({"statusCode":201,"headers":{"X-Answer":"yes"},"body":"hi"})");
    http::Response response = g.send("GET", "/_aws/execute-api/" + api + "/prod/items?a=1&a=2");
    CHECK(response.status == 201);
    CHECK(response.body == "hi");
    CHECK(response.headers.get("X-Answer") == "yes");
    CHECK(response.headers.get("Content-Type") == "application/json");
    CHECK(response.headers.get("x-amz-apigw-id").has_value());

    REQUIRE(g.invoker.calls.size() == 1);
    const invoke::InvokeCall& call = g.invoker.calls[0];
    CHECK(call.function_name == kFn + ":live");  // ${stageVariables.alias} substituted, never resolved here
    CHECK_FALSE(call.qualifier);
    CHECK(call.type == invoke::InvocationType::RequestResponse);
    CHECK(call.caller.principal == "apigateway.amazonaws.com");
    CHECK(call.caller.source_arn == "arn:aws:execute-api:us-east-1:000000000000:" + api + "/prod/GET/items");
    CHECK(call.caller.source_account == "000000000000");
    CHECK(call.caller.source == "apigateway");

    json event = g.last_event();
    CHECK(event["resource"] == "/items");
    CHECK(event["path"] == "/items");
    CHECK(event["queryStringParameters"] == json{{"a", "2"}});
    CHECK(event["multiValueQueryStringParameters"] == json{{"a", {"1", "2"}}});
    CHECK(event["stageVariables"] == json{{"alias", "live"}});
    CHECK(event["headers"]["User-Agent"] == "lemu-test/1.0");
    CHECK(event["headers"]["X-Forwarded-For"] == "127.0.0.1");
    CHECK(event["headers"]["X-Forwarded-Port"] == "4566");
    CHECK(event["requestContext"]["path"] == "/prod/items");
    CHECK(event["requestContext"]["stage"] == "prod");
    CHECK(event["requestContext"]["resourcePath"] == "/items");
    CHECK(event["requestContext"]["requestId"] == std::string(*response.headers.get("x-amzn-RequestId")));
    CHECK(event["requestContext"]["extendedRequestId"] ==
          std::string(*response.headers.get("x-amz-apigw-id")));
    CHECK(event["requestContext"]["identity"]["sourceIp"] == "127.0.0.1");
}

TEST_CASE("REST: ANY /{proxy+} keeps ANY and the template in the SourceArn; the legacy URL form works",
          "[unit][apigateway]") {
    Gateway g;
    std::string api = rest_api(g);
    g.invoker.answer(R"({"statusCode":200})");
    http::Response response = g.send("DELETE", "/restapis/" + api + "/prod/_user_request_/a/b%2Bc");
    CHECK(response.status == 200);
    CHECK(response.body.empty());
    REQUIRE(g.invoker.calls.size() == 1);
    CHECK(g.invoker.calls[0].function_name == kFn + ":6");
    CHECK(g.invoker.calls[0].caller.source_arn ==
          "arn:aws:execute-api:us-east-1:000000000000:" + api + "/prod/ANY/{proxy+}");
    json event = g.last_event();
    CHECK(event["resource"] == "/{proxy+}");
    CHECK(event["path"] == "/a/b%2Bc");
    CHECK(event["httpMethod"] == "DELETE");
    CHECK(event["pathParameters"] == json{{"proxy", "a/b+c"}});
}

TEST_CASE("REST: a denied invocation answers 500 Internal server error", "[unit][apigateway]") {
    Gateway g;
    std::string api = rest_api(g);
    g.invoker.error = AwsError(ErrorCode::AccessDenied, "not authorized");
    http::Response response = g.send("GET", "/_aws/execute-api/" + api + "/prod/items");
    CHECK(response.status == 500);
    CHECK(response.body == R"({"message": "Internal server error"})");
    CHECK(response.headers.get("x-amzn-ErrorType") == "InternalServerErrorException");
    CHECK(g.invoker.calls.size() == 1);

    g.invoker.error = AwsError(ErrorCode::ResourceNotFound, "Function not found");
    CHECK(g.send("GET", "/_aws/execute-api/" + api + "/prod/items").status == 500);
    g.invoker.error = AwsError(ErrorCode::TooManyRequests, "Rate exceeded");
    CHECK(g.send("GET", "/_aws/execute-api/" + api + "/prod/items").status == 502);
}

TEST_CASE("REST: function errors and malformed results answer 502", "[unit][apigateway]") {
    Gateway g;
    std::string api = rest_api(g);
    g.invoker.answer(R"({"errorMessage":"boom","errorType":"Exception"})");
    g.invoker.result.function_error = "Unhandled";
    http::Response failed = g.send("GET", "/_aws/execute-api/" + api + "/prod/items");
    CHECK(failed.status == 502);
    CHECK(failed.body == R"({"message": "Internal server error"})");
    g.invoker.answer(R"({"statusCode":200,"unexpected":true})");
    CHECK(g.send("GET", "/_aws/execute-api/" + api + "/prod/items").status == 502);
    g.invoker.answer(R"("a bare string")");
    CHECK(g.send("GET", "/_aws/execute-api/" + api + "/prod/items").status == 502);
}

TEST_CASE("REST: no stage, resource or method answers 403 Missing Authentication Token without invoking",
          "[unit][apigateway]") {
    Gateway g;
    std::string api = rest_api(g);
    for (const std::string& target :
         {"/_aws/execute-api/" + api + "/beta/items", "/_aws/execute-api/" + api + "/prod",
          "/_aws/execute-api/" + api + "/prod/"}) {
        http::Response response = g.send("GET", target);
        CHECK(response.status == 403);
        CHECK(response.body == R"({"message":"Missing Authentication Token"})");
        CHECK(response.headers.get("x-amzn-ErrorType") == "MissingAuthenticationTokenException");
    }
    CHECK(g.invoker.calls.empty());
    http::Response unknown = g.send("GET", "/_aws/execute-api/nosuchapi1/prod/items");
    CHECK(unknown.status == 404);
    CHECK(json::parse(unknown.body)["message"] ==
          "The API id 'nosuchapi1' does not correspond to a deployed API Gateway API");
}

TEST_CASE("HTTP API: payload 2.0 on $default and a named stage, with route SourceArns",
          "[unit][apigateway]") {
    Gateway g;
    std::string api = http_api(g);
    g.invoker.answer(R"({"hello": "world"})");
    http::Response response = g.send("GET", "/_aws/execute-api/" + api + "/items/42?x=1");
    CHECK(response.status == 200);
    CHECK(response.body == R"({"hello":"world"})");
    CHECK(response.headers.get("Content-Type") == "application/json");
    CHECK(response.headers.get("Apigw-Requestid").has_value());
    REQUIRE(g.invoker.calls.size() == 1);
    CHECK(g.invoker.calls[0].function_name == kFn + ":6");
    CHECK(g.invoker.calls[0].caller.principal == "apigateway.amazonaws.com");
    CHECK(g.invoker.calls[0].caller.source_arn ==
          "arn:aws:execute-api:us-east-1:000000000000:" + api + "/$default/GET/items/{id}");
    json event = g.last_event();
    CHECK(event["version"] == "2.0");
    CHECK(event["routeKey"] == "GET /items/{id}");
    CHECK(event["rawPath"] == "/items/42");
    CHECK(event["rawQueryString"] == "x=1");
    CHECK(event["pathParameters"] == json{{"id", "42"}});
    CHECK(event["requestContext"]["stage"] == "$default");
    CHECK(event["requestContext"]["requestId"] == std::string(*response.headers.get("Apigw-Requestid")));

    g.invoker.answer(R"({"statusCode":200,"body":"body123","cookies":["a=1"]})");
    http::Response dev = g.send("GET", "/_aws/execute-api/" + api + "/dev/items/42");
    CHECK(dev.body == "body123");
    CHECK(dev.headers.get("Set-Cookie") == "a=1");
    CHECK(g.invoker.calls.back().caller.source_arn ==
          "arn:aws:execute-api:us-east-1:000000000000:" + api + "/dev/GET/items/{id}");
    CHECK(g.last_event()["rawPath"] == "/dev/items/42");
    CHECK(g.last_event()["requestContext"]["stage"] == "dev");
}

TEST_CASE("HTTP API: payload 1.0 integration with a stage-variable qualifier", "[unit][apigateway]") {
    Gateway g;
    std::string api = http_api(g);
    g.invoker.answer(R"({"statusCode":200,"body":"v1"})");
    CHECK(g.send("GET", "/_aws/execute-api/" + api + "/dev/v1").body == "v1");
    CHECK(g.invoker.calls.back().function_name == kFn + ":blue");
    CHECK(g.send("GET", "/_aws/execute-api/" + api + "/v1").body == "v1");
    CHECK(g.invoker.calls.back().function_name == kFn + ":live");
    json event = g.last_event();
    CHECK(event["version"] == "1.0");
    CHECK(event["resource"] == "/v1");
    CHECK(event["requestContext"]["stage"] == "$default");
    CHECK(event["stageVariables"] == json{{"alias", "live"}});
}

TEST_CASE("HTTP API: denied → 500 Internal Server Error, unknown route → 404 Not Found",
          "[unit][apigateway]") {
    Gateway g;
    std::string api = http_api(g);
    g.invoker.error = AwsError(ErrorCode::AccessDenied, "not authorized");
    http::Response denied = g.send("GET", "/_aws/execute-api/" + api + "/items/1");
    CHECK(denied.status == 500);
    CHECK(denied.body == R"({"message":"Internal Server Error"})");
    CHECK(denied.body.size() == 35);
    g.invoker.answer("{}");
    g.invoker.result.function_error = "Unhandled";
    CHECK(g.send("GET", "/_aws/execute-api/" + api + "/items/1").status == 500);
    std::size_t calls = g.invoker.calls.size();
    http::Response missing = g.send("POST", "/_aws/execute-api/" + api + "/items/1");
    CHECK(missing.status == 404);
    CHECK(missing.body == R"({"message":"Not Found"})");
    CHECK(g.invoker.calls.size() == calls);
}

TEST_CASE("API Gateway routers claim only their paths and SigV4 scope", "[unit][apigateway]") {
    Gateway g;
    auto signed_for = [](std::string service, std::string method, std::string target) {
        http::Request r = http::Request::make(std::move(method), std::move(target));
        r.headers.set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/" + service +
                                           "/aws4_request, SignedHeaders=host, Signature=abc");
        return r;
    };
    CHECK(g.control.matches(signed_for("apigateway", "POST", "/restapis")));
    CHECK(g.control.matches(signed_for("apigateway", "GET", "/v2/apis")));
    CHECK(g.control.matches(http::Request::make("GET", "/restapis")));
    CHECK_FALSE(g.control.matches(signed_for("s3", "GET", "/restapis/key")));
    CHECK_FALSE(g.control.matches(signed_for("lambda", "GET", "/2015-03-31/functions/")));
    CHECK_FALSE(g.control.matches(http::Request::make("GET", "/2015-03-31/functions/")));
    CHECK_FALSE(g.execute.matches(signed_for("lambda", "POST", "/2015-03-31/functions/f/invocations")));
    CHECK_FALSE(g.execute.matches(signed_for("s3", "GET", "/restapis/object")));
    CHECK(g.execute.matches(http::Request::make("GET", "/_aws/execute-api/abc123/prod/x")));
    CHECK(g.execute.matches(http::Request::make("GET", "/restapis/abc123/prod/_user_request_/x")));
    http::Request by_host = http::Request::make("GET", "/prod/items");
    by_host.headers.set("Host", "abc123defg.execute-api.localhost:4566");
    CHECK(g.execute.matches(by_host));

    // The control plane answers through the same dispatcher, with rest-json errors.
    http::Response created = g.send("POST", "/restapis", R"({"name":"via-http"})");
    CHECK(created.status == 201);
    CHECK(json::parse(created.body)["name"] == "via-http");
    http::Response missing = g.send("GET", "/restapis/nope");
    CHECK(missing.status == 404);
    CHECK(missing.headers.get("x-amzn-ErrorType") == "NotFoundException");
    CHECK(missing.body == R"({"message":"Invalid API identifier specified 000000000000:nope"})");
}

TEST_CASE("REST and HTTP APIs answer 504 / 503 when the integration times out", "[unit][apigateway]") {
    Gateway g;
    RestApiInput input;
    input.name = "slow";
    RestApi api = g.rest.create_api(input);
    g.rest.put_method(api.id, api.root_resource_id, "GET", no_auth());
    IntegrationInput quick = lambda_proxy(kFn + ":6");
    quick.timeout_ms = 50;
    g.rest.put_integration(api.id, api.root_resource_id, "GET", quick);
    DeploymentInput deployment;
    deployment.stage_name = "prod";
    g.rest.create_deployment(api.id, deployment);
    g.invoker.hang = true;
    http::Response rest = g.send("GET", "/_aws/execute-api/" + api.id + "/prod/");
    CHECK(rest.status == 504);
    CHECK(rest.body == R"({"message": "Endpoint request timed out"})");

    HttpApi slow = g.http.create_api(http_api_input("slower"));
    HttpIntegrationInput fast;
    fast.type = "AWS_PROXY";
    fast.uri = kFn + ":6";
    fast.payload_format_version = "2.0";
    fast.timeout_ms = 50;
    HttpIntegration integration = g.http.create_integration(slow.id, fast);
    RouteInput route;
    route.route_key = "$default";
    route.target = "integrations/" + integration.id;
    g.http.create_route(slow.id, route);
    HttpStageInput stage;
    stage.name = "$default";
    stage.auto_deploy = true;
    g.http.create_stage(slow.id, stage);
    http::Response http = g.send("GET", "/_aws/execute-api/" + slow.id + "/anything");
    CHECK(http.status == 503);
    CHECK(http.body == R"({"message":"Service Unavailable"})");
    CHECK(g.invoker.calls.size() == 2);
}

TEST_CASE("TestInvokeMethod presents stage test-invoke-stage and reports the denial in its log",
          "[unit][apigateway]") {
    Gateway g;
    std::string api = rest_api(g);
    std::string items_id;
    for (const Resource& r : g.rest.list_resources(api)) {
        if (r.path == "/items") {
            items_id = r.id;
        }
    }
    std::string target = "/restapis/" + api + "/resources/" + items_id + "/methods/GET";
    g.invoker.error = AwsError(ErrorCode::AccessDenied, "not authorized");
    http::Response denied =
        g.send("POST", target, R"({"pathWithQueryString":"/items?a=1","stageVariables":{"alias":"live"}})");
    REQUIRE(denied.status == 200);
    json out = json::parse(denied.body);
    CHECK(out["status"] == 500);
    CHECK(out["body"] == R"({"message": "Internal server error"})");
    CHECK(out["headers"]["x-amzn-ErrorType"] == "InternalServerErrorException");
    std::string log = out["log"];
    std::string source_arn =
        "arn:aws:execute-api:us-east-1:000000000000:" + api + "/test-invoke-stage/GET/items";
    CHECK_THAT(log, Catch::Contains("HTTP Method: GET, Resource Path: /items"));
    CHECK_THAT(log, Catch::Contains("Method request query string: {a=1}"));
    CHECK_THAT(log, Catch::Contains("X-Amz-Source-Arn=" + source_arn));
    CHECK_THAT(
        log, Catch::Contains(
                 " : Execution failed due to configuration error: Invalid permissions on Lambda function\n"));
    CHECK_THAT(log, Catch::Contains(" : Method completed with status: 500\n"));
    REQUIRE(g.invoker.calls.size() == 1);
    CHECK(g.invoker.calls[0].function_name == kFn + ":live");
    CHECK(g.invoker.calls[0].caller.source_arn == source_arn);
    json event = g.last_event();
    CHECK(event["requestContext"]["stage"] == "test-invoke-stage");
    CHECK(event["requestContext"]["identity"]["sourceIp"] == "test-invoke-source-ip");

    g.invoker.answer(R"({"statusCode":200,"body":"ok"})");
    json passed = json::parse(g.send("POST", target, R"({"stageVariables":{"alias":"live"}})").body);
    CHECK(passed["status"] == 200);
    CHECK(passed["body"] == "ok");
    CHECK_THAT(passed["log"].get<std::string>(), Catch::Contains("Successfully completed execution"));

    http::Response missing = g.send("POST", "/restapis/" + api + "/resources/nope/methods/GET", "{}");
    CHECK(missing.status == 404);
    CHECK(json::parse(missing.body)["message"] == "Invalid Resource identifier specified");
}

TEST_CASE("integration credentials decide who API Gateway calls Lambda as", "[unit][apigateway]") {
    using routers::apigateway::execution::integration_caller;
    const std::string source_arn = "arn:aws:execute-api:us-east-1:000000000000:api/prod/GET/items";

    invoke::Caller service = integration_caller(std::nullopt, source_arn, kHome);
    CHECK(service.principal == "apigateway.amazonaws.com");
    CHECK(service.source_arn == source_arn);
    CHECK(service.source_account == "000000000000");
    CHECK(service.source == "apigateway");
    CHECK(integration_caller(std::string(), source_arn, kHome).principal == "apigateway.amazonaws.com");

    // Identities of the API's own account (and the caller pass-through) are trusted callers.
    for (const std::string& own : {std::string("arn:aws:iam::000000000000:role/invoke"),
                                   std::string("arn:aws:iam::*:user/*")}) {
        invoke::Caller identity = integration_caller(own, source_arn, kHome);
        CHECK_FALSE(identity.is_service());
        CHECK(identity.source_arn.empty());
        CHECK(identity.source == "apigateway");
    }
    // Another account's role is checked against the resource policy as that principal.
    invoke::Caller foreign = integration_caller(std::string("arn:aws:iam::111111111111:role/x"), source_arn, kHome);
    CHECK(foreign.principal == "arn:aws:iam::111111111111:role/x");
    CHECK(foreign.source_arn.empty());
}

// Hidden: the REST data plane's own cost per request, without a function behind it. Run it under
// valgrind --tool=callgrind to see where a request's instructions go.
TEST_CASE("profile: REST data plane per request", "[.profile]") {
    Gateway g;
    std::string api = rest_api(g);
    g.invoker.answer(R"({"statusCode":200,"headers":{"content-type":"text/plain"},"body":"ok"})");
    const std::string target = "/_aws/execute-api/" + api + "/prod/items";
    for (int i = 0; i < 2000; ++i) {
        http::Response r = g.send("GET", target, {}, {{"Accept", "*/*"}, {"Connection", "keep-alive"}});
        g.invoker.calls.clear();
        REQUIRE(r.status == 200);
    }
}
