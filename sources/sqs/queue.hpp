#pragma once
// One queue's messages and their state machine. Not thread-safe: QueueStore owns every Queue and calls
// it only under its mutex. Time is passed in; nothing here reads a clock.
//
// Message states are derived from (receive_count, visible_at, now):
//   Delayed   receive_count == 0 && now <  visible_at
//   Visible   now >= visible_at
//   InFlight  receive_count >  0 && now <  visible_at
//
// | from      | event                                   | to                         |
// |-----------|-----------------------------------------|----------------------------|
// | (new)     | send, delay > 0                         | Delayed                    |
// | (new)     | send, delay == 0                        | Visible                    |
// | Delayed   | delay elapses                           | Visible                    |
// | Visible   | receive, count < maxReceiveCount        | InFlight (count+1, new handle) |
// | Visible   | receive, count >= maxReceiveCount (DLQ) | moved to the dead-letter queue |
// | InFlight  | visibility timeout elapses              | Visible                    |
// | InFlight  | ChangeMessageVisibility(t)              | InFlight until now+t (t=0: Visible) |
// | any       | DeleteMessage with a valid handle       | deleted                    |
// | any       | retention period elapses, PurgeQueue    | deleted                    |
//
// FIFO queues add: a group with an InFlight (or Delayed) message hands out none of its later messages,
// and a receipt handle is only valid while its message is InFlight from that same receive.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "sources/sqs/message.hpp"
#include "sources/sqs/queue_config.hpp"

namespace lemu::sources::sqs {

// A stored message.
struct Message {
    std::string id;
    std::string body;
    std::string md5_of_body;
    MessageAttributes attributes;
    std::optional<std::string> md5_of_attributes;
    MessageAttributes system_attributes;
    std::string sender_id;
    TimePoint sent;
    TimePoint visible_at;
    int receive_count = 0;
    std::optional<TimePoint> first_received;
    TimePoint last_received;
    std::optional<std::string> group_id;
    std::optional<std::string> deduplication_id;
    std::optional<std::string> sequence_number;
    std::optional<std::string> dead_letter_source_arn;
    std::string nonce;
};

struct MessageCounts {
    int visible = 0;
    int not_visible = 0;
    int delayed = 0;
};

class Queue {
public:
    Queue(std::string name, std::string arn, QueueConfig config, TimePoint now);

    const std::string& name() const { return name_; }
    const std::string& arn() const { return arn_; }
    const QueueConfig& config() const { return config_; }
    void set_config(QueueConfig config, TimePoint now);
    TimePoint created() const { return created_; }
    TimePoint last_modified() const { return last_modified_; }

    // Validates and enqueues (or deduplicates, FIFO). Throws AwsError; the queue is unchanged on error.
    SendResult send(SendRequest request, TimePoint now, Random& random);

    struct Taken {
        std::vector<ReceivedMessage> delivered;
        std::vector<Message> dead_letters;  // removed from this queue; the store moves them to the DLQ
    };
    // `request` is already validated; `max_receive_count` is 0 without a usable redrive policy.
    Taken receive(const ReceiveRequest& request, int visibility_timeout, int max_receive_count, TimePoint now,
                  Random& random);

    void delete_message(std::string_view receipt_handle, TimePoint now);
    void change_visibility(std::string_view receipt_handle, int timeout, TimePoint now);

    // A message redriven from another queue: keeps its id, body, attributes and receive count.
    void accept_dead_letter(Message message, const std::string& source_arn, TimePoint now);

    // StartMessageMoveTask: removes and returns every message that is not in flight; puts one back.
    std::vector<Message> take_available(TimePoint now);
    void accept_moved(Message message, TimePoint now);

    // Throws PurgeQueueInProgress within 60 s of the previous purge.
    void purge(TimePoint now);
    MessageCounts counts(TimePoint now);
    // The earliest future moment a Delayed or InFlight message becomes Visible (for long-poll waiters).
    std::optional<TimePoint> next_change(TimePoint now) const;

private:
    struct DedupEntry {
        TimePoint expires;
        std::string message_id;
        std::optional<std::string> sequence_number;
    };

    void validate_send(const SendRequest& request) const;
    std::optional<std::string> deduplication_key(const SendRequest& request, std::string& dedup_id) const;
    Message* find_for_handle(std::string_view receipt_handle, int& receive);
    ReceivedMessage deliver(Message& message, const ReceiveRequest& request, int visibility_timeout, TimePoint now);
    void expire(TimePoint now);
    void erase(const std::string& message_id);

    std::string name_;
    std::string arn_;
    QueueConfig config_;
    TimePoint created_;
    TimePoint last_modified_;
    std::optional<TimePoint> last_purge_;
    std::optional<TimePoint> last_expiry_sweep_;
    std::uint64_t next_seq_ = 0;
    std::uint64_t next_sequence_number_ = 0;
    std::map<std::uint64_t, Message> messages_;  // in send order
    std::unordered_map<std::string, std::uint64_t> by_id_;
    std::unordered_map<std::string, DedupEntry> dedup_;
};

}  // namespace lemu::sources::sqs
