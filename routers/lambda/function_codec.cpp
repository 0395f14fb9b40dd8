#include "routers/lambda/function_codec.hpp"

#include <fmt/format.h>

#include "emulator/control/code_store.hpp"
#include "emulator/control/environment_rules.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/json_writer.hpp"

namespace lemu::routers::lambda {
namespace {

std::string runtime_version_arn(const AccountRegion& home, const std::string& runtime) {
    return fmt::format("arn:aws:lambda:{}::runtime:{}", home.region, hex_encode(sha256(runtime)));
}

void write_logging(JsonWriter& w, const control::FunctionConfig& c, const std::string& function_name) {
    w.key("LoggingConfig").begin_object().field("LogFormat", c.logging.log_format);
    if (!c.logging.application_log_level.empty()) {
        w.field("ApplicationLogLevel", c.logging.application_log_level);
    }
    if (!c.logging.system_log_level.empty()) {
        w.field("SystemLogLevel", c.logging.system_log_level);
    }
    w.field("LogGroup", c.logging.log_group.empty() ? "/aws/lambda/" + function_name : c.logging.log_group);
    w.end_object();
}

void write_snap_start(JsonWriter& w, const control::Version& v) {
    std::string apply_on = "None";
    if (v.config.snap_start.is_object() && v.config.snap_start.contains("ApplyOn")) {
        apply_on = v.config.snap_start["ApplyOn"].get<std::string>();
    }
    const bool on = apply_on == "PublishedVersions" && !v.is_latest();
    w.key("SnapStart")
        .begin_object()
        .field("ApplyOn", apply_on)
        .field("OptimizationStatus", on ? "On" : "Off");
    w.end_object();
}

void write_state(JsonWriter& w, const control::Version& v) {
    if (v.state == control::VersionState::Pending) {
        w.field("State", "Pending")
            .field("StateReason", "The function is being created.")
            .field("StateReasonCode", "Creating");
    } else {
        w.field("State", "Active");
    }
    if (v.last_update == control::UpdateStatus::InProgress) {
        w.field("LastUpdateStatus", "InProgress")
            .field("LastUpdateStatusReason", "The function is being created.")
            .field("LastUpdateStatusReasonCode", "Creating");
    } else if (v.last_update == control::UpdateStatus::Successful) {
        w.field("LastUpdateStatus", "Successful");
    }
}

void write_opaque(JsonWriter& w, std::string_view name, const control::Opaque& value) {
    if (!value.is_null()) {
        w.key(name).raw(value.dump());
    }
}

void write_head(JsonWriter& w, const control::Version& v, const std::string& function_arn) {
    const control::FunctionConfig& c = v.config;
    const bool zip = c.package_type == "Zip";
    w.field("FunctionName", v.function_name).field("FunctionArn", function_arn);
    if (zip) {
        w.field("Runtime", c.runtime);
    }
    w.field("Role", c.role);
    if (zip) {
        w.field("Handler", c.handler);
    }
    w.field("CodeSize", v.code.size)
        .field("Description", c.description)
        .field("Timeout", c.timeout_seconds)
        .field("MemorySize", c.memory_mb)
        .field("LastModified", lambda_timestamp(v.last_modified))
        .field("CodeSha256", v.code.sha256)
        .field("Version", v.version);
    write_opaque(w, "VpcConfig", c.vpc_config);
    if (c.environment) {
        w.key("Environment").begin_object().key("Variables").begin_object();
        for (const auto& [name, value] : *c.environment) {
            w.field(name, value);
        }
        w.end_object().end_object();
    }
    if (!c.dead_letter_target.empty()) {
        w.key("DeadLetterConfig").begin_object().field("TargetArn", c.dead_letter_target).end_object();
    }
    if (!c.kms_key_arn.empty()) {
        w.field("KMSKeyArn", c.kms_key_arn);
    }
    w.key("TracingConfig").begin_object().field("Mode", c.tracing_mode).end_object();
    w.field("RevisionId", v.revision_id);
    if (!c.layers.empty()) {
        w.key("Layers").begin_array();
        for (const control::LayerRef& layer : c.layers) {
            w.begin_object().field("Arn", layer.arn).field("CodeSize", layer.code_size).end_object();
        }
        w.end_array();
    }
}

void write_durable(JsonWriter& w, const control::FunctionConfig& c) {
    if (!c.durable) {
        return;
    }
    w.key("DurableConfig").begin_object();
    if (c.durable->retention_period_in_days) {
        w.field("RetentionPeriodInDays", *c.durable->retention_period_in_days);
    }
    if (c.durable->execution_timeout) {
        w.field("ExecutionTimeout", *c.durable->execution_timeout);
    }
    w.end_object();
}

}  // namespace

void write_configuration(JsonWriter& w, const control::Version& v, const std::string& function_arn,
                         const AccountRegion& home, ConfigShape shape) {
    const control::FunctionConfig& c = v.config;
    w.begin_object();
    write_head(w, v, function_arn);
    if (shape == ConfigShape::Full) {
        write_state(w, v);
    }
    write_opaque(w, "FileSystemConfigs", c.file_system_configs);
    w.field("PackageType", c.package_type);
    if (!c.image_config.is_null()) {
        w.key("ImageConfigResponse").begin_object();
        write_opaque(w, "ImageConfig", c.image_config);
        w.end_object();
    }
    w.key("Architectures").begin_array().value(c.architecture).end_array();
    w.key("EphemeralStorage").begin_object().field("Size", c.ephemeral_storage_mb).end_object();
    write_snap_start(w, v);
    if (c.package_type == "Zip" && shape == ConfigShape::Full) {
        w.key("RuntimeVersionConfig").begin_object();
        w.field("RuntimeVersionArn", runtime_version_arn(home, c.runtime)).end_object();
    }
    write_logging(w, c, v.function_name);
    write_opaque(w, "CapacityProviderConfig", c.capacity_provider_config);
    write_durable(w, c);
    write_opaque(w, "TenancyConfig", c.tenancy_config);
    w.end_object();
}

std::string encode_configuration(const control::Version& v, const std::string& function_arn,
                                 const AccountRegion& home, ConfigShape shape) {
    JsonWriter w;
    write_configuration(w, v, function_arn, home, shape);
    return w.take();
}

std::string code_location(const http::Request& request, const std::string& code_sha256) {
    std::string host(request.header("Host").value_or("localhost"));
    return fmt::format("http://{}/_lemu/code/{}", host, control::CodeStore::hex_of(code_sha256));
}

std::string encode_get_function(const control::FunctionView& view, const http::Request& request,
                                const AccountRegion& home) {
    JsonWriter w;
    w.begin_object().key("Configuration");
    write_configuration(w, *view.version, view.function_arn, home, ConfigShape::Full);
    const control::CodeInfo& code = view.version->code;
    w.key("Code").begin_object();
    if (view.version->config.package_type == "Image") {
        w.field("RepositoryType", "ECR")
            .field("ImageUri", code.image_uri)
            .field("ResolvedImageUri", code.image_uri + "@sha256:" + code.sha256);
    } else {
        w.field("RepositoryType", "S3").field("Location", code_location(request, code.sha256));
    }
    w.end_object();
    if (!view.tags.empty()) {
        w.key("Tags").begin_object();
        for (const auto& [key, value] : view.tags) {
            w.field(key, value);
        }
        w.end_object();
    }
    if (view.reserved_concurrency) {
        w.key("Concurrency").begin_object();
        w.field("ReservedConcurrentExecutions", *view.reserved_concurrency).end_object();
    }
    return w.end_object().take();
}

std::string encode_version_page(const control::Page<control::ListedVersion>& page, ListKind kind,
                                const AccountRegion& home) {
    JsonWriter w;
    w.begin_object();
    if (!page.next_marker.empty()) {
        w.field("NextMarker", page.next_marker);
    }
    w.key(kind == ListKind::Functions ? "Functions" : "Versions").begin_array();
    for (const control::ListedVersion& item : page.items) {
        write_configuration(w, *item.version, item.function_arn, home, ConfigShape::ListItem);
    }
    return w.end_array().end_object().take();
}

}  // namespace lemu::routers::lambda
