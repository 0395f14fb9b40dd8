#pragma once
// The HTTP API (API Gateway v2, ProtocolType HTTP) model: an API, its integrations and routes,
// deployments (immutable snapshots of routes + integrations) and stages. Plain data; HttpApiStore
// owns and validates it.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/clock.hpp"

namespace lemu::sources::apigateway {

inline constexpr std::string_view kDefaultRouteKey = "$default";
inline constexpr std::string_view kDefaultStageName = "$default";

struct HttpApiInput {
    std::string name;
    std::string protocol_type;  // HTTP or WEBSOCKET
    std::optional<std::string> description;
    std::optional<std::string> version;
    std::optional<std::string> route_selection_expression;
    std::optional<std::string> api_key_selection_expression;
    bool disable_execute_api_endpoint = false;
    std::optional<std::string> ip_address_type;
    std::map<std::string, std::string> tags;
    std::optional<std::string> target;     // quick create: an integration target (function ARN)
    std::optional<std::string> route_key;  // quick create: the route (default $default)
    std::optional<std::string> credentials_arn;
};

struct HttpApi {
    std::string id;
    std::string name;
    std::string protocol_type;
    std::optional<std::string> description;
    std::optional<std::string> version;
    std::string route_selection_expression = "$request.method $request.path";
    std::string api_key_selection_expression = "$request.header.x-api-key";
    bool disable_execute_api_endpoint = false;
    std::string ip_address_type = "ipv4";
    std::map<std::string, std::string> tags;
    std::string api_endpoint;  // https://ID.execute-api.REGION.amazonaws.com
    TimePoint created;
    std::uint64_t sequence = 0;
};

struct HttpIntegrationInput {
    std::string type;  // AWS_PROXY, HTTP_PROXY, ...
    std::optional<std::string> uri;
    std::optional<std::string> method;
    std::optional<std::string> payload_format_version;
    std::optional<std::int64_t> timeout_ms;
    std::optional<std::string> description;
    std::optional<std::string> connection_type;
    std::optional<std::string> credentials_arn;
    std::optional<std::map<std::string, std::string>> request_parameters;
};

struct HttpIntegration {
    std::string id;
    std::string type;
    std::optional<std::string> uri;
    std::optional<std::string> method;
    std::string payload_format_version = "1.0";
    std::int64_t timeout_ms = 30000;
    std::optional<std::string> description;
    std::string connection_type = "INTERNET";
    std::optional<std::string> credentials_arn;
    std::optional<std::map<std::string, std::string>> request_parameters;
    bool api_gateway_managed = false;
};

struct RouteInput {
    std::string route_key;
    std::optional<std::string> target;  // "integrations/ID"
    std::optional<std::string> authorization_type;
    bool api_key_required = false;
    std::optional<std::string> operation_name;
};

struct Route {
    std::string id;
    std::string route_key;  // "$default", "GET /items/{id}", "ANY /{proxy+}"
    std::optional<std::string> target;
    std::string authorization_type = "NONE";
    bool api_key_required = false;
    std::optional<std::string> operation_name;
    bool api_gateway_managed = false;
};

// Routes and integrations as one deployment froze them.
struct HttpApiSnapshot {
    std::vector<Route> routes;
    std::map<std::string, HttpIntegration> integrations;  // by id
};
using HttpApiSnapshotPtr = std::shared_ptr<const HttpApiSnapshot>;

struct HttpDeployment {
    std::string id;
    std::optional<std::string> description;
    TimePoint created;
    bool auto_deployed = false;
    HttpApiSnapshotPtr snapshot;
};

struct HttpStageInput {
    std::string name;
    bool auto_deploy = false;
    std::optional<std::string> deployment_id;
    std::optional<std::string> description;
    std::map<std::string, std::string> variables;
    std::map<std::string, std::string> tags;
};

struct HttpStage {
    std::string name;
    bool auto_deploy = false;
    std::optional<std::string> deployment_id;
    std::optional<std::string> description;
    std::map<std::string, std::string> variables;
    std::map<std::string, std::string> tags;
    std::optional<std::string> last_deployment_status_message;
    bool api_gateway_managed = false;
    TimePoint created;
    TimePoint last_updated;
};

// What the data plane needs to serve one stage of an HTTP API.
struct DeployedHttpStage {
    std::string api_id;
    std::string stage_name;
    std::map<std::string, std::string> variables;
    HttpApiSnapshotPtr snapshot;
};

}  // namespace lemu::sources::apigateway
