#include "tests/component/harness.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

#include <cstdlib>
#include <stdexcept>

namespace lemu::test {

namespace asio = boost::asio;
namespace fs = std::filesystem;

fs::path fixture(const std::string& name) {
    return fs::path(LEMU_FIXTURES_DIR) / "functions" / name;
}

fs::path shim_dir() {
    return fs::path(LEMU_SHIM_DIR);
}

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "lemu-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

invoke::ExecutionSpecPtr make_spec(const fs::path& code_dir, SpecOptions options) {
    auto spec = std::make_shared<invoke::ExecutionSpec>();
    spec->function_name =
        options.function_name.empty() ? code_dir.filename().string() : options.function_name;
    spec->version = options.version;
    spec->revision = options.revision;
    spec->runtime = options.runtime;
    spec->handler = options.handler;
    spec->code_dir = code_dir;
    spec->memory_mb = options.memory_mb;
    spec->timeout_seconds = options.timeout_seconds;
    spec->variables = std::move(options.variables);
    return spec;
}

invoke::EngineConfig EngineHarness::default_config() {
    invoke::EngineConfig config;
    config.region = "us-east-1";
    config.runtime_dir = shim_dir();
    return config;
}

EngineHarness::EngineHarness(invoke::EngineConfig engine_config) : config(std::move(engine_config)) {
    dispatcher.set_environment_router(router);
    launcher = std::make_unique<invoke::BoostProcessLauncher>(io.get_executor(), config.max_line_bytes);
    const char* path = std::getenv("PATH");
    catalog = std::make_unique<invoke::RuntimeCatalog>(config.runtime_dir, path != nullptr ? path : "");
    engine = std::make_unique<invoke::ExecutionEngine>(
        invoke::ExecutionEngine::Deps{io.get_executor(), *launcher, endpoints, *catalog, limiter, clock,
                                      random},
        config);
    engine->set_edge_endpoint("http://127.0.0.1:4566");
    work_.emplace(io.get_executor());
    for (int i = 0; i < 2; ++i) {
        threads_.emplace_back([this] { io.run(); });
    }
}

EngineHarness::~EngineHarness() {
    engine->shutdown();
    endpoints.release_all();
    server.stop_accepting();
    work_.reset();
    io.stop();
    for (auto& thread : threads_) {
        thread.join();
    }
}

std::string EngineHarness::new_request_id() {
    return new_uuid(random);
}

invoke::RunRequest EngineHarness::request(const invoke::ExecutionSpecPtr& spec, std::string payload) {
    invoke::RunRequest request;
    request.spec = spec;
    request.request_id = new_request_id();
    request.invoked_arn = "arn:aws:lambda:us-east-1:000000000000:function:" + spec->function_name;
    request.payload = std::move(payload);
    return request;
}

std::future<invoke::InvocationResult> EngineHarness::start(invoke::RunRequest request) {
    return asio::co_spawn(io, engine->run(std::move(request)), asio::use_future);
}

invoke::InvocationResult EngineHarness::run(invoke::RunRequest request) {
    auto future = start(std::move(request));
    if (future.wait_for(std::chrono::minutes(2)) != std::future_status::ready) {
        throw std::runtime_error("invocation did not finish");
    }
    return future.get();
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return condition();
}

}  // namespace lemu::test
