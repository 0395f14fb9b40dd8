// ExecuteApiRouter: the REST API data plane (payload 1.0, AWS_PROXY to Lambda).

#include <fmt/format.h>

#include "routers/apigateway/execute_api_router.hpp"
#include "routers/apigateway/execution.hpp"
#include "routers/apigateway/rest_integration.hpp"
#include "sources/apigateway/ids.hpp"
#include "sources/apigateway/integration_target.hpp"
#include "sources/apigateway/resource_matcher.hpp"

namespace lemu::routers::apigateway {
namespace {

using namespace sources::apigateway;

http::Response missing_token() {
    return execution::gateway_response(403, R"({"message":"Missing Authentication Token"})",
                                       "MissingAuthenticationTokenException");
}

}  // namespace

boost::asio::awaitable<http::Response> ExecuteApiRouter::serve_rest(http::Request& request,
                                                                    const ExecuteTarget& target) {
    auto [stage_name, path] =
        target.stage ? std::pair{*target.stage, target.path} : split_first_segment(target.path);
    // `stage` holds the deployed tree that `match` points into across the invocation.
    std::optional<DeployedRestStage> stage = rest_.deployed_stage(target.api_id, stage_name);
    if (!stage) {
        co_return missing_token();
    }
    std::optional<ResourceMatch> match = match_resource(*stage->resources, request.method, path);
    if (!match) {
        co_return missing_token();
    }
    RestIntegrationCall call;
    call.api_id = target.api_id;
    call.stage = stage_name;
    call.resource = match->resource;
    call.method = match->method;
    call.path_parameters = match->path_parameters;
    call.stage_variables = stage->variables;
    call.binary_media_types = stage->binary_media_types;
    call.request = execution::proxy_request(request, path, clock_.now());
    call.event.domain_name =
        fmt::format("{}.execute-api.{}.amazonaws.com", target.api_id, rest_.home().region);
    call.event.request_id = request.request_id;
    call.event.extended_request_id = random_gateway_request_id(random_);
    call.event.deployment_id = stage->deployment_id;
    std::string extended_id = call.event.extended_request_id;
    std::string method_name = match->method->http_method;

    RestIntegrationResult result =
        co_await run_rest_integration(std::move(call), invoker_, rest_.home(), clock_);
    if (!result.failure.empty()) {
        execution::logger()->warn("{} method={} resource={} {}", result.failure, method_name,
                                  match->resource->path,
                                  execution::describe(request.request_id, target.api_id, stage_name,
                                                      result.function_arn, result.source_arn));
    }
    http::Response response = execution::to_http(std::move(result.response));
    response.headers.set("x-amzn-RequestId", request.request_id);
    response.headers.set("x-amz-apigw-id", extended_id);
    co_return response;
}

}  // namespace lemu::routers::apigateway
