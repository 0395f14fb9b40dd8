#include "emulator/app/config_file.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

namespace lemu {
namespace {

using nlohmann::json;

// One JSON object being read, with its path for error messages. Unknown keys are errors, so a typo in
// a config never silently does nothing.
class ObjectReader {
public:
    ObjectReader(const json& value, std::string path) : value_(value), path_(std::move(path)) {
        if (!value_.is_object()) {
            throw ConfigError(path_, "must be an object");
        }
    }

    std::string at(std::string_view key) const { return fmt::format("{}.{}", path_, key); }

    bool has(std::string_view key) {
        seen_.insert(std::string(key));
        return value_.contains(key) && !value_.at(std::string(key)).is_null();
    }

    const json& raw(std::string_view key) {
        seen_.insert(std::string(key));
        return value_.at(std::string(key));
    }

    std::string string(std::string_view key) {
        if (!has(key)) {
            throw ConfigError(at(key), "is required");
        }
        return as_string(raw(key), at(key));
    }

    std::optional<std::string> optional_string(std::string_view key) {
        return has(key) ? std::optional(as_string(raw(key), at(key))) : std::nullopt;
    }

    std::optional<int> optional_int(std::string_view key, int min, int max) {
        if (!has(key)) {
            return std::nullopt;
        }
        const json& v = raw(key);
        if (!v.is_number_integer()) {
            throw ConfigError(at(key), "must be an integer");
        }
        auto n = v.get<long long>();
        if (n < min || n > max) {
            throw ConfigError(at(key), fmt::format("must be between {} and {}", min, max));
        }
        return static_cast<int>(n);
    }

    std::optional<bool> optional_bool(std::string_view key) {
        if (!has(key)) {
            return std::nullopt;
        }
        if (!raw(key).is_boolean()) {
            throw ConfigError(at(key), "must be true or false");
        }
        return raw(key).get<bool>();
    }

    std::map<std::string, std::string> string_map(std::string_view key) {
        std::map<std::string, std::string> out;
        if (!has(key)) {
            return out;
        }
        const json& v = raw(key);
        if (!v.is_object()) {
            throw ConfigError(at(key), "must be an object of strings");
        }
        for (auto& [k, item] : v.items()) {
            out[k] = as_string(item, fmt::format("{}.{}", at(key), k));
        }
        return out;
    }

    std::vector<std::string> string_list(std::string_view key) {
        std::vector<std::string> out;
        for_each(key, [&](const json& item, const std::string& path) { out.push_back(as_string(item, path)); });
        return out;
    }

    template <typename F>
    void for_each(std::string_view key, F&& f) {
        if (!has(key)) {
            return;
        }
        const json& v = raw(key);
        if (!v.is_array()) {
            throw ConfigError(at(key), "must be a list");
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
            f(v[i], fmt::format("{}[{}]", at(key), i));
        }
    }

    // Call last: rejects keys nobody asked for.
    void finish() const {
        for (auto& [k, v] : value_.items()) {
            if (!seen_.contains(k)) {
                throw ConfigError(at(k), "is not a known setting");
            }
        }
    }

private:
    static std::string as_string(const json& v, const std::string& path) {
        if (!v.is_string()) {
            throw ConfigError(path, "must be a string");
        }
        return v.get<std::string>();
    }

    const json& value_;
    std::string path_;
    std::set<std::string> seen_;
};

CodeSource code_source(const std::string& text, const std::string& path, const std::filesystem::path& base) {
    std::filesystem::path p = std::filesystem::path(text).is_absolute() ? std::filesystem::path(text) : base / text;
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
        throw ConfigError(path, fmt::format("'{}' does not exist", p.string()));
    }
    if (!std::filesystem::is_directory(p, ec) && p.extension() != ".zip") {
        throw ConfigError(path, "must be a directory or a .zip file");
    }
    return CodeSource{std::filesystem::weakly_canonical(p)};
}

FunctionSpec parse_function(const json& v, const std::string& path, const std::filesystem::path& base) {
    ObjectReader r(v, path);
    FunctionSpec f;
    f.name = r.string("name");
    f.runtime = r.string("runtime");
    f.handler = r.optional_string("handler").value_or("");
    f.code = code_source(r.string("code"), r.at("code"), base);
    f.role = r.optional_string("role").value_or("arn:aws:iam::000000000000:role/lambda-role");
    f.memory = r.optional_int("memory", 128, 10240).value_or(128);
    f.timeout = r.optional_int("timeout", 1, 900).value_or(3);
    f.description = r.optional_string("description").value_or("");
    f.environment = r.string_map("environment");
    f.layers = r.string_list("layers");
    f.reserved_concurrency = r.optional_int("reserved_concurrency", 0, 1000);
    if (r.has("durable")) {
        ObjectReader d(r.raw("durable"), r.at("durable"));
        f.durable_execution_timeout = d.optional_int("execution_timeout", 1, 31'622'400);
        f.durable_retention_days = d.optional_int("retention_days", 1, 90);
        d.finish();
    }
    r.for_each("versions", [&](const json& item, const std::string& p) {
        ObjectReader vr(item, p);
        VersionSpec spec;
        if (auto code = vr.optional_string("code")) {
            spec.code = code_source(*code, vr.at("code"), base);
        }
        spec.description = vr.optional_string("description");
        if (vr.has("environment")) {
            spec.environment = vr.string_map("environment");
        }
        vr.finish();
        f.versions.push_back(std::move(spec));
    });
    r.for_each("aliases", [&](const json& item, const std::string& p) {
        ObjectReader ar(item, p);
        AliasSpec a;
        a.name = ar.string("name");
        a.version = ar.string("version");
        a.description = ar.optional_string("description").value_or("");
        if (ar.has("weights")) {
            const json& w = ar.raw("weights");
            if (!w.is_object()) {
                throw ConfigError(ar.at("weights"), "must be an object of version -> weight");
            }
            for (auto& [version, weight] : w.items()) {
                if (!weight.is_number()) {
                    throw ConfigError(fmt::format("{}.{}", ar.at("weights"), version), "must be a number");
                }
                a.weights[version] = weight.get<double>();
            }
        }
        ar.finish();
        f.aliases.push_back(std::move(a));
    });
    r.for_each("permissions", [&](const json& item, const std::string& p) {
        ObjectReader pr(item, p);
        PermissionSpec s;
        s.sid = pr.string("sid");
        s.qualifier = pr.optional_string("qualifier");
        s.principal = pr.string("principal");
        s.action = pr.optional_string("action").value_or(s.action);
        s.source_arn = pr.optional_string("source_arn");
        s.source_account = pr.optional_string("source_account");
        s.function_url_auth_type = pr.optional_string("function_url_auth_type");
        pr.finish();
        f.permissions.push_back(std::move(s));
    });
    r.finish();
    return f;
}

}  // namespace

ResourceSpec parse_resource_spec(const std::string& json_text, const std::filesystem::path& base_dir) {
    json doc;
    try {
        doc = json::parse(json_text);
    } catch (const json::parse_error& e) {
        throw ConfigError("$", fmt::format("is not valid JSON ({})", e.what()));
    }
    ObjectReader r(doc, "$");
    ResourceSpec spec;
    spec.region = r.optional_string("region");
    spec.account = r.optional_string("account");
    r.for_each("layers", [&](const json& item, const std::string& p) {
        ObjectReader lr(item, p);
        LayerSpec l;
        l.name = lr.string("name");
        l.code = code_source(lr.string("code"), lr.at("code"), base_dir);
        l.compatible_runtimes = lr.string_list("compatible_runtimes");
        lr.finish();
        spec.layers.push_back(std::move(l));
    });
    r.for_each("functions", [&](const json& item, const std::string& p) {
        spec.functions.push_back(parse_function(item, p, base_dir));
    });
    r.for_each("queues", [&](const json& item, const std::string& p) {
        ObjectReader qr(item, p);
        QueueSpec q;
        q.name = qr.string("name");
        q.attributes = qr.string_map("attributes");
        qr.finish();
        spec.queues.push_back(std::move(q));
    });
    r.for_each("event_source_mappings", [&](const json& item, const std::string& p) {
        ObjectReader mr(item, p);
        MappingSpec m;
        m.queue = mr.string("queue");
        m.function = mr.string("function");
        m.batch_size = mr.optional_int("batch_size", 1, 10000).value_or(10);
        m.maximum_batching_window = mr.optional_int("maximum_batching_window", 0, 300).value_or(0);
        m.enabled = mr.optional_bool("enabled").value_or(true);
        m.report_batch_item_failures = mr.optional_bool("report_batch_item_failures").value_or(false);
        mr.finish();
        spec.event_source_mappings.push_back(std::move(m));
    });
    r.for_each("buckets", [&](const json& item, const std::string& p) {
        ObjectReader br(item, p);
        BucketSpec b;
        b.name = br.string("name");
        br.for_each("notifications", [&](const json& n, const std::string& np) {
            ObjectReader nr(n, np);
            NotificationSpec s;
            s.id = nr.optional_string("id").value_or("");
            s.function = nr.string("function");
            s.events = nr.string_list("events");
            s.prefix = nr.optional_string("prefix").value_or("");
            s.suffix = nr.optional_string("suffix").value_or("");
            nr.finish();
            b.notifications.push_back(std::move(s));
        });
        br.finish();
        spec.buckets.push_back(std::move(b));
    });
    r.finish();
    return spec;
}

ResourceSpec load_resource_spec(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw ConfigError(file.string(), "cannot be read");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_resource_spec(text.str(), std::filesystem::absolute(file).parent_path());
}

}  // namespace lemu
