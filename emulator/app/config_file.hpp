#pragma once
// The `lemu up CONFIG` file: a JSON description of the resources to create at start, applied through
// the same registry and store calls the AWS APIs use. Parsing validates everything first; an error
// names the JSON path and the reason (`lemu up` then exits 2).
//
//   {
//     "region": "us-east-1", "account": "000000000000",
//     "functions": [{
//       "name": "hello", "runtime": "python3.12", "handler": "app.handler",
//       "code": "functions/v1",            // a directory (zipped on load) or a .zip, relative to the file
//       "role": "arn:aws:iam::000000000000:role/lambda", "memory": 128, "timeout": 3,
//       "environment": {"K": "V"}, "layers": ["arn:aws:lambda:...:layer:x:1"], "durable": {...},
//       "versions": [{"code": "functions/v1", "description": "first"}, {"code": "functions/v2"}],
//       "aliases": [{"name": "live", "version": "1", "weights": {"2": 0.1}}],
//       "permissions": [{"sid": "s3", "qualifier": "live", "principal": "s3.amazonaws.com",
//                        "source_arn": "arn:aws:s3:::b", "source_account": "000000000000"}]
//     }],
//     "layers": [{"name": "tools", "code": "layers/tools"}],
//     "queues": [{"name": "jobs", "attributes": {"VisibilityTimeout": "30"}}],
//     "event_source_mappings": [{"queue": "jobs", "function": "hello:live", "batch_size": 10}],
//     "buckets": [{"name": "uploads", "notifications": [{"function": "hello:live",
//                  "events": ["s3:ObjectCreated:*"], "prefix": "in/", "suffix": ".jpg"}]}]
//   }

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lemu {

struct ConfigError : std::runtime_error {
    ConfigError(std::string path_, std::string reason_)
        : std::runtime_error(path_ + ": " + reason_), path(std::move(path_)), reason(std::move(reason_)) {}
    std::string path;
    std::string reason;
};

struct CodeSource {
    std::filesystem::path path;  // absolute; a directory or a .zip file
};

struct VersionSpec {
    std::optional<CodeSource> code;  // new code for this version, else $LATEST's
    std::optional<std::string> description;
    std::optional<std::map<std::string, std::string>> environment;
};

struct AliasSpec {
    std::string name;
    std::string version;
    std::map<std::string, double> weights;
    std::string description;
};

struct PermissionSpec {
    std::string sid;
    std::optional<std::string> qualifier;
    std::string principal;
    std::string action = "lambda:InvokeFunction";
    std::optional<std::string> source_arn;
    std::optional<std::string> source_account;
    std::optional<std::string> function_url_auth_type;
};

struct FunctionSpec {
    std::string name;
    std::string runtime;
    std::string handler;
    CodeSource code;
    std::string role;
    int memory = 128;
    int timeout = 3;
    std::string description;
    std::map<std::string, std::string> environment;
    std::vector<std::string> layers;
    std::optional<int> durable_execution_timeout;
    std::optional<int> durable_retention_days;
    std::optional<int> reserved_concurrency;
    std::vector<VersionSpec> versions;
    std::vector<AliasSpec> aliases;
    std::vector<PermissionSpec> permissions;
};

struct LayerSpec {
    std::string name;
    CodeSource code;
    std::vector<std::string> compatible_runtimes;
};

struct QueueSpec {
    std::string name;
    std::map<std::string, std::string> attributes;
};

struct MappingSpec {
    std::string queue;
    std::string function;  // may be qualified: "fn:live", "fn:3"
    int batch_size = 10;
    int maximum_batching_window = 0;
    bool enabled = true;
    bool report_batch_item_failures = false;
};

struct NotificationSpec {
    std::string id;
    std::string function;
    std::vector<std::string> events;
    std::string prefix;
    std::string suffix;
};

struct BucketSpec {
    std::string name;
    std::vector<NotificationSpec> notifications;
};

struct ResourceSpec {
    std::optional<std::string> region;
    std::optional<std::string> account;
    std::vector<LayerSpec> layers;
    std::vector<FunctionSpec> functions;
    std::vector<QueueSpec> queues;
    std::vector<MappingSpec> event_source_mappings;
    std::vector<BucketSpec> buckets;
};

// Parses and validates; relative code paths are resolved against `base_dir`. Throws ConfigError.
ResourceSpec parse_resource_spec(const std::string& json_text, const std::filesystem::path& base_dir);
ResourceSpec load_resource_spec(const std::filesystem::path& file);

}  // namespace lemu
