#pragma once
// What `lemu up` and the C++ API are started with: server options plus the resources to create.

#include <cstdint>
#include <string>

#include "emulator/app/config_file.hpp"
#include "emulator/core/account_region.hpp"

namespace lemu {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 4566;  // 0 picks a free port
    std::string ready_file;     // written with the endpoint URL once lemu serves requests
    std::string state_dir;      // empty: state lives in memory only
    AccountRegion home;
    std::string log_level = "info";
    unsigned io_threads = 0;  // 0: min(4, hardware threads)
};

struct Config {
    ServerOptions server;
    ResourceSpec resources;  // created at start, through the same calls the AWS APIs use
};

}  // namespace lemu
