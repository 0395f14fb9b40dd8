#pragma once
// HttpApiStore's per-API state and the error texts its operations share. Internal to the store's
// .cpp files.

#include <map>
#include <string>
#include <vector>

#include "emulator/core/aws_error.hpp"
#include "sources/apigateway/http_api.hpp"
#include "sources/apigateway/http_api_store.hpp"

namespace lemu::sources::apigateway {

struct HttpApiStore::ApiState {
    HttpApi api;
    std::map<std::string, HttpIntegration> integrations;
    std::vector<Route> routes;  // creation order
    std::map<std::string, HttpStage> stages;
    std::map<std::string, HttpDeployment> deployments;
};

// Only the API's message is confirmed on AWS (GH aws/aws-sam-cli#7030, sst#5059); the others follow
// the same "Invalid X identifier specified ID" form (unverified, sources.md §9).
namespace http_errors {

inline AwsError integration_not_found(const std::string& id) {
    return AwsError(ErrorCode::NotFound, "Invalid Integration identifier specified " + id);
}
inline AwsError route_not_found(const std::string& id) {
    return AwsError(ErrorCode::NotFound, "Invalid Route identifier specified " + id);
}
inline AwsError stage_not_found(const std::string& name) {
    return AwsError(ErrorCode::NotFound, "Invalid stage identifier specified " + name);
}
inline AwsError deployment_not_found(const std::string& id) {
    return AwsError(ErrorCode::NotFound, "Invalid Deployment identifier specified " + id);
}

}  // namespace http_errors
}  // namespace lemu::sources::apigateway
