#pragma once
// Runs Event invocations in the background with Lambda's retry policy (async_retry_policy.hpp). The
// queue knows nothing of the registry: each submission brings its own attempt callable (the glue's
// "resolve, check, run on the engine") and a completion callback (destinations, DLQ, logs). Every
// attempt carries the same request id, the one the caller's 202 announced (runtime.md fact 42).
//
//   queue.submit({request_id, options,
//                 [&](AsyncAttempt a) -> awaitable<InvocationResult> { ... engine.run(...) ... },
//                 [](const AsyncOutcome& o) { ... o.condition, o.approximate_invoke_count ... }});

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "emulator/invoke/async_retry_policy.hpp"
#include "emulator/invoke/invocation.hpp"

namespace lemu::invoke {

struct AsyncAttempt {
    std::string request_id;
    int number = 1;  // 1 for the first attempt
};

struct AsyncOutcome {
    std::string request_id;
    AsyncCondition condition = AsyncCondition::Success;
    int approximate_invoke_count = 0;             // attempts that ran the function
    std::optional<InvocationResult> last_result;  // absent when the function never ran
    std::string last_error;                       // the last throttle or platform error, if any
};

struct AsyncInvocation {
    std::string request_id;
    AsyncOptions options;
    // One attempt (by value: the attempt is a coroutine that outlives the call). A function failure is a
    // result; a throttle throws AwsError TooManyRequestsException, a platform failure AwsError with a 5xx
    // status (both retried); any other AwsError ends the event.
    std::function<boost::asio::awaitable<InvocationResult>(AsyncAttempt)> attempt;
    // Called once, when the event succeeded or will not be tried again (not after stop()).
    std::function<void(const AsyncOutcome&)> on_complete;
};

class AsyncInvokeQueue {
public:
    AsyncInvokeQueue(boost::asio::any_io_executor executor, AsyncRetryConfig config = {});
    ~AsyncInvokeQueue();
    AsyncInvokeQueue(const AsyncInvokeQueue&) = delete;
    AsyncInvokeQueue& operator=(const AsyncInvokeQueue&) = delete;

    void submit(AsyncInvocation invocation);
    // No attempt starts after this; events waiting for a retry are dropped. Idempotent.
    void stop();
    // Events accepted and not yet completed.
    std::size_t pending() const;
    const AsyncRetryConfig& config() const { return state_->config; }

private:
    struct Job;
    struct State {
        boost::asio::any_io_executor executor;
        AsyncRetryConfig config;
        mutable std::mutex mutex;
        bool stopped = false;
        std::uint64_t next_id = 0;
        std::map<std::uint64_t, std::shared_ptr<Job>> jobs;
    };
    static boost::asio::awaitable<void> run(std::shared_ptr<State> state, std::shared_ptr<Job> job);

    std::shared_ptr<State> state_;
};

}  // namespace lemu::invoke
