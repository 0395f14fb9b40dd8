#include "sources/sqs/queue_notifier.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace lemu::sources::sqs {

namespace asio = boost::asio;
using Channel = asio::experimental::concurrent_channel<void(boost::system::error_code)>;

struct QueueNotifier::Waiter {
    explicit Waiter(const asio::any_io_executor& executor) : channel(executor, 1) {}
    Channel channel;
};

QueueNotifier::QueueNotifier(QueueStore& store, const Clock& clock) : store_(store), clock_(clock) {
    store_.set_listener([this](const std::string& queue, QueueEvent) { on_event(queue); });
}

QueueNotifier::~QueueNotifier() {
    store_.set_listener(nullptr);
    stop();
}

std::uint64_t QueueNotifier::generation(std::string_view queue) const {
    std::lock_guard lock(mutex_);
    auto it = generations_.find(queue);
    return it == generations_.end() ? 0 : it->second;
}

void QueueNotifier::on_event(const std::string& queue) {
    std::lock_guard lock(mutex_);
    ++generations_[queue];
    auto [first, last] = waiters_.equal_range(queue);
    for (auto it = first; it != last; ++it) {
        it->second->channel.try_send(boost::system::error_code{});
    }
}

std::map<std::string, std::size_t> QueueNotifier::waiting() const {
    std::lock_guard lock(mutex_);
    std::map<std::string, std::size_t> out;
    for (const auto& [queue, waiter] : waiters_) {
        ++out[queue];
    }
    return out;
}

void QueueNotifier::stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    for (auto& [queue, waiter] : waiters_) {
        waiter->channel.try_send(boost::system::error_code{});
    }
}

asio::awaitable<void> QueueNotifier::wait(std::string queue, std::uint64_t seen, TimePoint deadline) {
    TimePoint wake = deadline;
    if (auto next = store_.next_change(queue); next && *next < wake) {
        wake = *next;
    }
    const auto remaining = wake - clock_.now();
    if (remaining <= TimePoint::duration::zero()) {
        co_return;
    }
    auto executor = co_await asio::this_coro::executor;
    auto waiter = std::make_shared<Waiter>(executor);
    decltype(waiters_)::iterator registered;
    {
        std::lock_guard lock(mutex_);
        auto gen = generations_.find(queue);
        if (stopped_ || (gen == generations_.end() ? 0 : gen->second) != seen) {
            co_return;
        }
        registered = waiters_.emplace(queue, waiter);
    }
    asio::steady_timer timer(executor);
    timer.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(remaining));
    using namespace asio::experimental::awaitable_operators;
    co_await (waiter->channel.async_receive(asio::as_tuple(asio::use_awaitable)) ||
              timer.async_wait(asio::as_tuple(asio::use_awaitable)));
    std::lock_guard lock(mutex_);
    waiters_.erase(registered);
}

asio::awaitable<ReceiveResult> QueueNotifier::receive(std::string queue, ReceiveRequest request) {
    const TimePoint start = clock_.now();
    while (true) {
        const std::uint64_t seen = generation(queue);
        ReceiveResult result = store_.receive(queue, request);
        const TimePoint deadline = start + std::chrono::seconds(result.wait_seconds);
        bool stopped = false;
        {
            std::lock_guard lock(mutex_);
            stopped = stopped_;
        }
        if (!result.messages.empty() || stopped || clock_.now() >= deadline) {
            co_return result;
        }
        co_await wait(queue, seen, deadline);
    }
}

}  // namespace lemu::sources::sqs
