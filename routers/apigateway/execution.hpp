#pragma once
// Pieces shared by the REST and HTTP API data planes of ExecuteApiRouter. Internal to
// routers/apigateway.

#include <spdlog/spdlog.h>

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/account_region.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/invoke/function_invoker.hpp"
#include "routers/http/request.hpp"
#include "routers/http/response.hpp"
#include "sources/apigateway/proxy_request.hpp"
#include "sources/apigateway/proxy_response_mapper.hpp"

namespace lemu::routers::apigateway::execution {

inline constexpr std::string_view kPrincipal = "apigateway.amazonaws.com";

const std::shared_ptr<spdlog::logger>& logger();

// The request as the event builders take it; `raw_path` is the path after the stage.
sources::apigateway::ProxyRequest proxy_request(const http::Request& request, std::string raw_path,
                                                TimePoint now);

http::Response to_http(sources::apigateway::ProxyResponse mapped);
// A gateway-generated answer with API Gateway's exact body bytes.
http::Response gateway_response(int status, std::string body, std::string_view error_type);

// Who API Gateway calls Lambda as (sources.md §1 fact 8). Without `credentials`: the service principal
// with the method's SourceArn and the API owner's account, authorised by the exact ARN's resource
// policy. With an IAM role, or the caller pass-through `arn:aws:iam::*:user/*`: that identity, whose
// own IAM policy decides; lemu models no IAM policies, so an identity of this account is trusted like
// any same-account caller, and one of another account needs a resource-policy statement naming it.
invoke::Caller integration_caller(const std::optional<std::string>& credentials, std::string source_arn,
                                  const AccountRegion& home);

// What happened to one invocation: a result, the Invoker's AwsError, the integration timeout, or
// another failure.
struct Outcome {
    std::optional<invoke::InvocationResult> result;
    std::optional<AwsError> error;
    bool timed_out = false;
    std::string failure;  // set when none of the above (no invoker, unexpected exception)
};

// Invokes, giving up after `timeout` (the integration's timeoutInMillis). On timeout the invocation
// is cancelled through its cancellation slot; an Invoker that ignores cancellation delays the
// answer until the function returns, but the answer is still the timeout.
boost::asio::awaitable<Outcome> invoke_function(invoke::FunctionInvoker* invoker, invoke::InvokeCall call,
                                                std::chrono::milliseconds timeout);

// "rid=... apigateway api=... stage=..." context for log lines.
std::string describe(std::string_view request_id, std::string_view api_id, std::string_view stage,
                     std::string_view function_arn, std::string_view source_arn);

}  // namespace lemu::routers::apigateway::execution
