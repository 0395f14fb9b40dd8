#include "emulator/app/wire.hpp"

#include "emulator/app/version.hpp"

#include <nlohmann/json.hpp>

#include "emulator/core/log.hpp"
#include <cstdlib>
#include <filesystem>

namespace lemu {

Services::Services(const Config& cfg) : config(cfg) {}
Services::~Services() {
    if (owns_code_dir && !code_dir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(code_dir, ignored);
    }
}

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
    std::optional<std::filesystem::path> durable_dir;
    if (!config.server.state_dir.empty()) {
        durable_dir = std::filesystem::path(config.server.state_dir) / "durable";
    }
    s->durable_store =
        std::make_unique<durable::DurableExecutionStore>(*s->clock, *s->random, config.server.home, durable_dir);
    s->durable_store->load();
    s->durable_runner = std::make_unique<durable::DurableRunner>(s->io, *s->durable_store, *s->clock, s->invoker);
    s->durable_router = std::make_unique<routers::durable::DurableApiRouter>(*s->durable_store, config.server.home);

    // S3. Until the function registry is wired in, no function exists, so every notification
    // destination is refused exactly as AWS refuses a missing function; replace this callback with
    // the registry + PermissionChecker check. Events are recorded (GET /_lemu/s3-notifications) and
    // forwarded to s3_events->set_next(...): an S3NotificationDispatcher over the Invoker.
    s->s3_destinations = std::make_unique<sources::s3::CallbackDestinationValidator>(
        [](const sources::s3::NotificationDestination& destination) {
            log::get("s3")->info("no function registry wired: destination {} refused", destination.function_arn);
            return false;
        });
    s->s3_events = std::make_unique<sources::s3::RecordingEventSink>();
    s->buckets = std::make_unique<sources::s3::BucketStore>(*s->clock, *s->random, config.server.home,
                                                            *s->s3_destinations, *s->s3_events);
    s->s3 = std::make_unique<routers::s3::S3Router>(*s->buckets);
    s->admin->add_report("s3-notifications", [events = s->s3_events.get()](const http::QueryParams&) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& d : events->recent()) {
            out.push_back({{"functionArn", d.function_arn}, {"bucket", d.bucket}, {"key", d.key},
                           {"eventName", d.event_name}, {"configurationId", d.configuration_id},
                           {"sourceArn", d.source_arn}, {"sourceAccount", d.source_account},
                           {"requestId", d.request_id}, {"payload", nlohmann::json::parse(d.payload)}});
        }
        return out;
    });

    // API Gateway. The data plane goes before the control plane (/restapis/ID/STAGE/_user_request_/
    // is the data plane's) and reads s->invoker now, so the Invoker must be set above this block.
    s->rest_apis = std::make_unique<sources::apigateway::RestApiStore>(config.server.home, *s->clock, *s->random);
    s->http_apis = std::make_unique<sources::apigateway::HttpApiStore>(config.server.home, *s->clock, *s->random);
    s->execute_api = std::make_unique<routers::apigateway::ExecuteApiRouter>(*s->rest_apis, *s->http_apis, s->invoker,
                                                                             *s->clock, *s->random);
    s->apigateway = std::make_unique<routers::apigateway::ApiGatewayRouter>(*s->rest_apis, *s->http_apis, s->invoker,
                                                                            *s->clock, *s->random);

    // SQS: the queue store, the long-poll notifier both the router and mappings wait on.
    s->queues = std::make_unique<sources::sqs::QueueStore>(config.server.home, *s->clock, *s->random);
    s->queue_notifier = std::make_unique<sources::sqs::QueueNotifier>(*s->queues, *s->clock);
    s->sqs = std::make_unique<routers::sqs::SqsRouter>(*s->queues, *s->queue_notifier);
    s->admin->add_report("sqs", [sqs = s->sqs.get()](const http::QueryParams&) { return sqs->report(); });

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
    s->dispatcher->add(*s->durable_router);
    s->dispatcher->add(*s->sqs);  // X-Amz-Target AmazonSQS.*, scope sqs, or Action= forms
    s->dispatcher->add(*s->lambda);  // dated Lambda prefixes or scope lambda
    s->dispatcher->add(*s->execute_api);
    s->dispatcher->add(*s->apigateway);
    s->dispatcher->add(*s->s3);  // scope s3, S3 hosts, or a path naming an existing bucket
    s->dispatcher->add(*s->admin);

    s->server = std::make_unique<http::HttpServer>(s->io, *s->dispatcher);
    s->durable_runner->start();
    wire_engine(*s, config);
    return s;
}

}  // namespace lemu
