// RestApiStore: methods, integrations and their responses.

#include <array>

#include "emulator/core/text.hpp"
#include "sources/apigateway/integration_target.hpp"
#include "sources/apigateway/rest_api_state.hpp"

namespace lemu::sources::apigateway {
namespace {

constexpr std::array kMethods{"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"};
constexpr std::array kAuthorizationTypes{"NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"};
constexpr std::int64_t kMinTimeoutMs = 50;
constexpr std::int64_t kMaxTimeoutMs = 29000;

template <std::size_t N>
bool one_of(const std::array<const char*, N>& values, std::string_view value) {
    for (const char* v : values) {
        if (value == v) {
            return true;
        }
    }
    return false;
}

Resource& find_resource(RestApiStore::ApiState* state, const std::string& resource_id) {
    if (state == nullptr) {
        throw rest_errors::resource_not_found();
    }
    auto it = state->resources.find(resource_id);
    if (it == state->resources.end()) {
        throw rest_errors::resource_not_found();
    }
    return it->second;
}

Method& find_method(Resource& resource, const std::string& http_method) {
    auto it = resource.methods.find(http_method);
    if (it == resource.methods.end()) {
        throw rest_errors::method_not_found();
    }
    return it->second;
}

void validate_status_code(const std::string& status_code) {
    bool ok = status_code.size() == 3 && status_code[0] >= '1' && status_code[0] <= '5' &&
              is_digit(status_code[1]) && is_digit(status_code[2]);
    if (!ok) {
        throw validation_error(status_code, "statusCode",
                               "Member must satisfy regular expression pattern: [1-5]\\d\\d");
    }
}

void validate_integration(const IntegrationInput& input) {
    bool aws = input.type == "AWS" || input.type == "AWS_PROXY";
    bool http = input.type == "HTTP" || input.type == "HTTP_PROXY";
    if ((aws || http) && (!input.http_method || input.http_method->empty())) {
        throw AwsError(ErrorCode::BadRequest, "Enumeration value for HttpMethod must be non-empty");
    }
    if (aws) {
        validate_aws_integration_uri(input.uri.value_or(""), input.type == "AWS_PROXY");
    }
    if (http && !(input.uri && (input.uri->starts_with("http://") || input.uri->starts_with("https://")))) {
        throw AwsError(ErrorCode::BadRequest, "Invalid HTTP endpoint specified for URI");
    }
    if (input.timeout_ms && (*input.timeout_ms < kMinTimeoutMs || *input.timeout_ms > kMaxTimeoutMs)) {
        throw AwsError(ErrorCode::BadRequest, "Timeout should be between 50 ms and 29000 ms");
    }
}

}  // namespace

Method RestApiStore::put_method(const std::string& api_id, const std::string& resource_id,
                                const std::string& http_method, const MethodInput& input) {
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    Resource& resource = find_resource(api == apis_.end() ? nullptr : api->second.get(), resource_id);
    if (!one_of(kMethods, http_method)) {
        throw AwsError(
            ErrorCode::BadRequest,
            "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
    }
    if (!one_of(kAuthorizationTypes, input.authorization_type)) {
        throw AwsError(ErrorCode::BadRequest, "Invalid authorization type specified");
    }
    // lemu has no authorizers, so no authorizer id can be valid.
    if (input.authorization_type == "CUSTOM" || input.authorization_type == "COGNITO_USER_POOLS") {
        throw AwsError(ErrorCode::BadRequest,
                       "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or "
                       "COGNITO_USER_POOLS requires a valid authorizer.");
    }
    if (input.request_validator_id) {
        throw AwsError(ErrorCode::BadRequest, "Invalid Request Validator identifier specified");
    }
    if (resource.methods.contains(http_method)) {
        throw AwsError(ErrorCode::Conflict, "Method already exists for this resource");
    }
    Method method;
    method.http_method = http_method;
    method.authorization_type = input.authorization_type;
    method.api_key_required = input.api_key_required;
    method.operation_name = input.operation_name;
    method.request_parameters = input.request_parameters;
    method.request_models = input.request_models;
    method.authorization_scopes = input.authorization_scopes;
    resource.methods[http_method] = method;
    return method;
}

Method RestApiStore::get_method(const std::string& api_id, const std::string& resource_id,
                                const std::string& http_method) const {
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    Resource& resource = find_resource(api == apis_.end() ? nullptr : api->second.get(), resource_id);
    return find_method(resource, http_method);
}

void RestApiStore::delete_method(const std::string& api_id, const std::string& resource_id,
                                 const std::string& http_method) {
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    Resource& resource = find_resource(api == apis_.end() ? nullptr : api->second.get(), resource_id);
    find_method(resource, http_method);
    resource.methods.erase(http_method);
}

Integration RestApiStore::put_integration(const std::string& api_id, const std::string& resource_id,
                                          const std::string& http_method, const IntegrationInput& input) {
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    Resource& resource = find_resource(api == apis_.end() ? nullptr : api->second.get(), resource_id);
    Method& method = find_method(resource, http_method);
    validate_integration(input);
    Integration integration;
    integration.type = input.type;
    if (input.type != "MOCK") {
        integration.http_method = input.http_method;
        integration.uri = input.uri;
    }
    integration.credentials = input.credentials;
    integration.connection_type = input.connection_type;
    integration.connection_id = input.connection_id;
    integration.request_parameters = input.request_parameters;
    integration.request_templates = input.request_templates;
    integration.passthrough_behavior = input.passthrough_behavior.value_or("WHEN_NO_MATCH");
    integration.cache_namespace = input.cache_namespace.value_or(resource_id);
    integration.cache_key_parameters = input.cache_key_parameters;
    integration.content_handling = input.content_handling;
    integration.timeout_ms = input.timeout_ms.value_or(kMaxTimeoutMs);
    method.integration = integration;
    return integration;
}

Integration RestApiStore::get_integration(const std::string& api_id, const std::string& resource_id,
                                          const std::string& http_method) const {
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    Resource& resource = find_resource(api == apis_.end() ? nullptr : api->second.get(), resource_id);
    Method& method = find_method(resource, http_method);
    if (!method.integration) {
        throw rest_errors::integration_not_found();
    }
    return *method.integration;
}

void RestApiStore::delete_integration(const std::string& api_id, const std::string& resource_id,
                                      const std::string& http_method) {
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    Resource& resource = find_resource(api == apis_.end() ? nullptr : api->second.get(), resource_id);
    Method& method = find_method(resource, http_method);
    if (!method.integration) {
        throw rest_errors::integration_not_found();
    }
    method.integration.reset();
}

MethodResponse RestApiStore::put_method_response(const std::string& api_id, const std::string& resource_id,
                                                 const std::string& http_method,
                                                 const MethodResponse& response) {
    validate_status_code(response.status_code);
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    Resource& resource = find_resource(api == apis_.end() ? nullptr : api->second.get(), resource_id);
    Method& method = find_method(resource, http_method);
    method.method_responses[response.status_code] = response;
    return response;
}

MethodResponse RestApiStore::get_method_response(const std::string& api_id, const std::string& resource_id,
                                                 const std::string& http_method,
                                                 const std::string& status_code) const {
    validate_status_code(status_code);
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    Resource& resource = find_resource(api == apis_.end() ? nullptr : api->second.get(), resource_id);
    Method& method = find_method(resource, http_method);
    auto it = method.method_responses.find(status_code);
    if (it == method.method_responses.end()) {
        throw rest_errors::response_not_found();
    }
    return it->second;
}

IntegrationResponse RestApiStore::put_integration_response(const std::string& api_id,
                                                           const std::string& resource_id,
                                                           const std::string& http_method,
                                                           const IntegrationResponse& response) {
    validate_status_code(response.status_code);
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    Resource& resource = find_resource(api == apis_.end() ? nullptr : api->second.get(), resource_id);
    Method& method = find_method(resource, http_method);
    if (!method.integration) {
        throw rest_errors::integration_not_found();
    }
    method.integration->integration_responses[response.status_code] = response;
    return response;
}

IntegrationResponse RestApiStore::get_integration_response(const std::string& api_id,
                                                           const std::string& resource_id,
                                                           const std::string& http_method,
                                                           const std::string& status_code) const {
    validate_status_code(status_code);
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    Resource& resource = find_resource(api == apis_.end() ? nullptr : api->second.get(), resource_id);
    Method& method = find_method(resource, http_method);
    if (!method.integration) {
        throw rest_errors::integration_not_found();
    }
    auto it = method.integration->integration_responses.find(status_code);
    if (it == method.integration->integration_responses.end()) {
        throw rest_errors::response_not_found();
    }
    return it->second;
}

}  // namespace lemu::sources::apigateway
