#pragma once
// The composition root: every service, store and router of one lemu instance, built and connected in
// one place (DESIGN.md §3). Nothing else constructs services; nothing includes this but the app.

#include <boost/asio/io_context.hpp>

#include <memory>

#include "emulator/app/config.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "emulator/durable/durable_execution_store.hpp"
#include "emulator/durable/durable_runner.hpp"
#include "emulator/invoke/function_invoker.hpp"
#include "routers/admin/admin_router.hpp"
#include "routers/durable/durable_api_router.hpp"
#include "routers/http/dispatcher.hpp"
#include "routers/http/http_server.hpp"

namespace lemu {

struct Services {
    explicit Services(const Config& config);
    ~Services();

    Config config;
    boost::asio::io_context io;
    std::unique_ptr<Clock> clock;
    std::unique_ptr<Random> random;
    invoke::FunctionInvoker* invoker = nullptr;  // the one way code runs; set by whoever owns the Invoker
    std::unique_ptr<durable::DurableExecutionStore> durable_store;
    std::unique_ptr<durable::DurableRunner> durable_runner;
    std::unique_ptr<routers::durable::DurableApiRouter> durable_router;
    std::unique_ptr<http::Dispatcher> dispatcher;
    std::unique_ptr<routers::admin::AdminRouter> admin;
    std::unique_ptr<http::HttpServer> server;
};

std::unique_ptr<Services> wire(const Config& config);

}  // namespace lemu
