#include "emulator/durable/durable_runner.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/log.hpp"
#include "emulator/durable/wire_codec.hpp"

namespace lemu::durable {

namespace asio = boost::asio;
using Channel = asio::experimental::concurrent_channel<void(boost::system::error_code, ExecutionOutcome)>;

namespace {

ErrorObject error_of(const AwsError& e) {
    return ErrorObject{e.message(), std::string(e.name()), std::nullopt, std::nullopt};
}

ErrorObject error_of_payload(const std::string& payload) {
    ErrorObject error{"The function invocation failed.", "Unhandled", std::nullopt, std::nullopt};
    nlohmann::json j = nlohmann::json::parse(payload, nullptr, false);
    if (j.is_object()) {
        if (auto m = j.find("errorMessage"); m != j.end() && m->is_string()) {
            error.message = m->get<std::string>();
        }
        if (auto t = j.find("errorType"); t != j.end() && t->is_string()) {
            error.type = t->get<std::string>();
        }
    }
    return error;
}

}  // namespace

struct DurableRunner::Impl final : StoreListener, std::enable_shared_from_this<Impl> {
    Impl(asio::io_context& context, DurableExecutionStore& s, Clock& c)
        : io(context), store(s), clock(c), strand(asio::make_strand(context)), timer(strand) {}

    asio::io_context& io;
    DurableExecutionStore& store;
    Clock& clock;
    asio::strand<asio::io_context::executor_type> strand;
    asio::steady_timer timer;
    std::atomic<invoke::FunctionInvoker*> invoker{nullptr};
    std::atomic<bool> running{false};
    std::optional<TimePoint> last_immediate;  // strand only
    std::mutex mutex;
    std::map<std::string, std::vector<std::shared_ptr<Channel>>> waiters;
    std::shared_ptr<spdlog::logger> log = log::get("durable");

    void execution_changed(const std::string& arn) override {
        if (running) {
            asio::post(strand, [self = shared_from_this(), arn] { self->pump(arn); });
        }
    }

    template <typename Awaitable>
    void spawn(Awaitable work, std::string what) {
        asio::co_spawn(io, std::move(work), [log = log, what = std::move(what)](std::exception_ptr e) {
            if (!e) {
                return;
            }
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                log->error("{} failed: {}", what, ex.what());
            }
        });
    }

    void pump(const std::string& arn) {
        if (!running) {
            return;
        }
        std::optional<ExecutionOutcome> outcome;
        try {
            outcome = store.outcome(arn);
        } catch (const AwsError&) {
            return;  // purged
        }
        if (outcome) {
            wake(*outcome);
        } else {
            for (ChainedLaunch& launch : store.take_chained_launches(arn)) {
                spawn(chained(std::move(launch)), "chained invoke of " + arn);
            }
            if (std::optional<InvocationStart> start = store.begin_invocation(arn)) {
                spawn(invoke_once(std::move(*start)), "invocation of " + arn);
            }
        }
        rearm();
    }

    void tick() {
        if (running) {
            store.advance();
            rearm();
        }
    }

    void rearm() {
        if (!running) {
            return;
        }
        std::optional<TimePoint> next = store.next_due();
        TimePoint now = clock.now();
        if (!next) {
            timer.cancel();
            return;
        }
        std::chrono::steady_clock::duration delay{};
        if (*next <= now) {
            // Due already. A due instant that survives a tick (it should not) is retried at a slow
            // pace instead of spinning.
            delay = last_immediate == next ? std::chrono::milliseconds{100} : std::chrono::milliseconds{0};
            last_immediate = next;
        } else if (clock.is_manual()) {
            last_immediate.reset();
            timer.cancel();  // ManualClock::advance wakes us instead
            return;
        } else {
            last_immediate.reset();
            delay = std::chrono::duration_cast<std::chrono::steady_clock::duration>(*next - now);
        }
        timer.expires_after(delay);
        timer.async_wait(asio::bind_executor(strand, [self = shared_from_this()](boost::system::error_code ec) {
            if (!ec) {
                self->tick();
            }
        }));
    }

    // The outcome when the execution has closed already; otherwise `channel` will receive it.
    // Throws ResourceNotFoundException for an unknown execution.
    std::optional<ExecutionOutcome> register_waiter(const std::string& arn, const std::shared_ptr<Channel>& channel) {
        if (std::optional<ExecutionOutcome> done = store.outcome(arn)) {
            return done;
        }
        {
            std::lock_guard lock(mutex);
            waiters[arn].push_back(channel);
        }
        // Checked again after registering: a close in between has either seen this waiter or is seen here.
        try {
            return store.outcome(arn);
        } catch (const AwsError&) {
            return std::nullopt;  // purged meanwhile: cannot happen within a retention period
        }
    }

    void wake(const ExecutionOutcome& outcome) {
        std::vector<std::shared_ptr<Channel>> ready;
        {
            std::lock_guard lock(mutex);
            auto it = waiters.find(outcome.arn);
            if (it == waiters.end()) {
                return;
            }
            ready = std::move(it->second);
            waiters.erase(it);
        }
        for (auto& channel : ready) {
            channel->try_send(boost::system::error_code{}, outcome);
        }
    }

    asio::awaitable<void> invoke_once(InvocationStart start) {
        InvocationOutcome outcome;
        invoke::FunctionInvoker* target = invoker.load();
        std::string qualified = start.function_name + ":" + start.pinned_version;
        if (target == nullptr) {
            outcome = InvocationOutcome{InvocationOutcome::Kind::Crashed, std::nullopt,
                                        ErrorObject{"No function invoker is available.", "ServiceException", {}, {}}};
        } else {
            invoke::InvokeCall call;
            call.function_name = qualified;  // the pinned version, never the alias
            call.payload = wire::invocation_event(start);
            call.type = invoke::InvocationType::RequestResponse;
            call.caller.source = "durable";
            call.request_id = start.request_id;
            log->info("invoking {} for durable execution {} (request {}, {} operations)", qualified, start.arn,
                      start.request_id, start.operations.size());
            try {
                invoke::InvocationResult result = co_await target->invoke(std::move(call));
                outcome = wire::parse_invocation_result(result.payload, result.failed());
            } catch (const AwsError& e) {
                outcome = InvocationOutcome{InvocationOutcome::Kind::Crashed, std::nullopt, error_of(e)};
            } catch (const std::exception& e) {
                outcome = InvocationOutcome{InvocationOutcome::Kind::Crashed, std::nullopt,
                                            ErrorObject{e.what(), "ServiceException", {}, {}}};
            }
        }
        if (outcome.kind == InvocationOutcome::Kind::Crashed || outcome.kind == InvocationOutcome::Kind::Invalid) {
            log->warn("durable invocation {} of {} failed: {}", start.request_id, qualified,
                      outcome.error && outcome.error->message ? *outcome.error->message : "");
        }
        store.finish_invocation(start.arn, start.request_id, outcome);
    }

    asio::awaitable<void> chained(ChainedLaunch launch) {
        ChainedOutcome outcome;
        invoke::FunctionInvoker* target = invoker.load();
        try {
            if (target == nullptr) {
                throw AwsError(ErrorCode::Service, "No function invoker is available.");
            }
            invoke::InvokeCall call;
            call.function_name = launch.function_name + ":" + launch.version;  // resolved once, at START
            call.payload = launch.payload;
            call.type = invoke::InvocationType::RequestResponse;
            call.caller.source = "durable";
            invoke::InvocationResult result = co_await target->invoke(std::move(call));
            if (result.failed()) {
                outcome = ChainedOutcome{OperationStatus::Failed, std::nullopt, error_of_payload(result.payload)};
            } else {
                outcome = ChainedOutcome{OperationStatus::Succeeded, result.payload, std::nullopt};
            }
        } catch (const AwsError& e) {
            outcome = ChainedOutcome{OperationStatus::Failed, std::nullopt, error_of(e)};
        }
        store.complete_chained(launch.parent_arn, launch.operation_id, outcome);
    }
};

DurableRunner::DurableRunner(asio::io_context& io, DurableExecutionStore& store, Clock& clock,
                             invoke::FunctionInvoker* invoker)
    : store_(store), impl_(std::make_shared<Impl>(io, store, clock)) {
    impl_->invoker = invoker;
}

DurableRunner::~DurableRunner() {
    stop();
    store_.set_listener(nullptr);
}

void DurableRunner::set_invoker(invoke::FunctionInvoker* invoker) { impl_->invoker = invoker; }

void DurableRunner::start() {
    if (impl_->running.exchange(true)) {
        return;
    }
    store_.set_listener(impl_.get());
    if (auto* manual = dynamic_cast<ManualClock*>(&impl_->clock)) {
        std::weak_ptr<Impl> weak = impl_;
        manual->on_advance([weak] {
            if (auto self = weak.lock(); self && self->running) {
                asio::post(self->strand, [self] { self->tick(); });
            }
        });
    }
    for (const std::string& arn : store_.running_arns()) {
        impl_->execution_changed(arn);
    }
    asio::post(impl_->strand, [self = impl_] { self->tick(); });
}

void DurableRunner::stop() {
    if (!impl_->running.exchange(false)) {
        return;
    }
    asio::post(impl_->strand, [self = impl_] { self->timer.cancel(); });
    std::lock_guard lock(impl_->mutex);
    for (auto& [arn, channels] : impl_->waiters) {
        for (auto& channel : channels) {
            channel->close();
        }
    }
    impl_->waiters.clear();
}

DurableStart DurableRunner::start_execution(const StartRequest& request, invoke::InvocationType type) {
    DurableStart started{store_.start(request), std::nullopt};
    if (!started.execution.created) {
        // A re-attach still deserves a look: the execution may be waiting for a pump after a restart.
        impl_->execution_changed(started.execution.arn);
    }
    if (type == invoke::InvocationType::RequestResponse) {
        started.completion = wait_for_completion(started.execution.arn);
    }
    return started;
}

asio::awaitable<ExecutionOutcome> DurableRunner::wait_for_completion(std::string arn) {
    auto channel = std::make_shared<Channel>(co_await asio::this_coro::executor, 1);
    std::optional<ExecutionOutcome> done = impl_->register_waiter(arn, channel);
    if (done) {
        co_return std::move(*done);
    }
    auto received = co_await channel->async_receive(asio::as_tuple(asio::use_awaitable));
    if (std::get<0>(received)) {
        throw AwsError(ErrorCode::Service, "The durable execution did not finish before the emulator shut down.");
    }
    co_return std::move(std::get<1>(received));
}

invoke::InvocationResult sync_invoke_result(const ExecutionOutcome& outcome) {
    invoke::InvocationResult result;
    result.status_code = 200;
    result.executed_version = outcome.pinned_version;
    if (outcome.status == ExecutionStatus::Succeeded) {
        result.payload = outcome.result.value_or("null");
        return result;
    }
    ErrorObject error = outcome.error.value_or(ErrorObject{});
    std::string type = error.type.value_or(outcome.status == ExecutionStatus::Stopped    ? "ExecutionStopped"
                                           : outcome.status == ExecutionStatus::TimedOut ? "ExecutionTimedOut"
                                                                                         : "Error");
    std::string message =
        error.message.value_or("The durable execution ended with status " + std::string(to_string(outcome.status)) + ".");
    result.function_error = "Unhandled";
    result.payload = nlohmann::json{{"errorType", type}, {"errorMessage", message}}.dump();
    return result;
}

}  // namespace lemu::durable
