#pragma once
// What lemu::Emulator::invoke returns: the answer of one synchronous (RequestResponse) invocation, as
// the Invoke operation would send it. Plain data, no lemu internals.

#include <optional>
#include <string>

namespace lemu {

struct InvokeOutput {
    int status_code = 200;
    std::string request_id;                     // x-amzn-RequestId; the runtime's aws_request_id
    std::string payload;                        // the function's response, or its error document
    std::optional<std::string> function_error;  // X-Amz-Function-Error: "Unhandled" when the function failed
    std::string executed_version;               // X-Amz-Executed-Version: "$LATEST" or "7"
    std::string content_type = "application/json";
    std::string log_tail;                       // the last 4 KB of this invocation's log (decoded)

    bool failed() const { return function_error.has_value(); }
};

}  // namespace lemu
