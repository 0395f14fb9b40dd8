#pragma once
// One execution environment: a runtime process with its own Runtime API endpoint, serving one
// invocation at a time for exactly one ExecutionSpec (one function version and revision).
//
// States and transitions are those of environment_state.hpp (the tables are there); every change is
// validated with next_state()/next_phase() before anything happens. In short:
//   Spawning -> Initializing (process started) -> Idle (first GET /next) <-> Invoking (dispatched);
//   terminal: InitFailed (/init/error, launch failure), TimedOut (init or invoke deadline),
//   Exited (the process ended), Stopped (reaped idle, or shutdown).
//
// Concurrency: the state lives behind one mutex, taken for a few microseconds by the Runtime API
// handlers (on the runtime's connection), by invoke() (on the caller's connection), by the deadline
// timer and by the process-exit callback. Completions are posted to the waiting coroutine's own
// executor, so an invoke costs no strand hop. Lock order: this mutex -> ProcessHandle -> FunctionLog;
// the process and the log never call back into the environment while holding their locks.
//
// Failures answer the pending invocation with AWS's documents (function_errors.hpp): a deadline kills
// the process group (Sandbox.Timedout), an exit mid-invoke or during init is Runtime.ExitError,
// /init/error answers with the posted body, a silent runtime past the init timeout is Runtime.Unknown.
// If the environment dies before its first invocation arrives, that invocation gets the same answer.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "emulator/core/clock.hpp"
#include "emulator/invoke/completion.hpp"
#include "emulator/invoke/engine_config.hpp"
#include "emulator/invoke/environment_state.hpp"
#include "emulator/invoke/execution_spec.hpp"
#include "emulator/invoke/function_log.hpp"
#include "emulator/invoke/invocation.hpp"
#include "emulator/invoke/invocation_request.hpp"
#include "emulator/invoke/process_launcher.hpp"
#include "emulator/invoke/runtime_channel.hpp"
#include "emulator/invoke/runtime_endpoints.hpp"

namespace lemu::invoke {

// Thrown into invoke() when the environment ended between being picked and being used; the engine
// retries on another environment.
class EnvironmentGone : public std::runtime_error {
public:
    EnvironmentGone() : std::runtime_error("execution environment is gone") {}
};

class ExecutionEnvironment final : public RuntimeChannel,
                                   public std::enable_shared_from_this<ExecutionEnvironment> {
public:
    struct Context {
        boost::asio::any_io_executor executor;
        const Clock& clock;
        const EngineConfig& config;
        RuntimeEndpoints& endpoints;
    };

    ExecutionEnvironment(Context context, ExecutionSpecPtr spec, std::string id,
                         std::shared_ptr<FunctionLog> log);
    ~ExecutionEnvironment() override;
    ExecutionEnvironment(const ExecutionEnvironment&) = delete;
    ExecutionEnvironment& operator=(const ExecutionEnvironment&) = delete;

    // Spawning -> Initializing: starts the runtime process and the init timeout. Runs under the
    // environment's lock, so a runtime fast enough to call GET /next before the launcher returns
    // waits for it. Spawning -> InitFailed when it cannot start: the first invocation then answers
    // Runtime.InvalidEntrypoint "fork/exec /var/task/bootstrap: <reason>".
    void start(ProcessLauncher& launcher, const ProcessSpec& spec, ExitCallback on_exit);
    // Spawning -> Initializing with a process started elsewhere (tests play the runtime themselves).
    void attach(std::unique_ptr<ProcessHandle> process);
    // Spawning -> InitFailed: the runtime could not be started. The first invocation is answered with
    // Runtime.InvalidEntrypoint "RequestId: <id> Error: <reason>".
    void launch_failed(std::string reason);
    // Process exit (from the launcher's callback, any thread).
    void on_exit(ExitStatus status);

    // Runs one invocation to its end. Function failures are results; throws EnvironmentGone when the
    // environment ended before it could take the invocation, AwsError(ServiceException) on shutdown.
    boost::asio::awaitable<InvocationResult> invoke(std::shared_ptr<const Invocation> invocation);
    // -> Stopped: kills the process group, fails a pending invocation with ServiceException
    // "shutting down" and closes the endpoint. Idempotent.
    void stop();

    const std::string& id() const { return id_; }
    const ExecutionSpecPtr& spec() const { return spec_; }
    EnvironmentState state() const;
    // Idle with a live process: can take an invocation now.
    bool is_idle() const;
    // In a terminal state: never takes another invocation.
    bool ended() const;
    int pid() const;

    // RuntimeChannel
    boost::asio::awaitable<NextOutcome> next() override;
    RuntimeReply respond(std::string_view request_id, std::string body, std::string content_type) override;
    RuntimeReply report_error(std::string_view request_id, RuntimeErrorReport report) override;
    RuntimeReply init_error(RuntimeErrorReport report) override;
    RuntimeReply response_too_large(std::string_view request_id) override;
    RuntimeReply invalid_response_mode(std::string_view request_id) override;

private:
    using ResultHandler = Parked<void(std::exception_ptr, InvocationResult)>;
    using NextHandler = Parked<void(NextOutcome)>;
    using Steady = std::chrono::steady_clock;

    struct Pending {
        std::shared_ptr<const Invocation> invocation;
        ResultHandler handler;
        bool dispatched = false;
        Steady::time_point dispatched_at{};
        std::int64_t deadline_ms = 0;
    };

    // How an invocation ended, before it becomes an InvocationResult.
    struct Outcome {
        std::string payload;
        std::string content_type = "application/json";
        bool failed = false;
        bool timed_out = false;
    };

    enum class TimerPurpose { None, Init, Invoke, Kill };

    void accept(std::shared_ptr<const Invocation> invocation, ResultHandler handler);
    void exit_locked(const ExitStatus& status);
    void attach_locked(std::unique_ptr<ProcessHandle> process);
    void launch_failed_locked(std::string reason);
    void park_next(NextHandler handler);
    std::optional<NextOutcome> begin_next_locked();
    NextEvent dispatch_locked();
    NextEvent current_event_locked() const;
    void finish_locked(Outcome outcome);
    RuntimeReply check_invocation_call_locked(std::string_view request_id, RuntimeCall call) const;
    bool transition_locked(EnvironmentEvent event);
    void die_locked(EnvironmentEvent event, std::function<std::string(std::string_view)> document,
                    bool kill_now = true);
    void retire_locked(bool kill_now = true);
    void arm_timer_locked(TimerPurpose purpose, std::chrono::milliseconds after);
    void sample_memory_locked(bool always);
    void on_timer(std::uint64_t generation);

    Context context_;
    ExecutionSpecPtr spec_;
    std::string id_;
    std::shared_ptr<FunctionLog> log_;

    mutable std::mutex mutex_;
    EnvironmentState state_ = EnvironmentState::Spawning;
    RuntimePhase phase_ = RuntimePhase::Started;
    std::unique_ptr<ProcessHandle> process_;
    std::optional<Pending> pending_;
    std::optional<NextHandler> waiter_;
    std::string current_id_;  // the last dispatched request id; stays valid until the next dispatch
    bool assigned_ = false;   // an invocation was handed to this environment
    // When the environment dies before its first invocation arrives, that invocation's answer.
    std::function<std::string(std::string_view request_id)> early_failure_;
    std::optional<ExitStatus> early_exit_;  // the process ended before attach() ran
    Steady::time_point spawned_at_;
    std::optional<double> init_duration_ms_;  // reported once, on the first REPORT
    std::uint64_t max_memory_mb_ = 0;
    Steady::time_point memory_sampled_at_{};
    boost::asio::steady_timer timer_;
    TimerPurpose timer_purpose_ = TimerPurpose::None;
    std::uint64_t timer_generation_ = 0;
    bool released_ = false;
};

}  // namespace lemu::invoke
