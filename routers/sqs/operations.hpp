#pragma once
// The SQS operations as protocol-neutral handlers: JSON 1.0 input in, JSON 1.0 output out. The router
// picks one from the table in routes.cpp; the query protocol is translated around it.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "sources/sqs/queue_store.hpp"

namespace lemu::routers::sqs {

struct OperationContext {
    sources::sqs::QueueStore& store;
    std::string base_url;      // http://HOST:PORT the request came to, for queue URLs
    std::string queue_path;    // query protocol: the queue the request was POSTed to ("" for /)
    std::string trace_header;  // X-Amzn-Trace-Id, recorded as AWSTraceHeader
};

using OperationHandler = nlohmann::json (*)(OperationContext& context, const nlohmann::json& input);

struct Operation {
    std::string_view name;
    OperationHandler handler;  // nullptr for ReceiveMessage, which the router runs (it may long-poll)
    bool has_result;           // the query protocol wraps a <NameResult> element
};

// nullptr for an unknown operation.
const Operation* find_operation(std::string_view name);

// The queue an operation addresses: QueueUrl, else the queue path the query request was sent to.
std::string target_queue(const OperationContext& context, const nlohmann::json& input);

// Handlers, grouped by resource (queues.cpp, messages.cpp).
nlohmann::json create_queue(OperationContext& c, const nlohmann::json& in);
nlohmann::json get_queue_url(OperationContext& c, const nlohmann::json& in);
nlohmann::json list_queues(OperationContext& c, const nlohmann::json& in);
nlohmann::json delete_queue(OperationContext& c, const nlohmann::json& in);
nlohmann::json get_queue_attributes(OperationContext& c, const nlohmann::json& in);
nlohmann::json set_queue_attributes(OperationContext& c, const nlohmann::json& in);
nlohmann::json purge_queue(OperationContext& c, const nlohmann::json& in);
nlohmann::json list_dead_letter_source_queues(OperationContext& c, const nlohmann::json& in);
nlohmann::json tag_queue(OperationContext& c, const nlohmann::json& in);
nlohmann::json untag_queue(OperationContext& c, const nlohmann::json& in);
nlohmann::json list_queue_tags(OperationContext& c, const nlohmann::json& in);
nlohmann::json add_permission(OperationContext& c, const nlohmann::json& in);
nlohmann::json remove_permission(OperationContext& c, const nlohmann::json& in);
nlohmann::json start_message_move_task(OperationContext& c, const nlohmann::json& in);
nlohmann::json list_message_move_tasks(OperationContext& c, const nlohmann::json& in);
nlohmann::json cancel_message_move_task(OperationContext& c, const nlohmann::json& in);

nlohmann::json send_message(OperationContext& c, const nlohmann::json& in);
nlohmann::json send_message_batch(OperationContext& c, const nlohmann::json& in);
nlohmann::json delete_message(OperationContext& c, const nlohmann::json& in);
nlohmann::json delete_message_batch(OperationContext& c, const nlohmann::json& in);
nlohmann::json change_message_visibility(OperationContext& c, const nlohmann::json& in);
nlohmann::json change_message_visibility_batch(OperationContext& c, const nlohmann::json& in);

}  // namespace lemu::routers::sqs
