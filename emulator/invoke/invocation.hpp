#pragma once
// The vocabulary of one invocation, shared by every caller of the Invoker: the Lambda API's Invoke,
// the event sources (SQS mappings, S3 notifications, API Gateway, function URLs) and durable resumes.
// Plain data; no Asio here.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lemu::invoke {

enum class InvocationType { RequestResponse, Event, DryRun };

// Who is invoking. An empty principal is a direct SDK caller in this account (trusted, no policy
// check); a service principal ("s3.amazonaws.com", "apigateway.amazonaws.com") is authorised by the
// resource policy of the exact ARN it invokes (control-plane.md facts 71-74, sources.md §1).
struct Caller {
    std::string principal;
    std::string action = "lambda:InvokeFunction";
    std::string source_arn;
    std::string source_account;
    // Further condition keys the request carries, e.g. {"lambda:FunctionUrlAuthType", "NONE"}.
    std::map<std::string, std::string> context;
    // Where the call came from, for logs and the denial record: "invoke", "s3", "apigateway", "sqs", ...
    std::string source = "invoke";
    // Further permissions the same caller needs, checked against the same policy after `action`, each
    // with its own extra condition keys. A function URL needs lambda:InvokeFunctionUrl and, since
    // 2025-10, lambda:InvokeFunction with lambda:InvokedViaFunctionUrl=true (sources.md fact 9).
    struct Also {
        std::string action;
        std::map<std::string, std::string> context;
    };
    std::vector<Also> also_requires;

    bool is_service() const { return !principal.empty(); }
};

struct InvokeCall {
    std::string function_name;              // name, partial or full ARN, optionally with :qualifier
    std::optional<std::string> qualifier;   // the Qualifier parameter
    std::string payload;
    InvocationType type = InvocationType::RequestResponse;
    Caller caller;
    std::string request_id;                 // empty: the Invoker assigns one
    bool tail_log = false;                  // X-Amz-Log-Type: Tail
    std::optional<std::string> client_context;     // decoded JSON, passed to the runtime
    std::optional<std::string> cognito_identity;   // JSON, passed to the runtime
    std::optional<std::string> durable_execution_name;
};

struct InvocationResult {
    int status_code = 200;                  // 200 RequestResponse, 202 Event, 204 DryRun
    std::string request_id;
    std::string payload;                    // the function's response or its error document
    std::optional<std::string> function_error;  // "Unhandled" when the function failed
    std::string executed_version;           // "$LATEST" or "7"; empty for Event
    std::string invoked_arn;                // the ARN as invoked (alias ARN through an alias)
    std::string log_tail;                   // last 4 KB of this invocation's log, when asked for
    std::string content_type = "application/json";
    std::string durable_execution_arn;      // set when the invocation started (or re-attached to) one

    bool failed() const { return function_error.has_value(); }
};

}  // namespace lemu::invoke
