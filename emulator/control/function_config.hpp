#pragma once
// Everything a version captures from $LATEST at publish time (control-plane.md fact 35). Settings lemu
// acts on are typed; the exotic ones (VPC, file systems, image config, SnapStart, ...) are kept as opaque
// JSON values that the Lambda codec reads and writes unchanged.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace lemu::control {

// An opaque, already-validated wire value; null means "not set".
using Opaque = nlohmann::json;

// One entry of a function's layer list, resolved when the config was written so a published version keeps
// exactly the layer versions (and their code) it was published with, even after DeleteLayerVersion.
struct LayerRef {
    std::string arn;  // arn:aws:lambda:R:A:layer:NAME:N
    std::string code_sha256;
    std::uint64_t code_size = 0;

    bool operator==(const LayerRef&) const = default;
};

struct DurableConfig {
    std::optional<int> execution_timeout;         // seconds
    std::optional<int> retention_period_in_days;  // days

    bool operator==(const DurableConfig&) const = default;
};

struct LoggingConfig {
    std::string log_format = "Text";    // "Text" | "JSON"
    std::string application_log_level;  // only with JSON
    std::string system_log_level;       // only with JSON
    std::string log_group;              // empty: /aws/lambda/NAME

    bool operator==(const LoggingConfig&) const = default;
};

struct FunctionConfig {
    std::string package_type = "Zip";  // "Zip" | "Image"
    std::string runtime;
    std::string role;
    std::string handler;
    std::string description;
    int timeout_seconds = 3;
    int memory_mb = 128;
    // nullopt: the function was created without Environment and responses omit it.
    std::optional<std::map<std::string, std::string>> environment;
    std::vector<LayerRef> layers;
    std::string architecture = "x86_64";
    int ephemeral_storage_mb = 512;
    std::string tracing_mode = "PassThrough";
    std::string dead_letter_target;  // empty: no DeadLetterConfig
    std::string kms_key_arn;
    LoggingConfig logging;
    std::optional<DurableConfig> durable;
    std::string image_uri;  // PackageType Image only
    Opaque vpc_config;
    Opaque file_system_configs;
    Opaque image_config;
    Opaque snap_start;
    Opaque capacity_provider_config;
    Opaque tenancy_config;

    bool operator==(const FunctionConfig&) const = default;
};

// What UpdateFunctionConfiguration may change; unset members keep their value.
struct FunctionConfigPatch {
    std::optional<std::string> runtime;
    std::optional<std::string> role;
    std::optional<std::string> handler;
    std::optional<std::string> description;
    std::optional<int> timeout_seconds;
    std::optional<int> memory_mb;
    std::optional<std::map<std::string, std::string>> environment;
    std::optional<std::vector<LayerRef>> layers;
    std::optional<int> ephemeral_storage_mb;
    std::optional<std::string> tracing_mode;
    std::optional<std::string> dead_letter_target;
    std::optional<std::string> kms_key_arn;
    std::optional<LoggingConfig> logging;
    std::optional<DurableConfig> durable;
    std::optional<Opaque> vpc_config;
    std::optional<Opaque> file_system_configs;
    std::optional<Opaque> image_config;
    std::optional<Opaque> snap_start;
    std::optional<Opaque> capacity_provider_config;

    void apply_to(FunctionConfig& config) const;
};

// The deployment package a version runs. Zip packages live in the CodeStore under code_sha256.
struct CodeInfo {
    std::string sha256;  // base64 of the SHA-256 of the zip (CodeSha256)
    std::uint64_t size = 0;
    std::string image_uri;  // Image packages only

    bool operator==(const CodeInfo&) const = default;
};

}  // namespace lemu::control
