#include "runtime-api/rendering.hpp"

#include <fmt/format.h>

#include "emulator/invoke/function_errors.hpp"
#include "runtime-api/runtime_headers.hpp"

namespace lemu::runtime_api {

http::Response render_accepted() {
    return http::Response::json(202, "{\"status\":\"OK\"}\n");
}

http::Response render_error(int status, std::string_view error_type, std::string_view message) {
    return http::Response::json(
        status, fmt::format("{{\"errorMessage\":{},\"errorType\":{}}}\n", invoke::json_quote(message),
                            invoke::json_quote(error_type)));
}

http::Response render_invalid_request_id() {
    return render_error(400, "InvalidRequestID", "Invalid request ID");
}

http::Response render_too_large() {
    return render_error(
        413, "RequestEntityTooLarge",
        fmt::format("Exceeded maximum allowed payload size ({} bytes).", invoke::kMaxResponseBytes));
}

http::Response render_internal_error() {
    http::Response r = render_error(500, "InternalServerError", "Internal Server Error");
    r.close = true;
    return r;
}

http::Response render_reply(const invoke::RuntimeReply& reply) {
    using Kind = invoke::RuntimeReplyKind;
    switch (reply.kind) {
        case Kind::Accepted:
            return render_accepted();
        case Kind::InvalidRequestId:
            return render_invalid_request_id();
        case Kind::InvalidStateTransition:
            return render_error(403, "InvalidStateTransition", reply.message);
        case Kind::TooLarge:
            return render_too_large();
        case Kind::InvalidResponseMode:
            return render_error(400, "InvalidFunctionResponseMode", "Invalid function response mode");
        case Kind::Gone:
            break;
    }
    return render_internal_error();
}

http::Response render_event(invoke::NextEvent&& event) {
    http::Response r;
    r.status = 200;
    auto set_if = [&r](std::string_view name, std::string value) {
        if (!value.empty()) {
            r.headers.add(name, std::move(value));
        }
    };
    set_if(kRequestIdHeader, std::move(event.request_id));
    set_if(kTraceIdHeader, std::move(event.trace_id));
    set_if(kClientContextHeader, event.client_context.value_or(std::string()));
    set_if(kCognitoIdentityHeader, event.cognito_identity.value_or(std::string()));
    set_if(kFunctionArnHeader, std::move(event.invoked_function_arn));
    set_if(kDeadlineMsHeader, std::to_string(event.deadline_ms));
    r.headers.add(kContentTypeHeader, std::string(kJsonContentType));
    r.body = std::move(event.payload);
    return r;
}

}  // namespace lemu::runtime_api
