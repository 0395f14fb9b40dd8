// QueueStore's batch calls: SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch. The
// whole request is checked first (entry count, ids, FIFO parameters, total size); then each entry
// succeeds or fails on its own.
#include <fmt/format.h>

#include <set>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"
#include "sources/sqs/queue.hpp"
#include "sources/sqs/queue_store.hpp"

namespace lemu::sources::sqs {
namespace {

[[noreturn]] void invalid(std::string message) {
    throw AwsError(ErrorCode::SqsInvalidParameterValue, std::move(message));
}

bool valid_entry_id(std::string_view id) {
    bool ok = !id.empty() && id.size() <= 80;
    for (char c : id) {
        ok = ok && (is_alnum(c) || c == '-' || c == '_');
    }
    return ok;
}

// The checks every batch call makes before touching any entry.
template <class Entry>
void validate_batch(const std::vector<Entry>& entries, std::string_view entry_kind) {
    if (entries.empty()) {
        throw AwsError(ErrorCode::EmptyBatchRequest,
                       fmt::format("There should be at least one {} in the request.", entry_kind));
    }
    if (entries.size() > kMaxBatchEntries) {
        throw AwsError(ErrorCode::TooManyEntriesInBatchRequest,
                       fmt::format("Maximum number of entries per request are {}. You have sent {}.", kMaxBatchEntries,
                                   entries.size()));
    }
    std::set<std::string_view> seen;
    for (const Entry& entry : entries) {
        if (!valid_entry_id(entry.id)) {
            throw AwsError(ErrorCode::InvalidBatchEntryId,
                           "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It "
                           "can be at most 80 letters long.");
        }
    }
    for (const Entry& entry : entries) {
        if (!seen.insert(entry.id).second) {
            throw AwsError(ErrorCode::BatchEntryIdsNotDistinct, fmt::format("Id {} repeated.", entry.id));
        }
    }
}

BatchFailure failure(const std::string& id, const AwsError& error) {
    return BatchFailure{id, error.fault() == Fault::User, std::string(error.name()), error.message()};
}

}  // namespace

BatchResult<SendResult> QueueStore::send_batch(std::string_view name, std::vector<SendBatchEntry> entries) {
    BatchResult<SendResult> result;
    {
        std::lock_guard lock(mutex_);
        Queue& q = require(name);
        validate_batch(entries, "SendMessageBatchRequestEntry");
        std::size_t total = 0;
        for (const SendBatchEntry& e : entries) {
            if (q.config().fifo && !e.request.group_id) {
                invalid("The request must contain the parameter MessageGroupId.");
            }
            if (q.config().fifo && !e.request.deduplication_id && !q.config().content_based_deduplication) {
                invalid("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId "
                        "provided explicitly");
            }
            total += e.request.body.size() + attributes_size(e.request.attributes);
        }
        if (total > kMaxBatchBytes) {
            throw AwsError(ErrorCode::BatchRequestTooLong,
                           fmt::format("Batch requests cannot be longer than {} bytes. You have sent {} bytes.",
                                       kMaxBatchBytes, total));
        }
        const TimePoint now = clock_.now();
        for (std::size_t i = 0; i < entries.size(); ++i) {
            SendBatchEntry& e = entries[i];
            if (e.request.body.empty()) {
                result.failed.push_back({e.id, true, "MissingParameter",
                                         fmt::format("The request must contain the parameter "
                                                     "SendMessageBatchRequestEntry.{}.MessageBody.",
                                                     i + 1)});
                continue;
            }
            try {
                result.successful.emplace_back(e.id, q.send(std::move(e.request), now, random_));
            } catch (const AwsError& error) {
                result.failed.push_back(failure(e.id, error));
            }
        }
    }
    if (!result.successful.empty()) {
        notify(name, QueueEvent::MessagesAvailable);
    }
    return result;
}

BatchResult<Nothing> QueueStore::delete_batch(std::string_view name, const std::vector<HandleBatchEntry>& entries) {
    BatchResult<Nothing> result;
    {
        std::lock_guard lock(mutex_);
        Queue& q = require(name);
        validate_batch(entries, "DeleteMessageBatchRequestEntry");
        const TimePoint now = clock_.now();
        for (const HandleBatchEntry& e : entries) {
            try {
                if (trim(e.receipt_handle).empty()) {
                    throw AwsError(ErrorCode::SqsMissingParameter,
                                   "The request must contain the parameter ReceiptHandle.");
                }
                q.delete_message(e.receipt_handle, now);
                result.successful.emplace_back(e.id, Nothing{});
            } catch (const AwsError& error) {
                result.failed.push_back(failure(e.id, error));
            }
        }
    }
    notify(name, QueueEvent::VisibilityChanged);
    return result;
}

BatchResult<Nothing> QueueStore::change_visibility_batch(std::string_view name,
                                                         const std::vector<HandleBatchEntry>& entries) {
    BatchResult<Nothing> result;
    {
        std::lock_guard lock(mutex_);
        Queue& q = require(name);
        validate_batch(entries, "ChangeMessageVisibilityBatchRequestEntry");
        const TimePoint now = clock_.now();
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const HandleBatchEntry& e = entries[i];
            try {
                if (trim(e.receipt_handle).empty()) {
                    throw AwsError(ErrorCode::SqsMissingParameter,
                                   "The request must contain the parameter ReceiptHandle.");
                }
                if (!e.visibility_timeout) {
                    throw AwsError(ErrorCode::SqsMissingParameter,
                                   fmt::format("The request must contain the parameter "
                                               "ChangeMessageVisibilityBatchRequestEntry.{}.VisibilityTimeout.",
                                               i + 1));
                }
                q.change_visibility(e.receipt_handle, *e.visibility_timeout, now);
                result.successful.emplace_back(e.id, Nothing{});
            } catch (const AwsError& error) {
                result.failed.push_back(failure(e.id, error));
            }
        }
    }
    notify(name, QueueEvent::VisibilityChanged);
    return result;
}

}  // namespace lemu::sources::sqs
