// Invoke (runtime.md §4): headers and payload checks, then the Invoker; the result becomes the status,
// the payload and the X-Amz-* headers. A function's failure is data (200 + X-Amz-Function-Error).

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/encoding.hpp"
#include "routers/lambda/invoke_handler.hpp"

namespace lemu::routers::lambda {
namespace {

constexpr std::size_t kEventPayloadLimit = 1024 * 1024;

invoke::InvocationType invocation_type(const http::Request& request) {
    std::string_view type = request.header("X-Amz-Invocation-Type").value_or("RequestResponse");
    if (type == "RequestResponse") {
        return invoke::InvocationType::RequestResponse;
    }
    if (type == "Event") {
        return invoke::InvocationType::Event;
    }
    if (type == "DryRun") {
        return invoke::InvocationType::DryRun;
    }
    throw validation_error(type, "invocationType",
                           "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
}

bool tail_requested(const http::Request& request) {
    std::string_view type = request.header("X-Amz-Log-Type").value_or("None");
    if (type != "None" && type != "Tail") {
        throw validation_error(type, "logType", "Member must satisfy enum value set: [None, Tail]");
    }
    return type == "Tail";
}

std::optional<std::string> client_context(const http::Request& request) {
    std::optional<std::string_view> header = request.header("X-Amz-Client-Context");
    if (!header) {
        return std::nullopt;
    }
    std::optional<std::string> decoded = base64_decode(*header);
    if (!decoded || !nlohmann::json::accept(*decoded) || !nlohmann::json::parse(*decoded).is_object()) {
        throw AwsError(ErrorCode::InvalidRequestContent,
                       "Client context must be a valid Base64-encoded JSON object.");
    }
    return decoded;
}

void check_payload(const std::string& payload, invoke::InvocationType type) {
    if (type == invoke::InvocationType::Event && payload.size() > kEventPayloadLimit) {
        throw AwsError(ErrorCode::RequestEntityTooLarge,
                       fmt::format("{} byte payload is too large for the Event invocation type (limit {} bytes)",
                                   payload.size(), kEventPayloadLimit));
    }
    if (payload.empty()) {
        return;  // delivered as {}
    }
    try {
        nlohmann::json parsed = nlohmann::json::parse(payload);
        (void)parsed;
    } catch (const nlohmann::json::parse_error& e) {
        throw AwsError(ErrorCode::InvalidRequestContent,
                       fmt::format("Could not parse request body into json: Could not parse payload into json: {}",
                                   e.what()));
    }
}

http::Response to_response(invoke::InvocationResult&& result, invoke::InvocationType type) {
    http::Response response;
    response.status = result.status_code;
    response.headers.set("x-amzn-RequestId", result.request_id);
    if (!result.durable_execution_arn.empty()) {
        response.headers.set("X-Amz-Durable-Execution-Arn", result.durable_execution_arn);
    }
    if (type != invoke::InvocationType::RequestResponse) {
        if (type == invoke::InvocationType::Event && !result.executed_version.empty() &&
            !result.durable_execution_arn.empty()) {
            response.headers.set("X-Amz-Executed-Version", result.executed_version);
        }
        return response;  // 202 / 204, empty body, no executed version (fact 56)
    }
    response.headers.set("Content-Type", result.content_type.empty() ? "application/json" : result.content_type);
    response.headers.set("X-Amz-Executed-Version", result.executed_version);
    if (result.function_error) {
        response.headers.set("X-Amz-Function-Error", *result.function_error);
    }
    if (!result.log_tail.empty()) {
        response.headers.set("X-Amz-Log-Result", base64_encode(result.log_tail));
    }
    response.body = std::move(result.payload);
    return response;
}

}  // namespace

boost::asio::awaitable<http::Response> invoke_function(http::Request& request, LambdaContext& ctx) {
    if (ctx.invoker == nullptr) {
        throw AwsError(ErrorCode::Service, "Invoke is not available.");
    }
    invoke::InvokeCall call;
    call.function_name = request.param("FunctionName");
    call.qualifier = request.query_param("Qualifier");
    call.type = invocation_type(request);
    call.tail_log = tail_requested(request);
    call.client_context = client_context(request);
    if (auto name = request.header("X-Amz-Durable-Execution-Name")) {
        call.durable_execution_name = std::string(*name);
    }
    check_payload(request.body, call.type);
    call.payload = std::move(request.body);
    call.request_id = request.request_id;
    const invoke::InvocationType type = call.type;
    auto invoking = ctx.invoker->invoke(std::move(call));
    invoke::InvocationResult result = co_await std::move(invoking);
    co_return to_response(std::move(result), type);
}

}  // namespace lemu::routers::lambda
