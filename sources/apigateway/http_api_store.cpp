#include "sources/apigateway/http_api_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"
#include "sources/apigateway/http_api_state.hpp"
#include "sources/apigateway/ids.hpp"
#include "sources/apigateway/integration_target.hpp"
#include "sources/apigateway/path_template.hpp"
#include "sources/apigateway/stage_variables.hpp"

namespace lemu::sources::apigateway {

namespace {

constexpr std::int64_t kMinTimeoutMs = 50;
constexpr std::int64_t kMaxTimeoutMs = 30000;

void validate_integration(const std::string& protocol, const HttpIntegrationInput& input) {
    if (protocol == "HTTP" && input.type != "AWS_PROXY" && input.type != "HTTP_PROXY") {
        throw AwsError(ErrorCode::BadRequest,
                       "Currently, an API with a protocol type of HTTP may only be associated "
                       "with proxy integrations (AWS_PROXY, HTTP_PROXY)");
    }
    if (input.type == "AWS_PROXY" || input.type == "HTTP_PROXY") {
        if (!input.uri || input.uri->empty()) {
            throw AwsError(ErrorCode::BadRequest,
                           "IntegrationUri is a required parameter for integration type " + input.type);
        }
    }
    if (protocol == "HTTP" && input.type == "AWS_PROXY") {
        if (!input.payload_format_version) {
            throw AwsError(ErrorCode::BadRequest,
                           "PayloadFormatVersion is a required parameter for integration");
        }
        if (*input.payload_format_version != "1.0" && *input.payload_format_version != "2.0") {
            throw AwsError(ErrorCode::BadRequest,
                           "Unsupported payload format version specified: " + *input.payload_format_version);
        }
        if (!lambda_function_from_http_uri(*input.uri)) {
            throw AwsError(ErrorCode::BadRequest, "Invalid integration URI specified");
        }
    }
    if (input.timeout_ms && (*input.timeout_ms < kMinTimeoutMs || *input.timeout_ms > kMaxTimeoutMs)) {
        throw AwsError(ErrorCode::BadRequest, "Timeout should be between 50 ms and 30000 ms");
    }
}

HttpIntegration make_integration(const HttpIntegrationInput& input) {
    HttpIntegration integration;
    integration.type = input.type;
    integration.uri = input.uri;
    integration.method = input.method;
    if (!integration.method && input.type == "AWS_PROXY") {
        integration.method = "POST";
    }
    integration.payload_format_version = input.payload_format_version.value_or("1.0");
    integration.timeout_ms = input.timeout_ms.value_or(kMaxTimeoutMs);
    integration.description = input.description;
    integration.connection_type = input.connection_type.value_or("INTERNET");
    integration.credentials_arn = input.credentials_arn;
    integration.request_parameters = input.request_parameters;
    return integration;
}

}  // namespace

bool valid_route_key(const std::string& route_key) {
    if (route_key == kDefaultRouteKey) {
        return true;
    }
    constexpr std::array kMethods{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"};
    std::size_t space = route_key.find(' ');
    if (space == std::string::npos) {
        return false;
    }
    std::string_view method = std::string_view(route_key).substr(0, space);
    std::string_view path = std::string_view(route_key).substr(space + 1);
    if (std::none_of(kMethods.begin(), kMethods.end(), [&](const char* m) { return method == m; }) ||
        !path.starts_with('/') || path.find(' ') != std::string_view::npos) {
        return false;
    }
    std::vector<std::string_view> segments = split(path.substr(1), '/');
    for (std::size_t i = 0; i < segments.size(); ++i) {
        std::string_view segment = segments[i];
        if (is_greedy(segment) && i + 1 != segments.size()) {
            return false;
        }
        if (segment.find_first_of("{}") != std::string_view::npos && variable_name(segment).empty()) {
            return false;
        }
        if (segment.empty() && !(segments.size() == 1)) {
            return false;
        }
    }
    return true;
}

HttpApiStore::HttpApiStore(AccountRegion home, Clock& clock, Random& random)
    : home_(std::move(home)), clock_(clock), random_(random) {}

HttpApiStore::~HttpApiStore() = default;

HttpApiStore::ApiState& HttpApiStore::api_state(const std::string& api_id) {
    auto it = apis_.find(api_id);
    if (it == apis_.end()) {
        throw AwsError(ErrorCode::NotFound,
                       "Invalid API identifier specified " + home_.account + ":" + api_id);
    }
    return *it->second;
}

const HttpApiStore::ApiState& HttpApiStore::api_state(const std::string& api_id) const {
    return const_cast<HttpApiStore*>(this)->api_state(api_id);
}

HttpApi HttpApiStore::create_api(const HttpApiInput& input) {
    if (input.protocol_type != "HTTP" && input.protocol_type != "WEBSOCKET") {
        throw AwsError(ErrorCode::BadRequest, "Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]");
    }
    if (input.protocol_type == "WEBSOCKET" && !input.route_selection_expression) {
        throw AwsError(ErrorCode::BadRequest, "Route selection expression is required for WebSocket APIs");
    }
    if (input.target && input.protocol_type != "HTTP") {
        throw AwsError(ErrorCode::BadRequest, "Quick create is only supported for HTTP APIs");
    }
    if (input.route_key && !valid_route_key(*input.route_key)) {
        throw AwsError(ErrorCode::BadRequest, "Invalid route key specified: " + *input.route_key);
    }
    auto state = std::make_unique<ApiState>();
    HttpApi& api = state->api;
    api.name = input.name;
    api.protocol_type = input.protocol_type;
    api.description = input.description;
    api.version = input.version;
    if (input.route_selection_expression) {
        api.route_selection_expression = *input.route_selection_expression;
    }
    if (input.api_key_selection_expression) {
        api.api_key_selection_expression = *input.api_key_selection_expression;
    }
    api.disable_execute_api_endpoint = input.disable_execute_api_endpoint;
    api.ip_address_type = input.ip_address_type.value_or("ipv4");
    api.tags = input.tags;
    api.created = clock_.now();

    std::lock_guard lock(mutex_);
    do {
        api.id = random_id(random_, kApiIdLength);
    } while (apis_.contains(api.id));
    api.api_endpoint = fmt::format("{}://{}.execute-api.{}.amazonaws.com",
                                   api.protocol_type == "HTTP" ? "https" : "wss", api.id, home_.region);
    api.sequence = next_sequence_++;
    if (input.target) {
        quick_create(*state, input);
    }
    HttpApi copy = api;
    apis_[api.id] = std::move(state);
    return copy;
}

void HttpApiStore::quick_create(ApiState& state, const HttpApiInput& input) {
    HttpIntegrationInput proxy;
    proxy.type = "AWS_PROXY";
    proxy.uri = input.target;
    proxy.payload_format_version = "2.0";
    proxy.credentials_arn = input.credentials_arn;
    HttpIntegration integration = make_integration(proxy);
    integration.id = random_id(random_, kIntegrationIdLength);
    integration.api_gateway_managed = true;
    Route route;
    route.id = random_id(random_, kRouteIdLength);
    route.route_key = input.route_key.value_or(std::string(kDefaultRouteKey));
    route.target = "integrations/" + integration.id;
    route.api_gateway_managed = true;
    state.integrations[integration.id] = integration;
    state.routes.push_back(route);
    HttpStage stage;
    stage.name = kDefaultStageName;
    stage.auto_deploy = true;
    stage.api_gateway_managed = true;
    stage.created = state.api.created;
    stage.last_updated = state.api.created;
    state.stages[stage.name] = stage;
    auto_deploy(state);
}

HttpApi HttpApiStore::get_api(const std::string& api_id) const {
    std::lock_guard lock(mutex_);
    return api_state(api_id).api;
}

std::vector<HttpApi> HttpApiStore::list_apis() const {
    std::vector<HttpApi> out;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, state] : apis_) {
            out.push_back(state->api);
        }
    }
    std::sort(out.begin(), out.end(),
              [](const HttpApi& a, const HttpApi& b) { return a.sequence < b.sequence; });
    return out;
}

void HttpApiStore::delete_api(const std::string& api_id) {
    std::lock_guard lock(mutex_);
    api_state(api_id);
    apis_.erase(api_id);
}

bool HttpApiStore::has_api(const std::string& api_id) const {
    std::lock_guard lock(mutex_);
    return apis_.contains(api_id);
}

bool HttpApiStore::has_stage(const std::string& api_id, const std::string& stage_name) const {
    std::lock_guard lock(mutex_);
    auto it = apis_.find(api_id);
    return it != apis_.end() && it->second->stages.contains(stage_name);
}

HttpIntegration HttpApiStore::create_integration(const std::string& api_id,
                                                 const HttpIntegrationInput& input) {
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    validate_integration(state.api.protocol_type, input);
    HttpIntegration integration = make_integration(input);
    do {
        integration.id = random_id(random_, kIntegrationIdLength);
    } while (state.integrations.contains(integration.id));
    state.integrations[integration.id] = integration;
    auto_deploy(state);
    return integration;
}

HttpIntegration HttpApiStore::get_integration(const std::string& api_id,
                                              const std::string& integration_id) const {
    std::lock_guard lock(mutex_);
    const ApiState& state = api_state(api_id);
    auto it = state.integrations.find(integration_id);
    if (it == state.integrations.end()) {
        throw http_errors::integration_not_found(integration_id);
    }
    return it->second;
}

std::vector<HttpIntegration> HttpApiStore::list_integrations(const std::string& api_id) const {
    std::vector<HttpIntegration> out;
    std::lock_guard lock(mutex_);
    for (const auto& [id, integration] : api_state(api_id).integrations) {
        out.push_back(integration);
    }
    return out;
}

void HttpApiStore::delete_integration(const std::string& api_id, const std::string& integration_id) {
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    if (state.integrations.erase(integration_id) == 0) {
        throw http_errors::integration_not_found(integration_id);
    }
    auto_deploy(state);
}

}  // namespace lemu::sources::apigateway
