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

    // API Gateway. The data plane goes before the control plane (/restapis/ID/STAGE/_user_request_/
    // is the data plane's) and reads s->invoker now, so the Invoker must be set above this block.
    s->rest_apis = std::make_unique<sources::apigateway::RestApiStore>(config.server.home, *s->clock, *s->random);
    s->http_apis = std::make_unique<sources::apigateway::HttpApiStore>(config.server.home, *s->clock, *s->random);
    s->execute_api = std::make_unique<routers::apigateway::ExecuteApiRouter>(*s->rest_apis, *s->http_apis, s->invoker,
                                                                             *s->clock, *s->random);
    s->apigateway = std::make_unique<routers::apigateway::ApiGatewayRouter>(*s->rest_apis, *s->http_apis, s->invoker,
                                                                            *s->clock, *s->random);
    s->dispatcher->add(*s->execute_api);
    s->dispatcher->add(*s->apigateway);

    s->server = std::make_unique<http::HttpServer>(s->io, *s->dispatcher);
    return s;
}

}  // namespace lemu
