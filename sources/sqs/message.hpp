#pragma once
// The values that go in and out of a queue: what a sender gives, what a receiver gets, and the
// per-entry outcome of batch calls. Plain data; QueueStore implements the semantics.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sources/sqs/message_attributes.hpp"

namespace lemu::sources::sqs {

struct SendRequest {
    std::string body;
    std::optional<int> delay_seconds;  // absent: the queue's DelaySeconds
    MessageAttributes attributes;
    MessageAttributes system_attributes;  // AWSTraceHeader only
    std::optional<std::string> deduplication_id;
    std::optional<std::string> group_id;
    std::string sender_id;  // recorded as the SenderId system attribute
};

struct SendResult {
    std::string message_id;
    std::string md5_of_body;
    std::optional<std::string> md5_of_attributes;
    std::optional<std::string> md5_of_system_attributes;
    std::optional<std::string> sequence_number;  // FIFO only
};

struct ReceiveRequest {
    std::optional<int> max_messages;        // 1-10, default 1
    std::optional<int> visibility_timeout;  // 0-43200, default: the queue's VisibilityTimeout
    std::optional<int> wait_seconds;        // 0-20, default: the queue's ReceiveMessageWaitTimeSeconds
    std::vector<std::string> system_attribute_names;  // "All" or names such as "ApproximateReceiveCount"
    std::vector<std::string> attribute_names;         // "All", ".*", names, "prefix.*"
};

struct ReceivedMessage {
    std::string message_id;
    std::string receipt_handle;
    std::string body;
    std::string md5_of_body;
    std::map<std::string, std::string> system_attributes;  // only the requested ones
    MessageAttributes attributes;                         // only the requested ones
    std::optional<std::string> md5_of_attributes;         // digest of `attributes` as returned
};

struct ReceiveResult {
    std::vector<ReceivedMessage> messages;
    int wait_seconds = 0;  // the effective long-poll time for this request (validated)
};

// One entry of a batch call that failed on its own; the call itself succeeded.
struct BatchFailure {
    std::string id;
    bool sender_fault = true;
    std::string code;  // e.g. "ReceiptHandleIsInvalid", "InvalidParameterValue"
    std::string message;
};

template <class T>
struct BatchResult {
    std::vector<std::pair<std::string, T>> successful;  // (entry id, result) in request order
    std::vector<BatchFailure> failed;
};

struct Nothing {};

struct SendBatchEntry {
    std::string id;
    SendRequest request;
};

struct HandleBatchEntry {
    std::string id;
    std::string receipt_handle;
    std::optional<int> visibility_timeout;  // ChangeMessageVisibilityBatch only
};

}  // namespace lemu::sources::sqs
