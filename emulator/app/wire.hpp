#pragma once
// The composition root: every service, store and router of one lemu instance, built and connected in
// one place (DESIGN.md §3). Nothing else constructs services; nothing includes this but the app.

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <memory>

#include "emulator/app/config.hpp"
#include "emulator/app/durable_bridge.hpp"
#include "emulator/app/state_store.hpp"
#include "emulator/control/code_store.hpp"
#include "emulator/control/function_registry.hpp"
#include "emulator/control/function_url_store.hpp"
#include "emulator/control/layer_registry.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "emulator/durable/durable_execution_store.hpp"
#include "emulator/durable/durable_runner.hpp"
#include "emulator/invoke/async_invoke_queue.hpp"
#include "emulator/invoke/boost_process_launcher.hpp"
#include "emulator/invoke/concurrency_limiter.hpp"
#include "emulator/invoke/denial_log.hpp"
#include "emulator/invoke/execution_engine.hpp"
#include "emulator/invoke/invoker.hpp"
#include "emulator/invoke/runtime_catalog.hpp"
#include "routers/admin/admin_router.hpp"
#include "routers/apigateway/api_gateway_router.hpp"
#include "routers/apigateway/execute_api_router.hpp"
#include "routers/durable/durable_api_router.hpp"
#include "routers/http/dispatcher.hpp"
#include "routers/http/http_server.hpp"
#include "routers/lambda/lambda_api_router.hpp"
#include "routers/lambda_url/function_url_router.hpp"
#include "routers/s3/s3_router.hpp"
#include "routers/sqs/sqs_router.hpp"
#include "runtime-api/http_runtime_endpoints.hpp"
#include "runtime-api/runtime_api_router.hpp"
#include "sources/esm/esm_manager.hpp"
#include "sources/esm/mapping_state_file.hpp"
#include "sources/s3/bucket_store.hpp"
#include "sources/s3/destination_validator.hpp"
#include "sources/s3/notification_dispatcher.hpp"
#include "sources/s3/recording_event_sink.hpp"
#include "sources/sqs/queue_notifier.hpp"
#include "sources/sqs/queue_store.hpp"

namespace lemu {

// Members are destroyed in reverse order: routers and sources before the engine they invoke through,
// the engine before the server whose endpoints it holds.
struct Services {
    explicit Services(const Config& config);
    ~Services();

    Config config;
    boost::asio::io_context io;
    std::unique_ptr<Clock> clock;
    std::unique_ptr<Random> random;
    std::unique_ptr<http::Dispatcher> dispatcher;
    std::unique_ptr<http::HttpServer> server;
    std::unique_ptr<routers::admin::AdminRouter> admin;

    // Control plane. Code lives under --state-dir, else in a private temp dir removed on stop.
    std::filesystem::path code_dir;
    bool owns_code_dir = false;
    std::unique_ptr<control::CodeStore> code;
    std::unique_ptr<control::FunctionRegistry> functions;
    std::unique_ptr<control::LayerRegistry> layers;
    std::unique_ptr<StateStore> state;  // only with --state-dir

    // Execution: the engine runs versions in child processes behind per-environment Runtime API ports.
    std::unique_ptr<runtime_api::HttpRuntimeEndpoints> runtime_endpoints;
    std::unique_ptr<runtime_api::RuntimeApiRouter> runtime_router;
    std::unique_ptr<invoke::BoostProcessLauncher> launcher;
    std::unique_ptr<invoke::RuntimeCatalog> runtime_catalog;
    std::unique_ptr<invoke::ConcurrencyLimiter> limiter;
    std::unique_ptr<invoke::ExecutionEngine> engine;
    std::unique_ptr<invoke::AsyncInvokeQueue> async_queue;

    // The one way code runs (DESIGN.md §6); event sources and routers invoke through it.
    std::unique_ptr<invoke::DenialLog> denials;
    std::unique_ptr<invoke::Invoker> invoker_impl;
    invoke::FunctionInvoker* invoker = nullptr;

    // Durable executions, pinned to the version they started on.
    std::unique_ptr<durable::DurableExecutionStore> durable_store;
    std::unique_ptr<durable::DurableRunner> durable_runner;
    std::unique_ptr<DurableBridge> durable_bridge;
    std::unique_ptr<routers::durable::DurableApiRouter> durable_router;

    // Function URLs: the configs (observing the registry) and the data plane on the edge port.
    std::unique_ptr<control::FunctionUrlStore> urls;
    std::unique_ptr<routers::lambda_url::FunctionUrlRouter> function_urls;

    std::unique_ptr<routers::lambda::LambdaApiRouter> lambda;

    // S3: the store asks s3_destinations at PutBucketNotificationConfiguration and hands events to
    // s3_events, which records them and forwards them to s3_dispatcher (Event invokes as s3.amazonaws.com).
    std::unique_ptr<sources::s3::NotificationDestinationValidator> s3_destinations;
    std::unique_ptr<sources::s3::S3NotificationDispatcher> s3_dispatcher;
    std::unique_ptr<sources::s3::RecordingEventSink> s3_events;
    std::unique_ptr<sources::s3::BucketStore> buckets;
    std::unique_ptr<routers::s3::S3Router> s3;

    // API Gateway: REST and HTTP API stores, the execute-api data plane, the control planes.
    std::unique_ptr<sources::apigateway::RestApiStore> rest_apis;
    std::unique_ptr<sources::apigateway::HttpApiStore> http_apis;
    std::unique_ptr<routers::apigateway::ExecuteApiRouter> execute_api;
    std::unique_ptr<routers::apigateway::ApiGatewayRouter> apigateway;

    // SQS: the queue store and the long-poll notifier the router and the mappings wait on.
    std::unique_ptr<sources::sqs::QueueStore> queues;
    std::unique_ptr<sources::sqs::QueueNotifier> queue_notifier;
    std::unique_ptr<routers::sqs::SqsRouter> sqs;

    // Event source mappings: one poller per mapping invoking through the Invoker (no policy check).
    std::unique_ptr<sources::esm::EsmManager> esm;
    std::unique_ptr<sources::esm::MappingStateFile> esm_state;  // only with --state-dir

    // The edge port listens at `url`: new runtimes get it as AWS_ENDPOINT_URL.
    void on_listening(const std::string& url);
    // Shutdown, after the listeners stopped accepting and before the io_context stops (DESIGN.md §10):
    // no more async retries, pending invocations fail with ServiceException "shutting down", every
    // runtime process group is killed, every Runtime API endpoint closes. Idempotent.
    void stop();
};

std::unique_ptr<Services> wire(const Config& config);

}  // namespace lemu
