#pragma once
// Event source mappings for SQS: the one entry point the Lambda API router, the config file and the
// C++ API use (DESIGN.md §1 "one way in"). It validates and stores mappings in the MappingRegistry and
// runs one SqsPoller per mapping (each on its own strand) from Create until the mapping is deleted; a
// disabled mapping's poller idles.
//
//   EsmManager esm(executor, {functions, queues, notifier, invoker, clock, random, home});
//   esm.create({.event_source_arn = queues.queue_arn("jobs"), .function_name = "hello:live"});
//
// Thread-safe. stop() (Services::stop, DESIGN.md §10 step 2) stops every poller before the engine fails
// the invocations still in flight.

#include <boost/asio/any_io_executor.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "emulator/control/function_registry.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "emulator/invoke/function_invoker.hpp"
#include "sources/esm/mapping_registry.hpp"
#include "sources/esm/sqs_poller.hpp"
#include "sources/sqs/queue_notifier.hpp"
#include "sources/sqs/queue_store.hpp"

namespace lemu::sources::esm {

class EsmManager {
  public:
    struct Deps {
        control::FunctionRegistry& functions;
        sqs::QueueStore& queues;
        sqs::QueueNotifier& notifier;
        invoke::FunctionInvoker& invoker;
        const Clock& clock;
        Random& random;
        AccountRegion home;
    };

    EsmManager(boost::asio::any_io_executor executor, Deps deps);
    ~EsmManager();
    EsmManager(const EsmManager&) = delete;
    EsmManager& operator=(const EsmManager&) = delete;

    const AccountRegion& home() const { return registry_.home(); }

    // The Lambda API operations (sources.md §3.A-B). Errors are AwsError with AWS's texts.
    EventSourceMapping create(const CreateMappingRequest& request);
    EventSourceMapping get(std::string_view uuid) const;
    EventSourceMapping update(const UpdateMappingRequest& request);
    EventSourceMapping remove(std::string_view uuid);
    MappingPage list(const ListMappingsRequest& request) const;

    // The registry, for persistence (snapshot, restore, change listener) and tests.
    MappingRegistry& registry() { return registry_; }
    // Starts a poller for every mapping in the registry that has none (after a restore).
    void start();
    // Stops every poller; later calls create no pollers. Idempotent.
    void stop();
    // Each live poller's counters by mapping UUID.
    std::map<std::string, PollerStats> stats() const;

  private:
    void ensure_poller(const std::string& uuid);
    void wake(const std::string& uuid);

    boost::asio::any_io_executor executor_;
    Deps deps_;
    MappingRegistry registry_;
    mutable std::mutex mutex_;
    bool stopped_ = false;
    std::map<std::string, std::shared_ptr<SqsPoller>> pollers_;
};

}  // namespace lemu::sources::esm
