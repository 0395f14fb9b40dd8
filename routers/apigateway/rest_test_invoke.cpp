// ApiGatewayRouter: TestInvokeMethod, the console's "Test" button. It runs the method's current
// (undeployed) integration as stage "test-invoke-stage", so the SourceArn it presents is
// .../test-invoke-stage/METHOD/PATH: a statement scoped to a deployed stage fails here and works
// deployed (sources.md fact 54). Answers 200 with the method's status inside.

#include <fmt/format.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "routers/apigateway/api_gateway_router.hpp"
#include "routers/apigateway/json_input.hpp"
#include "routers/apigateway/rest_integration.hpp"
#include "sources/apigateway/path_template.hpp"

namespace lemu::routers::apigateway {
namespace {

using namespace lemu::sources::apigateway;
using nlohmann::json;

constexpr std::string_view kTestStage = "test-invoke-stage";

// "Thu Jan 25 06:47:10 UTC 2018", the execution log's timestamp.
std::string log_time(TimePoint t) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%a %b %d %H:%M:%S UTC %Y", &tm);
    return buffer;
}

ProxyRequest test_request(const JsonInput& body, const std::string& method,
                          const std::string& path_with_query, TimePoint now) {
    ProxyRequest request;
    request.method = method;
    std::size_t q = path_with_query.find('?');
    request.raw_path = path_with_query.substr(0, q);
    request.raw_query = q == std::string::npos ? "" : path_with_query.substr(q + 1);
    if (const json* multi = body.object("multiValueHeaders")) {
        for (const auto& [name, values] : multi->items()) {
            for (const auto& value : values) {
                if (value.is_string()) {
                    request.headers.emplace_back(name, value.get<std::string>());
                }
            }
        }
    }
    for (const auto& [name, value] :
         body.string_map("headers").value_or(std::map<std::string, std::string>{})) {
        request.headers.emplace_back(name, value);
    }
    request.body = body.string("body").value_or("");
    request.source_ip = "test-invoke-source-ip";
    request.time = now;
    return request;
}

}  // namespace

boost::asio::awaitable<http::Response> ApiGatewayRouter::test_invoke_method(http::Request& r) {
    const std::string api_id = r.param("restapi_id");
    const std::string method_name = r.param("http_method");
    JsonInput body = JsonInput::parse(r.body);
    Resource resource = rest_.get_resource(api_id, r.param("resource_id"));
    Method method = rest_.get_method(api_id, resource.id, method_name);
    std::string path_with_query = body.string("pathWithQueryString").value_or(resource.path);

    RestIntegrationCall call;
    call.api_id = api_id;
    call.stage = kTestStage;
    call.keep_log = true;
    call.resource = &resource;
    call.method = &method;
    call.request = test_request(body, method_name, path_with_query, clock_.now());
    if (auto match = match_path_template(resource.path, call.request.raw_path)) {
        call.path_parameters = match->parameters;
    }
    call.stage_variables = body.string_map("stageVariables").value_or(std::map<std::string, std::string>{});
    call.binary_media_types = rest_.get_api(api_id).binary_media_types;
    call.event.domain_name = "testPrefix.testDomainName";
    call.event.domain_prefix = "testPrefix";
    call.event.request_id = new_uuid(random_);
    call.event.extended_request_id = "test-invoke-extendedRequestId";
    call.event.deployment_id = "test-invoke-deployment-id";
    std::string request_id = call.event.request_id;
    TimePoint started = call.request.time;

    RestIntegrationResult result =
        co_await run_rest_integration(std::move(call), invoker_, rest_.home(), clock_);

    std::string log = fmt::format("Execution log for request {}\n", request_id);
    std::string stamp = log_time(started);
    log += fmt::format("{} : Starting execution for request: {}\n", stamp, request_id);
    for (const std::string& line : result.log) {
        log += fmt::format("{} : {}\n", stamp, line);
    }
    json headers = json::object();
    json multi = json::object();
    for (const auto& [name, value] : result.response.headers) {
        headers[name] = value;
        multi[name].push_back(value);
    }
    json out{{"status", result.response.status},
             {"body", result.response.body},
             {"headers", headers},
             {"multiValueHeaders", multi},
             {"log", log},
             {"latency", result.latency_ms}};
    co_return http::Response::json(200, out.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace lemu::routers::apigateway
