#include "emulator/app/wire.hpp"

#include "emulator/app/version.hpp"

#include <filesystem>

namespace lemu {

Services::Services(const Config& cfg) : config(cfg) {}
Services::~Services() = default;

std::unique_ptr<Services> wire(const Config& config) {
    auto s = std::make_unique<Services>(config);
    s->clock = std::make_unique<SystemClock>();
    s->random = std::make_unique<SystemRandom>();
    s->dispatcher = std::make_unique<http::Dispatcher>(*s->random);
    s->admin = std::make_unique<routers::admin::AdminRouter>(std::string(kVersion));
    std::optional<std::filesystem::path> durable_dir;
    if (!config.server.state_dir.empty()) {
        durable_dir = std::filesystem::path(config.server.state_dir) / "durable";
    }
    s->durable_store =
        std::make_unique<durable::DurableExecutionStore>(*s->clock, *s->random, config.server.home, durable_dir);
    s->durable_store->load();
    s->durable_runner = std::make_unique<durable::DurableRunner>(s->io, *s->durable_store, *s->clock, s->invoker);
    s->durable_router = std::make_unique<routers::durable::DurableApiRouter>(*s->durable_store, config.server.home);

    // Public-port routing order (DESIGN.md §5): most specific signals first, admin last.
    s->dispatcher->add(*s->durable_router);
    s->dispatcher->add(*s->admin);

    s->server = std::make_unique<http::HttpServer>(s->io, *s->dispatcher);
    s->durable_runner->start();
    return s;
}

}  // namespace lemu
