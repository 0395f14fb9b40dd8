#pragma once
// The event an SQS mapping hands its function: one record per received message, shaped and ordered as
// AWS records it (sources.md fact 27):
//   {"Records":[{"messageId","receiptHandle","body","attributes":{ApproximateReceiveCount, SentTimestamp,
//     SenderId, ApproximateFirstReceiveTimestamp (+ FIFO: SequenceNumber, MessageGroupId,
//     MessageDeduplicationId; AWSTraceHeader when sent)},"messageAttributes":{name:{stringValue|binaryValue,
//     "stringListValues":[],"binaryListValues":[],"dataType"}},"md5OfMessageAttributes":<hex>|null,
//     "md5OfBody","eventSource":"aws:sqs","eventSourceARN","awsRegion"}]}
// Binary attribute values are base64, as in the Lambda event.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sources/sqs/message.hpp"

namespace lemu::sources::esm {

// What the poller asks the queue for: every system attribute and every message attribute.
sqs::ReceiveRequest event_receive_request(int max_messages);

// One record of the event (also what FilterCriteria patterns are matched against).
nlohmann::ordered_json sqs_record(const sqs::ReceivedMessage& message, std::string_view queue_arn,
                                  std::string_view region);

// The JSON text of the event for `messages` (received with event_receive_request()).
std::string build_sqs_event(const std::vector<sqs::ReceivedMessage>& messages, std::string_view queue_arn,
                            std::string_view region);

}  // namespace lemu::sources::esm
