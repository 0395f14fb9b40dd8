#include <catch2/catch.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "sources/apigateway/http_api_store.hpp"
#include "sources/apigateway/integration_target.hpp"
#include "sources/apigateway/resource_matcher.hpp"
#include "sources/apigateway/rest_api_store.hpp"

using namespace lemu;
using namespace lemu::sources::apigateway;

namespace {

const AccountRegion kHome{"000000000000", "us-east-1"};
const std::string kFn = "arn:aws:lambda:us-east-1:000000000000:function:fn";

template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const AwsError& e) {
        return std::string(e.name()) + ": " + e.message();
    }
    return "no error";
}

RestApiInput api_named(std::string name) {
    RestApiInput in;
    in.name = std::move(name);
    return in;
}

MethodInput auth(std::string type) {
    MethodInput in;
    in.authorization_type = std::move(type);
    return in;
}

MethodResponse status(std::string code) {
    MethodResponse r;
    r.status_code = std::move(code);
    return r;
}

StageInput stage_of(std::string name, std::string deployment_id) {
    StageInput in;
    in.name = std::move(name);
    in.deployment_id = std::move(deployment_id);
    return in;
}

HttpApiInput http_api(std::string name, std::string protocol) {
    HttpApiInput in;
    in.name = std::move(name);
    in.protocol_type = std::move(protocol);
    return in;
}

HttpIntegrationInput integration_of(std::string type, std::string uri) {
    HttpIntegrationInput in;
    in.type = std::move(type);
    in.uri = std::move(uri);
    return in;
}

HttpStageInput http_stage(std::string name) {
    HttpStageInput in;
    in.name = std::move(name);
    return in;
}

RouteInput route_to(std::string key, std::optional<std::string> target = std::nullopt) {
    RouteInput in;
    in.route_key = std::move(key);
    in.target = std::move(target);
    return in;
}

IntegrationInput lambda_proxy(const std::string& function_arn) {
    IntegrationInput in;
    in.type = "AWS_PROXY";
    in.http_method = "POST";
    in.uri = lambda_integration_uri("us-east-1", function_arn);
    return in;
}

struct RestFixture {
    ManualClock clock;
    SeededRandom random{7};
    RestApiStore store{kHome, clock, random};
    RestApi api = store.create_api(api_named("api"));
};

}  // namespace

TEST_CASE("REST APIs: ids, root resource, lookups and deletes", "[unit][apigateway]") {
    RestFixture f;
    CHECK(f.api.id.size() == 10);
    CHECK(f.api.root_resource_id.size() == 10);
    CHECK(f.api.endpoint_type == "EDGE");
    CHECK(f.api.ip_address_type == "ipv4");
    CHECK(f.store.list_resources(f.api.id).front().path == "/");
    CHECK(error_of([&] { f.store.get_api("nope"); }) ==
          "NotFoundException: Invalid API identifier specified 000000000000:nope");
    RestApiInput empty_description = api_named("x");
    empty_description.description = "";
    CHECK(error_of([&] { f.store.create_api(empty_description); }) ==
          "BadRequestException: Description cannot be an empty string");
    f.store.delete_api(f.api.id);
    CHECK(f.store.list_apis().empty());
}

TEST_CASE("REST resources: paths, sibling and greedy rules, subtree deletion", "[unit][apigateway]") {
    RestFixture f;
    const std::string& root = f.api.root_resource_id;
    Resource items = f.store.create_resource(f.api.id, root, "items");
    CHECK(items.path == "/items");
    Resource item = f.store.create_resource(f.api.id, items.id, "{id}");
    CHECK(item.path == "/items/{id}");
    Resource proxy = f.store.create_resource(f.api.id, root, "{proxy+}");
    CHECK(error_of([&] { f.store.create_resource(f.api.id, root, "items"); }) ==
          "ConflictException: Another resource with the same parent already has this name: items");
    CHECK(error_of([&] { f.store.create_resource(f.api.id, root, "{other}"); }) ==
          "BadRequestException: A sibling ({proxy+}) of this resource already has a variable path part -- "
          "only one "
          "is allowed");
    CHECK(error_of([&] { f.store.create_resource(f.api.id, proxy.id, "child"); }) ==
          "BadRequestException: Cannot create a child of a resource with a greedy path variable: {proxy+}");
    CHECK(error_of([&] { f.store.create_resource(f.api.id, "missing", "x"); }) ==
          "NotFoundException: Invalid Resource identifier specified");
    CHECK(error_of([&] {
              f.store.create_resource(f.api.id, root, "a b");
          }).starts_with("BadRequestException: Resource's path part only allow"));
    f.store.delete_resource(f.api.id, items.id);
    CHECK(f.store.list_resources(f.api.id).size() == 2);  // "/" and "/{proxy+}"
    CHECK(error_of([&] { f.store.get_resource(f.api.id, item.id); }) ==
          "NotFoundException: Invalid Resource identifier specified");
}

TEST_CASE("REST methods and integrations validate like AWS", "[unit][apigateway]") {
    RestFixture f;
    const std::string& root = f.api.root_resource_id;
    CHECK(error_of([&] { f.store.put_method(f.api.id, root, "FETCH", auth("NONE")); }) ==
          "BadRequestException: Invalid HttpMethod specified. Valid options are "
          "GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
    CHECK(error_of([&] { f.store.put_integration(f.api.id, root, "GET", lambda_proxy(kFn)); }) ==
          "NotFoundException: Invalid Method identifier specified");
    Method get = f.store.put_method(f.api.id, root, "GET", auth("NONE"));
    CHECK(get.http_method == "GET");
    CHECK(error_of([&] { f.store.put_method(f.api.id, root, "GET", auth("NONE")); }) ==
          "ConflictException: Method already exists for this resource");
    CHECK(error_of([&] { f.store.get_integration(f.api.id, root, "GET"); }) ==
          "NotFoundException: Invalid Integration identifier specified");
    IntegrationInput no_method = lambda_proxy(kFn);
    no_method.http_method.reset();
    CHECK(error_of([&] { f.store.put_integration(f.api.id, root, "GET", no_method); }) ==
          "BadRequestException: Enumeration value for HttpMethod must be non-empty");
    IntegrationInput slow = lambda_proxy(kFn);
    slow.timeout_ms = 30000;
    CHECK(error_of([&] { f.store.put_integration(f.api.id, root, "GET", slow); }) ==
          "BadRequestException: Timeout should be between 50 ms and 29000 ms");
    Integration integration = f.store.put_integration(f.api.id, root, "GET", lambda_proxy(kFn + ":6"));
    CHECK(integration.passthrough_behavior == "WHEN_NO_MATCH");
    CHECK(integration.timeout_ms == 29000);
    CHECK(integration.cache_namespace == root);
    CHECK(f.store.get_method(f.api.id, root, "GET").integration->uri ==
          lambda_integration_uri("us-east-1", kFn + ":6"));
    CHECK(error_of([&] { f.store.put_method_response(f.api.id, root, "GET", status("wrong")); }) ==
          "ValidationException: 1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy "
          "constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d");
    CHECK(f.store.put_method_response(f.api.id, root, "GET", status("200")).status_code == "200");
}

TEST_CASE("REST deployments snapshot the tree; stages point at deployments and carry variables",
          "[unit][apigateway]") {
    RestFixture f;
    const std::string& root = f.api.root_resource_id;
    CHECK(error_of([&] { f.store.create_deployment(f.api.id, {}); }) ==
          "BadRequestException: The REST API doesn't contain any methods");
    f.store.put_method(f.api.id, root, "GET", auth("NONE"));
    CHECK(error_of([&] { f.store.create_deployment(f.api.id, {}); }) ==
          "BadRequestException: No integration defined for method");
    f.store.put_integration(f.api.id, root, "GET", lambda_proxy(kFn + ":${stageVariables.alias}"));

    DeploymentInput with_stage;
    with_stage.stage_name = "prod";
    with_stage.variables = std::map<std::string, std::string>{{"alias", "live"}};
    Deployment first = f.store.create_deployment(f.api.id, with_stage);
    CHECK(first.id.size() == 6);
    Stage prod = f.store.get_stage(f.api.id, "prod");
    CHECK(prod.deployment_id == first.id);
    CHECK(prod.variables.at("alias") == "live");

    // A later change is invisible to the stage until it is deployed again.
    Resource items = f.store.create_resource(f.api.id, root, "items");
    f.store.put_method(f.api.id, items.id, "POST", auth("NONE"));
    f.store.put_integration(f.api.id, items.id, "POST", lambda_proxy(kFn));
    auto deployed = f.store.deployed_stage(f.api.id, "prod");
    REQUIRE(deployed);
    CHECK(deployed->variables.at("alias") == "live");
    CHECK_FALSE(match_resource(*deployed->resources, "POST", "/items"));
    CHECK(match_resource(*deployed->resources, "GET", "/"));
    Deployment second = f.store.create_deployment(f.api.id, with_stage);
    CHECK(match_resource(*f.store.deployed_stage(f.api.id, "prod")->resources, "POST", "/items"));

    CHECK(error_of([&] { f.store.delete_deployment(f.api.id, second.id); }) ==
          "BadRequestException: Active stages pointing to this deployment must be moved or deleted");
    f.store.delete_deployment(f.api.id, first.id);
    CHECK(f.store.list_deployments(f.api.id).size() == 1);

    CHECK(error_of([&] { f.store.create_stage(f.api.id, stage_of("prod", second.id)); }) ==
          "ConflictException: Stage already exists");
    CHECK(error_of([&] { f.store.create_stage(f.api.id, stage_of("bad name", second.id)); }) ==
          "BadRequestException: Stage name only allows a-zA-Z0-9_-");
    CHECK(error_of([&] { f.store.create_stage(f.api.id, stage_of("beta", "nope")); }) ==
          "NotFoundException: Invalid Deployment identifier specified");
    f.store.create_stage(f.api.id, stage_of("beta", second.id));
    CHECK(f.store.list_stages(f.api.id, std::nullopt).size() == 2);

    Stage patched = f.store.update_stage(
        f.api.id, "beta",
        {{"replace", "/variables/alias", "blue", {}}, {"replace", "/description", "d", {}}});
    CHECK(patched.variables.at("alias") == "blue");
    CHECK(patched.description == "d");
    CHECK(f.store.update_stage(f.api.id, "beta", {{"remove", "/variables/alias", {}, {}}}).variables.empty());
    CHECK(error_of([&] {
              f.store.update_stage(f.api.id, "beta", {{"replace", "/variables/alias", "$LATEST", {}}});
          }) ==
          "BadRequestException: Stage variable values must match the regular expression "
          "[A-Za-z0-9-._~:/?#&=,]+");
    CHECK(
        error_of([&] {
            f.store.update_stage(f.api.id, "beta", {{"replace", "/tags/a", "b", {}}});
        })
            .starts_with(
                "BadRequestException: Invalid method setting path: /tags/a. Must be one of: [/deploymentId"));
    f.store.delete_stage(f.api.id, "beta");
    CHECK(error_of([&] { f.store.get_stage(f.api.id, "beta"); }) ==
          "NotFoundException: Invalid stage identifier specified");
    CHECK_FALSE(f.store.deployed_stage(f.api.id, "beta"));
}

TEST_CASE("HTTP APIs: quick create, routes, auto-deployed stages", "[unit][apigateway]") {
    ManualClock clock;
    SeededRandom random{11};
    HttpApiStore store{kHome, clock, random};

    HttpApiInput quick = http_api("quick", "HTTP");
    quick.target = kFn + ":live";
    HttpApi q = store.create_api(quick);
    CHECK(q.api_endpoint == "https://" + q.id + ".execute-api.us-east-1.amazonaws.com");
    CHECK(q.route_selection_expression == "$request.method $request.path");
    auto quick_stage = store.deployed_stage(q.id, "$default");
    REQUIRE(quick_stage);
    REQUIRE(quick_stage->snapshot->routes.size() == 1);
    CHECK(quick_stage->snapshot->routes[0].route_key == "$default");
    CHECK(quick_stage->snapshot->integrations.begin()->second.payload_format_version == "2.0");

    HttpApi api = store.create_api(http_api("h", "HTTP"));
    CHECK(error_of([&] { store.get_api("nope"); }) ==
          "NotFoundException: Invalid API identifier specified 000000000000:nope");
    CHECK(error_of([&] { store.create_api(http_api("x", "GRPC")); }) ==
          "BadRequestException: Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]");
    HttpIntegrationInput no_version = integration_of("AWS_PROXY", kFn + ":6");
    CHECK(error_of([&] { store.create_integration(api.id, no_version); }) ==
          "BadRequestException: PayloadFormatVersion is a required parameter for integration");
    CHECK(error_of([&] { store.create_integration(api.id, integration_of("AWS", kFn)); }) ==
          "BadRequestException: Currently, an API with a protocol type of HTTP may only be associated with "
          "proxy "
          "integrations (AWS_PROXY, HTTP_PROXY)");
    HttpIntegrationInput v2 = integration_of("AWS_PROXY", kFn + ":6");
    v2.payload_format_version = "2.0";
    HttpIntegration integration = store.create_integration(api.id, v2);
    CHECK(integration.id.size() == 7);
    CHECK(integration.method == "POST");
    CHECK(integration.timeout_ms == 30000);

    HttpStageInput dev = http_stage("dev");
    dev.auto_deploy = true;
    dev.variables = {{"alias", "live"}};
    HttpStage stage = store.create_stage(api.id, dev);
    CHECK_FALSE(stage.deployment_id);  // nothing to deploy yet
    CHECK_FALSE(store.deployed_stage(api.id, "dev"));

    CHECK(error_of([&] { store.create_route(api.id, route_to("FETCH /x")); }) ==
          "BadRequestException: Invalid route key specified: FETCH /x");
    Route route = store.create_route(api.id, route_to("GET /items/{id}", "integrations/" + integration.id));
    CHECK(error_of([&] { store.create_route(api.id, route_to("GET /items/{id}")); }) ==
          "ConflictException: Route with key GET /items/{id} already exists for this API");
    auto deployed = store.deployed_stage(api.id, "dev");
    REQUIRE(deployed);
    CHECK(deployed->variables.at("alias") == "live");
    CHECK(deployed->snapshot->routes.size() == 1);
    CHECK(
        store.get_stage(api.id, "dev")
            .last_deployment_status_message->starts_with("Successfully deployed stage with deployment ID '"));

    // A stage without AutoDeploy serves only what was deployed to it.
    store.create_stage(api.id, http_stage("manual"));
    CHECK_FALSE(store.deployed_stage(api.id, "manual"));
    store.create_deployment(api.id, std::string("manual"), std::nullopt);
    store.delete_route(api.id, route.id);
    CHECK(store.deployed_stage(api.id, "manual")->snapshot->routes.size() == 1);
    CHECK(store.deployed_stage(api.id, "dev")->snapshot->routes.empty() ==
          false);  // no routes: not redeployed
    CHECK(error_of([&] { store.create_deployment(api.id, std::nullopt, std::nullopt); }) ==
          "BadRequestException: Unable to deploy API because no routes exist in this API");
    CHECK(error_of([&] { store.get_route(api.id, route.id); }) ==
          "NotFoundException: Invalid Route identifier specified " + route.id);
    store.delete_stage(api.id, "manual");
    CHECK(error_of([&] { store.delete_stage(api.id, "manual"); }) ==
          "NotFoundException: Invalid stage identifier specified manual");
}
