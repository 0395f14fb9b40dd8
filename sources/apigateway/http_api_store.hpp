#pragma once
// The HTTP API control plane (API Gateway v2): APIs, integrations, routes, stages and deployments.
// Thread-safe: one mutex, held only for in-memory work; readers get copies.
//
// A stage with AutoDeploy gets a new deployment (a snapshot of routes + integrations) after every
// change to the API's routes or integrations, as API Gateway does; other stages serve the
// deployment they point to. A stage without a deployment is not served.

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
#include "sources/apigateway/http_api.hpp"

namespace lemu::sources::apigateway {

struct HttpStageUpdate {
    std::optional<bool> auto_deploy;
    std::optional<std::string> deployment_id;
    std::optional<std::string> description;
    std::optional<std::map<std::string, std::string>> variables;  // merged; an empty value removes
};

class HttpApiStore {
  public:
    HttpApiStore(AccountRegion home, Clock& clock, Random& random);
    ~HttpApiStore();
    HttpApiStore(const HttpApiStore&) = delete;
    HttpApiStore& operator=(const HttpApiStore&) = delete;

    const AccountRegion& home() const { return home_; }

    HttpApi create_api(const HttpApiInput& input);
    HttpApi get_api(const std::string& api_id) const;
    std::vector<HttpApi> list_apis() const;
    void delete_api(const std::string& api_id);

    HttpIntegration create_integration(const std::string& api_id, const HttpIntegrationInput& input);
    HttpIntegration get_integration(const std::string& api_id, const std::string& integration_id) const;
    std::vector<HttpIntegration> list_integrations(const std::string& api_id) const;
    void delete_integration(const std::string& api_id, const std::string& integration_id);

    Route create_route(const std::string& api_id, const RouteInput& input);
    Route get_route(const std::string& api_id, const std::string& route_id) const;
    std::vector<Route> list_routes(const std::string& api_id) const;
    void delete_route(const std::string& api_id, const std::string& route_id);

    HttpStage create_stage(const std::string& api_id, const HttpStageInput& input);
    HttpStage get_stage(const std::string& api_id, const std::string& stage_name) const;
    std::vector<HttpStage> list_stages(const std::string& api_id) const;
    HttpStage update_stage(const std::string& api_id, const std::string& stage_name,
                           const HttpStageUpdate& update);
    void delete_stage(const std::string& api_id, const std::string& stage_name);

    HttpDeployment create_deployment(const std::string& api_id, const std::optional<std::string>& stage_name,
                                     const std::optional<std::string>& description);
    std::vector<HttpDeployment> list_deployments(const std::string& api_id) const;

    // Data plane: the stage as deployed; nullopt when the API, the stage or its deployment is missing.
    std::optional<DeployedHttpStage> deployed_stage(const std::string& api_id,
                                                    const std::string& stage_name) const;
    bool has_api(const std::string& api_id) const;
    bool has_stage(const std::string& api_id, const std::string& stage_name) const;

    struct ApiState;

  private:
    ApiState& api_state(const std::string& api_id);
    const ApiState& api_state(const std::string& api_id) const;
    HttpDeployment& new_deployment(ApiState& state, std::optional<std::string> description,
                                   bool auto_deployed);
    // After a route or integration change: a fresh deployment for every AutoDeploy stage.
    void auto_deploy(ApiState& state);
    // CreateApi with Target: an AWS_PROXY integration, a route to it, an auto-deployed $default stage.
    void quick_create(ApiState& state, const HttpApiInput& input);

    AccountRegion home_;
    Clock& clock_;
    Random& random_;
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<ApiState>> apis_;
    std::uint64_t next_sequence_ = 1;
};

// Route keys: "$default", or "METHOD /path" with METHOD one of GET POST PUT PATCH DELETE HEAD
// OPTIONS ANY and a path of literal, {var} and (last only) {var+} segments.
bool valid_route_key(const std::string& route_key);

}  // namespace lemu::sources::apigateway
