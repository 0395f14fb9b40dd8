#include "sources/esm/sqs_event.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "emulator/core/encoding.hpp"

namespace lemu::sources::esm {
namespace {

using Json = nlohmann::ordered_json;

// The order AWS writes the system attributes in (standard queues as recorded, FIFO as documented);
// any other attribute SQS returns follows in name order.
constexpr std::array<std::string_view, 8> kAttributeOrder{"ApproximateReceiveCount",
                                                          "SentTimestamp",
                                                          "SequenceNumber",
                                                          "MessageGroupId",
                                                          "SenderId",
                                                          "MessageDeduplicationId",
                                                          "ApproximateFirstReceiveTimestamp",
                                                          "AWSTraceHeader"};

Json system_attributes(const std::map<std::string, std::string>& attributes) {
    Json out = Json::object();
    for (std::string_view name : kAttributeOrder) {
        if (auto it = attributes.find(std::string(name)); it != attributes.end()) {
            out[it->first] = it->second;
        }
    }
    for (const auto& [name, value] : attributes) {
        if (!out.contains(name)) {
            out[name] = value;
        }
    }
    return out;
}

Json message_attributes(const sqs::MessageAttributes& attributes) {
    Json out = Json::object();
    for (const auto& [name, value] : attributes) {
        Json a = Json::object();
        if (value.string_value) {
            a["stringValue"] = *value.string_value;
        }
        if (value.binary_value) {
            a["binaryValue"] = base64_encode(*value.binary_value);
        }
        a["stringListValues"] = Json::array();
        a["binaryListValues"] = Json::array();
        a["dataType"] = value.data_type;
        out[name] = std::move(a);
    }
    return out;
}

}  // namespace

sqs::ReceiveRequest event_receive_request(int max_messages) {
    sqs::ReceiveRequest request;
    request.max_messages = max_messages;
    request.wait_seconds = 0;  // the poller long-polls through the QueueNotifier
    request.system_attribute_names = {"All"};
    request.attribute_names = {"All"};
    return request;
}

Json sqs_record(const sqs::ReceivedMessage& m, std::string_view queue_arn, std::string_view region) {
    Json record = Json::object();
    record["messageId"] = m.message_id;
    record["receiptHandle"] = m.receipt_handle;
    record["body"] = m.body;
    record["attributes"] = system_attributes(m.system_attributes);
    record["messageAttributes"] = message_attributes(m.attributes);
    record["md5OfMessageAttributes"] = m.md5_of_attributes ? Json(*m.md5_of_attributes) : Json(nullptr);
    record["md5OfBody"] = m.md5_of_body;
    record["eventSource"] = "aws:sqs";
    record["eventSourceARN"] = queue_arn;
    record["awsRegion"] = region;
    return record;
}

std::string build_sqs_event(const std::vector<sqs::ReceivedMessage>& messages, std::string_view queue_arn,
                            std::string_view region) {
    Json records = Json::array();
    for (const sqs::ReceivedMessage& m : messages) {
        records.push_back(sqs_record(m, queue_arn, region));
    }
    Json event = Json::object();
    event["Records"] = std::move(records);
    // SQS only stores valid XML characters, so the replacement never triggers for real messages.
    return event.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace lemu::sources::esm
