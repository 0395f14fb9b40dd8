#pragma once
// Runs resolved function versions: everything below the ExecutionSpec. The glue Invoker resolves the
// qualifier, checks permissions, builds an ExecutionSpec and calls run(); the engine takes a
// concurrency slot, finds or spawns an environment for the spec and returns the invocation's result.
//
//   ExecutionEngine engine({io.get_executor(), launcher, endpoints, catalog, limiter, clock, random},
//   config); engine.set_edge_endpoint("http://127.0.0.1:4566");   // once the edge port listens
//   InvocationResult r = co_await engine.run(RunRequest{spec, request_id, invoked_arn, payload});
//
// Function failures (handler errors, timeouts, crashes, init errors) are results with
// function_error = "Unhandled". Thrown: AwsError TooManyRequestsException (429, limiter) and
// ServiceException (shutdown, no endpoint could be opened).

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "emulator/invoke/concurrency_limiter.hpp"
#include "emulator/invoke/engine_config.hpp"
#include "emulator/invoke/environment_pool.hpp"
#include "emulator/invoke/function_log.hpp"
#include "emulator/invoke/invocation.hpp"
#include "emulator/invoke/process_launcher.hpp"
#include "emulator/invoke/run_request.hpp"
#include "emulator/invoke/runtime_catalog.hpp"
#include "emulator/invoke/runtime_endpoints.hpp"

namespace lemu::invoke {

class ExecutionEngine {
public:
    struct Deps {
        boost::asio::any_io_executor executor;
        ProcessLauncher& launcher;
        RuntimeEndpoints& endpoints;
        const RuntimeCatalog& catalog;
        ConcurrencyLimiter& limiter;
        const Clock& clock;
        Random& random;
    };

    ExecutionEngine(Deps deps, EngineConfig config);
    ~ExecutionEngine();
    ExecutionEngine(const ExecutionEngine&) = delete;
    ExecutionEngine& operator=(const ExecutionEngine&) = delete;

    boost::asio::awaitable<InvocationResult> run(RunRequest request);

    // lemu's edge URL (AWS_ENDPOINT_URL* of new environments); known only once the edge port listens.
    void set_edge_endpoint(std::string url);
    std::string edge_endpoint() const;
    // Refuses new runs, fails pending invocations with ServiceException "shutting down" and kills every
    // runtime process group. Idempotent.
    void shutdown();

    EnvironmentPool& pool() { return pool_; }
    const EngineConfig& config() const { return config_; }

private:
    std::shared_ptr<ExecutionEnvironment> spawn(const ExecutionSpecPtr& spec);
    void launch(const std::shared_ptr<ExecutionEnvironment>& environment, const LaunchCommand& command);
    std::shared_ptr<const Invocation> make_invocation(RunRequest& request);

    Deps deps_;
    EngineConfig config_;
    EnvironmentPool pool_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::uint64_t> next_id_{0};
    mutable std::mutex edge_mutex_;
    std::string edge_endpoint_;
};

// "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=0" (runtime.md fact 4).
std::string new_trace_id(const Clock& clock, Random& random);

}  // namespace lemu::invoke
