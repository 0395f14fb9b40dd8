#include "runtime-api/http_runtime_endpoints.hpp"

#include <vector>

namespace lemu::runtime_api {

std::string HttpRuntimeEndpoints::allocate(const std::string& environment_id,
                                           std::weak_ptr<invoke::RuntimeChannel> channel) {
    // Registered before the listener opens, so the first connection always finds its channel.
    {
        std::lock_guard lock(mutex_);
        channels_[environment_id] = std::move(channel);
    }
    try {
        std::uint16_t port = server_.open_endpoint(environment_id);
        return "127.0.0.1:" + std::to_string(port);
    } catch (...) {
        std::lock_guard lock(mutex_);
        channels_.erase(environment_id);
        throw;
    }
}

void HttpRuntimeEndpoints::release(const std::string& environment_id) {
    {
        std::lock_guard lock(mutex_);
        if (channels_.erase(environment_id) == 0) {
            return;
        }
    }
    server_.close_endpoint(environment_id);
}

std::shared_ptr<invoke::RuntimeChannel> HttpRuntimeEndpoints::find(std::string_view tag) const {
    std::lock_guard lock(mutex_);
    auto it = channels_.find(tag);
    return it == channels_.end() ? nullptr : it->second.lock();
}

void HttpRuntimeEndpoints::release_all() {
    std::vector<std::string> ids;
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, channel] : channels_) {
            ids.push_back(id);
        }
        channels_.clear();
    }
    for (const auto& id : ids) {
        server_.close_endpoint(id);
    }
}

std::size_t HttpRuntimeEndpoints::open_count() const {
    std::lock_guard lock(mutex_);
    return channels_.size();
}

}  // namespace lemu::runtime_api
