#pragma once
// Everything an execution environment needs to run one exact version of a function, resolved from
// the control plane by the Invoker. Immutable once built; environments are pooled per `pool_key()`,
// so a new `$LATEST` code or config (a new revision) never runs in an old environment.

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace lemu::invoke {

struct ExecutionSpec {
    std::string function_name;
    std::string version;   // the executed version: "$LATEST" or "7"
    std::string revision;  // identity of this code + config snapshot (the version's RevisionId)
    std::string runtime;   // "provided.al2023", "python3.12", "nodejs20.x", ...
    std::string handler;
    std::filesystem::path code_dir;  // the extracted deployment package (LAMBDA_TASK_ROOT, cwd)
    std::filesystem::path opt_dir;   // the version's layers merged in order (plays /opt); empty: none
    int memory_mb = 128;
    int timeout_seconds = 3;
    std::map<std::string, std::string> variables;  // the version's Environment.Variables
    std::string log_group;                         // "/aws/lambda/NAME" unless LoggingConfig says otherwise

    std::string pool_key() const { return function_name + ":" + version + "#" + revision; }
};

using ExecutionSpecPtr = std::shared_ptr<const ExecutionSpec>;

}  // namespace lemu::invoke
