// ExecuteApiRouter: the REST API data plane (payload 1.0, AWS_PROXY to Lambda).

#include <fmt/format.h>

#include "routers/apigateway/execute_api_router.hpp"
#include "routers/apigateway/execution.hpp"
#include "sources/apigateway/ids.hpp"
#include "sources/apigateway/integration_target.hpp"
#include "sources/apigateway/proxy_event_builder.hpp"
#include "sources/apigateway/resource_matcher.hpp"

namespace lemu::routers::apigateway {
namespace {

using namespace sources::apigateway;
using execution::gateway_response;
using execution::logger;

// API Gateway's bytes, space after the colon included (sources.md §5.F).
http::Response internal_error(int status) {
    return gateway_response(status, R"({"message": "Internal server error"})", "InternalServerErrorException");
}

http::Response missing_token() {
    return gateway_response(403, R"({"message":"Missing Authentication Token"})",
                            "MissingAuthenticationTokenException");
}

// Lambda refusing the call, or not knowing the function, is a configuration error: 500.
bool is_configuration_error(const AwsError& error) {
    return error.code() == ErrorCode::AccessDenied || error.code() == ErrorCode::ResourceNotFound ||
           error.code() == ErrorCode::InvalidParameterValue || error.code() == ErrorCode::Validation;
}

}  // namespace

boost::asio::awaitable<http::Response> ExecuteApiRouter::serve_rest(http::Request& request,
                                                                    const ExecuteTarget& target) {
    auto [stage_name, path] = target.stage ? std::pair{*target.stage, target.path} : split_first_segment(target.path);
    std::optional<DeployedRestStage> stage = rest_.deployed_stage(target.api_id, stage_name);
    if (!stage) {
        co_return missing_token();
    }
    std::optional<ResourceMatch> match = match_resource(*stage->resources, request.method, path);
    if (!match) {
        co_return missing_token();
    }
    const std::optional<Integration>& integration = match->method->integration;
    std::string extended_id = random_gateway_request_id(random_);
    if (!integration || integration->type != "AWS_PROXY") {
        logger()->error("Execution failed: integration type {} is not supported by lemu rid={}",
                        integration ? integration->type : "none", request.request_id);
        co_return internal_error(500);
    }
    std::optional<std::string> function_arn =
        lambda_function_from_uri(substitute_stage_variables(integration->uri.value_or(""), stage->variables));
    std::string source_arn = rest_source_arn(rest_.home(), target.api_id, stage_name, match->method->http_method,
                                             match->resource->path);
    std::string context = execution::describe(request.request_id, target.api_id, stage_name,
                                              function_arn.value_or(""), source_arn);
    if (!function_arn || integration->http_method != "POST") {
        // Lambda is only reachable with POST; anything else fails like AWS (LS-APIGW non_post_method).
        logger()->warn("Execution failed due to configuration error: Invalid integration for Lambda {}", context);
        co_return internal_error(500);
    }

    EventContext event;
    event.home = rest_.home();
    event.api_id = target.api_id;
    event.stage = stage_name;
    event.domain_name = fmt::format("{}.execute-api.{}.amazonaws.com", target.api_id, rest_.home().region);
    event.request_id = request.request_id;
    event.extended_request_id = extended_id;
    event.path_parameters = match->path_parameters;
    event.stage_variables = stage->variables;
    event.deployment_id = stage->deployment_id;
    event.resource_id = match->resource->id;
    event.resource_path = match->resource->path;
    event.binary_media_types = stage->binary_media_types;

    invoke::InvokeCall call;
    call.function_name = *function_arn;
    call.payload = build_rest_event(execution::proxy_request(request, path, clock_.now()), event);
    call.caller.principal = execution::kPrincipal;
    call.caller.source_arn = source_arn;
    call.caller.source_account = rest_.home().account;
    call.caller.source = "apigateway";
    execution::Outcome outcome = co_await execution::invoke_function(invoker_, std::move(call));

    if (outcome.error && outcome.error->code() == ErrorCode::AccessDenied) {
        logger()->warn("Execution failed due to configuration error: Invalid permissions on Lambda function {}",
                       context);
        co_return internal_error(500);
    }
    if (outcome.error) {
        logger()->warn("Execution failed due to configuration error: {}: {} {}", outcome.error->name(),
                       outcome.error->message(), context);
        co_return internal_error(is_configuration_error(*outcome.error) ? 500 : 502);
    }
    if (!outcome.result) {
        logger()->error("Execution failed: {} {}", outcome.failure, context);
        co_return internal_error(502);
    }
    if (outcome.result->failed()) {
        logger()->warn("Lambda execution failed with status 200 due to customer function error: {} {}",
                       *outcome.result->function_error, context);
        co_return internal_error(502);
    }
    auto accept = request.header("Accept");
    bool binary = accept && matches_binary_media_type(*accept, stage->binary_media_types);
    MappedResult mapped = map_v1_result(outcome.result->payload, binary);
    if (!mapped.response) {
        logger()->warn("Execution failed due to configuration error: Malformed Lambda proxy response ({}) {}",
                       mapped.problem, context);
        co_return internal_error(502);
    }
    http::Response response = execution::to_http(std::move(*mapped.response));
    response.headers.set("x-amzn-RequestId", request.request_id);
    response.headers.set("x-amz-apigw-id", extended_id);
    co_return response;
}

}  // namespace lemu::routers::apigateway
