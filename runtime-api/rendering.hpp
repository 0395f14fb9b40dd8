#pragma once
// Every Runtime API reply body, as RIE renders them (rapi/rendering): JSON followed by a newline,
// Content-Type application/json; errors are {"errorMessage":"…","errorType":"…"}.

#include <string_view>

#include "emulator/invoke/runtime_channel.hpp"
#include "routers/http/response.hpp"

namespace lemu::runtime_api {

http::Response render_accepted();
http::Response render_error(int status, std::string_view error_type, std::string_view message);
http::Response render_invalid_request_id();
http::Response render_too_large();
http::Response render_internal_error();
// The answer to POST /response, /error or /init/error.
http::Response render_reply(const invoke::RuntimeReply& reply);
// GET /next: the event's headers (only the non-empty ones) and its payload as the body.
http::Response render_event(invoke::NextEvent&& event);

}  // namespace lemu::runtime_api
