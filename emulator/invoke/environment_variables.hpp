#pragma once
// The environment of a runtime process, built from an explicit allow-list (runtime.md §2.A); nothing
// is inherited from lemu's own environment, which may hold the developer's real AWS credentials.
// Precedence, last wins (fact 19, RIE rapidcore/env): platform defaults a function may override
// (PATH, LANG, LD_LIBRARY_PATH, PYTHONPATH, NODE_PATH, AWS_ENDPOINT_URL*) < the function's variables
// < credentials < runtime-reserved (_HANDLER, LAMBDA_TASK_ROOT, log names, ...) < platform-reserved
// (AWS_REGION, AWS_LAMBDA_FUNCTION_*, AWS_LAMBDA_RUNTIME_API, TZ, ...).

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/clock.hpp"
#include "emulator/invoke/execution_spec.hpp"

namespace lemu::invoke {

enum class RuntimeFamily { Provided, Python, Node };

// Dummy credentials: functions calling back into lemu must sign their requests with something.
struct Credentials {
    std::string access_key_id = "test";
    std::string secret_access_key = "test";
    std::string session_token = "test";
};

struct EnvironmentInputs {
    const ExecutionSpec& spec;
    RuntimeFamily family = RuntimeFamily::Provided;
    std::string runtime_api{};  // host:port of this environment's Runtime API
    std::string log_stream{};   // see log_stream_name()
    std::string region{};
    Credentials credentials{};
    std::string edge_endpoint{};             // http://host:port of lemu's edge port; empty: not known yet
    std::filesystem::path runtime_dir{};     // LAMBDA_RUNTIME_DIR (the shim directory of managed runtimes)
    std::vector<std::string> path_prefix{};  // directories that play /var/lang/bin (the interpreter's)
};

std::map<std::string, std::string> build_environment(const EnvironmentInputs& in);

// "2023/10/26/[$LATEST]4c635695afb9f338c953de64198b0ee6": UTC date, executed version, 32 hex digits.
std::string log_stream_name(TimePoint created, std::string_view version, std::string_view hex32);

// "AWS_Lambda_python3.12" for managed runtimes; empty for provided.* (fact 16).
std::string execution_env_name(RuntimeFamily family, std::string_view runtime);

}  // namespace lemu::invoke
