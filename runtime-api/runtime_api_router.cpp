#include "runtime-api/runtime_api_router.hpp"

#include "emulator/core/log.hpp"
#include "emulator/core/text.hpp"
#include "runtime-api/error_report.hpp"
#include "runtime-api/rendering.hpp"
#include "runtime-api/runtime_headers.hpp"

namespace lemu::runtime_api {
namespace {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("runtime");
    return instance;
}

// The {AwsRequestId} of a .../invocation/{id}/response path, read without binding the route.
std::string_view request_id_of(std::string_view path) {
    constexpr std::string_view kPrefix = "/2018-06-01/runtime/invocation/";
    if (!path.starts_with(kPrefix)) {
        return {};
    }
    path.remove_prefix(kPrefix.size());
    return path.substr(0, path.find('/'));
}

}  // namespace

RuntimeApiRouter::RuntimeApiRouter(const ChannelDirectory& directory)
    : directory_(directory), routes_(runtime_routes(*this)) {}

std::size_t RuntimeApiRouter::body_limit(const http::Request& head) const {
    const http::Route* route = routes_.find(head);
    return route != nullptr && route->body_limit != 0 ? route->body_limit : http::kDefaultBodyLimit;
}

AwsError RuntimeApiRouter::body_too_large(const http::Request& head) const {
    const http::Route* route = routes_.find(head);
    auto channel = directory_.find(head.endpoint_tag);
    if (route == nullptr || route->operation != "Response" || channel == nullptr) {
        return AwsError(ErrorCode::RequestEntityTooLarge, "Request entity too large");
    }
    invoke::RuntimeReply reply = channel->response_too_large(request_id_of(head.path));
    switch (reply.kind) {
        case invoke::RuntimeReplyKind::InvalidRequestId:
            return AwsError(ErrorCode::InvalidRequestContent, "Invalid request ID")
                .with("errorType", "InvalidRequestID");
        case invoke::RuntimeReplyKind::InvalidStateTransition:
            return AwsError(ErrorCode::AccessDenied, reply.message)
                .with("errorType", "InvalidStateTransition");
        case invoke::RuntimeReplyKind::Gone:
            return AwsError(ErrorCode::Service, "Internal Server Error");
        default:
            return AwsError(ErrorCode::RequestEntityTooLarge, "Exceeded maximum allowed payload size (" +
                                                                  std::to_string(invoke::kMaxResponseBytes) +
                                                                  " bytes).")
                .with("errorType", "RequestEntityTooLarge");
    }
}

http::Response RuntimeApiRouter::render(const AwsError& error, const http::Request&) const {
    if (error.http_status() >= 500) {
        return render_internal_error();
    }
    auto type = error.extra().find("errorType");
    return render_error(error.http_status(),
                        type != error.extra().end() ? type->second : std::string(error.name()),
                        error.message());
}

boost::asio::awaitable<http::Response> RuntimeApiRouter::handle(http::Request& request) {
    const http::Route* route = routes_.bind(request);
    if (route == nullptr) {
        // chi's answers, as RIE gives them for paths it does not serve.
        if (routes_.path_known(request)) {
            co_return http::Response::empty(405);
        }
        co_return http::Response::text(404, "404 page not found\n", "text/plain; charset=utf-8");
    }
    co_return co_await route->handler(request);
}

boost::asio::awaitable<http::Response> RuntimeApiRouter::next(http::Request& request) {
    auto channel = directory_.find(request.endpoint_tag);
    if (channel == nullptr) {
        co_return render_internal_error();
    }
    invoke::NextOutcome outcome = co_await channel->next();
    if (!outcome.event) {
        co_return render_reply(outcome.reply);
    }
    co_return render_event(std::move(*outcome.event));
}

boost::asio::awaitable<http::Response> RuntimeApiRouter::response(http::Request& request) {
    auto channel = directory_.find(request.endpoint_tag);
    if (channel == nullptr) {
        co_return render_internal_error();
    }
    const std::string& id = request.param("AwsRequestId");
    if (auto mode = request.header(kFunctionResponseModeHeader); mode && *mode != kStreamingResponseMode) {
        co_return render_reply(channel->invalid_response_mode(id));
    }
    std::string content_type(request.header(kContentTypeHeader).value_or(kJsonContentType));
    co_return render_reply(channel->respond(id, std::move(request.body), std::move(content_type)));
}

boost::asio::awaitable<http::Response> RuntimeApiRouter::error(http::Request& request) {
    auto channel = directory_.find(request.endpoint_tag);
    if (channel == nullptr) {
        co_return render_internal_error();
    }
    invoke::RuntimeErrorReport report = decode_error_report(request);
    co_return render_reply(channel->report_error(request.param("AwsRequestId"), std::move(report)));
}

boost::asio::awaitable<http::Response> RuntimeApiRouter::init_error(http::Request& request) {
    auto channel = directory_.find(request.endpoint_tag);
    if (channel == nullptr) {
        co_return render_internal_error();
    }
    invoke::RuntimeErrorReport report = decode_error_report(request);
    logger()->debug("{} init error {}", request.endpoint_tag, report.error_type);
    co_return render_reply(channel->init_error(std::move(report)));
}

boost::asio::awaitable<http::Response> RuntimeApiRouter::ping(http::Request&) {
    co_return http::Response::text(200, "pong", "text/plain; charset=utf-8");
}

}  // namespace lemu::runtime_api
