#pragma once
// The worker of one SQS event source mapping (DESIGN.md §8): a coroutine on its own strand that long-polls
// the queue through the QueueNotifier, gathers up to BatchSize messages within the batching window, and
// hands each batch to the Invoker as ONE synchronous invocation of the mapping's FunctionArn exactly as
// stored (an alias is resolved by the Invoker per batch, so a batch never spans two versions). The caller
// is the Lambda service itself: no principal, so no resource-policy check (sources.md §1).
//
// After the invocation (sources.md §3.D): success deletes the batch; with ReportBatchItemFailures only
// the messages not listed are deleted; a function error, a timeout, a throttle or a platform error
// deletes nothing, so the messages come back after the queue's visibility timeout and the queue's
// redrive policy moves them to its dead-letter queue. An unknown function or qualifier records
// LastProcessingResult "PROBLEM: Function not found" and keeps polling (sources.md §9.1).
//
// Up to ScalingConfig.MaximumConcurrency batches (default kDefaultMaximumConcurrency) are in flight at
// once; FIFO ordering holds because the queue hands out nothing of a message group with a message in
// flight. The poller also settles the mapping's transient states (event_source_mapping.hpp): it re-reads
// the mapping at every step and at most every kControlSlice while waiting, so a Disable, a retarget or a
// Delete takes effect within that time; a batch always uses the FunctionArn current when it is invoked.

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/invoke/function_invoker.hpp"
#include "sources/esm/mapping_registry.hpp"
#include "sources/sqs/queue_notifier.hpp"
#include "sources/sqs/queue_store.hpp"

namespace lemu::sources::esm {

inline constexpr std::chrono::milliseconds kControlSlice{250};
inline constexpr std::chrono::milliseconds kErrorBackoff{1000};
// Gathering stops once the bodies reach this size: a synchronous invoke takes at most 6 MB.
inline constexpr std::size_t kMaxEventBodyBytes = 5 * 1024 * 1024;

struct PollerDeps {
    MappingRegistry& registry;
    sqs::QueueStore& queues;
    sqs::QueueNotifier& notifier;
    invoke::FunctionInvoker& invoker;
    const Clock& clock;
    std::string region;
};

// Counters of one poller, for the /_lemu/esm report and the benchmarks.
struct PollerStats {
    std::uint64_t batches = 0;
    std::uint64_t messages = 0;        // handed to the function
    std::uint64_t deleted = 0;         // deleted after the function processed them
    std::uint64_t failed_batches = 0;  // function error, malformed batch response, or not invoked
    std::map<std::string, std::uint64_t> messages_by_version;  // executed version -> messages
};

class SqsPoller : public std::enable_shared_from_this<SqsPoller> {
  public:
    SqsPoller(PollerDeps deps, const boost::asio::any_io_executor& executor, std::string uuid);

    const std::string& uuid() const { return uuid_; }
    void start();
    // Stops taking batches (thread-safe); batches in flight end with the engine's shutdown.
    void stop();
    // Re-read the mapping now instead of at the end of the current pause (thread-safe).
    void wake();
    bool finished() const { return finished_; }
    PollerStats stats() const;

  private:
    using Messages = std::vector<sqs::ReceivedMessage>;
    struct Prepared {
        Messages batch;
        std::string queue;
        std::string function_arn;
        bool report_batch_item_failures = false;
        invoke::InvokeCall call;
    };

    boost::asio::awaitable<void> run();
    boost::asio::awaitable<Messages> gather(const EventSourceMapping& mapping, const std::string& queue);
    boost::asio::awaitable<void> process(std::shared_ptr<Prepared> prepared);
    boost::asio::awaitable<void> pause(std::chrono::milliseconds duration);
    // The non-suspending halves of process(): build the invocation, then act on its outcome.
    std::optional<Prepared> prepare(Messages batch, const std::string& queue, const std::string& queue_arn);
    void finish(const Prepared& prepared, invoke::InvocationResult result, std::exception_ptr failure);
    void dispatch(Messages batch, const EventSourceMapping& mapping);
    Messages drop_filtered(Messages batch, const EventSourceMapping& mapping, const std::string& queue,
                           const std::string& queue_arn);
    // Deletes every message whose `keep` entry is false.
    void settle_deleted_batch(const Messages& batch, const std::string& queue, const std::vector<bool>& keep);
    bool stale(const EventSourceMapping& mapping) const;
    void problem(const std::string& text);

    PollerDeps deps_;
    std::string uuid_;
    boost::asio::strand<boost::asio::any_io_executor> strand_;
    boost::asio::steady_timer timer_;  // run()'s pauses; cancelled to wake it (strand only)
    std::atomic<bool> stopping_{false};
    std::atomic<bool> finished_{false};
    int in_flight_ = 0;          // strand only
    TimePoint backoff_until_{};  // strand only
    mutable std::mutex stats_mutex_;
    PollerStats stats_;
};

}  // namespace lemu::sources::esm
