#pragma once
// The composition root: every service, store and router of one lemu instance, built and connected in
// one place (DESIGN.md §3). Nothing else constructs services; nothing includes this but the app.

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <memory>

#include "emulator/app/config.hpp"
#include "emulator/app/state_store.hpp"
#include "emulator/control/code_store.hpp"
#include "emulator/control/function_registry.hpp"
#include "emulator/control/layer_registry.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "routers/admin/admin_router.hpp"
#include "routers/http/dispatcher.hpp"
#include "routers/http/http_server.hpp"
#include "routers/lambda/lambda_api_router.hpp"

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
    // Control plane. Code lives under --state-dir, else in a private temp dir removed on stop.
    std::filesystem::path code_dir;
    bool owns_code_dir = false;
    std::unique_ptr<control::CodeStore> code;
    std::unique_ptr<control::FunctionRegistry> functions;
    std::unique_ptr<control::LayerRegistry> layers;
    std::unique_ptr<routers::lambda::LambdaApiRouter> lambda;
    std::unique_ptr<StateStore> state;  // only with --state-dir
    std::unique_ptr<http::HttpServer> server;
};

std::unique_ptr<Services> wire(const Config& config);

}  // namespace lemu
