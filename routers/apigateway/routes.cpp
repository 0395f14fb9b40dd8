// Every route of the API Gateway control planes, on one screen (botocore `apigateway` and
// `apigatewayv2` models, requestUri and method).

#include "routers/apigateway/api_gateway_router.hpp"

namespace lemu::routers::apigateway {

void ApiGatewayRouter::add_rest_routes() {
    constexpr const char* kApi = "/restapis/{restapi_id}";
    constexpr const char* kMethod = "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}";
    const std::string api = kApi;
    const std::string method = kMethod;
    routes_.add({"POST", "/restapis", op(&ApiGatewayRouter::create_rest_api), 0, "", "CreateRestApi"})
        .add({"GET", "/restapis", op(&ApiGatewayRouter::get_rest_apis), 0, "", "GetRestApis"})
        .add({"GET", api, op(&ApiGatewayRouter::get_rest_api), 0, "", "GetRestApi"})
        .add({"DELETE", api, op(&ApiGatewayRouter::delete_rest_api), 0, "", "DeleteRestApi"})
        .add({"GET", api + "/resources", op(&ApiGatewayRouter::get_resources), 0, "", "GetResources"})
        .add({"GET", api + "/resources/{resource_id}", op(&ApiGatewayRouter::get_resource), 0, "",
              "GetResource"})
        .add({"POST", api + "/resources/{parent_id}", op(&ApiGatewayRouter::create_resource), 0, "",
              "CreateResource"})
        .add({"DELETE", api + "/resources/{resource_id}", op(&ApiGatewayRouter::delete_resource), 0, "",
              "DeleteResource"})
        .add({"PUT", method, op(&ApiGatewayRouter::put_method), 0, "", "PutMethod"})
        .add({"GET", method, op(&ApiGatewayRouter::get_method), 0, "", "GetMethod"})
        .add({"DELETE", method, op(&ApiGatewayRouter::delete_method), 0, "", "DeleteMethod"})
        .add({"POST", method, [this](http::Request& r) { return test_invoke_method(r); }, 0, "",
              "TestInvokeMethod"})
        .add(
            {"PUT", method + "/integration", op(&ApiGatewayRouter::put_integration), 0, "", "PutIntegration"})
        .add(
            {"GET", method + "/integration", op(&ApiGatewayRouter::get_integration), 0, "", "GetIntegration"})
        .add({"DELETE", method + "/integration", op(&ApiGatewayRouter::delete_integration), 0, "",
              "DeleteIntegration"})
        .add({"PUT", method + "/responses/{status_code}", op(&ApiGatewayRouter::put_method_response), 0, "",
              "PutMethodResponse"})
        .add({"GET", method + "/responses/{status_code}", op(&ApiGatewayRouter::get_method_response), 0, "",
              "GetMethodResponse"})
        .add({"PUT", method + "/integration/responses/{status_code}",
              op(&ApiGatewayRouter::put_integration_response), 0, "", "PutIntegrationResponse"})
        .add({"GET", method + "/integration/responses/{status_code}",
              op(&ApiGatewayRouter::get_integration_response), 0, "", "GetIntegrationResponse"})
        .add({"POST", api + "/deployments", op(&ApiGatewayRouter::create_deployment), 0, "",
              "CreateDeployment"})
        .add({"GET", api + "/deployments", op(&ApiGatewayRouter::get_deployments), 0, "", "GetDeployments"})
        .add({"GET", api + "/deployments/{deployment_id}", op(&ApiGatewayRouter::get_deployment), 0, "",
              "GetDeployment"})
        .add({"DELETE", api + "/deployments/{deployment_id}", op(&ApiGatewayRouter::delete_deployment), 0, "",
              "DeleteDeployment"})
        .add({"POST", api + "/stages", op(&ApiGatewayRouter::create_stage), 0, "", "CreateStage"})
        .add({"GET", api + "/stages", op(&ApiGatewayRouter::get_stages), 0, "", "GetStages"})
        .add({"GET", api + "/stages/{stage_name}", op(&ApiGatewayRouter::get_stage), 0, "", "GetStage"})
        .add({"PATCH", api + "/stages/{stage_name}", op(&ApiGatewayRouter::update_stage), 0, "",
              "UpdateStage"})
        .add({"DELETE", api + "/stages/{stage_name}", op(&ApiGatewayRouter::delete_stage), 0, "",
              "DeleteStage"});
}

void ApiGatewayRouter::add_http_routes() {
    const std::string api = "/v2/apis/{apiId}";
    routes_.add({"POST", "/v2/apis", op(&ApiGatewayRouter::create_api), 0, "", "CreateApi"})
        .add({"GET", "/v2/apis", op(&ApiGatewayRouter::get_apis), 0, "", "GetApis"})
        .add({"GET", api, op(&ApiGatewayRouter::get_api), 0, "", "GetApi"})
        .add({"DELETE", api, op(&ApiGatewayRouter::delete_api), 0, "", "DeleteApi"})
        .add({"POST", api + "/integrations", op(&ApiGatewayRouter::create_integration), 0, "",
              "CreateIntegration"})
        .add(
            {"GET", api + "/integrations", op(&ApiGatewayRouter::get_integrations), 0, "", "GetIntegrations"})
        .add({"GET", api + "/integrations/{integrationId}", op(&ApiGatewayRouter::get_http_integration), 0,
              "", "GetIntegration"})
        .add({"DELETE", api + "/integrations/{integrationId}", op(&ApiGatewayRouter::delete_http_integration),
              0, "", "DeleteIntegration"})
        .add({"POST", api + "/routes", op(&ApiGatewayRouter::create_route), 0, "", "CreateRoute"})
        .add({"GET", api + "/routes", op(&ApiGatewayRouter::get_routes), 0, "", "GetRoutes"})
        .add({"GET", api + "/routes/{routeId}", op(&ApiGatewayRouter::get_route), 0, "", "GetRoute"})
        .add({"DELETE", api + "/routes/{routeId}", op(&ApiGatewayRouter::delete_route), 0, "", "DeleteRoute"})
        .add({"POST", api + "/stages", op(&ApiGatewayRouter::create_http_stage), 0, "", "CreateStage"})
        .add({"GET", api + "/stages", op(&ApiGatewayRouter::get_http_stages), 0, "", "GetStages"})
        .add({"GET", api + "/stages/{stageName}", op(&ApiGatewayRouter::get_http_stage), 0, "", "GetStage"})
        .add({"PATCH", api + "/stages/{stageName}", op(&ApiGatewayRouter::update_http_stage), 0, "",
              "UpdateStage"})
        .add({"DELETE", api + "/stages/{stageName}", op(&ApiGatewayRouter::delete_http_stage), 0, "",
              "DeleteStage"})
        .add({"POST", api + "/deployments", op(&ApiGatewayRouter::create_http_deployment), 0, "",
              "CreateDeployment"})
        .add({"GET", api + "/deployments", op(&ApiGatewayRouter::get_http_deployments), 0, "",
              "GetDeployments"});
}

}  // namespace lemu::routers::apigateway
