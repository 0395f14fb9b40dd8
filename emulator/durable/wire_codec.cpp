#include "emulator/durable/wire_codec.hpp"

#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::durable::wire {

using nlohmann::json;

namespace {

constexpr std::int64_t kMaxDurationSeconds = 31'622'400;
constexpr std::size_t kMaxPayload = 6'291'456;

void put(json& j, const char* key, const std::optional<std::string>& v) {
    if (v) {
        j[key] = *v;
    }
}

AwsError bad_type(const std::string& path) {
    return AwsError(ErrorCode::InvalidRequestContent,
                    fmt::format("Could not parse request body into json: unexpected value type for '{}'", path));
}

bool id_char(char c) { return is_alnum(c) || c == '-' || c == '_'; }

std::optional<std::string> get_string(const json& j, const char* key, const std::string& path) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_string()) {
        throw bad_type(path);
    }
    return it->get<std::string>();
}

std::optional<std::int64_t> get_int(const json& j, const char* key, const std::string& path) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_number_integer()) {
        throw bad_type(path);
    }
    return it->get<std::int64_t>();
}

const json* get_object(const json& j, const char* key, const std::string& path) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return nullptr;
    }
    if (!it->is_object()) {
        throw bad_type(path);
    }
    return &*it;
}

void check_id(const std::optional<std::string>& v, const std::string& path, std::size_t max) {
    if (!v) {
        return;
    }
    if (v->empty() || v->size() > max) {
        throw validation_error(*v, path,
                               v->empty() ? "Member must have length greater than or equal to 1"
                                          : fmt::format("Member must have length less than or equal to {}", max));
    }
    for (char c : *v) {
        if (!id_char(c)) {
            throw validation_error(*v, path, "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+");
        }
    }
}

void check_range(std::optional<std::int64_t> v, const std::string& path, std::int64_t min, std::int64_t max) {
    if (v && *v < min) {
        throw validation_error(std::to_string(*v), path,
                               fmt::format("Member must have value greater than or equal to {}", min));
    }
    if (v && *v > max) {
        throw validation_error(std::to_string(*v), path,
                               fmt::format("Member must have value less than or equal to {}", max));
    }
}

std::string required(const std::optional<std::string>& v, const std::string& path) {
    if (!v) {
        throw AwsError(ErrorCode::Validation,
                       fmt::format("1 validation error detected: Value null at '{}' failed to satisfy constraint: "
                                   "Member must not be null",
                                   path));
    }
    return *v;
}

void read_options(const json& j, const std::string& p, OperationUpdate& u) {
    if (const json* o = get_object(j, "ContextOptions", p + ".contextOptions")) {
        if (auto it = o->find("ReplayChildren"); it != o->end() && !it->is_null()) {
            if (!it->is_boolean()) {
                throw bad_type(p + ".contextOptions.replayChildren");
            }
            u.replay_children = it->get<bool>();
        }
    }
    if (const json* o = get_object(j, "StepOptions", p + ".stepOptions")) {
        u.has_step_options = true;
        u.next_attempt_delay_seconds = get_int(*o, "NextAttemptDelaySeconds", p + ".stepOptions.nextAttemptDelaySeconds");
        check_range(u.next_attempt_delay_seconds, p + ".stepOptions.nextAttemptDelaySeconds", 1, kMaxDurationSeconds);
    }
    if (const json* o = get_object(j, "WaitOptions", p + ".waitOptions")) {
        u.has_wait_options = true;
        u.wait_seconds = get_int(*o, "WaitSeconds", p + ".waitOptions.waitSeconds");
        check_range(u.wait_seconds, p + ".waitOptions.waitSeconds", 1, kMaxDurationSeconds);
    }
    if (const json* o = get_object(j, "CallbackOptions", p + ".callbackOptions")) {
        u.callback_timeout_seconds = get_int(*o, "TimeoutSeconds", p + ".callbackOptions.timeoutSeconds");
        u.callback_heartbeat_seconds =
            get_int(*o, "HeartbeatTimeoutSeconds", p + ".callbackOptions.heartbeatTimeoutSeconds");
        check_range(u.callback_timeout_seconds, p + ".callbackOptions.timeoutSeconds", 0, INT64_MAX);
        check_range(u.callback_heartbeat_seconds, p + ".callbackOptions.heartbeatTimeoutSeconds", 0, INT64_MAX);
    }
    if (const json* o = get_object(j, "ChainedInvokeOptions", p + ".chainedInvokeOptions")) {
        u.chained_function_name = required(get_string(*o, "FunctionName", p + ".chainedInvokeOptions.functionName"),
                                           p + ".chainedInvokeOptions.functionName");
        if (u.chained_function_name->empty() || u.chained_function_name->size() > 256) {
            throw validation_error(*u.chained_function_name, p + ".chainedInvokeOptions.functionName",
                                   "Member must have length less than or equal to 256");
        }
        u.chained_tenant_id = get_string(*o, "TenantId", p + ".chainedInvokeOptions.tenantId");
    }
}

}  // namespace

json timestamp(TimePoint t, TimeFormat format) {
    std::int64_t ms = epoch_millis(t);
    if (format == TimeFormat::EpochMillis) {
        return ms;
    }
    return static_cast<double>(ms) / 1000.0;
}

json error_to_json(const ErrorObject& error) {
    json j = json::object();
    put(j, "ErrorMessage", error.message);
    put(j, "ErrorType", error.type);
    put(j, "ErrorData", error.data);
    if (error.stack_trace) {
        j["StackTrace"] = *error.stack_trace;
    }
    return j;
}

ErrorObject error_from_json(const json& j, const std::string& path) {
    if (!j.is_object()) {
        throw bad_type(path);
    }
    ErrorObject e;
    e.message = get_string(j, "ErrorMessage", path + ".errorMessage");
    e.type = get_string(j, "ErrorType", path + ".errorType");
    e.data = get_string(j, "ErrorData", path + ".errorData");
    if (auto it = j.find("StackTrace"); it != j.end() && !it->is_null()) {
        if (!it->is_array()) {
            throw bad_type(path + ".stackTrace");
        }
        std::vector<std::string> lines;
        for (const json& line : *it) {
            if (!line.is_string()) {
                throw bad_type(path + ".stackTrace");
            }
            lines.push_back(line.get<std::string>());
        }
        e.stack_trace = std::move(lines);
    }
    return e;
}

OperationUpdate update_from_json(const json& j, std::size_t index) {
    std::string p = fmt::format("updates.{}.member", index + 1);
    if (!j.is_object()) {
        throw bad_type(p);
    }
    OperationUpdate u;
    u.id = required(get_string(j, "Id", p + ".id"), p + ".id");
    check_id(u.id, p + ".id", 64);
    u.parent_id = get_string(j, "ParentId", p + ".parentId");
    check_id(u.parent_id, p + ".parentId", 64);
    u.name = get_string(j, "Name", p + ".name");
    if (u.name) {
        bool printable = !u.name->empty() && u.name->size() <= 256;
        for (char c : *u.name) {
            printable = printable && c >= 0x20 && c <= 0x7E;
        }
        if (!printable) {
            throw validation_error(*u.name, p + ".name", "Member must satisfy regular expression pattern: [\\x20-\\x7E]+");
        }
    }
    u.sub_type = get_string(j, "SubType", p + ".subType");
    check_id(u.sub_type, p + ".subType", 32);
    std::string type = required(get_string(j, "Type", p + ".type"), p + ".type");
    auto parsed_type = parse_operation_type(type);
    if (!parsed_type) {
        throw validation_error(type, p + ".type",
                               "Member must satisfy enum value set: " + enum_value_set(all_operation_types()));
    }
    u.type = *parsed_type;
    std::string action = required(get_string(j, "Action", p + ".action"), p + ".action");
    auto parsed_action = parse_operation_action(action);
    if (!parsed_action) {
        throw validation_error(action, p + ".action",
                               "Member must satisfy enum value set: " + enum_value_set(all_operation_actions()));
    }
    u.action = *parsed_action;
    u.payload = get_string(j, "Payload", p + ".payload");
    if (u.payload && u.payload->size() > kMaxPayload) {
        throw validation_error("*** Sensitive Data Redacted ***", p + ".payload",
                               fmt::format("Member must have length less than or equal to {}", kMaxPayload));
    }
    if (const json* e = get_object(j, "Error", p + ".error")) {
        u.error = error_from_json(*e, p + ".error");
    }
    read_options(j, p, u);
    return u;
}

json operation_to_json(const Operation& op, TimeFormat format) {
    json j = json::object();
    j["Id"] = op.id;
    put(j, "ParentId", op.parent_id);
    put(j, "Name", op.name);
    j["Type"] = std::string(to_string(op.type));
    put(j, "SubType", op.sub_type);
    j["StartTimestamp"] = timestamp(op.start_timestamp, format);
    if (op.end_timestamp) {
        j["EndTimestamp"] = timestamp(*op.end_timestamp, format);
    }
    j["Status"] = std::string(to_string(op.status));
    json details = json::object();
    put(details, "Result", op.result);
    if (op.error) {
        details["Error"] = error_to_json(*op.error);
    }
    switch (op.type) {
        case OperationType::Execution: {
            json d = json::object();
            // An empty input would make the SDK JSON.parse(""); absent means "{}" to it.
            if (op.input_payload && !op.input_payload->empty()) {
                d["InputPayload"] = *op.input_payload;
            }
            j["ExecutionDetails"] = d;
            break;
        }
        case OperationType::Context:
            if (op.replay_children) {
                details["ReplayChildren"] = true;
            }
            if (!details.empty()) {
                j["ContextDetails"] = details;
            }
            break;
        case OperationType::Step:
            details["Attempt"] = op.attempt;
            if (op.next_attempt) {
                details["NextAttemptTimestamp"] = timestamp(*op.next_attempt, format);
            }
            j["StepDetails"] = details;
            break;
        case OperationType::Wait:
            if (op.scheduled_end) {
                j["WaitDetails"] = json{{"ScheduledEndTimestamp", timestamp(*op.scheduled_end, format)}};
            }
            break;
        case OperationType::Callback:
            put(details, "CallbackId", op.callback_id);
            j["CallbackDetails"] = details;
            break;
        case OperationType::ChainedInvoke:
            if (!details.empty()) {
                j["ChainedInvokeDetails"] = details;
            }
            break;
    }
    return j;
}

json operations_to_json(const std::vector<Operation>& ops, TimeFormat format) {
    json list = json::array();
    for (const Operation& op : ops) {
        list.push_back(operation_to_json(op, format));
    }
    return list;
}

std::string invocation_event(const InvocationStart& start, std::size_t operation_budget) {
    json ops = json::array();
    std::size_t used = 0;
    std::size_t included = 0;
    for (const Operation& op : start.operations) {
        json j = operation_to_json(op, TimeFormat::EpochMillis);
        std::size_t size = j.dump().size();
        if (included > 0 && used + size > operation_budget) {
            break;  // the SDK pages the rest with GetDurableExecutionState
        }
        used += size;
        ++included;
        ops.push_back(std::move(j));
    }
    json state = json{{"Operations", std::move(ops)}};
    if (included < start.operations.size()) {
        state["NextMarker"] = std::to_string(included);
    }
    json event = json::object();
    event["DurableExecutionArn"] = start.arn;
    event["CheckpointToken"] = start.token;
    event["InitialExecutionState"] = std::move(state);
    event["UpdatedOperationIds"] = start.updated_operation_ids;
    return event.dump();
}

InvocationOutcome parse_invocation_result(std::string_view payload, bool function_error) {
    using Kind = InvocationOutcome::Kind;
    json j = json::parse(payload, nullptr, false);
    if (function_error) {
        ErrorObject error{"The function invocation failed.", "Unhandled", std::nullopt, std::nullopt};
        if (j.is_object()) {
            if (auto m = j.find("errorMessage"); m != j.end() && m->is_string()) {
                error.message = m->get<std::string>();
            }
            if (auto t = j.find("errorType"); t != j.end() && t->is_string()) {
                error.type = t->get<std::string>();
            }
        }
        return InvocationOutcome{Kind::Crashed, std::nullopt, error};
    }
    auto invalid = [](std::string why) {
        return InvocationOutcome{Kind::Invalid, std::nullopt,
                                 ErrorObject{"Invalid durable execution result: " + why, "InvalidInvocationResult",
                                             std::nullopt, std::nullopt}};
    };
    if (!j.is_object()) {
        return invalid("not a JSON object");
    }
    auto status = j.find("Status");
    if (status == j.end() || !status->is_string()) {
        return invalid("missing Status");
    }
    auto result = j.find("Result");
    auto error = j.find("Error");
    bool has_result = result != j.end() && !result->is_null();
    bool has_error = error != j.end() && !error->is_null();
    std::string s = status->get<std::string>();
    if (s == "SUCCEEDED") {
        if (has_error || (has_result && !result->is_string())) {
            return invalid("a SUCCEEDED result must carry only a string Result");
        }
        return InvocationOutcome{Kind::Succeeded, has_result ? std::optional(result->get<std::string>()) : std::nullopt,
                                 std::nullopt};
    }
    if (s == "FAILED") {
        if (has_result || (has_error && !error->is_object())) {
            return invalid("a FAILED result must carry only an Error object");
        }
        try {
            return InvocationOutcome{Kind::Failed, std::nullopt,
                                     has_error ? error_from_json(*error, "Error") : ErrorObject{}};
        } catch (const AwsError&) {
            return invalid("malformed Error");
        }
    }
    if (s == "PENDING") {
        return InvocationOutcome{Kind::Pending, std::nullopt, std::nullopt};
    }
    return invalid("unknown Status '" + s + "'");
}

}  // namespace lemu::durable::wire
