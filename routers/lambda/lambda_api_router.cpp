#include "routers/lambda/lambda_api_router.hpp"

#include <fmt/format.h>

#include <array>

#include "emulator/core/log.hpp"
#include "routers/lambda/json_input.hpp"

namespace lemu::routers::lambda {
namespace {

// Every API version prefix the botocore Lambda model uses, and lemu's own code download.
constexpr std::array<std::string_view, 17> kPrefixes = {
    "/2014-11-13/", "/2015-03-31/", "/2016-08-19/", "/2017-03-31/", "/2017-10-31/", "/2018-10-31/",
    "/2019-09-25/", "/2019-09-30/", "/2020-04-22/", "/2020-06-30/", "/2021-07-20/", "/2021-10-31/",
    "/2021-11-15/", "/2024-08-31/", "/2025-11-30/", "/2025-12-01/", "/_lemu/code/"};

bool signed_for_lambda(const http::Request& head) {
    std::optional<std::string_view> auth = head.header("Authorization");
    return auth && auth->find("/lambda/aws4_request") != std::string_view::npos;
}

// The errors AWS's model gives a capital "Message" member; the others use "message".
bool capital_message(ErrorCode code) {
    return code == ErrorCode::ResourceNotFound || code == ErrorCode::Service ||
           code == ErrorCode::AccessDenied;
}

// Errors AWS models for Lambda (and so sends with "Type"); framework errors carry only a message.
bool modelled(ErrorCode code) {
    switch (code) {
        case ErrorCode::ResourceNotFound:
        case ErrorCode::ResourceConflict:
        case ErrorCode::InvalidParameterValue:
        case ErrorCode::PreconditionFailed:
        case ErrorCode::TooManyRequests:
        case ErrorCode::InvalidRequestContent:
        case ErrorCode::RequestTooLarge:
        case ErrorCode::UnsupportedMediaType:
        case ErrorCode::ProvisionedConcurrencyConfigNotFound:
        case ErrorCode::Service:
            return true;
        default:
            return false;
    }
}

}  // namespace

LambdaApiRouter::LambdaApiRouter(LambdaContext context) : context_(context) {
    add_routes(routes_, context_);
}

bool LambdaApiRouter::matches(const http::Request& head) const {
    for (std::string_view prefix : kPrefixes) {
        if (head.path.starts_with(prefix)) {
            return true;
        }
    }
    return signed_for_lambda(head);
}

std::size_t LambdaApiRouter::body_limit(const http::Request& head) const {
    const http::Route* route = routes_.find(head);
    return route != nullptr && route->body_limit != 0 ? route->body_limit : kJsonBodyLimit;
}

AwsError LambdaApiRouter::body_too_large(const http::Request& head) const {
    const http::Route* route = routes_.find(head);
    const std::string operation = route != nullptr ? route->operation : std::string("requested");
    return AwsError(ErrorCode::RequestEntityTooLarge,
                    fmt::format("Request must be smaller than {} bytes for the {} operation",
                                body_limit(head), operation));
}

boost::asio::awaitable<http::Response> LambdaApiRouter::handle(http::Request& request) {
    const http::Route* route = routes_.bind(request);
    if (route == nullptr) {
        throw AwsError(ErrorCode::UnknownOperation,
                       fmt::format("No Lambda operation matches {} {}", request.method, request.path));
    }
    static const auto logger = log::get("lambda");
    if (logger->should_log(spdlog::level::debug)) {
        logger->debug("{} rid={}", route->operation, request.request_id);
    }
    co_return co_await route->handler(request);
}

http::Response LambdaApiRouter::render(const AwsError& error, const http::Request&) const {
    Json body = Json::object();
    // Extra members lead, as AWS writes them: {"Reason":"...","Type":"User","message":"Rate Exceeded."}.
    for (const auto& [name, value] : error.extra()) {
        body[name] = value;
    }
    if (modelled(error.code()) && !error.omit_type()) {
        body["Type"] = error.fault() == Fault::User ? "User" : "Service";
    }
    const char* key = capital_message(error.code()) ? "Message" : "message";
    if (error.message().empty() && error.code() == ErrorCode::AccessDenied) {
        body[key] = nullptr;  // AWS sends no text for a cross-account denial (§2.3)
    } else {
        body[key] = error.message();
    }
    // A message may quote the caller's bytes (a payload that is not UTF-8): replace, never throw.
    http::Response response =
        http::Response::json(error.http_status(), body.dump(-1, ' ', false, Json::error_handler_t::replace));
    response.headers.set("x-amzn-ErrorType", std::string(error.name()));
    return response;
}

}  // namespace lemu::routers::lambda
