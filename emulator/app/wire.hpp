#pragma once
// The composition root: every service, store and router of one lemu instance, built and connected in
// one place (DESIGN.md §3). Nothing else constructs services; nothing includes this but the app.

#include <boost/asio/io_context.hpp>

#include <memory>

#include "emulator/app/config.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "routers/admin/admin_router.hpp"
#include "routers/http/dispatcher.hpp"
#include "routers/http/http_server.hpp"
#include "routers/sqs/sqs_router.hpp"
#include "sources/sqs/queue_notifier.hpp"
#include "sources/sqs/queue_store.hpp"

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
    std::unique_ptr<sources::sqs::QueueStore> queues;
    std::unique_ptr<sources::sqs::QueueNotifier> queue_notifier;
    std::unique_ptr<routers::sqs::SqsRouter> sqs;
    std::unique_ptr<http::HttpServer> server;
};

std::unique_ptr<Services> wire(const Config& config);

}  // namespace lemu
