#pragma once
// One request to run a resolved function version: what the glue Invoker hands the ExecutionEngine
// after resolving the qualifier and checking permissions. Plain data.

#include <optional>
#include <string>

#include "emulator/invoke/execution_spec.hpp"

namespace lemu::invoke {

struct RunRequest {
    ExecutionSpecPtr spec;
    std::string request_id;                       // the caller's x-amzn-RequestId; START/END/REPORT use it
    std::string invoked_arn;                      // as the caller addressed it (alias ARN through an alias)
    std::string payload;                          // the event; empty is delivered as {}
    std::optional<std::string> client_context;    // decoded JSON
    std::optional<std::string> cognito_identity;  // JSON
    bool tail_log = false;                        // collect the last 4 KB of this invocation's log
    std::string trace_id;                         // empty: the engine generates one
};

}  // namespace lemu::invoke
