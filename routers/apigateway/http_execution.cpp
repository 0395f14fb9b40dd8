// ExecuteApiRouter: the HTTP API data plane (payload 1.0 or 2.0, AWS_PROXY to Lambda).

#include <fmt/format.h>

#include "routers/apigateway/execute_api_router.hpp"
#include "routers/apigateway/execution.hpp"
#include "sources/apigateway/ids.hpp"
#include "sources/apigateway/integration_target.hpp"
#include "sources/apigateway/proxy_event_builder.hpp"
#include "sources/apigateway/route_matcher.hpp"

namespace lemu::routers::apigateway {
namespace {

using namespace sources::apigateway;
using execution::gateway_response;
using execution::logger;

constexpr std::string_view kIntegrationsPrefix = "integrations/";

// API Gateway's bytes (sources.md §5.F: "500 35" in access logs).
http::Response internal_error() {
    return gateway_response(500, R"({"message":"Internal Server Error"})", "");
}
http::Response not_found() {
    return gateway_response(404, R"({"message":"Not Found"})", "");
}

const HttpIntegration* target_integration(const HttpApiSnapshot& snapshot, const Route& route) {
    if (!route.target || !route.target->starts_with(kIntegrationsPrefix)) {
        return nullptr;
    }
    auto it = snapshot.integrations.find(route.target->substr(kIntegrationsPrefix.size()));
    return it == snapshot.integrations.end() ? nullptr : &it->second;
}

struct HttpStageChoice {
    std::string name{kDefaultStageName};
    std::string path;
    bool in_path = false;  // a named stage: the event's rawPath keeps "/STAGE"
};

// A named stage is the first path segment; otherwise the whole path belongs to $default.
HttpStageChoice choose_stage(const HttpApiStore& store, const ExecuteTarget& target) {
    HttpStageChoice choice;
    choice.path = target.path;
    if (target.stage) {
        choice.name = *target.stage;
        choice.in_path = choice.name != kDefaultStageName;
        return choice;
    }
    auto [first, rest] = split_first_segment(target.path);
    if (!first.empty() && first != kDefaultStageName && store.has_stage(target.api_id, first)) {
        choice.name = first;
        choice.path = rest;
        choice.in_path = true;
    }
    return choice;
}

EventContext event_context(const AccountRegion& home, const std::string& api_id,
                           const HttpStageChoice& choice, const DeployedHttpStage& stage,
                           const RouteMatch& match) {
    EventContext event;
    event.home = home;
    event.api_id = api_id;
    event.stage = choice.name;
    event.domain_name = fmt::format("{}.execute-api.{}.amazonaws.com", api_id, home.region);
    event.path_parameters = match.path_parameters;
    event.stage_variables = stage.variables;
    event.route_key = match.route->route_key;
    event.stage_in_path = choice.in_path;
    std::string_view key = match.route->route_key;
    event.resource_path = key == kDefaultRouteKey ? choice.path : std::string(key.substr(key.find(' ') + 1));
    return event;
}

http::Response respond(const execution::Outcome& outcome, bool v2, const std::string& context) {
    if (outcome.timed_out) {
        logger()->warn("Execution failed: the integration timed out {}", context);
        return gateway_response(503, R"({"message":"Service Unavailable"})", "");
    }
    if (outcome.error) {
        logger()->warn("Execution failed: {}: {} {}",
                       outcome.error->code() == ErrorCode::AccessDenied
                           ? "Invalid permissions on Lambda function"
                           : std::string(outcome.error->name()),
                       outcome.error->message(), context);
        return internal_error();
    }
    if (!outcome.result) {
        logger()->error("Execution failed: {} {}", outcome.failure, context);
        return internal_error();
    }
    if (outcome.result->failed()) {
        logger()->warn("Lambda execution failed due to customer function error: {} {}",
                       *outcome.result->function_error, context);
        return internal_error();
    }
    MappedResult mapped =
        v2 ? map_v2_result(outcome.result->payload) : map_v1_result(outcome.result->payload, true);
    if (!mapped.response) {
        logger()->warn("Execution failed: malformed Lambda proxy response ({}) {}", mapped.problem, context);
        return internal_error();
    }
    return execution::to_http(std::move(*mapped.response));
}

}  // namespace

boost::asio::awaitable<http::Response> ExecuteApiRouter::serve_http(http::Request& request,
                                                                    const ExecuteTarget& target) {
    HttpStageChoice choice = choose_stage(http_, target);
    // `stage` holds the snapshot that `match` and `integration` point into across the invocation.
    std::optional<DeployedHttpStage> stage = http_.deployed_stage(target.api_id, choice.name);
    std::optional<RouteMatch> match =
        stage ? match_route(stage->snapshot->routes, request.method, choice.path) : std::nullopt;
    const HttpIntegration* integration =
        match ? target_integration(*stage->snapshot, *match->route) : nullptr;
    if (integration == nullptr) {
        co_return not_found();
    }
    std::optional<std::string> function_arn = lambda_function_from_http_uri(
        substitute_stage_variables(integration->uri.value_or(""), stage->variables));
    std::string source_arn =
        http_source_arn(http_.home(), target.api_id, choice.name, match->route->route_key);
    std::string context = execution::describe(request.request_id, target.api_id, choice.name,
                                              function_arn.value_or(""), source_arn);
    if (integration->type != "AWS_PROXY" || !function_arn) {
        logger()->error("Execution failed: integration {} ({}) is not a Lambda proxy lemu can call {}",
                        integration->id, integration->type, context);
        co_return internal_error();
    }

    EventContext event = event_context(http_.home(), target.api_id, choice, *stage, *match);
    event.request_id = random_gateway_request_id(random_);
    event.extended_request_id = event.request_id;
    bool v2 = integration->payload_format_version == "2.0";
    ProxyRequest proxy = execution::proxy_request(request, choice.path, clock_.now());
    invoke::InvokeCall call;
    call.function_name = *function_arn;
    call.payload = v2 ? build_http_event_v2(proxy, event) : build_http_event_v1(proxy, event);
    call.caller = execution::integration_caller(integration->credentials_arn, source_arn, http_.home());
    execution::Outcome outcome = co_await execution::invoke_function(
        invoker_, std::move(call), std::chrono::milliseconds(integration->timeout_ms));

    http::Response response = respond(outcome, v2, context);
    response.headers.set("Apigw-Requestid", event.request_id);
    co_return response;
}

}  // namespace lemu::routers::apigateway
