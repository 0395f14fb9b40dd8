#pragma once
// What the Runtime API sees of one execution environment. The RuntimeApiRouter (runtime-api/) finds
// the channel of the endpoint a connection arrived on and translates HTTP into these calls, so an
// environment can only ever see its own events. Plain data in, plain data out; the router renders.

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/invoke/limits.hpp"

namespace lemu::invoke {

// One invocation as GET /next delivers it (runtime.md §1.A fact 4).
struct NextEvent {
    std::string request_id;
    std::int64_t deadline_ms = 0;  // absolute, Unix epoch milliseconds
    std::string invoked_function_arn;
    std::string trace_id;
    std::optional<std::string> client_context;    // decoded JSON
    std::optional<std::string> cognito_identity;  // JSON
    std::string payload;
};

enum class RuntimeReplyKind {
    Accepted,                // 202 {"status":"OK"}
    InvalidRequestId,        // 400 InvalidRequestID
    InvalidStateTransition,  // 403, message from transition_error_message()
    TooLarge,  // 413 RequestEntityTooLarge (the invocation failed with Function.ResponseSizeTooLarge)
    InvalidResponseMode,  // 400 InvalidFunctionResponseMode
    Gone,                 // 500: the environment is shutting down; the runtime should exit
};

struct RuntimeReply {
    RuntimeReplyKind kind = RuntimeReplyKind::Accepted;
    std::string message;  // for InvalidStateTransition
};

// The outcome of GET /next: an event, or a reply that rejects the call.
struct NextOutcome {
    std::optional<NextEvent> event;
    RuntimeReply reply;  // meaningful when !event
};

// An error the runtime reported, as the router decoded it from the wire.
struct RuntimeErrorReport {
    std::string body;          // what the caller will see (errorCause already stripped)
    std::string content_type;  // of the body
    std::string error_type;    // the normalised Lambda-Runtime-Function-Error-Type (for logs)
};

class RuntimeChannel {
public:
    virtual ~RuntimeChannel() = default;

    // GET /next: completes when an invocation is dispatched to this environment (no timeout).
    virtual boost::asio::awaitable<NextOutcome> next() = 0;
    // POST /invocation/{id}/response.
    virtual RuntimeReply respond(std::string_view request_id, std::string body, std::string content_type) = 0;
    // POST /invocation/{id}/error.
    virtual RuntimeReply report_error(std::string_view request_id, RuntimeErrorReport report) = 0;
    // POST /init/error.
    virtual RuntimeReply init_error(RuntimeErrorReport report) = 0;
    // A /response whose body exceeded kMaxResponseBytes (the body was never read).
    virtual RuntimeReply response_too_large(std::string_view request_id) = 0;
    // A /response with a Lambda-Runtime-Function-Response-Mode other than "streaming".
    virtual RuntimeReply invalid_response_mode(std::string_view request_id) = 0;
};

}  // namespace lemu::invoke
