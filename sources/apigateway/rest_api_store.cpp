#include "sources/apigateway/rest_api_store.hpp"

#include <algorithm>

#include "emulator/core/text.hpp"
#include "sources/apigateway/ids.hpp"
#include "sources/apigateway/path_template.hpp"
#include "sources/apigateway/rest_api_state.hpp"

namespace lemu::sources::apigateway {
namespace {

constexpr std::int64_t kMaxCompressionSize = 10485760;

bool is_path_part_char(char c) {
    return is_alnum(c) || c == '.' || c == '_' || c == '-';
}

// a-zA-Z0-9._- , or the same wrapped in braces with an optional '+' before the closing brace.
bool valid_path_part(std::string_view part) {
    if (part.size() >= 3 && part.front() == '{' && part.back() == '}') {
        part = part.substr(1, part.size() - 2);
        if (part.ends_with('+')) {
            part.remove_suffix(1);
        }
    }
    return !part.empty() && std::all_of(part.begin(), part.end(), is_path_part_char);
}

bool is_variable(std::string_view part) {
    return !variable_name(part).empty();
}

void validate_api_input(const RestApiInput& input) {
    if (input.description && input.description->empty()) {
        throw AwsError(ErrorCode::BadRequest, "Description cannot be an empty string");
    }
    if (input.minimum_compression_size &&
        (*input.minimum_compression_size < 0 || *input.minimum_compression_size > kMaxCompressionSize)) {
        throw AwsError(ErrorCode::BadRequest,
                       "Invalid minimum compression size, must be between 0 and 10485760");
    }
    if (input.endpoint_types_given && input.endpoint_types.empty()) {
        throw AwsError(ErrorCode::BadRequest,
                       "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.");
    }
    if (input.endpoint_types.size() > 1) {
        throw AwsError(ErrorCode::BadRequest, "Cannot create an api with multiple Endpoint Types.");
    }
    bool is_private = !input.endpoint_types.empty() && input.endpoint_types.front() == "PRIVATE";
    if (is_private && input.ip_address_type == "ipv4") {
        throw AwsError(ErrorCode::BadRequest, "Only dualstack ipAddressType is supported for Private APIs.");
    }
}

}  // namespace

RestApiStore::RestApiStore(AccountRegion home, Clock& clock, Random& random)
    : home_(std::move(home)), clock_(clock), random_(random) {}

RestApiStore::~RestApiStore() = default;

RestApiStore::ApiState& RestApiStore::api_state(const std::string& api_id) {
    auto it = apis_.find(api_id);
    if (it == apis_.end()) {
        throw rest_errors::api_not_found(home_.account, api_id);
    }
    return *it->second;
}

const RestApiStore::ApiState& RestApiStore::api_state(const std::string& api_id) const {
    auto it = apis_.find(api_id);
    if (it == apis_.end()) {
        throw rest_errors::api_not_found(home_.account, api_id);
    }
    return *it->second;
}

RestApi RestApiStore::create_api(const RestApiInput& input) {
    validate_api_input(input);
    auto state = std::make_unique<ApiState>();
    RestApi& api = state->api;
    api.name = input.name;
    api.description = input.description;
    api.version = input.version;
    api.created = clock_.now();
    api.binary_media_types = input.binary_media_types;
    api.minimum_compression_size = input.minimum_compression_size;
    api.api_key_source = input.api_key_source;
    api.endpoint_type = input.endpoint_types.empty() ? "EDGE" : input.endpoint_types.front();
    api.ip_address_type =
        input.ip_address_type.value_or(api.endpoint_type == "PRIVATE" ? "dualstack" : "ipv4");
    api.disable_execute_api_endpoint = input.disable_execute_api_endpoint;
    api.tags = input.tags;
    api.policy = input.policy;

    std::lock_guard lock(mutex_);
    do {
        api.id = random_id(random_, kApiIdLength);
    } while (apis_.contains(api.id));
    api.root_resource_id = random_id(random_, kResourceIdLength);
    api.sequence = next_sequence_++;
    state->resources[api.root_resource_id] = Resource{api.root_resource_id, std::nullopt, "", "/", {}};
    RestApi copy = api;
    apis_[api.id] = std::move(state);
    return copy;
}

RestApi RestApiStore::get_api(const std::string& api_id) const {
    std::lock_guard lock(mutex_);
    return api_state(api_id).api;
}

std::vector<RestApi> RestApiStore::list_apis() const {
    std::vector<RestApi> out;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, state] : apis_) {
            out.push_back(state->api);
        }
    }
    std::sort(out.begin(), out.end(),
              [](const RestApi& a, const RestApi& b) { return a.sequence < b.sequence; });
    return out;
}

void RestApiStore::delete_api(const std::string& api_id) {
    std::lock_guard lock(mutex_);
    api_state(api_id);
    apis_.erase(api_id);
}

bool RestApiStore::has_api(const std::string& api_id) const {
    std::lock_guard lock(mutex_);
    return apis_.contains(api_id);
}

std::vector<Resource> RestApiStore::list_resources(const std::string& api_id) const {
    std::vector<Resource> out;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, resource] : api_state(api_id).resources) {
            out.push_back(resource);
        }
    }
    std::sort(out.begin(), out.end(), [](const Resource& a, const Resource& b) { return a.path < b.path; });
    return out;
}

Resource RestApiStore::get_resource(const std::string& api_id, const std::string& resource_id) const {
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    if (api == apis_.end()) {
        throw rest_errors::resource_not_found();
    }
    auto it = api->second->resources.find(resource_id);
    if (it == api->second->resources.end()) {
        throw rest_errors::resource_not_found();
    }
    return it->second;
}

Resource RestApiStore::create_resource(const std::string& api_id, const std::string& parent_id,
                                       const std::string& path_part) {
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    if (api == apis_.end()) {
        throw rest_errors::resource_not_found();
    }
    auto& resources = api->second->resources;
    auto parent = resources.find(parent_id);
    if (parent == resources.end()) {
        throw rest_errors::resource_not_found();
    }
    if (!valid_path_part(path_part)) {
        throw AwsError(
            ErrorCode::BadRequest,
            "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end "
            "and an optional plus sign before the closing brace.");
    }
    if (is_greedy(parent->second.path_part)) {
        throw AwsError(
            ErrorCode::BadRequest,
            "Cannot create a child of a resource with a greedy path variable: " + parent->second.path_part);
    }
    for (const auto& [id, sibling] : resources) {
        if (sibling.parent_id != parent_id) {
            continue;
        }
        if (sibling.path_part == path_part) {
            throw AwsError(ErrorCode::Conflict,
                           "Another resource with the same parent already has this name: " + path_part);
        }
        if (is_variable(path_part) && is_variable(sibling.path_part)) {
            throw AwsError(ErrorCode::BadRequest,
                           "A sibling (" + sibling.path_part +
                               ") of this resource already has a variable path part -- only "
                               "one is allowed");
        }
    }
    Resource resource;
    do {
        resource.id = random_id(random_, kResourceIdLength);
    } while (resources.contains(resource.id));
    resource.parent_id = parent_id;
    resource.path_part = path_part;
    resource.path = (parent->second.path == "/" ? "" : parent->second.path) + "/" + path_part;
    resources[resource.id] = resource;
    return resource;
}

void RestApiStore::delete_resource(const std::string& api_id, const std::string& resource_id) {
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    if (api == apis_.end()) {
        throw rest_errors::resource_not_found();
    }
    auto& resources = api->second->resources;
    auto it = resources.find(resource_id);
    if (it == resources.end()) {
        throw rest_errors::resource_not_found();
    }
    if (!it->second.parent_id) {
        throw AwsError(ErrorCode::BadRequest, "Cannot delete root resource");
    }
    // Children go with their parent: collect the subtree by path prefix.
    std::string prefix = it->second.path + "/";
    std::erase_if(resources, [&](const auto& entry) {
        return entry.first == resource_id || entry.second.path.starts_with(prefix);
    });
}

std::optional<DeployedRestStage> RestApiStore::deployed_stage(const std::string& api_id,
                                                              const std::string& stage_name) const {
    std::lock_guard lock(mutex_);
    auto api = apis_.find(api_id);
    if (api == apis_.end()) {
        return std::nullopt;
    }
    auto stage = api->second->stages.find(stage_name);
    if (stage == api->second->stages.end()) {
        return std::nullopt;
    }
    auto deployment = api->second->deployments.find(stage->second.deployment_id);
    if (deployment == api->second->deployments.end()) {
        return std::nullopt;
    }
    return DeployedRestStage{api_id,
                             stage_name,
                             deployment->first,
                             stage->second.variables,
                             api->second->api.binary_media_types,
                             deployment->second.resources};
}

}  // namespace lemu::sources::apigateway
