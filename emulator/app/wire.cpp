#include "emulator/app/wire.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

#include "emulator/app/function_url_state.hpp"
#include "emulator/app/version.hpp"
#include "emulator/core/log.hpp"
#include "emulator/core/text.hpp"
#include "routers/http/url.hpp"

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
    if (esm) {
        esm->stop();  // mappings take no more batches (DESIGN.md §10 step 2)
    }
    if (durable_runner) {
        durable_runner->stop();
    }
    if (queue_notifier) {
        queue_notifier->stop();
    }
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

void wire_control(Services& s, const Config& config) {
    const std::string& state_dir = config.server.state_dir;
    if (!state_dir.empty()) {
        s.code_dir = std::filesystem::path(state_dir) / "code";
    } else {
        s.code_dir = std::filesystem::temp_directory_path() / ("lemu-code-" + random_hex(*s.random, 16));
        s.owns_code_dir = true;
    }
    s.code = std::make_unique<control::CodeStore>(s.code_dir);
    s.functions = std::make_unique<control::FunctionRegistry>(config.server.home, *s.clock, *s.random);
    s.layers = std::make_unique<control::LayerRegistry>(config.server.home, *s.clock);
    if (!state_dir.empty()) {
        s.state = std::make_unique<StateStore>(state_dir, *s.functions, *s.layers);
        s.state->load();
        s.state->attach();
    }
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
    s.functions->set_account_concurrency(config.engine.account_concurrency);
    s.engine = std::make_unique<invoke::ExecutionEngine>(
        invoke::ExecutionEngine::Deps{s.io.get_executor(), *s.launcher, *s.runtime_endpoints, *s.runtime_catalog,
                                      *s.limiter, *s.clock, *s.random},
        engine_config);
    invoke::AsyncRetryConfig retry;
    retry.time_scale = config.engine.async_time_scale;
    s.async_queue = std::make_unique<invoke::AsyncInvokeQueue>(s.io.get_executor(), retry);
}

nlohmann::json denial_json(const invoke::Denial& d) {
    return {{"time", iso8601_millis(d.time)},      {"source", d.source},
            {"principal", d.principal},            {"action", d.action},
            {"sourceArn", d.source_arn},           {"sourceAccount", d.source_account},
            {"targetArn", d.target_arn},           {"policyConsulted", d.policy},
            {"reason", d.reason},                  {"requestId", d.request_id}};
}

// `since` is an ISO 8601 time (2026-01-02T03:04:05.5Z, or with an offset) or epoch milliseconds.
TimePoint parse_since(const std::string& text) {
    if (std::optional<std::int64_t> millis = parse_number<std::int64_t>(text)) {
        return from_epoch_millis(*millis);
    }
    if (std::optional<TimePoint> time = parse_iso8601(text)) {
        return *time;
    }
    throw AwsError(ErrorCode::Validation, "since must be an ISO 8601 time or epoch milliseconds: " + text);
}

void wire_invoker(Services& s) {
    s.denials = std::make_unique<invoke::DenialLog>();
    s.invoker_impl = std::make_unique<invoke::Invoker>(invoke::Invoker::Deps{
        *s.functions, *s.code, *s.engine, *s.limiter, *s.async_queue, *s.denials, *s.clock, *s.random});
    s.invoker = s.invoker_impl.get();
    s.functions->add_observer(*s.invoker_impl);
    s.admin->add_report("denials", [denials = s.denials.get()](const http::QueryParams& query) {
        TimePoint since{};
        for (const auto& [key, value] : query) {
            if (key == "since") {
                since = parse_since(value);
            }
        }
        nlohmann::json out = nlohmann::json::array();
        for (const invoke::Denial& d : denials->since(since)) {
            out.push_back(denial_json(d));
        }
        return nlohmann::json{{"denials", out}, {"dropped", denials->dropped()}};
    });
}

void wire_durable(Services& s, const Config& config) {
    std::optional<std::filesystem::path> durable_dir;
    if (!config.server.state_dir.empty()) {
        durable_dir = std::filesystem::path(config.server.state_dir) / "durable";
    }
    s.durable_store =
        std::make_unique<durable::DurableExecutionStore>(*s.clock, *s.random, config.server.home, durable_dir);
    s.durable_store->load();
    s.durable_runner = std::make_unique<durable::DurableRunner>(s.io, *s.durable_store, *s.clock, s.invoker);
    s.durable_bridge = std::make_unique<DurableBridge>(*s.durable_runner, *s.functions, *s.random);
    s.durable_store->set_resolver(s.durable_bridge.get());
    s.invoker_impl->set_durable_starter(s.durable_bridge.get());
    s.functions->set_version_delete_guard(
        [bridge = s.durable_bridge.get()](const std::string& function, const std::string& version) {
            bridge->guard_version_delete(function, version);
        });
    s.durable_router = std::make_unique<routers::durable::DurableApiRouter>(*s.durable_store, config.server.home);
    s.durable_router->set_function_check([functions = s.functions.get()](const FunctionRef& ref) {
        FunctionRef unqualified{ref.name, std::nullopt, false};
        (void)functions->get_function(unqualified);  // throws ResourceNotFoundException
    });
}

void wire_s3(Services& s, const Config& config) {
    // AWS validates every Lambda destination when the configuration is put (sources.md §4.B): the exact
    // ARN must exist and its own policy must let s3.amazonaws.com invoke it for this bucket and account.
    s.s3_destinations = std::make_unique<sources::s3::CallbackDestinationValidator>(
        [invoker = s.invoker_impl.get()](const sources::s3::NotificationDestination& destination) {
            invoke::Caller caller;
            caller.principal = "s3.amazonaws.com";
            caller.source_arn = destination.source_arn;
            caller.source_account = destination.source_account;
            caller.source = "s3";
            try {
                control::Decision decision = invoker->check_access(destination.function_arn, caller);
                if (!decision.allowed) {
                    log::get("s3")->warn("notification destination {} refused: {}", destination.function_arn,
                                         decision.reason);
                }
                return decision.allowed;
            } catch (const AwsError& e) {
                log::get("s3")->warn("notification destination {} refused: {}", destination.function_arn,
                                     e.message());
                return false;
            }
        });
    s.s3_dispatcher = std::make_unique<sources::s3::S3NotificationDispatcher>(s.io.get_executor(), *s.invoker);
    s.s3_events = std::make_unique<sources::s3::RecordingEventSink>(s.s3_dispatcher.get());
    s.buckets = std::make_unique<sources::s3::BucketStore>(*s.clock, *s.random, config.server.home,
                                                           *s.s3_destinations, *s.s3_events);
    s.s3 = std::make_unique<routers::s3::S3Router>(*s.buckets);
    // CreateFunction / UpdateFunctionCode / PublishLayerVersion with Code.S3Bucket/S3Key read from here.
    s.lambda->context().read_s3_object = [buckets = s.buckets.get()](const std::string& bucket, const std::string& key,
                                                                     const std::string& version) {
        sources::s3::ObjectPtr object = buckets->get_object(bucket, key);
        if (!version.empty() && version != object->version_id) {
            throw AwsError(ErrorCode::NoSuchVersion, "The specified version does not exist.");
        }
        return *object->bytes;
    };
    s.admin->add_report("s3-notifications", [events = s.s3_events.get()](const http::QueryParams&) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& d : events->recent()) {
            out.push_back({{"functionArn", d.function_arn}, {"bucket", d.bucket}, {"key", d.key},
                           {"eventName", d.event_name}, {"configurationId", d.configuration_id},
                           {"sourceArn", d.source_arn}, {"sourceAccount", d.source_account},
                           {"requestId", d.request_id}, {"payload", nlohmann::json::parse(d.payload)}});
        }
        return out;
    });
}

void wire_apigateway(Services& s, const Config& config) {
    s.rest_apis = std::make_unique<sources::apigateway::RestApiStore>(config.server.home, *s.clock, *s.random);
    s.http_apis = std::make_unique<sources::apigateway::HttpApiStore>(config.server.home, *s.clock, *s.random);
    s.execute_api = std::make_unique<routers::apigateway::ExecuteApiRouter>(*s.rest_apis, *s.http_apis, s.invoker,
                                                                            *s.clock, *s.random);
    s.apigateway = std::make_unique<routers::apigateway::ApiGatewayRouter>(*s.rest_apis, *s.http_apis, s.invoker,
                                                                           *s.clock, *s.random);
}

void wire_urls(Services& s, const Config& config) {
    s.urls = std::make_unique<control::FunctionUrlStore>(*s.functions, *s.clock, *s.random);
    if (s.state) {
        control::FunctionUrlStore* urls = s.urls.get();
        s.state->add_section("function_urls", StateStore::Section{
            [urls] { return encode_function_urls(urls->snapshot()); },
            [urls](const nlohmann::json& document) { urls->restore(decode_function_urls(document)); }});
        s.urls->set_change_listener([state = s.state.get()] { state->save(); });
    }
    routers::lambda_url::FunctionUrlRouter::Options options;
    options.legacy_auth = config.server.legacy_function_url_auth;
    s.function_urls = std::make_unique<routers::lambda_url::FunctionUrlRouter>(*s.urls, s.invoker, *s.denials,
                                                                               *s.clock, options);
}

void wire_sqs(Services& s, const Config& config) {
    s.queues = std::make_unique<sources::sqs::QueueStore>(config.server.home, *s.clock, *s.random);
    s.queue_notifier = std::make_unique<sources::sqs::QueueNotifier>(*s.queues, *s.clock);
    s.sqs = std::make_unique<routers::sqs::SqsRouter>(*s.queues, *s.queue_notifier);
    s.admin->add_report("sqs", [sqs = s.sqs.get()](const http::QueryParams&) { return sqs->report(); });
}

nlohmann::json esm_report(const sources::esm::EsmManager& esm) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [uuid, st] : esm.stats()) {
        out[uuid] = {{"batches", st.batches},     {"messages", st.messages},
                     {"deleted", st.deleted},     {"failedBatches", st.failed_batches},
                     {"messagesByVersion", st.messages_by_version}};
    }
    return out;
}

void wire_esm(Services& s, const Config& config) {
    s.esm = std::make_unique<sources::esm::EsmManager>(
        s.io.get_executor(), sources::esm::EsmManager::Deps{*s.functions, *s.queues, *s.queue_notifier, *s.invoker,
                                                            *s.clock, *s.random, config.server.home});
    if (!config.server.state_dir.empty()) {
        s.esm_state = std::make_unique<sources::esm::MappingStateFile>(config.server.state_dir, s.esm->registry());
        s.esm_state->load();
        s.esm_state->attach();
    }
    s.lambda->context().esm = s.esm.get();
    s.admin->add_report("esm", [esm = s.esm.get()](const http::QueryParams&) { return esm_report(*esm); });
    s.esm->start();
}

}  // namespace

std::unique_ptr<Services> wire(const Config& config) {
    auto s = std::make_unique<Services>(config);
    s->clock = std::make_unique<SystemClock>();
    s->random = std::make_unique<SystemRandom>();
    s->dispatcher = std::make_unique<http::Dispatcher>(*s->random);
    s->server = std::make_unique<http::HttpServer>(s->io, *s->dispatcher);
    s->admin = std::make_unique<routers::admin::AdminRouter>(std::string(kVersion));

    wire_control(*s, config);
    wire_engine(*s, config);
    wire_invoker(*s);
    wire_durable(*s, config);
    wire_urls(*s, config);
    s->lambda = std::make_unique<routers::lambda::LambdaApiRouter>(routers::lambda::LambdaContext{
        *s->functions, *s->layers, *s->code, *s->clock, s->invoker, s->urls.get()});
    wire_s3(*s, config);
    wire_apigateway(*s, config);
    wire_sqs(*s, config);
    wire_esm(*s, config);

    // Public-port routing order (DESIGN.md §5): most specific signals first, admin last.
    s->dispatcher->add(*s->function_urls);   // /_aws/lambda-url/ID/... or Host ID.lambda-url.*; any path or signature
    s->dispatcher->add(*s->durable_router);  // /2025-12-01/ durable APIs, although signed for lambda
    s->dispatcher->add(*s->sqs);             // X-Amz-Target AmazonSQS.*, scope sqs, or Action= forms
    s->dispatcher->add(*s->lambda);          // dated Lambda prefixes or scope lambda
    s->dispatcher->add(*s->execute_api);
    s->dispatcher->add(*s->apigateway);
    s->dispatcher->add(*s->s3);  // scope s3, S3 hosts, or a path naming an existing bucket
    s->dispatcher->add(*s->admin);

    s->durable_runner->start();
    return s;
}

}  // namespace lemu
