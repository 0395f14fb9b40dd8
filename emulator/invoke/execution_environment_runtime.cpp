// ExecutionEnvironment as a RuntimeChannel: the Runtime API calls of its runtime process. Each call is
// validated (request id first, then the runtime phase, as RIE does) before any state changes.

#include <boost/asio/use_awaitable.hpp>

#include "emulator/invoke/execution_environment.hpp"
#include "emulator/invoke/function_errors.hpp"

namespace lemu::invoke {

namespace asio = boost::asio;

namespace {

RuntimeReply reply(RuntimeReplyKind kind, std::string message = {}) {
    return RuntimeReply{kind, std::move(message)};
}

NextOutcome rejected(RuntimeReply r) {
    NextOutcome outcome;
    outcome.reply = std::move(r);
    return outcome;
}

// After /init/error the runtime exits by itself; it is killed if it has not after this long.
constexpr std::chrono::milliseconds kInitErrorGrace{1000};

}  // namespace

boost::asio::awaitable<NextOutcome> ExecutionEnvironment::next() {
    std::optional<NextOutcome> immediate;
    {
        std::lock_guard lock(mutex_);
        immediate = begin_next_locked();
    }
    if (immediate) {
        co_return std::move(*immediate);
    }
    // Named locals only: GCC 12 destroys non-trivial temporaries of a co_await operand twice.
    std::shared_ptr<ExecutionEnvironment> self = shared_from_this();
    auto initiation = [this](auto handler) { park_next(NextHandler(std::move(handler))); };
    NextOutcome outcome = co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(NextOutcome)>(
        initiation, asio::use_awaitable);
    co_return outcome;
}

std::optional<NextOutcome> ExecutionEnvironment::begin_next_locked() {
    if (is_terminal(state_)) {
        return rejected(reply(RuntimeReplyKind::Gone));
    }
    std::optional<RuntimePhase> phase = next_phase(phase_, RuntimeCall::Next);
    if (!phase) {
        return rejected(reply(RuntimeReplyKind::InvalidStateTransition,
                              transition_error_message(phase_, RuntimeCall::Next)));
    }
    if (phase_ == RuntimePhase::Running) {
        NextOutcome again;
        again.event = current_event_locked();
        return again;
    }
    if (phase_ == RuntimePhase::Started) {
        // The first /next ends the init phase (runtime.md fact 3).
        transition_locked(EnvironmentEvent::InitDone);
        init_duration_ms_ = std::chrono::duration<double, std::milli>(Steady::now() - spawned_at_).count();
        if (timer_purpose_ == TimerPurpose::Init) {
            timer_.cancel();
            timer_purpose_ = TimerPurpose::None;
            ++timer_generation_;
        }
    }
    phase_ = *phase;
    if (pending_ && !pending_->dispatched && state_ == EnvironmentState::Idle) {
        NextOutcome outcome;
        outcome.event = dispatch_locked();
        return outcome;
    }
    return std::nullopt;
}

void ExecutionEnvironment::park_next(NextHandler handler) {
    std::lock_guard lock(mutex_);
    if (is_terminal(state_)) {
        handler.complete(rejected(reply(RuntimeReplyKind::Gone)));
        return;
    }
    if (waiter_) {
        // A second /next replaces the first (whose connection is likely gone); the first is told to exit.
        waiter_->complete(rejected(reply(RuntimeReplyKind::Gone)));
        waiter_.reset();
    }
    if (pending_ && !pending_->dispatched && state_ == EnvironmentState::Idle &&
        phase_ == RuntimePhase::Ready) {
        NextOutcome outcome;
        outcome.event = dispatch_locked();
        handler.complete(std::move(outcome));
        return;
    }
    waiter_.emplace(std::move(handler));
}

RuntimeReply ExecutionEnvironment::check_invocation_call_locked(std::string_view request_id,
                                                                RuntimeCall call) const {
    if (is_terminal(state_)) {
        return reply(RuntimeReplyKind::Gone);
    }
    if (request_id.empty() || request_id != current_id_) {
        return reply(RuntimeReplyKind::InvalidRequestId);
    }
    if (!next_phase(phase_, call)) {
        return reply(RuntimeReplyKind::InvalidStateTransition, transition_error_message(phase_, call));
    }
    return reply(RuntimeReplyKind::Accepted);
}

RuntimeReply ExecutionEnvironment::respond(std::string_view request_id, std::string body,
                                           std::string content_type) {
    std::lock_guard lock(mutex_);
    RuntimeReply r = check_invocation_call_locked(request_id, RuntimeCall::Response);
    if (r.kind != RuntimeReplyKind::Accepted) {
        return r;
    }
    phase_ = RuntimePhase::ResponseSent;
    transition_locked(EnvironmentEvent::Complete);
    Outcome outcome;
    outcome.payload = std::move(body);
    outcome.content_type = std::move(content_type);
    finish_locked(std::move(outcome));
    return r;
}

RuntimeReply ExecutionEnvironment::report_error(std::string_view request_id, RuntimeErrorReport report) {
    std::lock_guard lock(mutex_);
    RuntimeReply r = check_invocation_call_locked(request_id, RuntimeCall::Error);
    if (r.kind != RuntimeReplyKind::Accepted) {
        return r;
    }
    phase_ = RuntimePhase::ResponseSent;
    transition_locked(EnvironmentEvent::Complete);
    Outcome outcome;
    outcome.payload = std::move(report.body);
    outcome.content_type = std::move(report.content_type);
    outcome.failed = true;
    finish_locked(std::move(outcome));
    return r;
}

RuntimeReply ExecutionEnvironment::response_too_large(std::string_view request_id) {
    std::lock_guard lock(mutex_);
    RuntimeReply r = check_invocation_call_locked(request_id, RuntimeCall::Response);
    if (r.kind != RuntimeReplyKind::Accepted) {
        return r;
    }
    phase_ = RuntimePhase::ResponseSent;
    transition_locked(EnvironmentEvent::Complete);
    Outcome outcome;
    outcome.payload = response_too_large_document();
    outcome.failed = true;
    finish_locked(std::move(outcome));
    return reply(RuntimeReplyKind::TooLarge);
}

RuntimeReply ExecutionEnvironment::invalid_response_mode(std::string_view request_id) {
    std::lock_guard lock(mutex_);
    RuntimeReply r = check_invocation_call_locked(request_id, RuntimeCall::Response);
    if (r.kind != RuntimeReplyKind::Accepted) {
        return r;
    }
    phase_ = RuntimePhase::ResponseSent;
    transition_locked(EnvironmentEvent::Complete);
    Outcome outcome;
    outcome.payload = invalid_response_mode_document();
    outcome.failed = true;
    finish_locked(std::move(outcome));
    return reply(RuntimeReplyKind::InvalidResponseMode);
}

RuntimeReply ExecutionEnvironment::init_error(RuntimeErrorReport report) {
    std::lock_guard lock(mutex_);
    if (is_terminal(state_)) {
        return reply(RuntimeReplyKind::Gone);
    }
    if (!next_phase(phase_, RuntimeCall::InitError)) {
        return reply(RuntimeReplyKind::InvalidStateTransition,
                     transition_error_message(phase_, RuntimeCall::InitError));
    }
    phase_ = RuntimePhase::InitError;
    // The posted document answers the pending invocation (fact 32); the runtime exits on its own.
    die_locked(
        EnvironmentEvent::InitError, [body = std::move(report.body)](std::string_view) { return body; },
        false);
    arm_timer_locked(TimerPurpose::Kill, kInitErrorGrace);
    return reply(RuntimeReplyKind::Accepted);
}

}  // namespace lemu::invoke
