#pragma once
// One invocation as an execution environment receives it from the engine. Plain data.

#include <optional>
#include <string>

namespace lemu::invoke {

struct Invocation {
    std::string request_id;
    std::string invoked_arn;
    std::string payload;  // never empty: an empty Invoke payload arrives as {}
    std::optional<std::string> client_context;
    std::optional<std::string> cognito_identity;
    std::string trace_id;
    bool tail_log = false;
};

}  // namespace lemu::invoke
