#pragma once
// The composition root: every service, store and router of one lemu instance, built and connected in
// one place (DESIGN.md §3). Nothing else constructs services; nothing includes this but the app.

#include <boost/asio/io_context.hpp>

#include <memory>

#include "emulator/app/config.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "emulator/invoke/async_invoke_queue.hpp"
#include "emulator/invoke/boost_process_launcher.hpp"
#include "emulator/invoke/concurrency_limiter.hpp"
#include "emulator/invoke/execution_engine.hpp"
#include "emulator/invoke/runtime_catalog.hpp"
#include "routers/admin/admin_router.hpp"
#include "routers/http/dispatcher.hpp"
#include "routers/http/http_server.hpp"
#include "runtime-api/http_runtime_endpoints.hpp"
#include "runtime-api/runtime_api_router.hpp"

namespace lemu {

struct Services {
    explicit Services(const Config& config);
    ~Services();

    Config config;
    boost::asio::io_context io;
    std::unique_ptr<Clock> clock;
    std::unique_ptr<Random> random;
    std::unique_ptr<http::Dispatcher> dispatcher;
    std::unique_ptr<routers::admin::AdminRouter> admin;
    std::unique_ptr<http::HttpServer> server;
    // The execution engine, declared after the server so it is destroyed first.
    std::unique_ptr<runtime_api::HttpRuntimeEndpoints> runtime_endpoints;
    std::unique_ptr<runtime_api::RuntimeApiRouter> runtime_router;
    std::unique_ptr<invoke::BoostProcessLauncher> launcher;
    std::unique_ptr<invoke::RuntimeCatalog> runtime_catalog;
    std::unique_ptr<invoke::ConcurrencyLimiter> limiter;
    std::unique_ptr<invoke::ExecutionEngine> engine;
    std::unique_ptr<invoke::AsyncInvokeQueue> async_queue;

    // The edge port listens at `url`: new runtimes get it as AWS_ENDPOINT_URL.
    void on_listening(const std::string& url);
    // Shutdown, after the listeners stopped accepting and before the io_context stops (DESIGN.md §10):
    // no more async retries, pending invocations fail with ServiceException "shutting down", every
    // runtime process group is killed, every Runtime API endpoint closes. Idempotent.
    void stop();
};

std::unique_ptr<Services> wire(const Config& config);

}  // namespace lemu
