// RestApiStore: deployments and stages.

#include <algorithm>

#include "emulator/core/text.hpp"
#include "sources/apigateway/ids.hpp"
#include "sources/apigateway/rest_api_state.hpp"
#include "sources/apigateway/stage_variables.hpp"

namespace lemu::sources::apigateway {
namespace {

// The list AWS prints for an unsupported UpdateStage path (LS-APIGW test_create_update_stages).
constexpr std::string_view kStagePatchPaths =
    "[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, "
    "/accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, "
    "/{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, "
    "/{resourcePath}/{httpMethod}/logging/loglevel, "
    "/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/"
    "{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, "
    "/{resourcePath}/{httpMethod}/caching/dataEncrypted, "
    "/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, "
    "/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, "
    "/*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit "
    "/*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, "
    "/*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, "
    "/variables/{variable_name}, /tracingEnabled]";

void validate_stage_name(const std::string& name) {
    bool ok = !name.empty() && std::all_of(name.begin(), name.end(),
                                           [](char c) { return is_alnum(c) || c == '_' || c == '-'; });
    if (!ok) {
        throw AwsError(ErrorCode::BadRequest, "Stage name only allows a-zA-Z0-9_-");
    }
}

// Every method must have an integration, and there must be at least one method.
void check_deployable(const RestApiStore::ApiState& state) {
    bool any_method = false;
    for (const auto& [id, resource] : state.resources) {
        for (const auto& [name, method] : resource.methods) {
            any_method = true;
            if (!method.integration) {
                throw AwsError(ErrorCode::BadRequest, "No integration defined for method");
            }
        }
    }
    if (!any_method) {
        throw AwsError(ErrorCode::BadRequest, "The REST API doesn't contain any methods");
    }
}

ResourceTreePtr snapshot(const RestApiStore::ApiState& state) {
    auto tree = std::make_shared<ResourceTree>();
    for (const auto& [id, resource] : state.resources) {
        tree->push_back(resource);
    }
    std::sort(tree->begin(), tree->end(),
              [](const Resource& a, const Resource& b) { return a.path < b.path; });
    return tree;
}

bool parse_bool(const std::optional<std::string>& value) {
    return value && iequals(*value, "true");
}

void apply_patch(Stage& stage, const PatchOperation& op, const RestApiStore::ApiState& state) {
    constexpr std::string_view kVariables = "/variables/";
    if (op.path.starts_with(kVariables)) {
        std::string name = op.path.substr(kVariables.size());
        if (op.op == "remove") {
            stage.variables.erase(name);
        } else if (op.op == "add" || op.op == "replace") {
            std::map<std::string, std::string> one{{name, op.value.value_or("")}};
            validate_stage_variables(one);
            stage.variables[name] = *op.value;
        } else {
            throw AwsError(ErrorCode::BadRequest,
                           "Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
        }
        return;
    }
    bool known = op.path == "/description" || op.path == "/deploymentId" || op.path == "/tracingEnabled" ||
                 op.path == "/cacheClusterEnabled" || op.path == "/cacheClusterSize";
    if (!known) {
        throw AwsError(ErrorCode::BadRequest, "Invalid method setting path: " + op.path +
                                                  ". Must be one of: " + std::string(kStagePatchPaths));
    }
    if (op.op != "replace") {
        throw AwsError(ErrorCode::BadRequest, "Invalid patch operation specified. Must be one of: [replace]");
    }
    if (op.path == "/description") {
        stage.description = op.value;
    } else if (op.path == "/deploymentId") {
        if (!op.value || !state.deployments.contains(*op.value)) {
            throw rest_errors::deployment_not_found();
        }
        stage.deployment_id = *op.value;
    } else if (op.path == "/tracingEnabled") {
        stage.tracing_enabled = parse_bool(op.value);
    } else if (op.path == "/cacheClusterEnabled") {
        stage.cache_cluster_enabled = parse_bool(op.value);
    } else {
        stage.cache_cluster_size = op.value;
    }
}

}  // namespace

Deployment RestApiStore::create_deployment(const std::string& api_id, const DeploymentInput& input) {
    if (input.stage_name) {
        validate_stage_name(*input.stage_name);
    }
    if (input.variables) {
        validate_stage_variables(*input.variables);
    }
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    check_deployable(state);
    Deployment deployment;
    do {
        deployment.id = random_id(random_, kDeploymentIdLength);
    } while (state.deployments.contains(deployment.id));
    deployment.description = input.description;
    deployment.created = clock_.now();
    deployment.resources = snapshot(state);
    state.deployments[deployment.id] = deployment;
    if (input.stage_name) {
        auto [it, created] = state.stages.try_emplace(*input.stage_name);
        Stage& stage = it->second;
        if (created) {
            stage.name = *input.stage_name;
            stage.description = input.stage_description;
            stage.tracing_enabled = input.tracing_enabled;
            stage.created = deployment.created;
        }
        if (input.variables) {
            stage.variables = *input.variables;
        }
        stage.deployment_id = deployment.id;
        stage.last_updated = deployment.created;
    }
    return deployment;
}

std::vector<Deployment> RestApiStore::list_deployments(const std::string& api_id) const {
    std::vector<Deployment> out;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, deployment] : api_state(api_id).deployments) {
            out.push_back(deployment);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Deployment& a, const Deployment& b) { return a.created < b.created; });
    return out;
}

Deployment RestApiStore::get_deployment(const std::string& api_id, const std::string& deployment_id) const {
    std::lock_guard lock(mutex_);
    const ApiState& state = api_state(api_id);
    auto it = state.deployments.find(deployment_id);
    if (it == state.deployments.end()) {
        throw rest_errors::deployment_not_found();
    }
    return it->second;
}

void RestApiStore::delete_deployment(const std::string& api_id, const std::string& deployment_id) {
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    if (!state.deployments.contains(deployment_id)) {
        throw rest_errors::deployment_not_found();
    }
    for (const auto& [name, stage] : state.stages) {
        if (stage.deployment_id == deployment_id) {
            throw AwsError(ErrorCode::BadRequest,
                           "Active stages pointing to this deployment must be moved or deleted");
        }
    }
    state.deployments.erase(deployment_id);
}

Stage RestApiStore::create_stage(const std::string& api_id, const StageInput& input) {
    validate_stage_name(input.name);
    if (input.variables) {
        validate_stage_variables(*input.variables);
    }
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    if (!state.deployments.contains(input.deployment_id)) {
        throw rest_errors::deployment_not_found();
    }
    if (state.stages.contains(input.name)) {
        throw AwsError(ErrorCode::Conflict, "Stage already exists");
    }
    Stage stage;
    stage.name = input.name;
    stage.deployment_id = input.deployment_id;
    stage.description = input.description;
    stage.variables = input.variables.value_or(std::map<std::string, std::string>{});
    stage.tracing_enabled = input.tracing_enabled;
    stage.cache_cluster_enabled = input.cache_cluster_enabled;
    stage.cache_cluster_size = input.cache_cluster_size;
    stage.tags = input.tags;
    stage.created = clock_.now();
    stage.last_updated = stage.created;
    state.stages[stage.name] = stage;
    return stage;
}

Stage RestApiStore::get_stage(const std::string& api_id, const std::string& stage_name) const {
    std::lock_guard lock(mutex_);
    const ApiState& state = api_state(api_id);
    auto it = state.stages.find(stage_name);
    if (it == state.stages.end()) {
        throw rest_errors::stage_not_found();
    }
    return it->second;
}

std::vector<Stage> RestApiStore::list_stages(const std::string& api_id,
                                             const std::optional<std::string>& deployment_id) const {
    std::vector<Stage> out;
    std::lock_guard lock(mutex_);
    for (const auto& [name, stage] : api_state(api_id).stages) {
        if (!deployment_id || stage.deployment_id == *deployment_id) {
            out.push_back(stage);
        }
    }
    return out;
}

Stage RestApiStore::update_stage(const std::string& api_id, const std::string& stage_name,
                                 const std::vector<PatchOperation>& operations) {
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    auto it = state.stages.find(stage_name);
    if (it == state.stages.end()) {
        throw rest_errors::stage_not_found();
    }
    // All or nothing: patch a copy, commit only when every operation applied.
    Stage updated = it->second;
    for (const PatchOperation& op : operations) {
        apply_patch(updated, op, state);
    }
    updated.last_updated = clock_.now();
    it->second = updated;
    return updated;
}

void RestApiStore::delete_stage(const std::string& api_id, const std::string& stage_name) {
    std::lock_guard lock(mutex_);
    ApiState& state = api_state(api_id);
    if (state.stages.erase(stage_name) == 0) {
        throw rest_errors::stage_not_found();
    }
}

}  // namespace lemu::sources::apigateway
