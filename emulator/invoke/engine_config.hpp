#pragma once
// Tunables of the execution engine, set by wire() from lemu's Config.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>

#include "emulator/invoke/environment_variables.hpp"
#include "emulator/invoke/limits.hpp"

namespace lemu::invoke {

struct EngineConfig {
    std::string region = "us-east-1";
    // A runtime must reach its first GET /next within this (Lambda caps on-demand init at 10 s).
    std::chrono::milliseconds init_timeout{10'000};
    // Idle environments are stopped after this long without an invocation.
    std::chrono::milliseconds idle_timeout{std::chrono::minutes(5)};
    // Where the bundled Python and Node.js runtime shims live (next to the lemu binary).
    std::filesystem::path runtime_dir;
    Credentials credentials;
    // Output lines longer than this are split; bounds lemu's memory against a runtime's output.
    std::size_t max_line_bytes = 256 * 1024;
    std::size_t tail_bytes = kLogTailBytes;
};

}  // namespace lemu::invoke
