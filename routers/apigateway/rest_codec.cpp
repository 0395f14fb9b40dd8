#include "routers/apigateway/rest_codec.hpp"

#include <algorithm>
#include <array>
#include <chrono>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"
#include "routers/apigateway/validation_errors.hpp"

namespace lemu::routers::apigateway::rest_codec {
namespace {

using nlohmann::json;

std::int64_t epoch_seconds(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

template <typename T>
void put_optional(json& out, const char* key, const std::optional<T>& value) {
    if (value) {
        out[key] = *value;
    }
}

template <typename T>
bool contains(const T& values, std::string_view v) {
    return std::find(values.begin(), values.end(), v) != values.end();
}

}  // namespace

json to_json(const RestApi& api) {
    json out{
        {"id", api.id},
        {"name", api.name},
        {"createdDate", epoch_seconds(api.created)},
        {"apiKeySource", api.api_key_source},
        {"endpointConfiguration", {{"types", {api.endpoint_type}}, {"ipAddressType", api.ip_address_type}}},
        {"disableExecuteApiEndpoint", api.disable_execute_api_endpoint},
        {"rootResourceId", api.root_resource_id}};
    put_optional(out, "description", api.description);
    put_optional(out, "version", api.version);
    if (!api.binary_media_types.empty()) {
        out["binaryMediaTypes"] = api.binary_media_types;
    }
    put_optional(out, "minimumCompressionSize", api.minimum_compression_size);
    put_optional(out, "tags", api.tags);
    put_optional(out, "policy", api.policy);
    return out;
}

json to_json(const Resource& resource, bool embed_methods) {
    json out{{"id", resource.id}, {"path", resource.path}};
    if (resource.parent_id) {
        out["parentId"] = *resource.parent_id;
        out["pathPart"] = resource.path_part;
    }
    if (!resource.methods.empty()) {
        json methods = json::object();
        for (const auto& [name, method] : resource.methods) {
            methods[name] = embed_methods ? to_json(method) : json::object();
        }
        out["resourceMethods"] = methods;
    }
    return out;
}

json to_json(const Method& method) {
    json out{{"httpMethod", method.http_method},
             {"authorizationType", method.authorization_type},
             {"apiKeyRequired", method.api_key_required}};
    put_optional(out, "authorizerId", method.authorizer_id);
    put_optional(out, "operationName", method.operation_name);
    put_optional(out, "requestParameters", method.request_parameters);
    put_optional(out, "requestModels", method.request_models);
    put_optional(out, "requestValidatorId", method.request_validator_id);
    put_optional(out, "authorizationScopes", method.authorization_scopes);
    if (!method.method_responses.empty()) {
        json responses = json::object();
        for (const auto& [code, response] : method.method_responses) {
            responses[code] = to_json(response);
        }
        out["methodResponses"] = responses;
    }
    if (method.integration) {
        out["methodIntegration"] = to_json(*method.integration);
    }
    return out;
}

json to_json(const Integration& integration) {
    json out{{"type", integration.type},
             {"passthroughBehavior", integration.passthrough_behavior},
             {"timeoutInMillis", integration.timeout_ms},
             {"cacheNamespace", integration.cache_namespace},
             {"cacheKeyParameters", integration.cache_key_parameters}};
    put_optional(out, "httpMethod", integration.http_method);
    put_optional(out, "uri", integration.uri);
    put_optional(out, "credentials", integration.credentials);
    put_optional(out, "connectionType", integration.connection_type);
    put_optional(out, "connectionId", integration.connection_id);
    put_optional(out, "requestParameters", integration.request_parameters);
    put_optional(out, "requestTemplates", integration.request_templates);
    put_optional(out, "contentHandling", integration.content_handling);
    if (!integration.integration_responses.empty()) {
        json responses = json::object();
        for (const auto& [code, response] : integration.integration_responses) {
            responses[code] = to_json(response);
        }
        out["integrationResponses"] = responses;
    }
    return out;
}

json to_json(const MethodResponse& response) {
    json out{{"statusCode", response.status_code}};
    put_optional(out, "responseParameters", response.response_parameters);
    put_optional(out, "responseModels", response.response_models);
    return out;
}

json to_json(const IntegrationResponse& response) {
    json out{{"statusCode", response.status_code}};
    put_optional(out, "selectionPattern", response.selection_pattern);
    put_optional(out, "responseParameters", response.response_parameters);
    put_optional(out, "responseTemplates", response.response_templates);
    put_optional(out, "contentHandling", response.content_handling);
    return out;
}

json to_json(const Deployment& deployment) {
    json out{{"id", deployment.id}, {"createdDate", epoch_seconds(deployment.created)}};
    put_optional(out, "description", deployment.description);
    return out;
}

json to_json(const Stage& stage) {
    json out{{"stageName", stage.name},
             {"deploymentId", stage.deployment_id},
             {"cacheClusterEnabled", stage.cache_cluster_enabled},
             {"cacheClusterStatus", stage.cache_cluster_enabled ? "AVAILABLE" : "NOT_AVAILABLE"},
             {"methodSettings", json::object()},
             {"tracingEnabled", stage.tracing_enabled},
             {"createdDate", epoch_seconds(stage.created)},
             {"lastUpdatedDate", epoch_seconds(stage.last_updated)}};
    put_optional(out, "description", stage.description);
    put_optional(out, "cacheClusterSize", stage.cache_cluster_size);
    if (!stage.variables.empty()) {
        out["variables"] = stage.variables;
    }
    put_optional(out, "tags", stage.tags);
    return out;
}

RestApiInput rest_api_input(const JsonInput& body) {
    RestApiInput in;
    in.name = body.string("name").value_or("");
    in.description = body.string("description");
    in.version = body.string("version");
    in.binary_media_types = body.string_list("binaryMediaTypes").value_or(std::vector<std::string>{});
    in.minimum_compression_size = body.integer("minimumCompressionSize");
    in.api_key_source = body.string("apiKeySource").value_or("HEADER");
    in.disable_execute_api_endpoint = body.boolean("disableExecuteApiEndpoint").value_or(false);
    in.tags = body.string_map("tags");
    in.policy = body.string("policy");
    if (const json* config = body.object("endpointConfiguration")) {
        JsonInput endpoint = JsonInput::parse(config->dump());
        ValidationErrors errors;
        if (auto types = endpoint.string_list("types")) {
            in.endpoint_types_given = true;
            in.endpoint_types = *types;
            constexpr std::array kTypes{"PRIVATE", "EDGE", "REGIONAL"};
            if (std::any_of(types->begin(), types->end(),
                            [&](const std::string& t) { return !contains(kTypes, t); })) {
                errors.add(
                    "[" + join(*types, ", ") + "]", "createRestApiInput.endpointConfiguration.types",
                    "Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, "
                    "REGIONAL]]");
            }
        }
        in.ip_address_type = endpoint.string("ipAddressType");
        if (in.ip_address_type && *in.ip_address_type != "ipv4" && *in.ip_address_type != "dualstack") {
            errors.add(*in.ip_address_type, "createRestApiInput.endpointConfiguration.ipAddressType",
                       "Member must satisfy enum value set: [ipv4, dualstack]");
        }
        errors.throw_if_any();
    }
    if (in.name.empty()) {
        throw AwsError(ErrorCode::BadRequest, "Invalid REST API name specified");
    }
    return in;
}

MethodInput method_input(const JsonInput& body) {
    MethodInput in;
    in.authorization_type = body.string("authorizationType").value_or("");
    in.authorizer_id = body.string("authorizerId");
    in.api_key_required = body.boolean("apiKeyRequired").value_or(false);
    in.operation_name = body.string("operationName");
    in.request_parameters = body.bool_map("requestParameters");
    in.request_models = body.string_map("requestModels");
    in.request_validator_id = body.string("requestValidatorId");
    in.authorization_scopes = body.string_list("authorizationScopes");
    return in;
}

IntegrationInput integration_input(const JsonInput& body) {
    IntegrationInput in;
    in.type = body.string("type").value_or("");
    constexpr std::array kTypes{"HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY"};
    if (!contains(kTypes, in.type)) {
        ValidationErrors errors;
        errors.add(in.type, "putIntegrationInput.type",
                   "Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]");
        errors.throw_if_any();
    }
    in.http_method = body.string("httpMethod");  // integrationHttpMethod on the wire
    in.uri = body.string("uri");
    in.credentials = body.string("credentials");
    in.connection_type = body.string("connectionType");
    in.connection_id = body.string("connectionId");
    in.request_parameters = body.string_map("requestParameters");
    in.request_templates = body.string_map("requestTemplates");
    in.passthrough_behavior = body.string("passthroughBehavior");
    in.cache_namespace = body.string("cacheNamespace");
    in.cache_key_parameters = body.string_list("cacheKeyParameters").value_or(std::vector<std::string>{});
    in.content_handling = body.string("contentHandling");
    in.timeout_ms = body.integer("timeoutInMillis");
    return in;
}

MethodResponse method_response(const JsonInput& body, std::string status_code) {
    MethodResponse r;
    r.status_code = std::move(status_code);
    r.response_parameters = body.bool_map("responseParameters");
    r.response_models = body.string_map("responseModels");
    return r;
}

IntegrationResponse integration_response(const JsonInput& body, std::string status_code) {
    IntegrationResponse r;
    r.status_code = std::move(status_code);
    r.selection_pattern = body.string("selectionPattern");
    r.response_parameters = body.string_map("responseParameters");
    r.response_templates = body.string_map("responseTemplates");
    r.content_handling = body.string("contentHandling");
    return r;
}

DeploymentInput deployment_input(const JsonInput& body) {
    DeploymentInput in;
    in.stage_name = body.string("stageName");
    in.stage_description = body.string("stageDescription");
    in.description = body.string("description");
    in.variables = body.string_map("variables");
    in.tracing_enabled = body.boolean("tracingEnabled").value_or(false);
    return in;
}

StageInput stage_input(const JsonInput& body) {
    StageInput in;
    in.name = body.string("stageName").value_or("");
    in.deployment_id = body.string("deploymentId").value_or("");
    in.description = body.string("description");
    in.variables = body.string_map("variables");
    in.tracing_enabled = body.boolean("tracingEnabled").value_or(false);
    in.cache_cluster_enabled = body.boolean("cacheClusterEnabled").value_or(false);
    in.cache_cluster_size = body.string("cacheClusterSize");
    in.tags = body.string_map("tags");
    return in;
}

std::vector<PatchOperation> patch_operations(const JsonInput& body, std::string_view input_name) {
    constexpr std::array kOps{"add", "remove", "move", "test", "replace", "copy"};
    std::vector<PatchOperation> ops;
    const json& raw = body.raw();
    auto it = raw.find("patchOperations");
    if (it == raw.end() || it->is_null()) {
        return ops;
    }
    if (!it->is_array()) {
        throw AwsError(ErrorCode::SerializationException, "Expected a list for patchOperations");
    }
    ValidationErrors errors;
    std::size_t index = 0;
    for (const json& item : *it) {
        ++index;
        JsonInput op = JsonInput::parse(item.dump());
        PatchOperation patch{op.string("op").value_or(""), op.string("path").value_or(""), op.string("value"),
                             op.string("from")};
        if (!contains(kOps, patch.op)) {
            errors.add(patch.op,
                       std::string(input_name) + ".patchOperations." + std::to_string(index) + ".member.op",
                       "Member must satisfy enum value set: [add, remove, move, test, replace, copy]");
        }
        ops.push_back(std::move(patch));
    }
    errors.throw_if_any();
    return ops;
}

}  // namespace lemu::routers::apigateway::rest_codec
