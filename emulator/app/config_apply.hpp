#pragma once
// Creates a config file's resources through the very operations a client would call (DESIGN.md §1.1:
// one way in): each resource becomes an in-process request to the Dispatcher, so validation, error
// messages and side effects are exactly those of the AWS APIs. A refused request names the config's
// JSON path and AWS's error.

#include <boost/asio/io_context.hpp>

#include "emulator/app/config_file.hpp"
#include "emulator/core/account_region.hpp"
#include "routers/http/dispatcher.hpp"

namespace lemu {

// Runs on the caller's thread while `io` is being run by other threads. Throws ConfigError. With
// `keep_existing` (a state directory was loaded), functions, layers and mappings that already exist are
// left as they are instead of created again; queues and buckets, which live in memory, are created.
void apply_resources(const ResourceSpec& spec, const http::Dispatcher& dispatcher, boost::asio::io_context& io,
                     const AccountRegion& home, bool keep_existing);

}  // namespace lemu
