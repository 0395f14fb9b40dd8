#pragma once
// The REST API control plane (API Gateway v1): APIs, resources, methods, integrations,
// deployments and stages, with the validation and error texts API Gateway uses (sources.md §5.A).
// Thread-safe: one mutex, held only for in-memory work; readers get copies.
//
// Deployments are immutable snapshots of the resource tree; the data plane serves a stage from the
// snapshot of the deployment the stage points to (deployed_stage()), never from the live tree.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/account_region.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "sources/apigateway/rest_api.hpp"

namespace lemu::sources::apigateway {

class RestApiStore {
  public:
    RestApiStore(AccountRegion home, Clock& clock, Random& random);
    ~RestApiStore();
    RestApiStore(const RestApiStore&) = delete;
    RestApiStore& operator=(const RestApiStore&) = delete;

    const AccountRegion& home() const { return home_; }

    // APIs
    RestApi create_api(const RestApiInput& input);
    RestApi get_api(const std::string& api_id) const;
    std::vector<RestApi> list_apis() const;
    void delete_api(const std::string& api_id);

    // Resources
    std::vector<Resource> list_resources(const std::string& api_id) const;
    Resource get_resource(const std::string& api_id, const std::string& resource_id) const;
    Resource create_resource(const std::string& api_id, const std::string& parent_id,
                             const std::string& path_part);
    void delete_resource(const std::string& api_id, const std::string& resource_id);

    // Methods, integrations and their responses
    Method put_method(const std::string& api_id, const std::string& resource_id,
                      const std::string& http_method, const MethodInput& input);
    Method get_method(const std::string& api_id, const std::string& resource_id,
                      const std::string& http_method) const;
    void delete_method(const std::string& api_id, const std::string& resource_id,
                       const std::string& http_method);
    Integration put_integration(const std::string& api_id, const std::string& resource_id,
                                const std::string& http_method, const IntegrationInput& input);
    Integration get_integration(const std::string& api_id, const std::string& resource_id,
                                const std::string& http_method) const;
    void delete_integration(const std::string& api_id, const std::string& resource_id,
                            const std::string& http_method);
    MethodResponse put_method_response(const std::string& api_id, const std::string& resource_id,
                                       const std::string& http_method, const MethodResponse& response);
    MethodResponse get_method_response(const std::string& api_id, const std::string& resource_id,
                                       const std::string& http_method, const std::string& status_code) const;
    IntegrationResponse put_integration_response(const std::string& api_id, const std::string& resource_id,
                                                 const std::string& http_method,
                                                 const IntegrationResponse& response);
    IntegrationResponse get_integration_response(const std::string& api_id, const std::string& resource_id,
                                                 const std::string& http_method,
                                                 const std::string& status_code) const;

    // Deployments
    Deployment create_deployment(const std::string& api_id, const DeploymentInput& input);
    std::vector<Deployment> list_deployments(const std::string& api_id) const;
    Deployment get_deployment(const std::string& api_id, const std::string& deployment_id) const;
    void delete_deployment(const std::string& api_id, const std::string& deployment_id);

    // Stages
    Stage create_stage(const std::string& api_id, const StageInput& input);
    Stage get_stage(const std::string& api_id, const std::string& stage_name) const;
    std::vector<Stage> list_stages(const std::string& api_id,
                                   const std::optional<std::string>& deployment_id) const;
    Stage update_stage(const std::string& api_id, const std::string& stage_name,
                       const std::vector<PatchOperation>& operations);
    void delete_stage(const std::string& api_id, const std::string& stage_name);

    // Data plane: the stage as deployed; nullopt when the API or the stage does not exist.
    std::optional<DeployedRestStage> deployed_stage(const std::string& api_id,
                                                    const std::string& stage_name) const;
    bool has_api(const std::string& api_id) const;

    struct ApiState;  // defined in rest_api_state.hpp

  private:
    ApiState& api_state(const std::string& api_id);
    const ApiState& api_state(const std::string& api_id) const;

    AccountRegion home_;
    Clock& clock_;
    Random& random_;
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<ApiState>> apis_;
    std::uint64_t next_sequence_ = 1;
};

}  // namespace lemu::sources::apigateway
