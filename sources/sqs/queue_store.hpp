#pragma once
// All SQS queues of one lemu instance (one account, one region) and their semantics: queue lifecycle and
// attributes, send/receive/delete, visibility, delays, retention, redrive to dead-letter queues, FIFO
// ordering and deduplication. Pure: time comes from the injected Clock, ids from the injected Random,
// nothing blocks and nothing here knows about HTTP (SqsRouter is a codec over it) or Asio (long polling
// lives in QueueNotifier).
//
// Thread-safe: one mutex guards every queue; each call holds it briefly and never across a callback.
// The listener runs after the lock is released.
//
// Event source mappings (the SQS poller) use the same calls as the router:
//   queue_name_for_arn()          resolve the mapping's EventSourceArn
//   receive()                     a batch with the poller's visibility timeout (via QueueNotifier::receive
//                                 for long polling)
//   delete_message(_batch)()      delete what the function processed
//   change_visibility()           return failed items early (optional)
//   visibility_timeout()          validate "Queue visibility timeout: N seconds is less than Function timeout"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/account_region.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "sources/sqs/message.hpp"
#include "sources/sqs/queue_config.hpp"

namespace lemu::sources::sqs {

class Queue;

using TagMap = std::map<std::string, std::string>;

inline constexpr int kMaxBatchEntries = 10;
inline constexpr std::size_t kMaxBatchBytes = static_cast<std::size_t>(kDefaultMaximumMessageSize);

struct ListQueuesPage {
    std::vector<std::string> names;
    std::optional<std::string> next_token;
};

// A StartMessageMoveTask. lemu moves synchronously: a task is COMPLETED (or FAILED) when Start returns.
struct MessageMoveTask {
    std::string handle;
    std::string status;  // COMPLETED | FAILED
    std::string source_arn;
    std::optional<std::string> destination_arn;
    std::optional<int> max_per_second;
    long long moved = 0;
    long long to_move = 0;
    TimePoint started;
    std::optional<std::string> failure_reason;
};

// What a queue-scoped listener is told.
enum class QueueEvent { MessagesAvailable, VisibilityChanged, Deleted };

class QueueStore {
public:
    using Listener = std::function<void(const std::string& queue, QueueEvent event)>;

    QueueStore(AccountRegion home, const Clock& clock, Random& random);
    ~QueueStore();
    QueueStore(const QueueStore&) = delete;
    QueueStore& operator=(const QueueStore&) = delete;

    const AccountRegion& home() const { return home_; }
    // arn:aws:sqs:REGION:ACCOUNT:NAME
    std::string queue_arn(std::string_view name) const;
    // The queue an ARN names, when it is in this account and region and exists.
    std::optional<std::string> queue_name_for_arn(std::string_view arn) const;
    bool exists(std::string_view name) const;

    // One listener (the QueueNotifier); called outside the lock.
    void set_listener(Listener listener);

    // --- queues ---------------------------------------------------------------------------------
    // Creates the queue, or returns quietly when it exists with equal values for the given attributes.
    void create_queue(const std::string& name, const AttributeMap& attributes, const TagMap& tags);
    void delete_queue(std::string_view name);
    // Names starting with `prefix`, sorted; paged when `max_results` is given.
    ListQueuesPage list_queues(std::string_view prefix, std::optional<int> max_results,
                               std::optional<std::string_view> next_token) const;
    // The requested attributes ("All" or names); computed ones included.
    AttributeMap get_attributes(std::string_view name, const std::vector<std::string>& names) const;
    void set_attributes(std::string_view name, const AttributeMap& attributes);
    void purge(std::string_view name);
    // Queues whose redrive policy targets this queue.
    std::vector<std::string> dead_letter_source_queues(std::string_view name) const;
    int visibility_timeout(std::string_view name) const;

    // AddPermission / RemovePermission: statements labelled `label` in the queue's Policy attribute.
    void add_permission(std::string_view name, const std::string& label, const std::vector<std::string>& account_ids,
                        const std::vector<std::string>& actions);
    void remove_permission(std::string_view name, const std::string& label);

    // Dead-letter queue redrive. Messages go to `destination_arn`, or back to the queue each came from.
    std::string start_message_move_task(std::string_view source_arn, std::optional<std::string> destination_arn,
                                        std::optional<int> max_per_second);
    std::vector<MessageMoveTask> list_message_move_tasks(std::string_view source_arn,
                                                         std::optional<int> max_results) const;
    long long cancel_message_move_task(std::string_view handle);

    TagMap tags(std::string_view name) const;
    void tag(std::string_view name, const TagMap& tags);
    void untag(std::string_view name, const std::vector<std::string>& keys);

    // --- messages -------------------------------------------------------------------------------
    SendResult send(std::string_view name, SendRequest request);
    BatchResult<SendResult> send_batch(std::string_view name, std::vector<SendBatchEntry> entries);
    // Never waits: returns what is receivable now (possibly nothing) and the validated wait time.
    ReceiveResult receive(std::string_view name, const ReceiveRequest& request);
    void delete_message(std::string_view name, std::string_view receipt_handle);
    BatchResult<Nothing> delete_batch(std::string_view name, const std::vector<HandleBatchEntry>& entries);
    void change_visibility(std::string_view name, std::string_view receipt_handle, int timeout);
    BatchResult<Nothing> change_visibility_batch(std::string_view name, const std::vector<HandleBatchEntry>& entries);

    // For long-poll waiters: the earliest future moment a message of this queue becomes receivable
    // without a new send (a delay or visibility timeout ending); nullopt when none is pending.
    std::optional<TimePoint> next_change(std::string_view name) const;

private:
    Queue& require(std::string_view name) const;
    void validate_redrive(const QueueConfig& config, const std::string& raw) const;
    void notify(std::string_view name, QueueEvent event) const;

    AccountRegion home_;
    const Clock& clock_;
    Random& random_;
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<Queue>, std::less<>> queues_;
    std::map<std::string, TagMap, std::less<>> tags_;
    std::map<std::string, TimePoint, std::less<>> deleted_;  // for QueueDeletedRecently
    std::vector<MessageMoveTask> move_tasks_;
    Listener listener_;
};

}  // namespace lemu::sources::sqs
