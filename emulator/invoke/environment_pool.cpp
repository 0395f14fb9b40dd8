#include "emulator/invoke/environment_pool.hpp"

#include <algorithm>

#include "emulator/core/log.hpp"

namespace lemu::invoke {

namespace {

std::string version_key(const ExecutionSpec& spec) {
    return spec.function_name + ":" + spec.version;
}

void stop_each(std::vector<std::shared_ptr<ExecutionEnvironment>>& environments) {
    for (auto& environment : environments) {
        environment->stop();
    }
}

}  // namespace

EnvironmentPool::EnvironmentPool(boost::asio::any_io_executor executor,
                                 std::chrono::milliseconds idle_timeout)
    : executor_(std::move(executor)), idle_timeout_(idle_timeout) {}

EnvironmentPool::~EnvironmentPool() {
    stop_all();
}

void EnvironmentPool::supersede_locked(const ExecutionSpec& spec,
                                       std::vector<std::shared_ptr<ExecutionEnvironment>>& to_stop) {
    std::string key = version_key(spec);
    auto [it, inserted] = revisions_.try_emplace(key, spec.revision);
    if (inserted || it->second == spec.revision) {
        return;
    }
    it->second = spec.revision;
    for (auto& [pool_key, pool] : pools_) {
        if (pool_key.starts_with(key + "#") && pool_key != spec.pool_key()) {
            for (auto& idle : pool.idle) {
                to_stop.push_back(std::move(idle.environment));
            }
            pool.idle.clear();
        }
    }
}

std::shared_ptr<ExecutionEnvironment> EnvironmentPool::take_idle(const ExecutionSpec& spec) {
    std::vector<std::shared_ptr<ExecutionEnvironment>> to_stop;
    std::shared_ptr<ExecutionEnvironment> found;
    {
        std::lock_guard lock(mutex_);
        supersede_locked(spec, to_stop);
        Pool& pool = pools_[spec.pool_key()];
        while (!pool.idle.empty()) {
            std::shared_ptr<ExecutionEnvironment> candidate = std::move(pool.idle.back().environment);
            pool.idle.pop_back();
            if (candidate->is_idle()) {
                pool.busy.push_back(candidate);
                found = std::move(candidate);
                break;
            }
            // Ended while idle (crashed between invocations): drop it.
        }
    }
    stop_each(to_stop);
    return found;
}

void EnvironmentPool::add_busy(const std::shared_ptr<ExecutionEnvironment>& environment) {
    std::vector<std::shared_ptr<ExecutionEnvironment>> to_stop;
    {
        std::lock_guard lock(mutex_);
        if (!stopped_) {
            supersede_locked(*environment->spec(), to_stop);
            pools_[environment->spec()->pool_key()].busy.push_back(environment);
        } else {
            to_stop.push_back(environment);
        }
    }
    stop_each(to_stop);
}

void EnvironmentPool::release(const std::shared_ptr<ExecutionEnvironment>& environment) {
    std::vector<std::shared_ptr<ExecutionEnvironment>> to_stop;
    {
        std::lock_guard lock(mutex_);
        const ExecutionSpec& spec = *environment->spec();
        auto it = pools_.find(spec.pool_key());
        if (it == pools_.end()) {
            return;
        }
        Pool& pool = it->second;
        std::erase(pool.busy, environment);
        auto revision = revisions_.find(version_key(spec));
        bool current = revision == revisions_.end() || revision->second == spec.revision;
        if (stopped_ || !current) {
            to_stop.push_back(environment);
        } else if (!environment->ended()) {
            pool.idle.push_back(Idle{environment, Steady::now()});
        }
    }
    stop_each(to_stop);
}

std::size_t EnvironmentPool::reap_idle(Steady::time_point now) {
    std::vector<std::shared_ptr<ExecutionEnvironment>> to_stop;
    {
        std::lock_guard lock(mutex_);
        for (auto& [key, pool] : pools_) {
            auto expired = [&](const Idle& idle) {
                return idle.since + idle_timeout_ <= now || idle.environment->ended();
            };
            for (auto& idle : pool.idle) {
                if (expired(idle)) {
                    to_stop.push_back(idle.environment);
                }
            }
            std::erase_if(pool.idle, expired);
        }
        std::erase_if(
            pools_, [](const auto& entry) { return entry.second.idle.empty() && entry.second.busy.empty(); });
    }
    if (!to_stop.empty()) {
        log::get("invoke")->debug("reaping {} idle environment(s)", to_stop.size());
    }
    stop_each(to_stop);
    return to_stop.size();
}

std::size_t EnvironmentPool::retire(const std::string& function_name, const std::string& version) {
    // "fn:7" for one version, "fn:" for all of them; pool keys continue with "#revision".
    const std::string prefix = function_name + ":" + version;
    auto matches = [&](const std::string& key) {
        return version.empty() ? key.starts_with(prefix) : key == prefix || key.starts_with(prefix + "#");
    };
    std::vector<std::shared_ptr<ExecutionEnvironment>> to_stop;
    {
        std::lock_guard lock(mutex_);
        for (auto& [key, revision] : revisions_) {
            if (matches(key)) {
                revision.clear();  // no spec has an empty revision: busy ones are stopped on release
            }
        }
        for (auto& [key, pool] : pools_) {
            if (matches(key)) {
                for (Idle& idle : pool.idle) {
                    to_stop.push_back(std::move(idle.environment));
                }
                pool.idle.clear();
            }
        }
        std::erase_if(
            pools_, [](const auto& entry) { return entry.second.idle.empty() && entry.second.busy.empty(); });
    }
    if (!to_stop.empty()) {
        log::get("invoke")->debug("stopping {} idle environment(s) of deleted {}", to_stop.size(),
                                  version.empty() ? function_name : prefix);
    }
    stop_each(to_stop);
    return to_stop.size();
}

void EnvironmentPool::start_reaper() {
    std::lock_guard lock(mutex_);
    if (reaper_ || stopped_) {
        return;
    }
    reaper_ = std::make_shared<boost::asio::steady_timer>(executor_);
    schedule_reap();
}

void EnvironmentPool::schedule_reap() {
    // Housekeeping at a quarter of the idle timeout: an idle environment lives at most 1.25x as long.
    auto period = std::max(idle_timeout_ / 4, std::chrono::milliseconds(10));
    reaper_->expires_after(period);
    reaper_->async_wait([this, timer = reaper_](const boost::system::error_code& ec) {
        if (ec) {
            return;
        }
        reap_idle(Steady::now());
        std::lock_guard lock(mutex_);
        if (!stopped_) {
            schedule_reap();
        }
    });
}

void EnvironmentPool::stop_all() {
    std::vector<std::shared_ptr<ExecutionEnvironment>> to_stop;
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        if (reaper_) {
            reaper_->cancel();
        }
        for (auto& [key, pool] : pools_) {
            for (auto& idle : pool.idle) {
                to_stop.push_back(std::move(idle.environment));
            }
            for (auto& busy : pool.busy) {
                to_stop.push_back(busy);
            }
        }
        pools_.clear();
    }
    stop_each(to_stop);
}

std::size_t EnvironmentPool::size() const {
    std::lock_guard lock(mutex_);
    std::size_t total = 0;
    for (const auto& [key, pool] : pools_) {
        total += pool.idle.size() + pool.busy.size();
    }
    return total;
}

std::size_t EnvironmentPool::idle_count() const {
    std::lock_guard lock(mutex_);
    std::size_t total = 0;
    for (const auto& [key, pool] : pools_) {
        total += pool.idle.size();
    }
    return total;
}

std::vector<std::shared_ptr<ExecutionEnvironment>> EnvironmentPool::environments(
    const std::string& function_name) const {
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<ExecutionEnvironment>> out;
    for (const auto& [key, pool] : pools_) {
        if (!key.starts_with(function_name + ":")) {
            continue;
        }
        for (const auto& idle : pool.idle) {
            out.push_back(idle.environment);
        }
        out.insert(out.end(), pool.busy.begin(), pool.busy.end());
    }
    return out;
}

}  // namespace lemu::invoke
