#include "emulator/app/wire.hpp"

#include "emulator/app/version.hpp"

#include <cstdlib>
#include <filesystem>

namespace lemu {

Services::Services(const Config& cfg) : config(cfg) {}
Services::~Services() = default;

void Services::on_listening(const std::string& url) {
    if (engine) {
        engine->set_edge_endpoint(url);
    }
}

void Services::stop() {
    if (async_queue) {
        async_queue->stop();
    }
    if (engine) {
        engine->shutdown();
    }
    if (runtime_endpoints) {
        runtime_endpoints->release_all();
    }
}

namespace {

// The runtime shims are installed next to the lemu binary (build/runtime-shims).
std::filesystem::path default_runtime_dir() {
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path("runtime-shims") : exe.parent_path() / "runtime-shims";
}

void wire_engine(Services& s, const Config& config) {
    invoke::EngineConfig engine_config;
    engine_config.region = config.server.home.region;
    engine_config.init_timeout = config.engine.init_timeout;
    engine_config.idle_timeout = config.engine.idle_timeout;
    engine_config.runtime_dir =
        config.engine.runtime_dir.empty() ? default_runtime_dir() : std::filesystem::path(config.engine.runtime_dir);

    s.runtime_endpoints = std::make_unique<runtime_api::HttpRuntimeEndpoints>(*s.server);
    s.runtime_router = std::make_unique<runtime_api::RuntimeApiRouter>(*s.runtime_endpoints);
    s.dispatcher->set_environment_router(*s.runtime_router);
    s.launcher = std::make_unique<invoke::BoostProcessLauncher>(s.io.get_executor(), engine_config.max_line_bytes);
    const char* path = std::getenv("PATH");  // read once: where interpreters are looked up
    s.runtime_catalog = std::make_unique<invoke::RuntimeCatalog>(engine_config.runtime_dir, path ? path : "");
    s.limiter = std::make_unique<invoke::ConcurrencyLimiter>(config.engine.account_concurrency);
    s.engine = std::make_unique<invoke::ExecutionEngine>(
        invoke::ExecutionEngine::Deps{s.io.get_executor(), *s.launcher, *s.runtime_endpoints, *s.runtime_catalog,
                                      *s.limiter, *s.clock, *s.random},
        engine_config);
    invoke::AsyncRetryConfig retry;
    retry.time_scale = config.engine.async_time_scale;
    s.async_queue = std::make_unique<invoke::AsyncInvokeQueue>(s.io.get_executor(), retry);
}

}  // namespace

std::unique_ptr<Services> wire(const Config& config) {
    auto s = std::make_unique<Services>(config);
    s->clock = std::make_unique<SystemClock>();
    s->random = std::make_unique<SystemRandom>();
    s->dispatcher = std::make_unique<http::Dispatcher>(*s->random);
    s->admin = std::make_unique<routers::admin::AdminRouter>(std::string(kVersion));

    // Public-port routing order (DESIGN.md §5): most specific signals first, admin last.
    s->dispatcher->add(*s->admin);

    s->server = std::make_unique<http::HttpServer>(s->io, *s->dispatcher);
    wire_engine(*s, config);
    return s;
}

}  // namespace lemu
