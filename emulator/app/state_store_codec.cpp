// The JSON encoding of the control-plane snapshots persisted by StateStore (format 1).

#include <chrono>
#include <stdexcept>

#include "emulator/app/state_store.hpp"

namespace lemu {

using nlohmann::json;

namespace {

constexpr int kFormat = 1;

std::int64_t to_micros(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

TimePoint from_micros(std::int64_t us) {
    return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(us)));
}

template <class T>
json optional_value(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

template <class T>
std::optional<T> read_optional(const json& j, const char* key) {
    return j.contains(key) && !j.at(key).is_null() ? std::optional<T>(j.at(key).get<T>()) : std::nullopt;
}

json encode_config(const control::FunctionConfig& c) {
    json layers = json::array();
    for (const control::LayerRef& l : c.layers) {
        layers.push_back({{"arn", l.arn}, {"sha256", l.code_sha256}, {"size", l.code_size}});
    }
    json durable = nullptr;
    if (c.durable) {
        durable = {{"execution_timeout", optional_value(c.durable->execution_timeout)},
                   {"retention_period_in_days", optional_value(c.durable->retention_period_in_days)}};
    }
    return {{"package_type", c.package_type},
            {"runtime", c.runtime},
            {"role", c.role},
            {"handler", c.handler},
            {"description", c.description},
            {"timeout", c.timeout_seconds},
            {"memory", c.memory_mb},
            {"environment", optional_value(c.environment)},
            {"layers", layers},
            {"architecture", c.architecture},
            {"ephemeral_storage", c.ephemeral_storage_mb},
            {"tracing_mode", c.tracing_mode},
            {"dead_letter_target", c.dead_letter_target},
            {"kms_key_arn", c.kms_key_arn},
            {"logging",
             {{"format", c.logging.log_format},
              {"application_level", c.logging.application_log_level},
              {"system_level", c.logging.system_log_level},
              {"group", c.logging.log_group}}},
            {"durable", durable},
            {"image_uri", c.image_uri},
            {"vpc_config", c.vpc_config},
            {"file_system_configs", c.file_system_configs},
            {"image_config", c.image_config},
            {"snap_start", c.snap_start},
            {"capacity_provider_config", c.capacity_provider_config},
            {"tenancy_config", c.tenancy_config}};
}

control::FunctionConfig decode_config(const json& j) {
    control::FunctionConfig c;
    c.package_type = j.at("package_type").get<std::string>();
    c.runtime = j.at("runtime").get<std::string>();
    c.role = j.at("role").get<std::string>();
    c.handler = j.at("handler").get<std::string>();
    c.description = j.at("description").get<std::string>();
    c.timeout_seconds = j.at("timeout").get<int>();
    c.memory_mb = j.at("memory").get<int>();
    c.environment = read_optional<std::map<std::string, std::string>>(j, "environment");
    for (const json& l : j.at("layers")) {
        c.layers.push_back({l.at("arn").get<std::string>(), l.at("sha256").get<std::string>(),
                            l.at("size").get<std::uint64_t>()});
    }
    c.architecture = j.at("architecture").get<std::string>();
    c.ephemeral_storage_mb = j.at("ephemeral_storage").get<int>();
    c.tracing_mode = j.at("tracing_mode").get<std::string>();
    c.dead_letter_target = j.at("dead_letter_target").get<std::string>();
    c.kms_key_arn = j.at("kms_key_arn").get<std::string>();
    const json& logging = j.at("logging");
    c.logging = {logging.at("format").get<std::string>(), logging.at("application_level").get<std::string>(),
                 logging.at("system_level").get<std::string>(), logging.at("group").get<std::string>()};
    if (!j.at("durable").is_null()) {
        c.durable = control::DurableConfig{read_optional<int>(j.at("durable"), "execution_timeout"),
                                           read_optional<int>(j.at("durable"), "retention_period_in_days")};
    }
    c.image_uri = j.at("image_uri").get<std::string>();
    c.vpc_config = j.at("vpc_config");
    c.file_system_configs = j.at("file_system_configs");
    c.image_config = j.at("image_config");
    c.snap_start = j.at("snap_start");
    c.capacity_provider_config = j.at("capacity_provider_config");
    c.tenancy_config = j.at("tenancy_config");
    return c;
}

json encode_version(const control::Version& v) {
    return {{"function", v.function_name},
            {"version", v.version},
            {"config", encode_config(v.config)},
            {"code", {{"sha256", v.code.sha256}, {"size", v.code.size}, {"image_uri", v.code.image_uri}}},
            {"revision_id", v.revision_id},
            {"last_modified", to_micros(v.last_modified)},
            {"active", v.state == control::VersionState::Active},
            {"last_update", static_cast<int>(v.last_update)}};
}

control::Version decode_version(const json& j) {
    control::Version v;
    v.function_name = j.at("function").get<std::string>();
    v.version = j.at("version").get<std::string>();
    v.config = decode_config(j.at("config"));
    v.code = {j.at("code").at("sha256").get<std::string>(), j.at("code").at("size").get<std::uint64_t>(),
              j.at("code").at("image_uri").get<std::string>()};
    v.revision_id = j.at("revision_id").get<std::string>();
    v.last_modified = from_micros(j.at("last_modified").get<std::int64_t>());
    v.state = j.at("active").get<bool>() ? control::VersionState::Active : control::VersionState::Pending;
    int update = j.at("last_update").get<int>();
    if (update < 0 || update > static_cast<int>(control::UpdateStatus::Successful)) {
        throw std::runtime_error("bad last_update in state file");
    }
    v.last_update = static_cast<control::UpdateStatus>(update);
    return v;
}

json encode_policy(const control::Policy& p) {
    json statements = json::array();
    for (const control::Statement& s : p.statements) {
        json conditions = json::array();
        for (const control::Condition& c : s.conditions) {
            conditions.push_back({c.op, c.key, c.value});
        }
        statements.push_back({{"sid", s.sid},
                              {"effect", s.effect},
                              {"principal_kind", static_cast<int>(s.principal.kind)},
                              {"principal", s.principal.value},
                              {"action", s.action},
                              {"resource", s.resource},
                              {"conditions", conditions}});
    }
    return {{"revision_id", p.revision_id}, {"statements", statements}};
}

control::Policy decode_policy(const json& j) {
    control::Policy p;
    p.revision_id = j.at("revision_id").get<std::string>();
    for (const json& s : j.at("statements")) {
        control::Statement statement;
        statement.sid = s.at("sid").get<std::string>();
        statement.effect = s.at("effect").get<std::string>();
        int kind = s.at("principal_kind").get<int>();
        if (kind < 0 || kind > static_cast<int>(control::Principal::Kind::Aws)) {
            throw std::runtime_error("bad principal kind in state file");
        }
        statement.principal = {static_cast<control::Principal::Kind>(kind),
                               s.at("principal").get<std::string>()};
        statement.action = s.at("action").get<std::string>();
        statement.resource = s.at("resource").get<std::string>();
        for (const json& c : s.at("conditions")) {
            statement.conditions.push_back(
                {c.at(0).get<std::string>(), c.at(1).get<std::string>(), c.at(2).get<std::string>()});
        }
        p.statements.push_back(std::move(statement));
    }
    return p;
}

json encode_invoke_config(const control::EventInvokeConfig& c) {
    return {{"retries", optional_value(c.maximum_retry_attempts)},
            {"max_age", optional_value(c.maximum_event_age_seconds)},
            {"on_success", c.on_success_destination},
            {"on_failure", c.on_failure_destination},
            {"last_modified", to_micros(c.last_modified)}};
}

control::EventInvokeConfig decode_invoke_config(const json& j) {
    return {read_optional<int>(j, "retries"), read_optional<int>(j, "max_age"),
            j.at("on_success").get<std::string>(), j.at("on_failure").get<std::string>(),
            from_micros(j.at("last_modified").get<std::int64_t>())};
}

json encode_function(const control::FunctionSnapshot& f) {
    json versions = json::array();
    for (const control::Version& v : f.versions) {
        versions.push_back(encode_version(v));
    }
    json aliases = json::array();
    for (const control::Alias& a : f.aliases) {
        json additional = nullptr;
        if (a.routing.additional) {
            additional = {{"version", a.routing.additional->version},
                          {"weight", a.routing.additional->weight}};
        }
        aliases.push_back({{"name", a.name},
                           {"function_version", a.function_version},
                           {"description", a.description},
                           {"additional", additional},
                           {"revision_id", a.revision_id}});
    }
    json policies = json::object();
    for (const auto& [key, policy] : f.policies) {
        policies[key] = encode_policy(policy);
    }
    json invoke_configs = json::object();
    for (const auto& [key, config] : f.event_invoke_configs) {
        invoke_configs[key] = encode_invoke_config(config);
    }
    return {{"latest", encode_version(f.latest)},
            {"versions", versions},
            {"last_version", f.last_version},
            {"latest_changed", f.latest_changed},
            {"aliases", aliases},
            {"policies", policies},
            {"reserved_concurrency", optional_value(f.reserved_concurrency)},
            {"tags", f.tags},
            {"event_invoke_configs", invoke_configs}};
}

control::FunctionSnapshot decode_function(const json& j) {
    control::FunctionSnapshot f;
    f.latest = decode_version(j.at("latest"));
    for (const json& v : j.at("versions")) {
        f.versions.push_back(decode_version(v));
    }
    f.last_version = j.at("last_version").get<std::uint64_t>();
    f.latest_changed = j.at("latest_changed").get<bool>();
    for (const json& a : j.at("aliases")) {
        control::Alias alias{a.at("name").get<std::string>(),
                             a.at("function_version").get<std::string>(),
                             a.at("description").get<std::string>(),
                             {},
                             a.at("revision_id").get<std::string>()};
        if (!a.at("additional").is_null()) {
            alias.routing.additional =
                control::WeightedVersion{a.at("additional").at("version").get<std::uint64_t>(),
                                         a.at("additional").at("weight").get<double>()};
        }
        f.aliases.push_back(std::move(alias));
    }
    for (const auto& [key, policy] : j.at("policies").items()) {
        f.policies.emplace(key, decode_policy(policy));
    }
    f.reserved_concurrency = read_optional<int>(j, "reserved_concurrency");
    f.tags = j.at("tags").get<std::map<std::string, std::string>>();
    for (const auto& [key, config] : j.at("event_invoke_configs").items()) {
        f.event_invoke_configs.emplace(key, decode_invoke_config(config));
    }
    return f;
}

json encode_layer(const control::LayerVersion& l) {
    return {{"name", l.layer_name},
            {"version", l.version},
            {"description", l.description},
            {"sha256", l.content.sha256},
            {"size", l.content.size},
            {"runtimes", l.compatible_runtimes},
            {"architectures", l.compatible_architectures},
            {"license", l.license_info},
            {"created", to_micros(l.created)}};
}

control::LayerVersion decode_layer(const json& j) {
    control::LayerVersion l;
    l.layer_name = j.at("name").get<std::string>();
    l.version = j.at("version").get<std::uint64_t>();
    l.description = j.at("description").get<std::string>();
    l.content.sha256 = j.at("sha256").get<std::string>();
    l.content.size = j.at("size").get<std::uint64_t>();
    l.compatible_runtimes = j.at("runtimes").get<std::vector<std::string>>();
    l.compatible_architectures = j.at("architectures").get<std::vector<std::string>>();
    l.license_info = j.at("license").get<std::string>();
    l.created = from_micros(j.at("created").get<std::int64_t>());
    return l;
}

}  // namespace

json encode_state(const ControlState& state) {
    json functions = json::array();
    for (const control::FunctionSnapshot& f : state.functions.functions) {
        functions.push_back(encode_function(f));
    }
    json layers = json::array();
    for (const control::LayerVersion& l : state.layers.versions) {
        layers.push_back(encode_layer(l));
    }
    return {{"format", kFormat},
            {"functions", functions},
            {"layers", layers},
            {"layer_last_versions", state.layers.last_versions}};
}

ControlState decode_state(const json& document) {
    try {
        if (document.at("format").get<int>() != kFormat) {
            throw std::runtime_error("unsupported state format");
        }
        ControlState state;
        for (const json& f : document.at("functions")) {
            state.functions.functions.push_back(decode_function(f));
        }
        for (const json& l : document.at("layers")) {
            state.layers.versions.push_back(decode_layer(l));
        }
        state.layers.last_versions =
            document.at("layer_last_versions").get<std::map<std::string, std::uint64_t>>();
        return state;
    } catch (const json::exception& e) {
        throw std::runtime_error(std::string("cannot read the state file: ") + e.what());
    }
}

}  // namespace lemu
