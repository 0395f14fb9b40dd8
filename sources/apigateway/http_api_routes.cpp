// HttpApiStore: routes, stages and deployments.

#include <fmt/format.h>

#include <algorithm>

#include "sources/apigateway/http_api_state.hpp"
#include "sources/apigateway/ids.hpp"
#include "sources/apigateway/stage_variables.hpp"

namespace lemu::sources::apigateway {
namespace {

constexpr std::string_view kIntegrationsPrefix = "integrations/";

void validate_target(const HttpApiStore::ApiState& state, const std::optional<std::string>& target) {
    if (!target) {
        return;
    }
    bool ok = target->starts_with(kIntegrationsPrefix) &&
              state.integrations.contains(target->substr(kIntegrationsPrefix.size()));
    if (!ok) {
        throw AwsError(ErrorCode::BadRequest,
                       "Invalid integration id specified in the route target: " + *target);
    }
}

HttpApiSnapshotPtr snapshot(const HttpApiStore::ApiState& state) {
    auto copy = std::make_shared<HttpApiSnapshot>();
    copy->routes = state.routes;
    copy->integrations = state.integrations;
    return copy;
}

}  // namespace

HttpDeployment& HttpApiStore::new_deployment(ApiState& state, std::optional<std::string> description,
                                             bool auto_deployed) {
    HttpDeployment deployment;
    do {
        deployment.id = random_id(random_, kDeploymentIdLength);
    } while (state.deployments.contains(deployment.id));
    deployment.description = std::move(description);
    deployment.created = clock_.now();
    deployment.auto_deployed = auto_deployed;
    deployment.snapshot = snapshot(state);
    auto [it, inserted] = state.deployments.emplace(deployment.id, deployment);
    return it->second;
}

void HttpApiStore::auto_deploy(ApiState& state) {
    if (state.routes.empty()) {
        return;
    }
    for (auto& [name, stage] : state.stages) {
        if (!stage.auto_deploy) {
            continue;
        }
        HttpDeployment& deployment = new_deployment(state, std::nullopt, true);
        stage.deployment_id = deployment.id;
        stage.last_deployment_status_message =
            fmt::format("Successfully deployed stage with deployment ID '{}'", deployment.id);
        stage.last_updated = deployment.created;
    }
}

Route HttpApiStore::create_route(const std::string& api_id, const RouteInput& input) {
    if (!valid_route_key(input.route_key)) {
        throw AwsError(ErrorCode::BadRequest, "Invalid route key specified: " + input.route_key);
    }
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    validate_target(state, input.target);
    for (const Route& existing : state.routes) {
        if (existing.route_key == input.route_key) {
            throw AwsError(ErrorCode::Conflict,
                           "Route with key " + input.route_key + " already exists for this API");
        }
    }
    Route route;
    route.id = random_id(random_, kRouteIdLength);
    route.route_key = input.route_key;
    route.target = input.target;
    route.authorization_type = input.authorization_type.value_or("NONE");
    route.api_key_required = input.api_key_required;
    route.operation_name = input.operation_name;
    state.routes.push_back(route);
    auto_deploy(state);
    return route;
}

Route HttpApiStore::get_route(const std::string& api_id, const std::string& route_id) const {
    std::lock_guard lock(mutex_);
    for (const Route& route : api_state(api_id).routes) {
        if (route.id == route_id) {
            return route;
        }
    }
    throw http_errors::route_not_found(route_id);
}

std::vector<Route> HttpApiStore::list_routes(const std::string& api_id) const {
    std::lock_guard lock(mutex_);
    return api_state(api_id).routes;
}

void HttpApiStore::delete_route(const std::string& api_id, const std::string& route_id) {
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    if (std::erase_if(state.routes, [&](const Route& r) { return r.id == route_id; }) == 0) {
        throw http_errors::route_not_found(route_id);
    }
    auto_deploy(state);
}

HttpStage HttpApiStore::create_stage(const std::string& api_id, const HttpStageInput& input) {
    validate_stage_variables(input.variables);
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    if (state.stages.contains(input.name)) {
        throw AwsError(ErrorCode::Conflict, "Stage already exists");
    }
    if (input.deployment_id && !state.deployments.contains(*input.deployment_id)) {
        throw http_errors::deployment_not_found(*input.deployment_id);
    }
    HttpStage stage;
    stage.name = input.name;
    stage.auto_deploy = input.auto_deploy;
    stage.deployment_id = input.deployment_id;
    stage.description = input.description;
    stage.variables = input.variables;
    stage.tags = input.tags;
    stage.created = clock_.now();
    stage.last_updated = stage.created;
    if (stage.auto_deploy && !state.routes.empty()) {
        HttpDeployment& deployment = new_deployment(state, std::nullopt, true);
        stage.deployment_id = deployment.id;
        stage.last_deployment_status_message =
            fmt::format("Successfully deployed stage with deployment ID '{}'", deployment.id);
    }
    state.stages[stage.name] = stage;
    return stage;
}

HttpStage HttpApiStore::get_stage(const std::string& api_id, const std::string& stage_name) const {
    std::lock_guard lock(mutex_);
    const ApiState& state = api_state(api_id);
    auto it = state.stages.find(stage_name);
    if (it == state.stages.end()) {
        throw http_errors::stage_not_found(stage_name);
    }
    return it->second;
}

std::vector<HttpStage> HttpApiStore::list_stages(const std::string& api_id) const {
    std::vector<HttpStage> out;
    std::lock_guard lock(mutex_);
    for (const auto& [name, stage] : api_state(api_id).stages) {
        out.push_back(stage);
    }
    return out;
}

HttpStage HttpApiStore::update_stage(const std::string& api_id, const std::string& stage_name,
                                     const HttpStageUpdate& update) {
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    auto it = state.stages.find(stage_name);
    if (it == state.stages.end()) {
        throw http_errors::stage_not_found(stage_name);
    }
    HttpStage stage = it->second;
    if (update.deployment_id) {
        if (!state.deployments.contains(*update.deployment_id)) {
            throw http_errors::deployment_not_found(*update.deployment_id);
        }
        stage.deployment_id = update.deployment_id;
    }
    if (update.variables) {
        std::map<std::string, std::string> kept;
        for (const auto& [name, value] : *update.variables) {
            if (!value.empty()) {
                kept[name] = value;
            }
        }
        validate_stage_variables(kept);
        for (const auto& [name, value] : *update.variables) {
            if (value.empty()) {
                stage.variables.erase(name);
            } else {
                stage.variables[name] = value;
            }
        }
    }
    if (update.description) {
        stage.description = update.description;
    }
    if (update.auto_deploy) {
        stage.auto_deploy = *update.auto_deploy;
    }
    stage.last_updated = clock_.now();
    it->second = stage;
    return stage;
}

void HttpApiStore::delete_stage(const std::string& api_id, const std::string& stage_name) {
    std::lock_guard lock(mutex_);
    if (api_state(api_id).stages.erase(stage_name) == 0) {
        throw http_errors::stage_not_found(stage_name);
    }
}

HttpDeployment HttpApiStore::create_deployment(const std::string& api_id,
                                               const std::optional<std::string>& stage_name,
                                               const std::optional<std::string>& description) {
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    HttpStage* stage = nullptr;
    if (stage_name) {
        auto it = state.stages.find(*stage_name);
        if (it == state.stages.end()) {
            throw http_errors::stage_not_found(*stage_name);
        }
        stage = &it->second;
    }
    if (state.routes.empty()) {
        throw AwsError(ErrorCode::BadRequest, "Unable to deploy API because no routes exist in this API");
    }
    HttpDeployment& deployment = new_deployment(state, description, false);
    if (stage != nullptr) {
        stage->deployment_id = deployment.id;
        stage->last_updated = deployment.created;
    }
    return deployment;
}

std::vector<HttpDeployment> HttpApiStore::list_deployments(const std::string& api_id) const {
    std::vector<HttpDeployment> out;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, deployment] : api_state(api_id).deployments) {
            out.push_back(deployment);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const HttpDeployment& a, const HttpDeployment& b) { return a.created < b.created; });
    return out;
}

std::optional<DeployedHttpStage> HttpApiStore::deployed_stage(const std::string& api_id,
                                                              const std::string& stage_name) const {
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    if (api == apis_.end()) {
        return std::nullopt;
    }
    auto stage = api->second->stages.find(stage_name);
    if (stage == api->second->stages.end() || !stage->second.deployment_id) {
        return std::nullopt;
    }
    auto deployment = api->second->deployments.find(*stage->second.deployment_id);
    if (deployment == api->second->deployments.end()) {
        return std::nullopt;
    }
    return DeployedHttpStage{api_id, stage_name, stage->second.variables, deployment->second.snapshot};
}

}  // namespace lemu::sources::apigateway
