#pragma once
// RuntimeEndpoints on top of the HttpServer: one loopback listener per execution environment, tagged
// with the environment id, plus the directory the RuntimeApiRouter uses to find the environment.

#include <map>
#include <mutex>
#include <string>

#include "emulator/invoke/runtime_endpoints.hpp"
#include "routers/http/http_server.hpp"
#include "runtime-api/channel_directory.hpp"

namespace lemu::runtime_api {

class HttpRuntimeEndpoints final : public invoke::RuntimeEndpoints, public ChannelDirectory {
public:
    explicit HttpRuntimeEndpoints(http::HttpServer& server) : server_(server) {}

    std::string allocate(const std::string& environment_id,
                         std::weak_ptr<invoke::RuntimeChannel> channel) override;
    void release(const std::string& environment_id) override;
    std::shared_ptr<invoke::RuntimeChannel> find(std::string_view tag) const override;

    // Closes every endpoint (shutdown).
    void release_all();
    std::size_t open_count() const;

private:
    http::HttpServer& server_;
    mutable std::mutex mutex_;
    std::map<std::string, std::weak_ptr<invoke::RuntimeChannel>, std::less<>> channels_;
};

}  // namespace lemu::runtime_api
