#pragma once
// Finds the execution environment behind an endpoint tag. The Dispatcher sends every connection that
// arrived on an environment's endpoint to the RuntimeApiRouter with that endpoint's tag; the directory
// maps the tag to exactly one channel, so an environment can only ever see its own events.

#include <memory>
#include <string_view>

#include "emulator/invoke/runtime_channel.hpp"

namespace lemu::runtime_api {

class ChannelDirectory {
public:
    virtual ~ChannelDirectory() = default;
    // nullptr when the endpoint was released or its environment is gone.
    virtual std::shared_ptr<invoke::RuntimeChannel> find(std::string_view tag) const = 0;
};

}  // namespace lemu::runtime_api
