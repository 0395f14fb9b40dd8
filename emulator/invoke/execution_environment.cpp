// ExecutionEnvironment: lifecycle, invocations and their endings. The Runtime API side of the class
// is in execution_environment_runtime.cpp.

#include "emulator/invoke/execution_environment.hpp"

#include <fmt/format.h>

#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cctype>
#include <cmath>
#include <cstring>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/log.hpp"
#include "emulator/invoke/function_errors.hpp"
#include "emulator/invoke/memory_probe.hpp"
#include "emulator/invoke/platform_log.hpp"
#include "emulator/invoke/runtime_catalog.hpp"

namespace lemu::invoke {

namespace asio = boost::asio;

namespace {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("invoke");
    return instance;
}

// Go's error text for an errno, as in AWS's "fork/exec /var/task/bootstrap: permission denied".
std::string errno_text(int error) {
    std::string text = std::strerror(error);
    if (!text.empty()) {
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    }
    return text;
}

constexpr std::chrono::milliseconds kMemorySampleInterval{50};

double millis_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

ExecutionEnvironment::ExecutionEnvironment(Context context, ExecutionSpecPtr spec, std::string id,
                                           std::shared_ptr<FunctionLog> log)
    : context_(context),
      spec_(std::move(spec)),
      id_(std::move(id)),
      log_(std::move(log)),
      spawned_at_(Steady::now()),
      timer_(context_.executor) {}

ExecutionEnvironment::~ExecutionEnvironment() {
    if (process_) {
        process_->kill_group();
    }
    if (!released_) {
        context_.endpoints.release(id_);
    }
}

bool ExecutionEnvironment::transition_locked(EnvironmentEvent event) {
    std::optional<EnvironmentState> next = next_state(state_, event);
    if (!next) {
        logger()->debug("{} ignores {} in state {}", id_, to_string(event), to_string(state_));
        return false;
    }
    state_ = *next;
    return true;
}

void ExecutionEnvironment::start(ProcessLauncher& launcher, const ProcessSpec& spec, ExitCallback on_exit) {
    std::lock_guard lock(mutex_);
    std::unique_ptr<ProcessHandle> process;
    try {
        process = launcher.launch(spec, log_, std::move(on_exit));
    } catch (const LaunchError& e) {
        launch_failed_locked(
            fmt::format("fork/exec {}: {}", sandbox_path(*spec_, spec.executable), errno_text(e.error())));
        return;
    }
    attach_locked(std::move(process));
}

void ExecutionEnvironment::attach(std::unique_ptr<ProcessHandle> process) {
    std::lock_guard lock(mutex_);
    attach_locked(std::move(process));
}

void ExecutionEnvironment::attach_locked(std::unique_ptr<ProcessHandle> process) {
    process_ = std::move(process);
    if (!transition_locked(EnvironmentEvent::Launched)) {
        process_->kill_group();  // stopped while spawning
        return;
    }
    log_->platform(init_start_line(spec_->runtime, context_.config.region));
    if (early_exit_) {
        exit_locked(*early_exit_);
        return;
    }
    arm_timer_locked(TimerPurpose::Init, context_.config.init_timeout);
}

void ExecutionEnvironment::launch_failed(std::string reason) {
    std::lock_guard lock(mutex_);
    launch_failed_locked(std::move(reason));
}

void ExecutionEnvironment::launch_failed_locked(std::string reason) {
    logger()->warn("{} {}:{} cannot start its runtime: {}", id_, spec_->function_name, spec_->version,
                   reason);
    die_locked(EnvironmentEvent::LaunchFailed, [reason = std::move(reason)](std::string_view request_id) {
        return invalid_entrypoint_document(request_id, reason);
    });
}

void ExecutionEnvironment::on_exit(ExitStatus status) {
    std::lock_guard lock(mutex_);
    exit_locked(status);
}

void ExecutionEnvironment::exit_locked(const ExitStatus& status) {
    if (state_ == EnvironmentState::Spawning) {
        early_exit_ = status;  // the exit was reaped before the launcher returned; attach() applies it
        return;
    }
    if (is_terminal(state_)) {
        return;  // lemu ended it (timeout, stop, init error): the exit is expected
    }
    logger()->info("{} {}:{} runtime pid {} ended: {}", id_, spec_->function_name, spec_->version,
                   process_ ? process_->pid() : 0, exit_reason(status));
    die_locked(EnvironmentEvent::Exit,
               [status](std::string_view request_id) { return exit_error_document(request_id, status); });
}

void ExecutionEnvironment::die_locked(EnvironmentEvent event,
                                      std::function<std::string(std::string_view)> document, bool kill_now) {
    if (!transition_locked(event)) {
        return;
    }
    if (pending_) {
        Outcome outcome;
        outcome.payload = document(pending_->invocation->request_id);
        outcome.failed = true;
        finish_locked(std::move(outcome));
    } else if (!assigned_) {
        early_failure_ = std::move(document);
    }
    retire_locked(kill_now);
}

void ExecutionEnvironment::retire_locked(bool kill_now) {
    if (process_ && kill_now) {
        process_->kill_group();
    }
    if (timer_purpose_ != TimerPurpose::None) {
        timer_.cancel();
        timer_purpose_ = TimerPurpose::None;
        ++timer_generation_;
    }
    if (waiter_) {
        NextOutcome gone;
        gone.reply.kind = RuntimeReplyKind::Gone;
        waiter_->complete(std::move(gone));
        waiter_.reset();
    }
    if (!released_) {
        released_ = true;
        logger()->debug("{} releases its endpoint in state {}", id_, to_string(state_));
        context_.endpoints.release(id_);
    }
}

boost::asio::awaitable<InvocationResult> ExecutionEnvironment::invoke(
    std::shared_ptr<const Invocation> invocation) {
    // Named locals only: GCC 12 destroys non-trivial temporaries of a co_await operand twice.
    std::shared_ptr<ExecutionEnvironment> self = shared_from_this();
    auto initiation = [this, invocation](auto handler) {
        accept(invocation, ResultHandler(std::move(handler)));
    };
    InvocationResult result = co_await asio::async_initiate<const asio::use_awaitable_t<>&,
                                                            void(std::exception_ptr, InvocationResult)>(
        initiation, asio::use_awaitable);
    co_return result;
}

void ExecutionEnvironment::accept(std::shared_ptr<const Invocation> invocation, ResultHandler handler) {
    std::lock_guard lock(mutex_);
    if (pending_ || (is_terminal(state_) && (assigned_ || !early_failure_))) {
        handler.complete(std::make_exception_ptr(EnvironmentGone()), InvocationResult{});
        return;
    }
    assigned_ = true;
    pending_.emplace(Pending{std::move(invocation), std::move(handler)});
    if (is_terminal(state_)) {
        // Died before this, its first invocation, arrived: the invocation gets the reason.
        Outcome outcome;
        outcome.payload = early_failure_(pending_->invocation->request_id);
        outcome.failed = true;
        finish_locked(std::move(outcome));
        return;
    }
    if (waiter_ && state_ == EnvironmentState::Idle && phase_ == RuntimePhase::Ready) {
        NextOutcome outcome;
        outcome.event = dispatch_locked();
        waiter_->complete(std::move(outcome));
        waiter_.reset();
    }
}

NextEvent ExecutionEnvironment::dispatch_locked() {
    transition_locked(EnvironmentEvent::Dispatch);
    phase_ = RuntimePhase::Running;
    Pending& p = *pending_;
    p.dispatched = true;
    p.dispatched_at = Steady::now();
    p.deadline_ms = epoch_millis(context_.clock.now()) + std::int64_t{spec_->timeout_seconds} * 1000;
    current_id_ = p.invocation->request_id;
    if (process_) {
        process_->flush_output();  // what the runtime printed before this /next is not this invocation's
    }
    log_->begin_invocation(current_id_, p.invocation->tail_log);
    log_->platform(start_line(current_id_, spec_->version));
    arm_timer_locked(TimerPurpose::Invoke, std::chrono::seconds(spec_->timeout_seconds));
    return current_event_locked();
}

NextEvent ExecutionEnvironment::current_event_locked() const {
    const Pending& p = *pending_;
    NextEvent event;
    event.request_id = p.invocation->request_id;
    event.deadline_ms = p.deadline_ms;
    event.invoked_function_arn = p.invocation->invoked_arn;
    event.trace_id = p.invocation->trace_id;
    event.client_context = p.invocation->client_context;
    event.cognito_identity = p.invocation->cognito_identity;
    // A copy, not a move: a repeated /next (a client's transport retry) must render the same event.
    event.payload = p.invocation->payload;
    return event;
}

void ExecutionEnvironment::finish_locked(Outcome outcome) {
    Pending p = std::move(*pending_);
    pending_.reset();
    if (timer_purpose_ == TimerPurpose::Invoke) {
        timer_.cancel();
        timer_purpose_ = TimerPurpose::None;
        ++timer_generation_;
    }
    const std::string& id = p.invocation->request_id;
    double duration_ms = p.dispatched ? millis_since(p.dispatched_at) : 0.0;
    if (!p.dispatched) {
        log_->begin_invocation(id, p.invocation->tail_log);
        log_->platform(start_line(id, spec_->version));
    }
    if (process_) {
        process_->flush_output();  // lines printed before this ending belong to this invocation
        if (!is_terminal(state_)) {
            sample_memory_locked(false);
        }
    }
    if (outcome.timed_out) {
        log_->platform(timeout_log_line(context_.clock.now(), id, duration_ms / 1000.0));
    }
    log_->platform(end_line(id));
    ReportFields fields;
    fields.duration_ms = duration_ms;
    fields.memory_size_mb = spec_->memory_mb;
    fields.max_memory_used_mb = max_memory_mb_;
    fields.init_duration_ms = std::exchange(init_duration_ms_, std::nullopt);
    if (outcome.timed_out) {
        fields.billed_cap_ms = spec_->timeout_seconds * 1000.0;
    }
    log_->platform(report_line(id, fields));

    InvocationResult result;
    result.request_id = id;
    result.payload = std::move(outcome.payload);
    if (outcome.failed) {
        result.function_error = "Unhandled";
    }
    result.executed_version = spec_->version;
    result.invoked_arn = p.invocation->invoked_arn;
    result.log_tail = log_->end_invocation();
    result.content_type = std::move(outcome.content_type);
    p.handler.complete(std::exception_ptr{}, std::move(result));
}

void ExecutionEnvironment::sample_memory_locked(bool always) {
    // Reading /proc/PID/status costs ~15 us; a busy environment samples its peak at most every 50 ms
    // (VmHWM only grows, so a later sample loses nothing but the latest growth).
    auto now = Steady::now();
    if (!always && memory_sampled_at_ != Steady::time_point{} &&
        now - memory_sampled_at_ < kMemorySampleInterval) {
        return;
    }
    memory_sampled_at_ = now;
    auto kb = static_cast<double>(process_tree_memory_kb(process_->pid()));
    max_memory_mb_ = std::max(max_memory_mb_, static_cast<std::uint64_t>(std::ceil(kb / 1024.0)));
}

void ExecutionEnvironment::stop() {
    std::lock_guard lock(mutex_);
    if (!transition_locked(EnvironmentEvent::Stop)) {
        return;
    }
    if (pending_) {
        pending_->handler.complete(std::make_exception_ptr(AwsError(ErrorCode::Service, "shutting down")),
                                   InvocationResult{});
        pending_.reset();
        log_->end_invocation();
    }
    retire_locked();
}

void ExecutionEnvironment::arm_timer_locked(TimerPurpose purpose, std::chrono::milliseconds after) {
    timer_purpose_ = purpose;
    std::uint64_t generation = ++timer_generation_;
    timer_.expires_after(after);
    // A pending kill keeps the environment alive until it fires; other timers must not.
    std::shared_ptr<ExecutionEnvironment> keep = purpose == TimerPurpose::Kill ? shared_from_this() : nullptr;
    timer_.async_wait([weak = weak_from_this(), keep, generation](const boost::system::error_code& ec) {
        if (ec) {
            return;
        }
        if (auto self = weak.lock()) {
            self->on_timer(generation);
        }
    });
}

void ExecutionEnvironment::on_timer(std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    if (generation != timer_generation_) {
        return;
    }
    TimerPurpose purpose = std::exchange(timer_purpose_, TimerPurpose::None);
    if (purpose == TimerPurpose::Init && state_ == EnvironmentState::Initializing) {
        double seconds = std::chrono::duration<double>(context_.config.init_timeout).count();
        logger()->warn("{} {}:{} runtime did not call /next within {} s", id_, spec_->function_name,
                       spec_->version, two_decimals(seconds));
        die_locked(EnvironmentEvent::InitTimeout, [seconds](std::string_view request_id) {
            return init_timeout_document(request_id, seconds);
        });
    } else if (purpose == TimerPurpose::Invoke && state_ == EnvironmentState::Invoking && pending_) {
        if (process_) {
            sample_memory_locked(true);
            process_->kill_group();
        }
        transition_locked(EnvironmentEvent::Timeout);
        Outcome outcome;
        outcome.payload = timeout_document(pending_->invocation->request_id,
                                           millis_since(pending_->dispatched_at) / 1000.0);
        outcome.failed = true;
        outcome.timed_out = true;
        finish_locked(std::move(outcome));
        retire_locked();
    } else if (purpose == TimerPurpose::Kill && process_) {
        process_->kill_group();
    }
}

EnvironmentState ExecutionEnvironment::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

bool ExecutionEnvironment::is_idle() const {
    std::lock_guard lock(mutex_);
    return state_ == EnvironmentState::Idle && !pending_;
}

bool ExecutionEnvironment::ended() const {
    std::lock_guard lock(mutex_);
    return is_terminal(state_);
}

int ExecutionEnvironment::pid() const {
    std::lock_guard lock(mutex_);
    return process_ ? process_->pid() : 0;
}

}  // namespace lemu::invoke
