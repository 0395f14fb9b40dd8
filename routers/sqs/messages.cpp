// Codec and handler of each message-level operation: JSON 1.0 members in, QueueStore calls, JSON 1.0
// members out. ReceiveMessage lives in the router: it may long-poll.
#include "emulator/core/aws_error.hpp"
#include "routers/sqs/codec.hpp"
#include "routers/sqs/operations.hpp"

namespace lemu::routers::sqs {

using nlohmann::json;
using namespace lemu::sources::sqs;

namespace {

void stamp(const OperationContext& c, SendRequest& r) {
    r.sender_id = c.store.home().account;
    if (!c.trace_header.empty() && !r.system_attributes.contains("AWSTraceHeader")) {
        MessageAttributeValue trace;
        trace.data_type = "String";
        trace.string_value = c.trace_header;
        // Recorded like AWS does, but not part of the digest the sender computed.
        r.system_attributes.emplace("AWSTraceHeader", std::move(trace));
    }
}

}  // namespace

json send_message(OperationContext& c, const json& in) {
    std::string queue = target_queue(c, in);
    SendRequest r = decode_send(in);
    const bool explicit_trace = r.system_attributes.contains("AWSTraceHeader");
    stamp(c, r);
    SendResult sent = c.store.send(queue, std::move(r));
    if (!explicit_trace) {
        sent.md5_of_system_attributes.reset();
    }
    return encode(sent);
}

json send_message_batch(OperationContext& c, const json& in) {
    std::string queue = target_queue(c, in);
    auto entries = decode_send_entries(in);
    for (SendBatchEntry& e : entries) {
        e.request.sender_id = c.store.home().account;
    }
    return encode_batch(c.store.send_batch(queue, std::move(entries)));
}

json delete_message(OperationContext& c, const json& in) {
    std::string queue = target_queue(c, in);
    c.store.delete_message(queue, required_string(in, "ReceiptHandle"));
    return json::object();
}

json delete_message_batch(OperationContext& c, const json& in) {
    std::string queue = target_queue(c, in);
    return encode_batch(c.store.delete_batch(queue, decode_handle_entries(in)));
}

json change_message_visibility(OperationContext& c, const json& in) {
    std::string queue = target_queue(c, in);
    std::string handle = required_string(in, "ReceiptHandle");
    auto timeout = optional_int(in, "VisibilityTimeout");
    if (!timeout) {
        throw AwsError(ErrorCode::SqsMissingParameter, "The request must contain the parameter VisibilityTimeout.");
    }
    c.store.change_visibility(queue, handle, *timeout);
    return json::object();
}

json change_message_visibility_batch(OperationContext& c, const json& in) {
    std::string queue = target_queue(c, in);
    return encode_batch(c.store.change_visibility_batch(queue, decode_handle_entries(in)));
}

}  // namespace lemu::routers::sqs
