#pragma once
// Runtime id -> how to start it (DESIGN.md §7):
//   provided.al2023, provided.al2, provided -> the function's ./bootstrap, else the layers' /opt/bootstrap;
//   python3.x  -> lemu's Python runtime shim on the python3.x (else python3) interpreter on lemu's PATH;
//   nodejs18.x, nodejs20.x, nodejs22.x, ... -> lemu's Node.js runtime shim on `node`.
// A runtime lemu cannot start resolves to a StartupFailure whose reason the first invocation reports.

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "emulator/invoke/environment_variables.hpp"
#include "emulator/invoke/execution_spec.hpp"

namespace lemu::invoke {

struct LaunchCommand {
    std::filesystem::path executable;
    std::vector<std::string> args;
    RuntimeFamily family = RuntimeFamily::Provided;
    std::filesystem::path runtime_dir;     // LAMBDA_RUNTIME_DIR
    std::vector<std::string> path_prefix;  // the interpreter's directory, first on PATH
};

// Reported as Runtime.InvalidEntrypoint "RequestId: <id> Error: <reason>".
struct StartupFailure {
    std::string reason;
};

using RuntimeResolution = std::variant<LaunchCommand, StartupFailure>;

class RuntimeCatalog {
public:
    // `shim_dir` holds python/bootstrap.py and nodejs/bootstrap.mjs; `search_path` is the PATH used to
    // find interpreters (lemu's own, read once by wire()).
    RuntimeCatalog(std::filesystem::path shim_dir, std::string search_path);

    RuntimeResolution resolve(const ExecutionSpec& spec) const;

    static std::optional<RuntimeFamily> family_of(std::string_view runtime);
    const std::filesystem::path& shim_dir() const { return shim_dir_; }

private:
    RuntimeResolution resolve_provided(const ExecutionSpec& spec) const;
    RuntimeResolution resolve_python(const ExecutionSpec& spec) const;
    RuntimeResolution resolve_node(const ExecutionSpec& spec) const;
    // AWS_LAMBDA_EXEC_WRAPPER: a managed runtime starts through the user's script.
    static RuntimeResolution wrapped(const ExecutionSpec& spec, RuntimeResolution resolution);
    // The first of `names` found on the search path, resolved to a real executable; cached.
    std::optional<std::filesystem::path> interpreter(const std::vector<std::string>& names) const;

    std::filesystem::path shim_dir_;
    std::vector<std::string> search_path_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::optional<std::filesystem::path>> cache_;
};

// "/var/task/bootstrap" for <code_dir>/bootstrap, "/opt/bootstrap" for <opt_dir>/bootstrap: the sandbox
// paths AWS names in its error messages.
std::string sandbox_path(const ExecutionSpec& spec, const std::filesystem::path& path);
// The other way round: a sandbox path a function names ("/opt/wrapper", "/var/task/x") on this machine.
std::filesystem::path host_path(const ExecutionSpec& spec, std::string_view sandbox);

}  // namespace lemu::invoke
