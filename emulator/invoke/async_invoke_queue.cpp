#include "emulator/invoke/async_invoke_queue.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/log.hpp"

namespace lemu::invoke {

namespace asio = boost::asio;

namespace {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("async");
    return instance;
}

using Steady = std::chrono::steady_clock;

std::chrono::milliseconds scaled(std::chrono::milliseconds nominal, double scale) {
    return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(nominal.count()) * scale));
}

std::chrono::milliseconds nominal_age(Steady::time_point since, double scale) {
    auto real = std::chrono::duration<double, std::milli>(Steady::now() - since).count();
    return std::chrono::milliseconds(static_cast<std::int64_t>(scale > 0 ? real / scale : real));
}

}  // namespace

struct AsyncInvokeQueue::Job {
    Job(const asio::any_io_executor& executor, AsyncInvocation inv, std::uint64_t key_)
        : strand(asio::make_strand(executor)), timer(strand), invocation(std::move(inv)), key(key_) {}

    asio::strand<asio::any_io_executor> strand;
    asio::steady_timer timer;  // touched on the strand only
    AsyncInvocation invocation;
    std::uint64_t key;
    Steady::time_point accepted = Steady::now();
};

AsyncInvokeQueue::AsyncInvokeQueue(asio::any_io_executor executor, AsyncRetryConfig config)
    : state_(std::make_shared<State>()) {
    state_->executor = std::move(executor);
    state_->config = std::move(config);
}

AsyncInvokeQueue::~AsyncInvokeQueue() {
    stop();
}

void AsyncInvokeQueue::submit(AsyncInvocation invocation) {
    std::shared_ptr<Job> job;
    {
        std::lock_guard lock(state_->mutex);
        if (state_->stopped) {
            logger()->warn("dropping event {}: lemu is shutting down", invocation.request_id);
            return;
        }
        job = std::make_shared<Job>(state_->executor, std::move(invocation), ++state_->next_id);
        state_->jobs.emplace(job->key, job);
    }
    asio::co_spawn(job->strand, run(state_, job), [state = state_, job](std::exception_ptr e) {
        if (e) {
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                logger()->error("event {} failed: {}", job->invocation.request_id, ex.what());
            }
        }
        std::lock_guard lock(state->mutex);
        state->jobs.erase(job->key);
    });
}

asio::awaitable<void> AsyncInvokeQueue::run(std::shared_ptr<State> state, std::shared_ptr<Job> job) {
    const AsyncInvocation& inv = job->invocation;
    const double scale = state->config.time_scale;
    AsyncOutcome outcome;
    outcome.request_id = inv.request_id;
    int throttles = 0;
    for (int number = 1;; ++number) {
        {
            std::lock_guard lock(state->mutex);
            if (state->stopped) {
                co_return;
            }
        }
        AttemptKind kind = AttemptKind::Success;
        try {
            auto pending = inv.attempt(AsyncAttempt{inv.request_id, number});
            InvocationResult result = co_await std::move(pending);
            ++outcome.approximate_invoke_count;
            kind = result.failed() ? AttemptKind::FunctionError : AttemptKind::Success;
            outcome.last_result = std::move(result);
        } catch (const AwsError& e) {
            outcome.last_error = e.message();
            if (e.code() == ErrorCode::TooManyRequests) {
                kind = AttemptKind::Throttled;
            } else if (e.http_status() >= 500) {
                kind = AttemptKind::ServiceError;
            } else {
                kind = AttemptKind::Rejected;
            }
        }
        if (kind == AttemptKind::Throttled || kind == AttemptKind::ServiceError) {
            ++throttles;
        }
        RetryDecision decision = decide_retry(kind, outcome.approximate_invoke_count, throttles,
                                              nominal_age(job->accepted, scale), inv.options, state->config);
        if (!decision.retry) {
            outcome.condition = decision.condition;
            logger()->debug("event {} done: {} after {} run(s)", inv.request_id, to_string(outcome.condition),
                            outcome.approximate_invoke_count);
            if (inv.on_complete) {
                inv.on_complete(outcome);
            }
            co_return;
        }
        logger()->debug("event {} attempt {} failed; retrying in {} ms (nominal)", inv.request_id, number,
                        decision.delay.count());
        job->timer.expires_after(scaled(decision.delay, scale));
        auto [ec] = co_await job->timer.async_wait(asio::as_tuple(asio::use_awaitable));
        if (ec) {
            co_return;  // stopped
        }
    }
}

void AsyncInvokeQueue::stop() {
    std::map<std::uint64_t, std::shared_ptr<Job>> jobs;
    {
        std::lock_guard lock(state_->mutex);
        if (state_->stopped) {
            return;
        }
        state_->stopped = true;
        jobs = state_->jobs;
    }
    for (auto& [key, job] : jobs) {
        asio::post(job->strand, [job] { job->timer.cancel(); });
    }
}

std::size_t AsyncInvokeQueue::pending() const {
    std::lock_guard lock(state_->mutex);
    return state_->jobs.size();
}

}  // namespace lemu::invoke
