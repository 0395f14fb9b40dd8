#include "emulator/app/wire.hpp"

#include "emulator/app/version.hpp"

namespace lemu {

Services::Services(const Config& cfg) : config(cfg) {}
Services::~Services() {
    if (owns_code_dir && !code_dir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(code_dir, ignored);
    }
}

std::unique_ptr<Services> wire(const Config& config) {
    auto s = std::make_unique<Services>(config);
    s->clock = std::make_unique<SystemClock>();
    s->random = std::make_unique<SystemRandom>();
    s->dispatcher = std::make_unique<http::Dispatcher>(*s->random);
    s->admin = std::make_unique<routers::admin::AdminRouter>(std::string(kVersion));

    const std::string& state_dir = config.server.state_dir;
    if (!state_dir.empty()) {
        s->code_dir = std::filesystem::path(state_dir) / "code";
    } else {
        s->code_dir = std::filesystem::temp_directory_path() / ("lemu-code-" + random_hex(*s->random, 16));
        s->owns_code_dir = true;
    }
    s->code = std::make_unique<control::CodeStore>(s->code_dir);
    s->functions = std::make_unique<control::FunctionRegistry>(config.server.home, *s->clock, *s->random);
    s->layers = std::make_unique<control::LayerRegistry>(config.server.home, *s->clock);
    if (!state_dir.empty()) {
        s->state = std::make_unique<StateStore>(state_dir, *s->functions, *s->layers);
        s->state->load();
        s->state->attach();
    }
    s->lambda = std::make_unique<routers::lambda::LambdaApiRouter>(
        routers::lambda::LambdaContext{*s->functions, *s->layers, *s->code, *s->clock});

    // Public-port routing order (DESIGN.md §5): most specific signals first, admin last.
    s->dispatcher->add(*s->lambda);
    s->dispatcher->add(*s->admin);

    s->server = std::make_unique<http::HttpServer>(s->io, *s->dispatcher);
    return s;
}

}  // namespace lemu
