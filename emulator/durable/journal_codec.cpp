#include "emulator/durable/journal_codec.hpp"

namespace lemu::durable::journal {

using nlohmann::json;

namespace {

template <typename T>
void opt(json& j, const char* key, const std::optional<T>& v) {
    if (v) {
        j[key] = *v;
    }
}

void opt_time(json& j, const char* key, const std::optional<TimePoint>& v) {
    if (v) {
        j[key] = epoch_millis(*v);
    }
}

template <typename T>
std::optional<T> get(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return std::nullopt;
    }
    return it->get<T>();
}

std::optional<TimePoint> get_time(const json& j, const char* key) {
    auto ms = get<std::int64_t>(j, key);
    return ms ? std::optional(from_epoch_millis(*ms)) : std::nullopt;
}

json chained_to_json(const ChainedInvokeState& c) {
    json j = {{"function_name", c.function_name},     {"target_function", c.target_function},
              {"target_qualifier", c.target_qualifier}, {"executed_version", c.executed_version},
              {"durable", c.durable},                 {"child_name", c.child_name},
              {"child_id", c.child_id},               {"child_timeout", c.child_timeout_seconds},
              {"child_retention", c.child_retention_days}, {"launched", c.launched}};
    opt(j, "tenant_id", c.tenant_id);
    opt(j, "input", c.input);
    opt(j, "child_arn", c.child_arn);
    return j;
}

ChainedInvokeState chained_from(const json& j) {
    ChainedInvokeState c;
    c.function_name = j.at("function_name").get<std::string>();
    c.target_function = j.at("target_function").get<std::string>();
    c.target_qualifier = j.at("target_qualifier").get<std::string>();
    c.executed_version = j.at("executed_version").get<std::string>();
    c.durable = j.at("durable").get<bool>();
    c.child_name = j.at("child_name").get<std::string>();
    c.child_id = j.at("child_id").get<std::string>();
    c.child_timeout_seconds = j.at("child_timeout").get<std::int64_t>();
    c.child_retention_days = j.at("child_retention").get<int>();
    c.launched = j.at("launched").get<bool>();
    c.tenant_id = get<std::string>(j, "tenant_id");
    c.input = get<std::string>(j, "input");
    c.child_arn = get<std::string>(j, "child_arn");
    return c;
}

}  // namespace

json to_json(const ErrorObject& e) {
    json j = json::object();
    opt(j, "message", e.message);
    opt(j, "type", e.type);
    opt(j, "data", e.data);
    opt(j, "stack", e.stack_trace);
    return j;
}

ErrorObject error_from(const json& j) {
    return ErrorObject{get<std::string>(j, "message"), get<std::string>(j, "type"), get<std::string>(j, "data"),
                       get<std::vector<std::string>>(j, "stack")};
}

json to_json(const Operation& op) {
    json j = {{"id", op.id},
              {"type", to_string(op.type)},
              {"start", epoch_millis(op.start_timestamp)},
              {"status", to_string(op.status)},
              {"seq", op.sequence},
              {"replay_children", op.replay_children},
              {"attempt", op.attempt},
              {"wait_seconds", op.wait_seconds},
              {"cb_timeout", op.callback_timeout_seconds},
              {"cb_heartbeat", op.callback_heartbeat_seconds}};
    opt(j, "parent", op.parent_id);
    opt(j, "name", op.name);
    opt(j, "sub_type", op.sub_type);
    opt_time(j, "end", op.end_timestamp);
    opt(j, "input", op.input_payload);
    opt(j, "result", op.result);
    if (op.error) {
        j["error"] = to_json(*op.error);
    }
    opt_time(j, "next_attempt", op.next_attempt);
    opt_time(j, "scheduled_end", op.scheduled_end);
    opt(j, "callback_id", op.callback_id);
    opt_time(j, "cb_deadline", op.callback_deadline);
    opt_time(j, "hb_deadline", op.heartbeat_deadline);
    if (op.chained) {
        j["chained"] = chained_to_json(*op.chained);
    }
    return j;
}

Operation operation_from(const json& j) {
    Operation op;
    op.id = j.at("id").get<std::string>();
    op.type = parse_operation_type(j.at("type").get<std::string>()).value();
    op.start_timestamp = from_epoch_millis(j.at("start").get<std::int64_t>());
    op.status = parse_operation_status(j.at("status").get<std::string>()).value();
    op.sequence = j.at("seq").get<std::uint64_t>();
    op.replay_children = j.at("replay_children").get<bool>();
    op.attempt = j.at("attempt").get<int>();
    op.wait_seconds = j.at("wait_seconds").get<std::int64_t>();
    op.callback_timeout_seconds = j.at("cb_timeout").get<std::int64_t>();
    op.callback_heartbeat_seconds = j.at("cb_heartbeat").get<std::int64_t>();
    op.parent_id = get<std::string>(j, "parent");
    op.name = get<std::string>(j, "name");
    op.sub_type = get<std::string>(j, "sub_type");
    op.end_timestamp = get_time(j, "end");
    op.input_payload = get<std::string>(j, "input");
    op.result = get<std::string>(j, "result");
    if (j.contains("error")) {
        op.error = error_from(j.at("error"));
    }
    op.next_attempt = get_time(j, "next_attempt");
    op.scheduled_end = get_time(j, "scheduled_end");
    op.callback_id = get<std::string>(j, "callback_id");
    op.callback_deadline = get_time(j, "cb_deadline");
    op.heartbeat_deadline = get_time(j, "hb_deadline");
    if (j.contains("chained")) {
        op.chained = chained_from(j.at("chained"));
    }
    return op;
}

json to_json(const HistoryEvent& e) {
    json j = {{"type", to_string(e.type)}, {"id", e.event_id}, {"ts", epoch_millis(e.timestamp)},
              {"op", e.operation_id}};
    opt(j, "name", e.name);
    opt(j, "sub_type", e.sub_type);
    opt(j, "parent", e.parent_id);
    opt(j, "payload", e.payload);
    if (e.error) {
        j["error"] = to_json(*e.error);
    }
    opt(j, "execution_timeout", e.execution_timeout);
    opt(j, "duration", e.duration);
    opt_time(j, "scheduled_end", e.scheduled_end);
    opt(j, "attempt", e.current_attempt);
    opt(j, "delay", e.next_attempt_delay_seconds);
    opt(j, "callback_id", e.callback_id);
    opt(j, "timeout", e.timeout);
    opt(j, "heartbeat", e.heartbeat_timeout);
    opt(j, "function_name", e.function_name);
    opt(j, "tenant_id", e.tenant_id);
    opt(j, "executed_version", e.executed_version);
    opt(j, "child_arn", e.durable_execution_arn);
    opt_time(j, "inv_start", e.invocation_start);
    opt_time(j, "inv_end", e.invocation_end);
    opt(j, "request_id", e.request_id);
    return j;
}

HistoryEvent event_from(const json& j) {
    HistoryEvent e;
    e.type = parse_event_type(j.at("type").get<std::string>()).value();
    e.event_id = j.at("id").get<std::int64_t>();
    e.timestamp = from_epoch_millis(j.at("ts").get<std::int64_t>());
    e.operation_id = j.at("op").get<std::string>();
    e.name = get<std::string>(j, "name");
    e.sub_type = get<std::string>(j, "sub_type");
    e.parent_id = get<std::string>(j, "parent");
    e.payload = get<std::string>(j, "payload");
    if (j.contains("error")) {
        e.error = error_from(j.at("error"));
    }
    e.execution_timeout = get<std::int64_t>(j, "execution_timeout");
    e.duration = get<std::int64_t>(j, "duration");
    e.scheduled_end = get_time(j, "scheduled_end");
    e.current_attempt = get<int>(j, "attempt");
    e.next_attempt_delay_seconds = get<std::int64_t>(j, "delay");
    e.callback_id = get<std::string>(j, "callback_id");
    e.timeout = get<std::int64_t>(j, "timeout");
    e.heartbeat_timeout = get<std::int64_t>(j, "heartbeat");
    e.function_name = get<std::string>(j, "function_name");
    e.tenant_id = get<std::string>(j, "tenant_id");
    e.executed_version = get<std::string>(j, "executed_version");
    e.durable_execution_arn = get<std::string>(j, "child_arn");
    e.invocation_start = get_time(j, "inv_start");
    e.invocation_end = get_time(j, "inv_end");
    e.request_id = get<std::string>(j, "request_id");
    return e;
}

json to_json(const ExecutionIdentity& id) {
    json j = {{"arn", id.arn},
              {"name", id.name},
              {"id", id.id},
              {"function", id.function_name},
              {"start_qualifier", id.start_qualifier},
              {"pinned_version", id.pinned_version},
              {"function_arn", id.function_arn},
              {"execution_op", id.execution_operation_id},
              {"input", id.input},
              {"start", epoch_millis(id.start_timestamp)},
              {"timeout", id.settings.execution_timeout_seconds},
              {"retention_days", id.settings.retention_days}};
    opt(j, "trace_header", id.trace_header);
    return j;
}

ExecutionIdentity identity_from(const json& j) {
    ExecutionIdentity id;
    id.arn = j.at("arn").get<std::string>();
    id.name = j.at("name").get<std::string>();
    id.id = j.at("id").get<std::string>();
    id.function_name = j.at("function").get<std::string>();
    id.start_qualifier = j.at("start_qualifier").get<std::string>();
    id.pinned_version = j.at("pinned_version").get<std::string>();
    id.function_arn = j.at("function_arn").get<std::string>();
    id.execution_operation_id = j.at("execution_op").get<std::string>();
    id.input = j.at("input").get<std::string>();
    id.start_timestamp = from_epoch_millis(j.at("start").get<std::int64_t>());
    id.settings.execution_timeout_seconds = j.at("timeout").get<std::int64_t>();
    id.settings.retention_days = j.at("retention_days").get<int>();
    id.trace_header = get<std::string>(j, "trace_header");
    return id;
}

}  // namespace lemu::durable::journal
