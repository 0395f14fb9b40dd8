// Request decoding for CreateFunction, UpdateFunctionConfiguration and UpdateFunctionCode.

#include <fmt/format.h>

#include <algorithm>
#include <climits>

#include "emulator/control/environment_rules.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/text.hpp"
#include "routers/lambda/function_codec.hpp"
#include "routers/lambda/patterns.hpp"
#include "routers/lambda/request_names.hpp"

namespace lemu::routers::lambda {
namespace {

const std::vector<std::string_view> kRuntimes = {
    "nodejs24.x", "nodejs22.x", "nodejs20.x", "nodejs18.x",      "nodejs16.x",   "python3.14",   "python3.13",
    "python3.12", "python3.11", "python3.10", "python3.9",       "python3.8",    "java25",       "java21",
    "java17",     "java11",     "java8.al2",  "dotnet10",        "dotnet8",      "dotnet6",      "ruby4.0",
    "ruby3.4",    "ruby3.3",    "ruby3.2",    "provided.al2023", "provided.al2", "provided",     "go1.x",
    "nodejs14.x", "nodejs12.x", "python3.7",  "java8",           "ruby2.7",      "dotnetcore3.1"};

int as_int(std::int64_t value) {
    return static_cast<int>(std::clamp<std::int64_t>(value, INT_MIN, INT_MAX));
}

std::optional<int> checked_int(const JsonInput& in, std::string_view key, Violations& v,
                               std::string_view field, std::int64_t min, std::int64_t max) {
    std::optional<std::int64_t> value = in.integer(key);
    v.range(value, field, min, max);
    return value ? std::optional<int>(as_int(*value)) : std::nullopt;
}

void check_runtime(const std::optional<std::string>& runtime) {
    if (runtime && std::find(kRuntimes.begin(), kRuntimes.end(), *runtime) == kRuntimes.end()) {
        std::vector<std::string> names(kRuntimes.begin(), kRuntimes.end());
        throw AwsError(
            ErrorCode::InvalidParameterValue,
            fmt::format("Value {} at 'runtime' failed to satisfy constraint: Member must satisfy enum value "
                        "set: {} or be a valid ARN",
                        *runtime, render_list(names)));
    }
}

Json normalized_vpc(Json vpc) {
    Json out = Json::object();
    out["Ipv6AllowedForDualStack"] = vpc.value("Ipv6AllowedForDualStack", false);
    out["SecurityGroupIds"] = vpc.value("SecurityGroupIds", Json::array());
    out["SubnetIds"] = vpc.value("SubnetIds", Json::array());
    out["VpcId"] = out["SubnetIds"].empty()
                       ? std::string()
                       : "vpc-" + hex_encode(sha256(out["SubnetIds"].dump())).substr(0, 17);
    return out;
}

void decode_logging(const JsonInput& in, Violations& v, control::FunctionConfigPatch& p) {
    std::optional<JsonInput> logging = in.object("LoggingConfig");
    if (!logging) {
        return;
    }
    control::LoggingConfig config;
    std::optional<std::string> format = logging->string("LogFormat");
    v.one_of(format, "loggingConfig.logFormat", {"JSON", "Text"});
    config.log_format = format.value_or("Text");
    std::optional<std::string> app = logging->string("ApplicationLogLevel");
    v.one_of(app, "loggingConfig.applicationLogLevel", {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"});
    std::optional<std::string> system = logging->string("SystemLogLevel");
    v.one_of(system, "loggingConfig.systemLogLevel", {"DEBUG", "INFO", "WARN"});
    if (config.log_format == "JSON") {
        config.application_log_level = app.value_or("INFO");
        config.system_log_level = system.value_or("INFO");
    }
    std::optional<std::string> group = logging->string("LogGroup");
    v.pattern(group, "loggingConfig.logGroup", patterns::kLogGroup);
    config.log_group = group.value_or("");
    p.logging = config;
}

void decode_durable(const JsonInput& in, Violations& v, control::FunctionConfigPatch& p) {
    std::optional<JsonInput> durable = in.object("DurableConfig");
    if (!durable) {
        return;
    }
    control::DurableConfig config;
    config.retention_period_in_days =
        checked_int(*durable, "RetentionPeriodInDays", v, "durableConfig.retentionPeriodInDays", 1, 90);
    config.execution_timeout =
        checked_int(*durable, "ExecutionTimeout", v, "durableConfig.executionTimeout", 1, 31'622'400);
    p.durable = config;
}

std::optional<StringPairs> decode_environment(const JsonInput& in, Violations& v,
                                              control::FunctionConfigPatch& p) {
    std::optional<JsonInput> env = in.object("Environment");
    if (!env) {
        return std::nullopt;
    }
    StringPairs vars = env->string_map("Variables").value_or(StringPairs{});
    std::map<std::string, std::string> map;
    for (const auto& [key, value] : vars) {
        v.pattern(key, "environment.variables", patterns::kEnvironmentKey);
        map[key] = value;
    }
    p.environment = std::move(map);
    return vars;
}

void decode_simple_members(const JsonInput& in, Violations& v, control::FunctionConfigPatch& p) {
    p.role = in.string("Role");
    v.pattern(p.role, "role", patterns::kRole);
    p.handler = in.string("Handler");
    v.max_length(p.handler, "handler", 128);
    v.pattern(p.handler, "handler", patterns::kNoWhitespace);
    p.description = in.string("Description");
    v.max_length(p.description, "description", 256);
    p.timeout_seconds = checked_int(in, "Timeout", v, "timeout", 1, 900);  // the model says only >= 1; AWS: <= 900
    p.memory_mb = checked_int(in, "MemorySize", v, "memorySize", 128, 32768);
    p.runtime = in.string("Runtime");
    p.kms_key_arn = in.string("KMSKeyArn");
    v.pattern(p.kms_key_arn, "kMSKeyArn", patterns::kArnOrEmpty);
    if (std::optional<JsonInput> dlq = in.object("DeadLetterConfig")) {
        p.dead_letter_target = dlq->string("TargetArn").value_or("");
        v.pattern(p.dead_letter_target, "deadLetterConfig.targetArn", patterns::kArnOrEmpty);
    }
    if (std::optional<JsonInput> tracing = in.object("TracingConfig")) {
        p.tracing_mode = tracing->string("Mode").value_or("PassThrough");
        v.one_of(p.tracing_mode, "tracingConfig.mode", {"Active", "PassThrough"});
    }
    if (std::optional<JsonInput> storage = in.object("EphemeralStorage")) {
        std::optional<std::int64_t> size = storage->integer("Size");
        v.required(size.has_value(), "ephemeralStorage.size");
        v.range(size, "ephemeralStorage.size", 512, 10240);
        p.ephemeral_storage_mb = size ? std::optional<int>(as_int(*size)) : std::nullopt;
    }
    if (std::optional<JsonInput> snap = in.object("SnapStart")) {
        std::optional<std::string> apply_on = snap->string("ApplyOn");
        v.one_of(apply_on, "snapStart.applyOn", {"PublishedVersions", "None"});
        p.snap_start = Json{{"ApplyOn", apply_on.value_or("None")}};
    }
    if (std::optional<Json> vpc = in.raw("VpcConfig", JsonInput::Kind::Object)) {
        p.vpc_config = normalized_vpc(*vpc);
    }
    p.file_system_configs = in.raw("FileSystemConfigs", JsonInput::Kind::Array);
    p.image_config = in.raw("ImageConfig", JsonInput::Kind::Object);
    p.capacity_provider_config = in.raw("CapacityProviderConfig", JsonInput::Kind::Object);
}

}  // namespace

control::FunctionConfigPatch decode_config_patch(const JsonInput& in, Violations& v, LambdaContext& ctx) {
    control::FunctionConfigPatch p;
    decode_simple_members(in, v, p);
    decode_logging(in, v, p);
    decode_durable(in, v, p);
    std::optional<StringPairs> vars = decode_environment(in, v, p);
    std::optional<std::vector<std::string>> layers = in.string_list("Layers");
    if (layers) {
        for (const std::string& arn : *layers) {
            if (arn.empty() || arn.size() > 140 || !matches(arn, patterns::kFunctionLayer)) {
                v.add(render_list(*layers), "layers",
                      fmt::format(
                          "Member must satisfy constraint: [Member must have length less than or equal to "
                          "140, Member must have length greater than or equal to 1, Member must satisfy "
                          "regular expression pattern: {}, Member must not be null]",
                          patterns::kFunctionLayer));
                break;
            }
        }
    }
    v.throw_if_any();
    // Semantic checks come after the syntactic ones, as in AWS.
    check_runtime(p.runtime);
    if (vars) {
        control::validate_environment(*vars);
    }
    if (layers) {
        p.layers = ctx.layers.resolve_for_function(*layers);
    }
    return p;
}

DecodedCreate decode_create_function(const JsonInput& in, LambdaContext& ctx) {
    DecodedCreate out;
    control::CreateFunctionRequest& r = out.request;
    r.name = new_function_name(in.string("FunctionName"), ctx.home());
    Violations v;
    std::optional<JsonInput> code = in.object("Code");
    v.required(in.has("Role"), "role");
    v.required(code.has_value(), "code");
    std::optional<std::string> package = in.string("PackageType");
    v.one_of(package, "packageType", {"Zip", "Image"});
    std::optional<std::vector<std::string>> arch = in.string_list("Architectures");
    if (arch && arch->size() > 1) {
        v.add(render_list(*arch), "architectures", "Member must have length less than or equal to 1");
    } else if (arch && (arch->empty() || (arch->front() != "x86_64" && arch->front() != "arm64"))) {
        v.add(render_list(*arch), "architectures",
              "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member "
              "must not "
              "be null]");
    }
    control::FunctionConfigPatch patch = decode_config_patch(in, v, ctx);
    r.config.package_type = package.value_or("Zip");
    patch.apply_to(r.config);
    if (arch && !arch->empty()) {
        r.config.architecture = arch->front();
    }
    r.config.tenancy_config = in.raw("TenancyConfig", JsonInput::Kind::Object).value_or(Json());
    r.publish = in.boolean("Publish").value_or(false);
    for (auto& [key, value] : in.string_map("Tags").value_or(StringPairs{})) {
        r.tags[key] = value;
    }
    if (r.config.package_type == "Image") {
        r.code.image_uri = code->string("ImageUri").value_or("");
        if (r.code.image_uri.empty()) {
            throw AwsError(ErrorCode::InvalidParameterValue,
                           "Please provide ImageUri when creating a function with packageType Image.");
        }
        r.code.sha256 = hex_encode(sha256(r.code.image_uri));
        return out;
    }
    if (!patch.runtime || !patch.handler) {
        throw AwsError(
            ErrorCode::InvalidParameterValue,
            "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
    }
    DecodedCodeUpdate decoded = decode_update_code(*code);
    if (!decoded.request.code.image_uri.empty()) {
        throw AwsError(ErrorCode::InvalidParameterValue,
                       "Please don't provide ImageUri when creating a function with packageType Zip.");
    }
    out.zip_file = std::move(decoded.zip_file);
    out.s3 = std::move(decoded.s3);
    return out;
}

DecodedCodeUpdate decode_update_code(const JsonInput& in) {
    DecodedCodeUpdate out;
    std::optional<std::string> zip = in.string("ZipFile");
    std::optional<std::string> image = in.string("ImageUri");
    out.s3 = decode_s3_location(in);
    if (!zip && !image && !out.s3) {
        throw AwsError(ErrorCode::InvalidParameterValue, "Please provide a source for function code.");
    }
    if (zip) {
        out.zip_file = base64_decode(*zip);
        if (!out.zip_file) {
            throw AwsError(ErrorCode::InvalidRequestContent,
                           "Could not parse request body into json: ZipFile is not valid base64");
        }
    }
    out.request.code.image_uri = image.value_or("");
    if (!out.request.code.image_uri.empty()) {
        out.request.code.sha256 = hex_encode(sha256(out.request.code.image_uri));
    }
    out.request.publish = in.boolean("Publish").value_or(false);
    out.request.dry_run = in.boolean("DryRun").value_or(false);
    out.request.revision_id = in.string("RevisionId");
    std::optional<std::vector<std::string>> arch = in.string_list("Architectures");
    if (arch) {
        Violations v;
        if (arch->size() != 1 || (arch->front() != "x86_64" && arch->front() != "arm64")) {
            v.add(render_list(*arch), "architectures",
                  arch->size() > 1
                      ? "Member must have length less than or equal to 1"
                      : "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, "
                        "arm64], Member must not be null]");
        }
        v.throw_if_any();
        out.request.architecture = arch->front();
    }
    return out;
}

control::PublishRequest decode_publish_version(const JsonInput& in) {
    control::PublishRequest publish;
    publish.code_sha256 = in.string("CodeSha256");
    publish.description = in.string("Description");
    publish.revision_id = in.string("RevisionId");
    Violations v;
    v.max_length(publish.description, "description", 256);
    v.one_of(in.string("PublishTo"), "publishTo", {"LATEST_PUBLISHED"});
    v.throw_if_any();
    return publish;
}

control::UpdateConfigRequest decode_update_configuration(const JsonInput& in, LambdaContext& ctx) {
    control::UpdateConfigRequest update;
    Violations v;
    update.revision_id = in.string("RevisionId");
    update.patch = decode_config_patch(in, v, ctx);
    return update;
}

}  // namespace lemu::routers::lambda
