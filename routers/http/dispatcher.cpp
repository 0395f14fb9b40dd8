#include "routers/http/dispatcher.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>

#include "emulator/core/log.hpp"

namespace lemu::http {
namespace {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("http");
    return instance;
}

// The shape for requests no router claims: rest-json, like the Lambda API.
Response render_fallback(const AwsError& error) {
    nlohmann::json body{{"Type", error.fault() == Fault::User ? "User" : "Service"}, {"message", error.message()}};
    Response r = Response::json(error.http_status(), body.dump());
    r.headers.set("x-amzn-ErrorType", std::string(error.name()));
    return r;
}

}  // namespace

Router* Dispatcher::route(const Request& head) const {
    if (head.endpoint_tag != kPublicEndpoint) {
        return environment_router_;
    }
    for (Router* router : public_routers_) {
        if (router->matches(head)) {
            return router;
        }
    }
    return nullptr;
}

std::size_t Dispatcher::body_limit(const Request& head) const {
    Router* router = route(head);
    return router == nullptr ? kDefaultBodyLimit : router->body_limit(head);
}

Response Dispatcher::render(const Router* router, const AwsError& error, const Request& request) const {
    Response response = router == nullptr ? render_fallback(error) : router->render(error, request);
    if (!response.headers.has("x-amzn-RequestId")) {
        response.headers.set("x-amzn-RequestId", request.request_id);
    }
    return response;
}

Response Dispatcher::body_too_large(Request& head) const {
    head.request_id = new_uuid(random_);
    Router* router = route(head);
    AwsError error = router == nullptr ? AwsError(ErrorCode::RequestEntityTooLarge, "Request entity too large")
                                       : router->body_too_large(head);
    Response response = render(router, error, head);
    response.close = true;
    logger()->info("{} {} -> {} (body over limit) rid={}", head.method, head.target, response.status,
                   head.request_id);
    return response;
}

boost::asio::awaitable<Response> Dispatcher::dispatch(Request& request) const {
    auto started = std::chrono::steady_clock::now();
    if (request.request_id.empty()) {
        request.request_id = new_uuid(random_);
    }
    Router* router = route(request);
    Response response;
    try {
        if (router == nullptr) {
            throw AwsError(ErrorCode::UnknownOperation,
                           fmt::format("No service handles {} {}", request.method, request.path));
        }
        response = co_await router->handle(request);
        if (!response.headers.has("x-amzn-RequestId")) {
            response.headers.set("x-amzn-RequestId", request.request_id);
        }
    } catch (const AwsError& error) {
        response = render(router, error, request);
    } catch (const std::exception& e) {
        logger()->error("{} {} failed: {} rid={}", request.method, request.path, e.what(), request.request_id);
        response = render(router, AwsError(ErrorCode::Service, "An internal error occurred."), request);
    }
    if (logger()->should_log(spdlog::level::debug)) {
        auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        logger()->debug("{} {} {} -> {} {:.2f} ms rid={}", request.endpoint_tag, request.method, request.target,
                        response.status, ms, request.request_id);
    }
    co_return response;
}

}  // namespace lemu::http
