#pragma once
// Allocates one Runtime API address per execution environment (DESIGN.md §5: runtime clients treat
// AWS_LAMBDA_RUNTIME_API as a bare host:port, so each environment gets its own endpoint). Declared
// here, implemented in runtime-api/ on top of HttpServer, injected by wire(); invoke never depends
// on runtime-api.

#include <memory>
#include <string>

#include "emulator/invoke/runtime_channel.hpp"

namespace lemu::invoke {

class RuntimeEndpoints {
public:
    virtual ~RuntimeEndpoints() = default;
    // Opens an endpoint whose requests reach only `channel`; returns "127.0.0.1:PORT".
    // The endpoint holds the channel weakly. Throws std::system_error when no endpoint can be opened.
    virtual std::string allocate(const std::string& environment_id,
                                 std::weak_ptr<RuntimeChannel> channel) = 0;
    // Closes the endpoint; requests still in flight find no channel. Idempotent.
    virtual void release(const std::string& environment_id) = 0;
};

}  // namespace lemu::invoke
