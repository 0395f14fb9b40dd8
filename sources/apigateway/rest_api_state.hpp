#pragma once
// RestApiStore's per-API state and the error texts its operations share. Internal to the store's
// .cpp files.

#include <map>
#include <string>
#include <string_view>

#include "emulator/core/aws_error.hpp"
#include "sources/apigateway/rest_api.hpp"
#include "sources/apigateway/rest_api_store.hpp"

namespace lemu::sources::apigateway {

struct RestApiStore::ApiState {
    RestApi api;
    std::map<std::string, Resource> resources;  // by id
    std::map<std::string, Deployment> deployments;
    std::map<std::string, Stage> stages;
};

namespace rest_errors {

// Recorded on AWS (LS-APIGW test_apigateway_api snapshots).
inline AwsError api_not_found(std::string_view account, std::string_view api_id) {
    return AwsError(ErrorCode::NotFound,
                    "Invalid API identifier specified " + std::string(account) + ":" + std::string(api_id));
}
inline AwsError resource_not_found() {
    return AwsError(ErrorCode::NotFound, "Invalid Resource identifier specified");
}
inline AwsError method_not_found() {
    return AwsError(ErrorCode::NotFound, "Invalid Method identifier specified");
}
inline AwsError integration_not_found() {
    return AwsError(ErrorCode::NotFound, "Invalid Integration identifier specified");
}
inline AwsError response_not_found() {
    return AwsError(ErrorCode::NotFound, "Invalid Response status code specified");
}
inline AwsError stage_not_found() {
    return AwsError(ErrorCode::NotFound, "Invalid stage identifier specified");
}
inline AwsError deployment_not_found() {
    return AwsError(ErrorCode::NotFound, "Invalid Deployment identifier specified");
}

}  // namespace rest_errors
}  // namespace lemu::sources::apigateway
