#pragma once
// What `lemu up` and the C++ API are started with: server options plus the resources to create.

#include <chrono>
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
    // Function URLs need only lambda:InvokeFunctionUrl (AWS's rule before 2025-10), not also
    // lambda:InvokeFunction with lambda:InvokedViaFunctionUrl.
    bool legacy_function_url_auth = false;
};

// The execution engine (emulator/invoke): runtime processes, their limits and the async queue.
struct EngineOptions {
    std::chrono::milliseconds init_timeout{10'000};          // first GET /next must come within this
    std::chrono::milliseconds idle_timeout{5 * 60 * 1000};   // idle runtime processes are stopped after this
    int account_concurrency = 1000;                          // concurrent executions, all functions
    double async_time_scale = 1.0;                           // scales the async retry delays (tests: 0.001)
    std::string runtime_dir;                                 // runtime shims; empty: next to the executable
};

struct Config {
    ServerOptions server;
    ResourceSpec resources;  // created at start, through the same calls the AWS APIs use
    EngineOptions engine;
};

}  // namespace lemu
