#include "routers/apigateway/http_codec.hpp"

#include "emulator/core/aws_error.hpp"
#include "emulator/core/clock.hpp"

namespace lemu::routers::apigateway::http_codec {
namespace {

using nlohmann::json;

// Second precision, as API Gateway prints them: 2020-04-06T23:23:46Z.
std::string timestamp(TimePoint t) {
    std::string millis = iso8601_millis(t);
    return millis.substr(0, millis.find('.')) + "Z";
}

template <typename T>
void put_optional(json& out, const char* key, const std::optional<T>& value) {
    if (value) {
        out[key] = *value;
    }
}

std::string required(const JsonInput& body, const char* key) {
    std::optional<std::string> value = body.string(key);
    if (!value) {
        throw AwsError(ErrorCode::BadRequest, std::string(key) + " is a required parameter");
    }
    return *value;
}

}  // namespace

json to_json(const HttpApi& api) {
    json out{{"apiId", api.id},
             {"name", api.name},
             {"protocolType", api.protocol_type},
             {"apiEndpoint", api.api_endpoint},
             {"apiKeySelectionExpression", api.api_key_selection_expression},
             {"routeSelectionExpression", api.route_selection_expression},
             {"disableExecuteApiEndpoint", api.disable_execute_api_endpoint},
             {"ipAddressType", api.ip_address_type},
             {"createdDate", timestamp(api.created)},
             {"tags", api.tags}};
    put_optional(out, "description", api.description);
    put_optional(out, "version", api.version);
    return out;
}

json to_json(const HttpIntegration& integration) {
    json out{{"integrationId", integration.id},
             {"integrationType", integration.type},
             {"payloadFormatVersion", integration.payload_format_version},
             {"timeoutInMillis", integration.timeout_ms},
             {"connectionType", integration.connection_type}};
    put_optional(out, "integrationUri", integration.uri);
    put_optional(out, "integrationMethod", integration.method);
    put_optional(out, "description", integration.description);
    put_optional(out, "credentialsArn", integration.credentials_arn);
    put_optional(out, "requestParameters", integration.request_parameters);
    if (integration.api_gateway_managed) {
        out["apiGatewayManaged"] = true;
    }
    return out;
}

json to_json(const Route& route) {
    json out{{"routeId", route.id},
             {"routeKey", route.route_key},
             {"authorizationType", route.authorization_type},
             {"apiKeyRequired", route.api_key_required}};
    put_optional(out, "target", route.target);
    put_optional(out, "operationName", route.operation_name);
    if (route.api_gateway_managed) {
        out["apiGatewayManaged"] = true;
    }
    return out;
}

json to_json(const HttpStage& stage) {
    json out{{"stageName", stage.name},
             {"autoDeploy", stage.auto_deploy},
             {"createdDate", timestamp(stage.created)},
             {"lastUpdatedDate", timestamp(stage.last_updated)},
             {"defaultRouteSettings", {{"detailedMetricsEnabled", false}}},
             {"routeSettings", json::object()},
             {"stageVariables", stage.variables},
             {"tags", stage.tags}};
    put_optional(out, "deploymentId", stage.deployment_id);
    put_optional(out, "description", stage.description);
    put_optional(out, "lastDeploymentStatusMessage", stage.last_deployment_status_message);
    if (stage.api_gateway_managed) {
        out["apiGatewayManaged"] = true;
    }
    return out;
}

json to_json(const HttpDeployment& deployment) {
    json out{{"deploymentId", deployment.id},
             {"createdDate", timestamp(deployment.created)},
             {"deploymentStatus", "DEPLOYED"},
             {"autoDeployed", deployment.auto_deployed}};
    put_optional(out, "description", deployment.description);
    return out;
}

HttpApiInput api_input(const JsonInput& body) {
    HttpApiInput in;
    in.name = required(body, "name");
    in.protocol_type = required(body, "protocolType");
    in.description = body.string("description");
    in.version = body.string("version");
    in.route_selection_expression = body.string("routeSelectionExpression");
    in.api_key_selection_expression = body.string("apiKeySelectionExpression");
    in.disable_execute_api_endpoint = body.boolean("disableExecuteApiEndpoint").value_or(false);
    in.ip_address_type = body.string("ipAddressType");
    in.tags = body.string_map("tags").value_or(std::map<std::string, std::string>{});
    in.target = body.string("target");
    in.route_key = body.string("routeKey");
    in.credentials_arn = body.string("credentialsArn");
    return in;
}

HttpIntegrationInput integration_input(const JsonInput& body) {
    HttpIntegrationInput in;
    in.type = required(body, "integrationType");
    in.uri = body.string("integrationUri");
    in.method = body.string("integrationMethod");
    in.payload_format_version = body.string("payloadFormatVersion");
    in.timeout_ms = body.integer("timeoutInMillis");
    in.description = body.string("description");
    in.connection_type = body.string("connectionType");
    in.credentials_arn = body.string("credentialsArn");
    in.request_parameters = body.string_map("requestParameters");
    return in;
}

RouteInput route_input(const JsonInput& body) {
    RouteInput in;
    in.route_key = required(body, "routeKey");
    in.target = body.string("target");
    in.authorization_type = body.string("authorizationType");
    in.api_key_required = body.boolean("apiKeyRequired").value_or(false);
    in.operation_name = body.string("operationName");
    return in;
}

HttpStageInput stage_input(const JsonInput& body) {
    HttpStageInput in;
    in.name = required(body, "stageName");
    in.auto_deploy = body.boolean("autoDeploy").value_or(false);
    in.deployment_id = body.string("deploymentId");
    in.description = body.string("description");
    in.variables = body.string_map("stageVariables").value_or(std::map<std::string, std::string>{});
    in.tags = body.string_map("tags").value_or(std::map<std::string, std::string>{});
    return in;
}

HttpStageUpdate stage_update(const JsonInput& body) {
    HttpStageUpdate update;
    update.auto_deploy = body.boolean("autoDeploy");
    update.deployment_id = body.string("deploymentId");
    update.description = body.string("description");
    update.variables = body.string_map("stageVariables");
    return update;
}

}  // namespace lemu::routers::apigateway::http_codec
