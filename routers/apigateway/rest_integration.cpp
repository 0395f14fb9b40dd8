#include "routers/apigateway/rest_integration.hpp"

#include <fmt/format.h>

#include "emulator/core/text.hpp"
#include "routers/apigateway/execution.hpp"
#include "sources/apigateway/integration_target.hpp"
#include "sources/apigateway/proxy_event_builder.hpp"
#include "sources/apigateway/url_text.hpp"

namespace lemu::routers::apigateway {
namespace {

using namespace sources::apigateway;

constexpr std::size_t kLoggedBodyLimit = 1000;

ProxyResponse gateway_error(int status, std::string body, std::string error_type) {
    ProxyResponse response;
    response.status = status;
    response.headers.emplace_back("Content-Type", "application/json");
    if (!error_type.empty()) {
        response.headers.emplace_back("x-amzn-ErrorType", std::move(error_type));
    }
    response.body = std::move(body);
    return response;
}

// API Gateway's bytes for the errors it generates (sources.md §5.F).
ProxyResponse internal_error(int status) {
    return gateway_error(status, R"({"message": "Internal server error"})", "InternalServerErrorException");
}

// {a=1, b=2}: how the execution log prints maps (Java's toString).
std::string java_map(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::vector<std::string> parts;
    for (const auto& [key, value] : entries) {
        parts.push_back(key + "=" + value);
    }
    return "{" + join(parts, ", ") + "}";
}

std::string java_map(const std::map<std::string, std::string>& entries) {
    return java_map(std::vector<std::pair<std::string, std::string>>(entries.begin(), entries.end()));
}

std::string truncated(std::string_view text) {
    return text.size() <= kLoggedBodyLimit ? std::string(text)
                                           : std::string(text.substr(0, kLoggedBodyLimit)) + " [TRUNCATED]";
}

void fail(RestIntegrationResult& out, std::string line, ProxyResponse response) {
    out.failure = line;
    out.log.push_back(std::move(line));
    out.response = std::move(response);
}

// Lambda refusing the call, or not knowing the function, is a configuration error: 500.
bool is_configuration_error(const AwsError& error) {
    return error.code() == ErrorCode::AccessDenied || error.code() == ErrorCode::ResourceNotFound ||
           error.code() == ErrorCode::InvalidParameterValue || error.code() == ErrorCode::Validation;
}

void record_outcome(RestIntegrationResult& out, const execution::Outcome& outcome,
                    const RestIntegrationCall& call) {
    if (outcome.timed_out) {
        fail(out, "Execution failed due to a timeout error",
             gateway_error(504, R"({"message": "Endpoint request timed out"})", ""));
    } else if (outcome.error && outcome.error->code() == ErrorCode::AccessDenied) {
        fail(out, "Execution failed due to configuration error: Invalid permissions on Lambda function",
             internal_error(500));
    } else if (outcome.error) {
        fail(out,
             fmt::format("Execution failed due to configuration error: {}: {}", outcome.error->name(),
                         outcome.error->message()),
             internal_error(is_configuration_error(*outcome.error) ? 500 : 502));
    } else if (!outcome.result) {
        fail(out, "Execution failed: " + outcome.failure, internal_error(502));
    } else if (outcome.result->failed()) {
        if (call.keep_log) {
            out.log.push_back(
                fmt::format("Received response. Status: 200, Integration latency: {} ms", out.latency_ms));
        }
        fail(out,
             fmt::format(
                 "Lambda execution failed with status 200 due to customer function error: {}. Lambda request "
                 "id: {}",
                 truncated(outcome.result->payload), outcome.result->request_id),
             internal_error(502));
    } else {
        const std::string& payload = outcome.result->payload;
        if (call.keep_log) {
            out.log.push_back(
                fmt::format("Received response. Status: 200, Integration latency: {} ms", out.latency_ms));
            out.log.push_back("Endpoint response body before transformations: " + truncated(payload));
        }
        std::optional<std::string_view> accept;
        for (const auto& [name, value] : call.request.headers) {
            if (iequals(name, "Accept")) {
                accept = value;
            }
        }
        bool binary = accept && matches_binary_media_type(*accept, call.binary_media_types);
        MappedResult mapped = map_v1_result(payload, binary);
        if (!mapped.response) {
            fail(out, "Execution failed due to configuration error: Malformed Lambda proxy response",
                 internal_error(502));
            return;
        }
        out.response = std::move(*mapped.response);
        if (call.keep_log) {
            out.log.push_back("Method response body after transformations: " + truncated(out.response.body));
            out.log.push_back("Method response headers: " + java_map(out.response.headers));
            out.log.push_back("Successfully completed execution");
        }
    }
}

// The payload 1.0 event and the call that carries it: the exact ARN, as apigateway.amazonaws.com.
invoke::InvokeCall make_invocation(RestIntegrationCall& call, const std::string& function_arn,
                                   const std::string& source_arn, const AccountRegion& home) {
    EventContext& event = call.event;
    event.home = home;
    event.api_id = call.api_id;
    event.stage = call.stage;
    event.path_parameters = call.path_parameters;
    event.stage_variables = call.stage_variables;
    event.resource_id = call.resource->id;
    event.resource_path = call.resource->path;
    event.binary_media_types = call.binary_media_types;
    invoke::InvokeCall invocation;
    invocation.function_name = function_arn;
    invocation.payload = build_rest_event(call.request, event);
    invocation.caller = execution::integration_caller(call.method->integration->credentials, source_arn, home);
    return invocation;
}

}  // namespace

boost::asio::awaitable<RestIntegrationResult> run_rest_integration(RestIntegrationCall call,
                                                                   invoke::FunctionInvoker* invoker,
                                                                   const AccountRegion& home, Clock& clock) {
    RestIntegrationResult out;
    const Method& method = *call.method;
    if (call.keep_log) {
        out.log.push_back(
            fmt::format("HTTP Method: {}, Resource Path: {}", call.request.method, call.request.raw_path));
        out.log.push_back("Method request path: " + java_map(call.path_parameters));
        std::map<std::string, std::string> query;
        for (auto& [key, value] : decode_query(call.request.raw_query)) {
            query[key] = value;
        }
        out.log.push_back("Method request query string: " + java_map(query));
        out.log.push_back("Method request headers: " + java_map(call.request.headers));
        out.log.push_back("Method request body before transformations: " + truncated(call.request.body));
    }

    const std::optional<Integration>& integration = method.integration;
    std::optional<std::string> function_arn;
    if (integration && integration->type == "AWS_PROXY") {
        function_arn = lambda_function_from_uri(
            substitute_stage_variables(integration->uri.value_or(""), call.stage_variables));
    }
    if (!function_arn || integration->http_method != "POST") {
        // Lambda is reachable only with POST (LS-APIGW test_lambda_aws_proxy_integration_non_post_method).
        fail(out, "Execution failed due to configuration error: Invalid endpoint address",
             internal_error(500));
        out.log.push_back(fmt::format("Method completed with status: {}", out.response.status));
        co_return out;
    }
    std::string source_arn =
        rest_source_arn(home, call.api_id, call.stage, method.http_method, call.resource->path);
    out.function_arn = *function_arn;
    out.source_arn = source_arn;
    invoke::InvokeCall invocation = make_invocation(call, *function_arn, source_arn, home);
    if (call.keep_log) {
        std::string endpoint = fmt::format(
            "https://lambda.{}.amazonaws.com/2015-03-31/functions/{}/invocations", home.region, *function_arn);
        out.log.push_back("Endpoint request URI: " + endpoint);
        out.log.push_back(
            fmt::format("Endpoint request headers: {{x-amzn-apigateway-api-id={}, X-Amz-Source-Arn={}, "
                        "Accept=application/json, User-Agent=AmazonAPIGateway_{}, "
                        "Host=lambda.{}.amazonaws.com, Content-Type=application/json}}",
                        call.api_id, source_arn, call.api_id, home.region));
        out.log.push_back("Endpoint request body after transformations: " + truncated(invocation.payload));
        out.log.push_back("Sending request to " + endpoint);
    }
    TimePoint started = clock.now();
    execution::Outcome outcome = co_await execution::invoke_function(
        invoker, std::move(invocation), std::chrono::milliseconds(integration->timeout_ms));
    out.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - started).count();
    record_outcome(out, outcome, call);
    out.log.push_back(fmt::format("Method completed with status: {}", out.response.status));
    co_return out;
}

}  // namespace lemu::routers::apigateway
