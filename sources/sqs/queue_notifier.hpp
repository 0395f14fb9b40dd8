#pragma once
// Long polling on top of the pure QueueStore: an awaitable "wait until this queue may have something for
// a receiver, or until a deadline". It is woken by the store's listener on sends, visibility changes and
// deletes, and wakes itself when a delay or visibility timeout ends (QueueStore::next_change). Both the
// SQS router (ReceiveMessage with WaitTimeSeconds) and the event source mapping poller use it.
//
// Thread-safe: waiters may run on any executor of the io_context; wake-ups go through a concurrent
// channel per waiter, so a notification between "queue is empty" and "start waiting" is never lost
// (the per-queue generation counter catches it).

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "emulator/core/clock.hpp"
#include "sources/sqs/queue_store.hpp"

namespace lemu::sources::sqs {

class QueueNotifier {
public:
    // Installs itself as the store's listener; the store must outlive the notifier.
    QueueNotifier(QueueStore& store, const Clock& clock);
    ~QueueNotifier();
    QueueNotifier(const QueueNotifier&) = delete;
    QueueNotifier& operator=(const QueueNotifier&) = delete;

    // ReceiveMessage with long polling: returns as soon as at least one message is receivable, or with no
    // messages once the request's (or the queue's default) wait time has passed. Throws AwsError as
    // QueueStore::receive does (including QueueDoesNotExist if the queue is deleted while waiting).
    boost::asio::awaitable<ReceiveResult> receive(std::string queue, ReceiveRequest request);

    // The low-level pair: read generation() before looking at the queue, then wait() returns at once if
    // anything happened since, else on the next event, the next visibility change, or `deadline`.
    std::uint64_t generation(std::string_view queue) const;
    boost::asio::awaitable<void> wait(std::string queue, std::uint64_t seen, TimePoint deadline);

    // How many receivers are waiting on each queue right now (for /_lemu/sqs and tests).
    std::map<std::string, std::size_t> waiting() const;

    // Wakes every waiter and makes later waits return at once (shutdown).
    void stop();

private:
    struct Waiter;
    void on_event(const std::string& queue);

    QueueStore& store_;
    const Clock& clock_;
    mutable std::mutex mutex_;
    std::map<std::string, std::uint64_t, std::less<>> generations_;
    std::multimap<std::string, std::shared_ptr<Waiter>, std::less<>> waiters_;
    bool stopped_ = false;
};

}  // namespace lemu::sources::sqs
