#include "emulator/app/wire.hpp"

#include "emulator/app/version.hpp"

namespace lemu {

Services::Services(const Config& cfg) : config(cfg) {}
Services::~Services() = default;

std::unique_ptr<Services> wire(const Config& config) {
    auto s = std::make_unique<Services>(config);
    s->clock = std::make_unique<SystemClock>();
    s->random = std::make_unique<SystemRandom>();
    s->dispatcher = std::make_unique<http::Dispatcher>(*s->random);
    s->admin = std::make_unique<routers::admin::AdminRouter>(std::string(kVersion));

    // Public-port routing order (DESIGN.md §5): most specific signals first, admin last.
    s->dispatcher->add(*s->admin);

    s->server = std::make_unique<http::HttpServer>(s->io, *s->dispatcher);
    return s;
}

}  // namespace lemu
