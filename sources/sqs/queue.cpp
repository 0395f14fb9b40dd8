#include "sources/sqs/queue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "sources/sqs/receipt_handle.hpp"

namespace lemu::sources::sqs {
namespace {

using std::chrono::seconds;

constexpr seconds kDeduplicationWindow{300};
constexpr seconds kPurgeInterval{60};
constexpr std::uint64_t kSequenceBase = 10'000'000'000'000'000'000ULL;  // 20 digits, like AWS's

[[noreturn]] void invalid(std::string message) {
    throw AwsError(ErrorCode::SqsInvalidParameterValue, std::move(message));
}

[[noreturn]] void invalid_handle(std::string_view handle) {
    throw AwsError(ErrorCode::ReceiptHandleIsInvalid,
                   fmt::format("The input receipt handle \"{}\" is not a valid receipt handle.", handle));
}

[[noreturn]] void expired_handle(std::string_view handle) {
    invalid(fmt::format("Value {} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.",
                        handle));
}

// MessageGroupId / MessageDeduplicationId: 1-128 alphanumeric or punctuation characters.
void validate_fifo_id(const std::optional<std::string>& id, std::string_view parameter) {
    if (!id) {
        return;
    }
    bool ok = !id->empty() && id->size() <= 128;
    for (char c : *id) {
        ok = ok && c > 0x20 && c < 0x7f;
    }
    if (!ok) {
        invalid(fmt::format("Value {} for parameter {} is invalid. Reason: {} can only include alphanumeric and "
                            "punctuation characters. 1 to 128 in length.",
                            *id, parameter, parameter));
    }
}

bool wanted(const std::vector<std::string>& names, std::string_view name) {
    return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return n == "All" || n == name; });
}

}  // namespace

Queue::Queue(std::string name, std::string arn, QueueConfig config, TimePoint now)
    : name_(std::move(name)), arn_(std::move(arn)), config_(std::move(config)), created_(now), last_modified_(now) {}

void Queue::set_config(QueueConfig config, TimePoint now) {
    config_ = std::move(config);
    last_modified_ = now;
}

void Queue::validate_send(const SendRequest& r) const {
    if (r.body.empty()) {
        throw AwsError(ErrorCode::SqsMissingParameter, "The request must contain the parameter MessageBody.");
    }
    if (config_.fifo) {
        if (r.delay_seconds && *r.delay_seconds != 0) {
            invalid(fmt::format("Value {} for parameter DelaySeconds is invalid. Reason: The request include parameter "
                                "that is not valid for this queue type.",
                                *r.delay_seconds));
        }
        if (!r.group_id) {
            throw AwsError(ErrorCode::SqsMissingParameter, "The request must contain the parameter MessageGroupId.");
        }
        if (!r.deduplication_id && !config_.content_based_deduplication) {
            invalid("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided "
                    "explicitly");
        }
    } else {
        if (r.deduplication_id) {
            invalid(fmt::format("Value {} for parameter MessageDeduplicationId is invalid. Reason: The request includes "
                                "a parameter that is not valid for this queue type.",
                                *r.deduplication_id));
        }
        if (r.delay_seconds && (*r.delay_seconds < 0 || *r.delay_seconds > kMaxDelaySeconds)) {
            invalid(fmt::format("Value {} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and "
                                "<= 900.",
                                *r.delay_seconds));
        }
    }
    validate_fifo_id(r.group_id, "MessageGroupId");
    validate_fifo_id(r.deduplication_id, "MessageDeduplicationId");
    if (!is_valid_message_text(r.body)) {
        throw AwsError(ErrorCode::InvalidMessageContents,
                       "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | "
                       "#xE000 to #xFFFD | #x10000 to #x10FFFF");
    }
    validate_user_attributes(r.attributes);
    validate_system_attributes(r.system_attributes);
    if (r.body.size() + attributes_size(r.attributes) > static_cast<std::size_t>(config_.maximum_message_size)) {
        invalid(fmt::format("One or more parameters are invalid. Reason: Message must be shorter than {} bytes.",
                            config_.maximum_message_size));
    }
}

std::optional<std::string> Queue::deduplication_key(const SendRequest& r, std::string& dedup_id) const {
    if (!config_.fifo) {
        return std::nullopt;
    }
    dedup_id = r.deduplication_id ? *r.deduplication_id : hex_encode(sha256(r.body));
    if (config_.deduplication_scope == "messageGroup") {
        return *r.group_id + '\x1f' + dedup_id;
    }
    return dedup_id;
}

SendResult Queue::send(SendRequest r, TimePoint now, Random& random) {
    validate_send(r);
    expire(now);
    SendResult result;
    result.md5_of_body = hex_encode(md5(r.body));
    result.md5_of_attributes = md5_of_attributes(r.attributes);
    result.md5_of_system_attributes = md5_of_attributes(r.system_attributes);
    std::string dedup_id;
    auto key = deduplication_key(r, dedup_id);
    if (key) {
        if (auto it = dedup_.find(*key); it != dedup_.end() && it->second.expires > now) {
            result.message_id = it->second.message_id;  // accepted, but not enqueued again
            result.sequence_number = it->second.sequence_number;
            return result;
        }
    }
    Message m;
    m.id = new_uuid(random);
    m.nonce = random_hex(random, 16);
    m.md5_of_body = result.md5_of_body;
    m.md5_of_attributes = result.md5_of_attributes;
    m.body = std::move(r.body);
    m.attributes = std::move(r.attributes);
    m.system_attributes = std::move(r.system_attributes);
    m.sender_id = std::move(r.sender_id);
    m.sent = now;
    int delay = config_.fifo ? config_.delay_seconds : r.delay_seconds.value_or(config_.delay_seconds);
    m.visible_at = now + seconds(delay);
    m.group_id = std::move(r.group_id);
    if (config_.fifo) {
        m.deduplication_id = dedup_id;
        m.sequence_number = fmt::format("{:020}", kSequenceBase + ++next_sequence_number_);
        dedup_.insert_or_assign(*key, DedupEntry{now + kDeduplicationWindow, m.id, m.sequence_number});
    }
    result.message_id = m.id;
    result.sequence_number = m.sequence_number;
    std::uint64_t seq = next_seq_++;
    by_id_.emplace(m.id, seq);
    messages_.emplace(seq, std::move(m));
    return result;
}

Queue::Taken Queue::receive(const ReceiveRequest& request, int visibility_timeout, int max_receive_count,
                            TimePoint now, Random& random) {
    (void)random;
    expire(now);
    Taken taken;
    const auto max = static_cast<std::size_t>(request.max_messages.value_or(1));
    // FIFO: a group with a message in flight hands out nothing; an unavailable (delayed) message also
    // holds back every later message of its group.
    std::set<std::string, std::less<>> blocked;
    if (config_.fifo) {
        for (const auto& [seq, m] : messages_) {
            if (m.group_id && m.receive_count > 0 && m.visible_at > now) {
                blocked.insert(*m.group_id);
            }
        }
    }
    std::vector<std::uint64_t> dead;
    for (auto& [seq, m] : messages_) {
        if (taken.delivered.size() >= max) {
            break;
        }
        const bool visible = m.visible_at <= now;
        if (config_.fifo && m.group_id) {
            if (blocked.contains(*m.group_id)) {
                continue;
            }
            if (!visible) {
                blocked.insert(*m.group_id);
                continue;
            }
        } else if (!visible) {
            continue;
        }
        if (max_receive_count > 0 && m.receive_count >= max_receive_count) {
            dead.push_back(seq);
            continue;
        }
        taken.delivered.push_back(deliver(m, request, visibility_timeout, now));
    }
    for (std::uint64_t seq : dead) {
        auto node = messages_.extract(seq);
        by_id_.erase(node.mapped().id);
        taken.dead_letters.push_back(std::move(node.mapped()));
    }
    return taken;
}

ReceivedMessage Queue::deliver(Message& m, const ReceiveRequest& request, int visibility_timeout, TimePoint now) {
    ++m.receive_count;
    if (!m.first_received) {
        m.first_received = now;
    }
    m.last_received = now;
    m.visible_at = now + seconds(visibility_timeout);

    ReceivedMessage r;
    r.message_id = m.id;
    r.receipt_handle = encode_receipt_handle({arn_, m.id, m.nonce, m.receive_count});
    r.body = m.body;
    r.md5_of_body = m.md5_of_body;
    const auto& names = request.system_attribute_names;
    auto put = [&](std::string_view name, std::string value) {
        if (wanted(names, name)) {
            r.system_attributes.emplace(std::string(name), std::move(value));
        }
    };
    put("SenderId", m.sender_id);
    put("SentTimestamp", std::to_string(epoch_millis(m.sent)));
    put("ApproximateReceiveCount", std::to_string(m.receive_count));
    put("ApproximateFirstReceiveTimestamp", std::to_string(epoch_millis(*m.first_received)));
    if (auto trace = m.system_attributes.find("AWSTraceHeader"); trace != m.system_attributes.end()) {
        put("AWSTraceHeader", trace->second.string_value.value_or(""));
    }
    if (m.group_id) {
        put("MessageGroupId", *m.group_id);
    }
    if (m.deduplication_id) {
        put("MessageDeduplicationId", *m.deduplication_id);
    }
    if (m.sequence_number) {
        put("SequenceNumber", *m.sequence_number);
    }
    if (m.dead_letter_source_arn) {
        put("DeadLetterQueueSourceArn", *m.dead_letter_source_arn);
    }
    r.attributes = filter_attributes(m.attributes, request.attribute_names);
    r.md5_of_attributes = md5_of_attributes(r.attributes);
    return r;
}

Message* Queue::find_for_handle(std::string_view receipt_handle, int& receive) {
    auto h = decode_receipt_handle(receipt_handle);
    if (!h || h->queue_arn != arn_) {
        invalid_handle(receipt_handle);
    }
    auto it = by_id_.find(h->message_id);
    if (it == by_id_.end()) {
        return nullptr;  // deleted, expired or purged
    }
    Message& m = messages_.at(it->second);
    if (m.nonce != h->nonce || h->receive > m.receive_count) {
        invalid_handle(receipt_handle);
    }
    receive = h->receive;
    return &m;
}

void Queue::delete_message(std::string_view receipt_handle, TimePoint now) {
    int receive = 0;
    Message* m = find_for_handle(receipt_handle, receive);
    if (m == nullptr) {
        return;  // deleting a message that is already gone succeeds
    }
    if (config_.fifo && (receive != m->receive_count || m->visible_at <= now)) {
        expired_handle(receipt_handle);
    }
    erase(m->id);
}

void Queue::change_visibility(std::string_view receipt_handle, int timeout, TimePoint now) {
    if (timeout < 0 || timeout > kMaxVisibilityTimeout) {
        invalid(fmt::format("Value {} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.",
                            timeout));
    }
    int receive = 0;
    Message* m = find_for_handle(receipt_handle, receive);
    if (m == nullptr) {
        invalid(fmt::format("Value {} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not "
                            "available for visibility timeout change.",
                            receipt_handle));
    }
    const bool in_flight = m->receive_count > 0 && m->visible_at > now;
    if (config_.fifo && (receive != m->receive_count || !in_flight)) {
        expired_handle(receipt_handle);
    }
    if (!in_flight) {
        return;  // AWS answers 200 once the visibility timeout has already expired
    }
    if (now + seconds(timeout) - m->last_received > seconds(kMaxVisibilityTimeout)) {
        invalid(fmt::format("Value {} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for "
                            "the message is beyond the limit [43200 seconds]",
                            timeout));
    }
    m->visible_at = now + seconds(timeout);
}

void Queue::accept_dead_letter(Message message, const std::string& source_arn, TimePoint now) {
    expire(now);
    message.dead_letter_source_arn = source_arn;
    message.visible_at = now;
    std::uint64_t seq = next_seq_++;
    by_id_.insert_or_assign(message.id, seq);
    messages_.emplace(seq, std::move(message));
}

std::vector<Message> Queue::take_available(TimePoint now) {
    expire(now);
    std::vector<Message> taken;
    for (auto it = messages_.begin(); it != messages_.end();) {
        if (it->second.visible_at <= now || it->second.receive_count == 0) {
            by_id_.erase(it->second.id);
            taken.push_back(std::move(it->second));
            it = messages_.erase(it);
        } else {
            ++it;
        }
    }
    return taken;
}

void Queue::accept_moved(Message message, TimePoint now) {
    expire(now);
    message.dead_letter_source_arn.reset();
    message.receive_count = 0;
    message.first_received.reset();
    message.visible_at = now;
    std::uint64_t seq = next_seq_++;
    by_id_.insert_or_assign(message.id, seq);
    messages_.emplace(seq, std::move(message));
}

void Queue::purge(TimePoint now) {
    if (last_purge_ && now < *last_purge_ + kPurgeInterval) {
        throw AwsError(ErrorCode::PurgeQueueInProgress,
                       fmt::format("Only one PurgeQueue operation on {} is allowed every 60 seconds.", name_));
    }
    last_purge_ = now;
    messages_.clear();
    by_id_.clear();
}

MessageCounts Queue::counts(TimePoint now) {
    expire(now);
    MessageCounts c;
    for (const auto& [seq, m] : messages_) {
        if (m.visible_at <= now) {
            ++c.visible;
        } else if (m.receive_count > 0) {
            ++c.not_visible;
        } else {
            ++c.delayed;
        }
    }
    return c;
}

std::optional<TimePoint> Queue::next_change(TimePoint now) const {
    std::optional<TimePoint> next;
    for (const auto& [seq, m] : messages_) {
        if (m.visible_at > now && (!next || m.visible_at < *next)) {
            next = m.visible_at;
        }
    }
    return next;
}

void Queue::expire(TimePoint now) {
    // A sweep is O(messages); once per second of queue time is plenty for a retention of >= 60 s.
    if (last_expiry_sweep_ && now - *last_expiry_sweep_ < seconds(1)) {
        return;
    }
    last_expiry_sweep_ = now;
    const auto retention = seconds(config_.message_retention_period);
    std::erase_if(messages_, [&](const auto& entry) {
        if (entry.second.sent + retention > now) {
            return false;
        }
        by_id_.erase(entry.second.id);
        return true;
    });
    std::erase_if(dedup_, [&](const auto& entry) { return entry.second.expires <= now; });
}

void Queue::erase(const std::string& message_id) {
    auto it = by_id_.find(message_id);
    if (it != by_id_.end()) {
        messages_.erase(it->second);
        by_id_.erase(it);
    }
}

}  // namespace lemu::sources::sqs
