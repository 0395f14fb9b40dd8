#pragma once
// How the Invoker hands an invocation of a durable function to the durable-execution runner. Declared
// here and implemented above (emulator/app), so invoke never depends on durable (DESIGN.md §3).

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

#include "emulator/control/version.hpp"
#include "emulator/invoke/invocation.hpp"

namespace lemu::invoke {

struct DurableStartCall {
    std::string function_name;     // unqualified
    std::string start_qualifier;   // as invoked: alias, number or $LATEST
    control::VersionPtr version;   // the version resolved once, now pinned
    std::string payload;
    std::optional<std::string> name;  // X-Amz-Durable-Execution-Name
    InvocationType type = InvocationType::RequestResponse;
    std::string request_id;
};

class DurableStarter {
public:
    virtual ~DurableStarter() = default;
    // Starts (or re-attaches to) an execution. Event: returns at once with status 202; RequestResponse:
    // completes when the execution closes. The result carries durable_execution_arn.
    virtual boost::asio::awaitable<InvocationResult> start(DurableStartCall call) = 0;
};

}  // namespace lemu::invoke
