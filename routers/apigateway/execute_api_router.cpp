#include "routers/apigateway/execute_api_router.hpp"

#include <nlohmann/json.hpp>

#include "routers/apigateway/execution.hpp"

namespace lemu::routers::apigateway {

ExecuteApiRouter::ExecuteApiRouter(sources::apigateway::RestApiStore& rest,
                                   sources::apigateway::HttpApiStore& http, invoke::FunctionInvoker* invoker,
                                   Clock& clock, Random& random)
    : rest_(rest), http_(http), invoker_(invoker), clock_(clock), random_(random) {
    if (invoker_ == nullptr) {
        execution::logger()->warn("no function invoker wired: API Gateway integrations will answer 500");
    }
}

bool ExecuteApiRouter::matches(const http::Request& head) const {
    return parse_execute_target(head).has_value();
}

boost::asio::awaitable<http::Response> ExecuteApiRouter::handle(http::Request& request) {
    std::optional<ExecuteTarget> target = parse_execute_target(request);
    if (target && rest_.has_api(target->api_id)) {
        co_return co_await serve_rest(request, *target);
    }
    if (target && http_.has_api(target->api_id)) {
        co_return co_await serve_http(request, *target);
    }
    // What LocalStack answers for an id no API has (sources.md fact 56); AWS has no such host.
    std::string id = target ? target->api_id : std::string();
    co_return execution::gateway_response(
        404,
        nlohmann::json{
            {"message", "The API id '" + id + "' does not correspond to a deployed API Gateway API"}}
            .dump(),
        "");
}

http::Response ExecuteApiRouter::render(const AwsError& error, const http::Request&) const {
    return execution::gateway_response(error.http_status(),
                                       nlohmann::json{{"message", error.message()}}.dump(), error.name());
}

}  // namespace lemu::routers::apigateway
