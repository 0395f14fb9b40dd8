#include "emulator/app/wire.hpp"

#include "emulator/app/version.hpp"

#include <nlohmann/json.hpp>

namespace lemu {

Services::Services(const Config& cfg) : config(cfg) {}
Services::~Services() = default;

std::unique_ptr<Services> wire(const Config& config) {
    auto s = std::make_unique<Services>(config);
    s->clock = std::make_unique<SystemClock>();
    s->random = std::make_unique<SystemRandom>();
    s->dispatcher = std::make_unique<http::Dispatcher>(*s->random);
    s->admin = std::make_unique<routers::admin::AdminRouter>(std::string(kVersion));
    s->queues = std::make_unique<sources::sqs::QueueStore>(config.server.home, *s->clock, *s->random);
    s->queue_notifier = std::make_unique<sources::sqs::QueueNotifier>(*s->queues, *s->clock);
    s->sqs = std::make_unique<routers::sqs::SqsRouter>(*s->queues, *s->queue_notifier);
    s->admin->add_report("sqs", [sqs = s->sqs.get()](const http::QueryParams&) { return sqs->report(); });

    // Public-port routing order (DESIGN.md §5): most specific signals first, admin last.
    s->dispatcher->add(*s->sqs);
    s->dispatcher->add(*s->admin);

    s->server = std::make_unique<http::HttpServer>(s->io, *s->dispatcher);
    return s;
}

}  // namespace lemu
