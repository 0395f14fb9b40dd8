#include "routers/lambda/function_codec.hpp"

#include <fmt/format.h>

#include "emulator/control/code_store.hpp"
#include "emulator/control/environment_rules.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"

namespace lemu::routers::lambda {
namespace {

std::string runtime_version_arn(const AccountRegion& home, const std::string& runtime) {
    return fmt::format("arn:aws:lambda:{}::runtime:{}", home.region, hex_encode(sha256(runtime)));
}

Json encode_logging(const control::FunctionConfig& c, const std::string& function_name) {
    Json out = Json::object();
    out["LogFormat"] = c.logging.log_format;
    if (!c.logging.application_log_level.empty()) {
        out["ApplicationLogLevel"] = c.logging.application_log_level;
    }
    if (!c.logging.system_log_level.empty()) {
        out["SystemLogLevel"] = c.logging.system_log_level;
    }
    out["LogGroup"] = c.logging.log_group.empty() ? "/aws/lambda/" + function_name : c.logging.log_group;
    return out;
}

Json encode_snap_start(const control::Version& v) {
    std::string apply_on = "None";
    if (v.config.snap_start.is_object() && v.config.snap_start.contains("ApplyOn")) {
        apply_on = v.config.snap_start["ApplyOn"].get<std::string>();
    }
    const bool on = apply_on == "PublishedVersions" && !v.is_latest();
    return Json{{"ApplyOn", apply_on}, {"OptimizationStatus", on ? "On" : "Off"}};
}

void encode_state(const control::Version& v, Json& out) {
    if (v.state == control::VersionState::Pending) {
        out["State"] = "Pending";
        out["StateReason"] = "The function is being created.";
        out["StateReasonCode"] = "Creating";
    } else {
        out["State"] = "Active";
    }
    if (v.last_update == control::UpdateStatus::InProgress) {
        out["LastUpdateStatus"] = "InProgress";
        out["LastUpdateStatusReason"] = "The function is being created.";
        out["LastUpdateStatusReasonCode"] = "Creating";
    } else if (v.last_update == control::UpdateStatus::Successful) {
        out["LastUpdateStatus"] = "Successful";
    }
}

}  // namespace

Json encode_configuration(const control::Version& v, const std::string& function_arn,
                          const AccountRegion& home, ConfigShape shape) {
    const control::FunctionConfig& c = v.config;
    const bool zip = c.package_type == "Zip";
    Json out = Json::object();
    out["FunctionName"] = v.function_name;
    out["FunctionArn"] = function_arn;
    if (zip) {
        out["Runtime"] = c.runtime;
    }
    out["Role"] = c.role;
    if (zip) {
        out["Handler"] = c.handler;
    }
    out["CodeSize"] = v.code.size;
    out["Description"] = c.description;
    out["Timeout"] = c.timeout_seconds;
    out["MemorySize"] = c.memory_mb;
    out["LastModified"] = lambda_timestamp(v.last_modified);
    out["CodeSha256"] = v.code.sha256;
    out["Version"] = v.version;
    if (!c.vpc_config.is_null()) {
        out["VpcConfig"] = c.vpc_config;
    }
    if (c.environment) {
        out["Environment"] = Json{{"Variables", Json(*c.environment)}};
    }
    if (!c.dead_letter_target.empty()) {
        out["DeadLetterConfig"] = Json{{"TargetArn", c.dead_letter_target}};
    }
    if (!c.kms_key_arn.empty()) {
        out["KMSKeyArn"] = c.kms_key_arn;
    }
    out["TracingConfig"] = Json{{"Mode", c.tracing_mode}};
    out["RevisionId"] = v.revision_id;
    if (!c.layers.empty()) {
        Json layers = Json::array();
        for (const control::LayerRef& layer : c.layers) {
            layers.push_back(Json{{"Arn", layer.arn}, {"CodeSize", layer.code_size}});
        }
        out["Layers"] = std::move(layers);
    }
    if (shape == ConfigShape::Full) {
        encode_state(v, out);
    }
    if (!c.file_system_configs.is_null()) {
        out["FileSystemConfigs"] = c.file_system_configs;
    }
    out["PackageType"] = c.package_type;
    if (!c.image_config.is_null()) {
        out["ImageConfigResponse"] = Json{{"ImageConfig", c.image_config}};
    }
    out["Architectures"] = Json::array({c.architecture});
    out["EphemeralStorage"] = Json{{"Size", c.ephemeral_storage_mb}};
    out["SnapStart"] = encode_snap_start(v);
    if (zip && shape == ConfigShape::Full) {
        out["RuntimeVersionConfig"] = Json{{"RuntimeVersionArn", runtime_version_arn(home, c.runtime)}};
    }
    out["LoggingConfig"] = encode_logging(c, v.function_name);
    if (!c.capacity_provider_config.is_null()) {
        out["CapacityProviderConfig"] = c.capacity_provider_config;
    }
    if (c.durable) {
        Json durable = Json::object();
        if (c.durable->retention_period_in_days) {
            durable["RetentionPeriodInDays"] = *c.durable->retention_period_in_days;
        }
        if (c.durable->execution_timeout) {
            durable["ExecutionTimeout"] = *c.durable->execution_timeout;
        }
        out["DurableConfig"] = std::move(durable);
    }
    if (!c.tenancy_config.is_null()) {
        out["TenancyConfig"] = c.tenancy_config;
    }
    return out;
}

std::string code_location(const http::Request& request, const std::string& code_sha256) {
    std::string host(request.header("Host").value_or("localhost"));
    return fmt::format("http://{}/_lemu/code/{}", host, control::CodeStore::hex_of(code_sha256));
}

Json encode_get_function(const control::FunctionView& view, const http::Request& request,
                         const AccountRegion& home) {
    Json out = Json::object();
    out["Configuration"] = encode_configuration(*view.version, view.function_arn, home);
    const control::CodeInfo& code = view.version->code;
    if (view.version->config.package_type == "Image") {
        out["Code"] = Json{{"RepositoryType", "ECR"},
                           {"ImageUri", code.image_uri},
                           {"ResolvedImageUri", code.image_uri + "@sha256:" + code.sha256}};
    } else {
        out["Code"] = Json{{"RepositoryType", "S3"}, {"Location", code_location(request, code.sha256)}};
    }
    if (!view.tags.empty()) {
        out["Tags"] = Json(view.tags);
    }
    if (view.reserved_concurrency) {
        out["Concurrency"] = Json{{"ReservedConcurrentExecutions", *view.reserved_concurrency}};
    }
    return out;
}

Json encode_version_page(const control::Page<control::ListedVersion>& page, ListKind kind,
                         const AccountRegion& home) {
    Json items = Json::array();
    for (const control::ListedVersion& item : page.items) {
        items.push_back(encode_configuration(*item.version, item.function_arn, home, ConfigShape::ListItem));
    }
    Json out = Json::object();
    if (!page.next_marker.empty()) {
        out["NextMarker"] = page.next_marker;
    }
    out[kind == ListKind::Functions ? "Functions" : "Versions"] = std::move(items);
    return out;
}

}  // namespace lemu::routers::lambda
