#include "emulator/invoke/execution_engine.hpp"

#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/log.hpp"
#include "emulator/invoke/function_log.hpp"

namespace lemu::invoke {

namespace {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("invoke");
    return instance;
}

// Retries when an environment ended between being picked and being used.
constexpr int kAttempts = 3;

}  // namespace

std::string new_trace_id(const Clock& clock, Random& random) {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
    return fmt::format("Root=1-{:08x}-{};Parent={};Sampled=0", seconds, random_hex(random, 24),
                       random_hex(random, 16));
}

ExecutionEngine::ExecutionEngine(Deps deps, EngineConfig config)
    : deps_(deps), config_(std::move(config)), pool_(deps.executor, config_.idle_timeout) {
    pool_.start_reaper();
}

ExecutionEngine::~ExecutionEngine() {
    shutdown();
}

void ExecutionEngine::set_edge_endpoint(std::string url) {
    std::lock_guard lock(edge_mutex_);
    edge_endpoint_ = std::move(url);
}

std::string ExecutionEngine::edge_endpoint() const {
    std::lock_guard lock(edge_mutex_);
    return edge_endpoint_;
}

void ExecutionEngine::shutdown() {
    if (stopping_.exchange(true)) {
        return;
    }
    pool_.stop_all();
}

std::shared_ptr<const Invocation> ExecutionEngine::make_invocation(RunRequest& request) {
    auto invocation = std::make_shared<Invocation>();
    invocation->request_id = std::move(request.request_id);
    invocation->invoked_arn = std::move(request.invoked_arn);
    invocation->payload = request.payload.empty() ? std::string("{}") : std::move(request.payload);
    invocation->client_context = std::move(request.client_context);
    invocation->cognito_identity = std::move(request.cognito_identity);
    invocation->trace_id =
        request.trace_id.empty() ? new_trace_id(deps_.clock, deps_.random) : std::move(request.trace_id);
    invocation->tail_log = request.tail_log;
    return invocation;
}

boost::asio::awaitable<InvocationResult> ExecutionEngine::run(RunRequest request) {
    if (stopping_) {
        throw AwsError(ErrorCode::Service, "shutting down");
    }
    ExecutionSpecPtr spec = request.spec;
    ConcurrencyLimiter::Lease lease = deps_.limiter.acquire(spec->function_name);
    std::shared_ptr<const Invocation> invocation = make_invocation(request);
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        std::shared_ptr<ExecutionEnvironment> environment = pool_.take_idle(*spec);
        if (!environment) {
            environment = spawn(spec);
            pool_.add_busy(environment);
        }
        std::exception_ptr failure;
        try {
            // A named awaitable: no non-trivial temporary lives across the co_await (GCC 12).
            auto pending = environment->invoke(invocation);
            InvocationResult result = co_await std::move(pending);
            pool_.release(environment);
            co_return result;
        } catch (const EnvironmentGone&) {
            logger()->debug("{} ended before taking {}; retrying", environment->id(), invocation->request_id);
        } catch (...) {
            failure = std::current_exception();
        }
        pool_.release(environment);
        if (failure) {
            std::rethrow_exception(failure);
        }
    }
    throw AwsError(ErrorCode::Service, "No execution environment could take the invocation.");
}

std::shared_ptr<ExecutionEnvironment> ExecutionEngine::spawn(const ExecutionSpecPtr& spec) {
    std::string id = fmt::format("env-{}", ++next_id_);
    auto log = std::make_shared<FunctionLog>(spec->function_name, spec->version, config_.tail_bytes);
    auto environment = std::make_shared<ExecutionEnvironment>(
        ExecutionEnvironment::Context{deps_.executor, deps_.clock, config_, deps_.endpoints}, spec, id, log);
    RuntimeResolution resolution = deps_.catalog.resolve(*spec);
    if (auto* failure = std::get_if<StartupFailure>(&resolution)) {
        environment->launch_failed(failure->reason);
        return environment;
    }
    launch(environment, std::get<LaunchCommand>(resolution));
    return environment;
}

void ExecutionEngine::launch(const std::shared_ptr<ExecutionEnvironment>& environment,
                             const LaunchCommand& command) {
    const ExecutionSpec& spec = *environment->spec();
    std::string runtime_api = deps_.endpoints.allocate(environment->id(), environment);
    EnvironmentInputs inputs{spec};
    inputs.family = command.family;
    inputs.runtime_api = runtime_api;
    inputs.log_stream = log_stream_name(deps_.clock.now(), spec.version, random_hex(deps_.random, 32));
    inputs.region = config_.region;
    inputs.credentials = config_.credentials;
    inputs.edge_endpoint = edge_endpoint();
    inputs.runtime_dir = command.runtime_dir;
    inputs.path_prefix = command.path_prefix;

    ProcessSpec process;
    process.executable = command.executable;
    process.args = command.args;
    process.environment = build_environment(inputs);
    process.working_dir = spec.code_dir;
    std::weak_ptr<ExecutionEnvironment> weak = environment;
    environment->start(deps_.launcher, process, [weak](ExitStatus status) {
        if (auto target = weak.lock()) {
            target->on_exit(status);
        }
    });
    logger()->debug("{} started {}:{} ({}) on {}", environment->id(), spec.function_name, spec.version,
                    spec.runtime, runtime_api);
}

}  // namespace lemu::invoke
