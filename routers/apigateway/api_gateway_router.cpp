#include "routers/apigateway/api_gateway_router.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "routers/apigateway/sigv4_scope.hpp"

namespace lemu::routers::apigateway {
namespace {

constexpr std::string_view kScope = "apigateway";

bool under(std::string_view path, std::string_view prefix) {
    return path == prefix || path.starts_with(std::string(prefix) + "/");
}

}  // namespace

ApiGatewayRouter::ApiGatewayRouter(sources::apigateway::RestApiStore& rest,
                                   sources::apigateway::HttpApiStore& http, invoke::FunctionInvoker* invoker,
                                   Clock& clock, Random& random)
    : rest_(rest), http_(http), invoker_(invoker), clock_(clock), random_(random) {
    add_rest_routes();
    add_http_routes();
}

http::Handler ApiGatewayRouter::op(Operation operation) {
    return [this, operation](http::Request& request) -> boost::asio::awaitable<http::Response> {
        co_return (this->*operation)(request);
    };
}

bool ApiGatewayRouter::matches(const http::Request& head) const {
    bool our_path = under(head.path, "/restapis") || under(head.path, "/v2/apis");
    if (auto service = sigv4_service(head)) {
        return *service == kScope;
    }
    return our_path && !head.headers.has("Authorization");
}

boost::asio::awaitable<http::Response> ApiGatewayRouter::handle(http::Request& request) {
    const http::Route* route = routes_.bind(request);
    if (route == nullptr) {
        throw AwsError(
            ErrorCode::UnknownOperation,
            fmt::format("lemu does not implement {} {} of API Gateway", request.method, request.path));
    }
    co_return co_await route->handler(request);
}

http::Response ApiGatewayRouter::render(const AwsError& error, const http::Request&) const {
    http::Response response =
        http::Response::json(error.http_status(), nlohmann::json{{"message", error.message()}}.dump());
    response.headers.set("x-amzn-ErrorType", std::string(error.name()));
    return response;
}

}  // namespace lemu::routers::apigateway
