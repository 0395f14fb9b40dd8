#pragma once
// The engine wired as wire() wires it, on a real io_context with I/O threads, a real HttpServer with
// per-environment endpoints, the RuntimeApiRouter and real child processes.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "emulator/invoke/boost_process_launcher.hpp"
#include "emulator/invoke/concurrency_limiter.hpp"
#include "emulator/invoke/execution_engine.hpp"
#include "emulator/invoke/runtime_catalog.hpp"
#include "routers/http/dispatcher.hpp"
#include "routers/http/http_server.hpp"
#include "runtime-api/http_runtime_endpoints.hpp"
#include "runtime-api/runtime_api_router.hpp"

namespace lemu::test {

std::filesystem::path fixture(const std::string& name);
std::filesystem::path shim_dir();

// A fresh directory under the system temp dir, removed when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

struct SpecOptions {
    std::string runtime = "provided.al2023";
    std::string handler = "function.handler";
    int timeout_seconds = 30;
    int memory_mb = 128;
    std::map<std::string, std::string> variables;
    std::string version = "$LATEST";
    std::string revision = "r1";
    std::string function_name;  // default: the fixture's name
};

invoke::ExecutionSpecPtr make_spec(const std::filesystem::path& code_dir, SpecOptions options = {});

class EngineHarness {
public:
    explicit EngineHarness(invoke::EngineConfig config = default_config());
    ~EngineHarness();

    static invoke::EngineConfig default_config();

    // Runs one invocation and waits for its result (at most two minutes).
    invoke::InvocationResult run(invoke::RunRequest request);
    std::future<invoke::InvocationResult> start(invoke::RunRequest request);
    invoke::RunRequest request(const invoke::ExecutionSpecPtr& spec, std::string payload);
    std::string new_request_id();

    boost::asio::io_context io;
    SystemClock clock;
    SeededRandom random{20240601};
    http::Dispatcher dispatcher{random};
    http::HttpServer server{io, dispatcher};
    runtime_api::HttpRuntimeEndpoints endpoints{server};
    runtime_api::RuntimeApiRouter router{endpoints};
    invoke::ConcurrencyLimiter limiter;
    invoke::EngineConfig config;
    std::unique_ptr<invoke::BoostProcessLauncher> launcher;
    std::unique_ptr<invoke::RuntimeCatalog> catalog;
    std::unique_ptr<invoke::ExecutionEngine> engine;

private:
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    std::vector<std::thread> threads_;
};

// Polls `condition` until it holds or `limit` passes; never used to wait for a fixed time.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds limit = std::chrono::seconds(30));

}  // namespace lemu::test
