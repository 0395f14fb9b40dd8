#include "sources/esm/esm_manager.hpp"

#include "emulator/core/log.hpp"

namespace lemu::sources::esm {

EsmManager::EsmManager(boost::asio::any_io_executor executor, Deps deps)
    : executor_(std::move(executor)),
      deps_(deps),
      registry_(deps.home, deps.functions, deps.queues, deps.clock, deps.random) {}

EsmManager::~EsmManager() {
    stop();
}

EventSourceMapping EsmManager::create(const CreateMappingRequest& request) {
    EventSourceMapping m = registry_.create(request);
    log::get("esm")->info("event source mapping {} created: {} -> {} (batch {}, window {}s{})", m.uuid,
                          m.source_arn, m.function_arn, m.batch_size, m.maximum_batching_window_seconds,
                          m.enabled ? "" : ", disabled");
    ensure_poller(m.uuid);
    return m;
}

EventSourceMapping EsmManager::get(std::string_view uuid) const {
    return registry_.get(uuid);
}

EventSourceMapping EsmManager::update(const UpdateMappingRequest& request) {
    EventSourceMapping m = registry_.update(request);
    log::get("esm")->info("event source mapping {} updated: {} -> {} ({})", m.uuid, m.source_arn,
                          m.function_arn, to_string(m.state));
    wake(m.uuid);
    return m;
}

EventSourceMapping EsmManager::remove(std::string_view uuid) {
    EventSourceMapping m = registry_.remove(uuid);
    wake(m.uuid);
    return m;
}

MappingPage EsmManager::list(const ListMappingsRequest& request) const {
    return registry_.list(request);
}

void EsmManager::start() {
    for (const EventSourceMapping& m : registry_.all()) {
        ensure_poller(m.uuid);
    }
}

void EsmManager::ensure_poller(const std::string& uuid) {
    std::lock_guard lock(mutex_);
    if (stopped_) {
        return;
    }
    std::erase_if(pollers_, [](const auto& entry) { return entry.second->finished(); });
    if (pollers_.contains(uuid)) {
        return;
    }
    auto poller = std::make_shared<SqsPoller>(
        PollerDeps{registry_, deps_.queues, deps_.notifier, deps_.invoker, deps_.clock, deps_.home.region},
        executor_, uuid);
    pollers_.emplace(uuid, poller);
    poller->start();
}

void EsmManager::wake(const std::string& uuid) {
    std::lock_guard lock(mutex_);
    if (auto it = pollers_.find(uuid); it != pollers_.end()) {
        it->second->wake();
    }
}

void EsmManager::stop() {
    std::lock_guard lock(mutex_);
    if (stopped_) {
        return;
    }
    stopped_ = true;
    for (auto& [uuid, poller] : pollers_) {
        poller->stop();
    }
}

std::map<std::string, PollerStats> EsmManager::stats() const {
    std::lock_guard lock(mutex_);
    std::map<std::string, PollerStats> out;
    for (const auto& [uuid, poller] : pollers_) {
        if (!poller->finished()) {
            out.emplace(uuid, poller->stats());
        }
    }
    return out;
}

}  // namespace lemu::sources::esm
