#pragma once
// The REST API (API Gateway v1) model: an API, its resource tree with methods and integrations,
// deployments (immutable snapshots of the tree) and stages (a name, a deployment, variables).
// Plain data; RestApiStore owns and validates it.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/clock.hpp"

namespace lemu::sources::apigateway {

inline constexpr std::string_view kAnyMethod = "ANY";

struct RestApiInput {
    std::string name;
    std::optional<std::string> description;
    std::optional<std::string> version;
    std::vector<std::string> binary_media_types;
    std::optional<std::int64_t> minimum_compression_size;
    std::string api_key_source = "HEADER";
    std::vector<std::string> endpoint_types;  // empty: EDGE
    bool endpoint_types_given = false;        // an explicit empty list is an error
    std::optional<std::string> ip_address_type;
    bool disable_execute_api_endpoint = false;
    std::optional<std::map<std::string, std::string>> tags;
    std::optional<std::string> policy;
};

struct RestApi {
    std::string id;
    std::string name;
    std::optional<std::string> description;
    std::optional<std::string> version;
    TimePoint created;
    std::vector<std::string> binary_media_types;
    std::optional<std::int64_t> minimum_compression_size;
    std::string api_key_source = "HEADER";
    std::string endpoint_type = "EDGE";
    std::string ip_address_type = "ipv4";
    bool disable_execute_api_endpoint = false;
    std::optional<std::map<std::string, std::string>> tags;
    std::optional<std::string> policy;
    std::string root_resource_id;
    std::uint64_t sequence = 0;  // creation order, for listings
};

struct MethodResponse {
    std::string status_code;
    std::optional<std::map<std::string, bool>> response_parameters;
    std::optional<std::map<std::string, std::string>> response_models;
};

struct IntegrationResponse {
    std::string status_code;
    std::optional<std::string> selection_pattern;
    std::optional<std::map<std::string, std::string>> response_parameters;
    std::optional<std::map<std::string, std::string>> response_templates;
    std::optional<std::string> content_handling;
};

struct IntegrationInput {
    std::string type;                        // HTTP, AWS, MOCK, HTTP_PROXY, AWS_PROXY
    std::optional<std::string> http_method;  // the integration's method (wire name `httpMethod`)
    std::optional<std::string> uri;
    std::optional<std::string> credentials;
    std::optional<std::string> connection_type;
    std::optional<std::string> connection_id;
    std::optional<std::map<std::string, std::string>> request_parameters;
    std::optional<std::map<std::string, std::string>> request_templates;
    std::optional<std::string> passthrough_behavior;
    std::optional<std::string> cache_namespace;
    std::vector<std::string> cache_key_parameters;
    std::optional<std::string> content_handling;
    std::optional<std::int64_t> timeout_ms;
};

struct Integration {
    std::string type;
    std::optional<std::string> http_method;
    std::optional<std::string> uri;
    std::optional<std::string> credentials;
    std::optional<std::string> connection_type;
    std::optional<std::string> connection_id;
    std::optional<std::map<std::string, std::string>> request_parameters;
    std::optional<std::map<std::string, std::string>> request_templates;
    std::string passthrough_behavior = "WHEN_NO_MATCH";
    std::string cache_namespace;
    std::vector<std::string> cache_key_parameters;
    std::optional<std::string> content_handling;
    std::int64_t timeout_ms = 29000;
    std::map<std::string, IntegrationResponse> integration_responses;
};

struct MethodInput {
    std::string authorization_type;
    std::optional<std::string> authorizer_id;
    bool api_key_required = false;
    std::optional<std::string> operation_name;
    std::optional<std::map<std::string, bool>> request_parameters;
    std::optional<std::map<std::string, std::string>> request_models;
    std::optional<std::string> request_validator_id;
    std::optional<std::vector<std::string>> authorization_scopes;
};

struct Method {
    std::string http_method;
    std::string authorization_type;
    std::optional<std::string> authorizer_id;
    bool api_key_required = false;
    std::optional<std::string> operation_name;
    std::optional<std::map<std::string, bool>> request_parameters;
    std::optional<std::map<std::string, std::string>> request_models;
    std::optional<std::string> request_validator_id;
    std::optional<std::vector<std::string>> authorization_scopes;
    std::map<std::string, MethodResponse> method_responses;
    std::optional<Integration> integration;
};

struct Resource {
    std::string id;
    std::optional<std::string> parent_id;   // none for the root
    std::string path_part;                  // empty for the root
    std::string path;                       // "/", "/items", "/items/{id}"
    std::map<std::string, Method> methods;  // keyed by GET, POST, ..., ANY
};

using ResourceTree = std::vector<Resource>;  // ordered by path
using ResourceTreePtr = std::shared_ptr<const ResourceTree>;

struct DeploymentInput {
    std::optional<std::string> stage_name;
    std::optional<std::string> stage_description;
    std::optional<std::string> description;
    std::optional<std::map<std::string, std::string>> variables;
    bool tracing_enabled = false;
};

struct Deployment {
    std::string id;
    std::optional<std::string> description;
    TimePoint created;
    ResourceTreePtr resources;  // the tree as it was when deployed
};

struct StageInput {
    std::string name;
    std::string deployment_id;
    std::optional<std::string> description;
    std::optional<std::map<std::string, std::string>> variables;
    bool tracing_enabled = false;
    bool cache_cluster_enabled = false;
    std::optional<std::string> cache_cluster_size;
    std::optional<std::map<std::string, std::string>> tags;
};

struct Stage {
    std::string name;
    std::string deployment_id;
    std::optional<std::string> description;
    std::map<std::string, std::string> variables;
    bool tracing_enabled = false;
    bool cache_cluster_enabled = false;
    std::optional<std::string> cache_cluster_size;
    std::optional<std::map<std::string, std::string>> tags;
    TimePoint created;
    TimePoint last_updated;
};

// One JSON Patch operation of an Update* call, as API Gateway takes them.
struct PatchOperation {
    std::string op;  // add, remove, replace, move, copy, test
    std::string path;
    std::optional<std::string> value;
    std::optional<std::string> from;
};

// What the data plane needs to serve one stage of a REST API.
struct DeployedRestStage {
    std::string api_id;
    std::string stage_name;
    std::string deployment_id;
    std::map<std::string, std::string> variables;
    std::vector<std::string> binary_media_types;
    ResourceTreePtr resources;
};

}  // namespace lemu::sources::apigateway
