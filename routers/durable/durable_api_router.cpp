#include "routers/durable/durable_api_router.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"
#include "emulator/durable/wire_codec.hpp"
#include "routers/durable/codec.hpp"

namespace lemu::routers::durable {

using nlohmann::json;
namespace wire = lemu::durable::wire;
using lemu::durable::CheckpointRequest;
using lemu::durable::ErrorObject;
using lemu::durable::ExecutionStatus;

namespace {

constexpr std::string_view kPrefix = "/2025-12-01/";
constexpr std::size_t kMaxCallbackResult = 262'144;

http::Response ok(const json& body) { return http::Response::json(200, body.dump()); }

std::optional<std::string> string_member(const json& body, const char* key, std::string_view field) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_string()) {
        throw AwsError(ErrorCode::InvalidRequestContent,
                       fmt::format("Could not parse request body into json: unexpected value type for '{}'", field));
    }
    return it->get<std::string>();
}

void check_client_token(const std::optional<std::string>& token) {
    if (!token) {
        return;
    }
    if (token->empty() || token->size() > 64) {
        throw validation_error(*token, "clientToken",
                               token->empty() ? "Member must have length greater than or equal to 1"
                                              : "Member must have length less than or equal to 64");
    }
    for (char c : *token) {
        if (c < 0x21 || c > 0x7E) {
            throw validation_error(*token, "clientToken", "Member must satisfy regular expression pattern: [\\x21-\\x7E]+");
        }
    }
}

void check_execution_name(const std::optional<std::string>& name) {
    if (!name) {
        return;
    }
    if (name->empty() || name->size() > 64) {
        throw validation_error(*name, "durableExecutionName", "Member must have length less than or equal to 64");
    }
    for (char c : *name) {
        if (!is_alnum(c) && c != '-' && c != '_') {
            throw validation_error(*name, "durableExecutionName",
                                   "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+");
        }
    }
}

std::optional<TimePoint> timestamp_param(const http::Request& request, std::string_view name) {
    std::optional<std::string> text = request.query_param(name);
    if (!text) {
        return std::nullopt;
    }
    std::optional<TimePoint> t = parse_timestamp(*text);
    if (!t) {
        throw AwsError(ErrorCode::InvalidParameterValue, fmt::format("{} is not a valid timestamp: {}", name, *text));
    }
    return t;
}

// The body of StopDurableExecution and SendDurableExecutionCallbackFailure is the ErrorObject itself;
// botocore sends {} when it is absent.
std::optional<ErrorObject> error_body(const http::Request& request) {
    json body = body_json(request);
    if (body.empty()) {
        return std::nullopt;
    }
    return wire::error_from_json(body, "error");
}

}  // namespace

DurableApiRouter::DurableApiRouter(lemu::durable::DurableExecutionStore& store, AccountRegion home)
    : store_(store), home_(std::move(home)), routes_(durable_routes(*this)) {}

bool DurableApiRouter::matches(const http::Request& head) const {
    std::string_view path = head.path;
    if (!path.starts_with(kPrefix)) {
        return false;
    }
    std::string_view rest = path.substr(kPrefix.size());
    return rest == "durable-executions" || rest.starts_with("durable-executions/") ||
           rest.starts_with("durable-execution-callbacks/") ||
           (rest.starts_with("functions/") && rest.ends_with("/durable-executions"));
}

boost::asio::awaitable<http::Response> DurableApiRouter::handle(http::Request& request) {
    const http::Route* route = routes_.bind(request);
    if (route == nullptr) {
        throw AwsError(ErrorCode::UnknownOperation,
                       fmt::format("No durable execution operation matches {} {}", request.method, request.path));
    }
    co_return co_await route->handler(request);
}

http::Response DurableApiRouter::render(const AwsError& error, const http::Request&) const {
    json body = json::object();
    if (!error.omit_type()) {
        body["Type"] = error.fault() == Fault::User ? "User" : "Service";
    }
    body["message"] = error.message();
    for (const auto& [key, value] : error.extra()) {
        body[key] = value;
    }
    http::Response r = http::Response::json(error.http_status(), body.dump());
    r.headers.set("x-amzn-ErrorType", std::string(error.name()));
    return r;
}

http::Response DurableApiRouter::checkpoint(http::Request& request) {
    const std::string& arn = request.param("DurableExecutionArn");
    check_execution_arn(arn);
    json body = body_json(request);
    CheckpointRequest checkpoint;
    std::optional<std::string> token = string_member(body, "CheckpointToken", "CheckpointToken");
    check_token(token, "checkpointToken");
    checkpoint.token = *token;
    checkpoint.client_token = string_member(body, "ClientToken", "ClientToken");
    check_client_token(checkpoint.client_token);
    if (auto updates = body.find("Updates"); updates != body.end() && !updates->is_null()) {
        if (!updates->is_array()) {
            throw AwsError(ErrorCode::InvalidRequestContent,
                           "Could not parse request body into json: unexpected value type for 'Updates'");
        }
        for (std::size_t i = 0; i < updates->size(); ++i) {
            checkpoint.updates.push_back(wire::update_from_json((*updates)[i], i));
        }
    }
    lemu::durable::CheckpointResponse response = store_.checkpoint(arn, checkpoint);
    json state = {{"Operations", wire::operations_to_json(response.operations, wire::TimeFormat::EpochSeconds)}};
    return ok({{"CheckpointToken", response.token}, {"NewExecutionState", std::move(state)}});
}

http::Response DurableApiRouter::get_state(http::Request& request) {
    const std::string& arn = request.param("DurableExecutionArn");
    check_execution_arn(arn);
    std::optional<std::string> token = request.query_param("CheckpointToken");
    check_token(token, "checkpointToken");
    auto page = store_.state(arn, *token, request.query_param("Marker"), max_items(request).value_or(0));
    json body = {{"Operations", wire::operations_to_json(page.items, wire::TimeFormat::EpochSeconds)}};
    if (page.next_marker) {
        body["NextMarker"] = *page.next_marker;
    }
    return ok(body);
}

http::Response DurableApiRouter::get_execution(http::Request& request) {
    const std::string& arn = request.param("DurableExecutionArn");
    check_execution_arn(arn);
    return ok(describe_json(store_.describe(arn)));
}

http::Response DurableApiRouter::get_history(http::Request& request) {
    const std::string& arn = request.param("DurableExecutionArn");
    check_execution_arn(arn);
    bool include_data = flag(request, "IncludeExecutionData", "IncludeExecutionData").value_or(true);
    bool reverse = flag(request, "ReverseOrder", "ReverseOrder").value_or(false);
    auto page = store_.history(arn, reverse, request.query_param("Marker"), max_items(request).value_or(0));
    json events = json::array();
    for (const lemu::durable::HistoryEvent& event : page.items) {
        events.push_back(wire::event_to_json(event, include_data));
    }
    json body = {{"Events", std::move(events)}};
    if (page.next_marker) {
        body["NextMarker"] = *page.next_marker;
    }
    return ok(body);
}

http::Response DurableApiRouter::list_by_function(http::Request& request) {
    std::optional<std::string> qualifier = request.query_param("Qualifier");
    FunctionRef ref = parse_function_ref(request.param("FunctionName"), qualifier, NameGrammar::Namespaced, home_);
    if (function_check_) {
        function_check_(ref);
    }
    lemu::durable::ListQuery query;
    query.function_name = ref.name;
    if (ref.qualifier) {
        query.qualifier = to_string(*ref.qualifier);
    }
    query.name = request.query_param("DurableExecutionName");
    check_execution_name(query.name);
    for (const auto& [key, value] : request.query_params()) {
        if (key != "Statuses") {
            continue;
        }
        auto status = lemu::durable::parse_execution_status(value);
        if (!status) {
            throw validation_error(value, "statuses", "Member must satisfy enum value set: " +
                                                          lemu::durable::enum_value_set(
                                                              lemu::durable::all_execution_statuses()));
        }
        query.statuses.push_back(*status);
    }
    query.started_after = timestamp_param(request, "StartedAfter");
    query.started_before = timestamp_param(request, "StartedBefore");
    query.reverse = flag(request, "ReverseOrder", "ReverseOrder").value_or(false);
    query.marker = request.query_param("Marker");
    query.max_items = max_items(request).value_or(0);
    auto page = store_.list(query);
    json executions = json::array();
    for (const lemu::durable::ExecutionSummary& summary : page.items) {
        executions.push_back(summary_json(summary));
    }
    json body = {{"DurableExecutions", std::move(executions)}};
    if (page.next_marker) {
        body["NextMarker"] = *page.next_marker;
    }
    return ok(body);
}

http::Response DurableApiRouter::stop(http::Request& request) {
    const std::string& arn = request.param("DurableExecutionArn");
    check_execution_arn(arn);
    TimePoint stopped = store_.stop(arn, error_body(request));
    return ok({{"StopTimestamp", wire::timestamp(stopped, wire::TimeFormat::EpochSeconds)}});
}

http::Response DurableApiRouter::callback_success(http::Request& request) {
    const std::string& id = request.param("CallbackId");
    check_callback_id(id);
    if (request.body.size() > kMaxCallbackResult) {
        throw validation_error("*** Sensitive Data Redacted ***", "result",
                               fmt::format("Member must have length less than or equal to {}", kMaxCallbackResult));
    }
    store_.callback_success(id, request.body);
    return ok(json::object());
}

http::Response DurableApiRouter::callback_failure(http::Request& request) {
    const std::string& id = request.param("CallbackId");
    check_callback_id(id);
    store_.callback_failure(id, error_body(request));
    return ok(json::object());
}

http::Response DurableApiRouter::callback_heartbeat(http::Request& request) {
    const std::string& id = request.param("CallbackId");
    check_callback_id(id);
    store_.callback_heartbeat(id);
    return ok(json::object());
}

}  // namespace lemu::routers::durable
