#pragma once
// Identifiers shaped like API Gateway's: lowercase letters and digits of a fixed length per kind
// (REST API and HTTP API ids and resource ids have 10, deployments 6, HTTP API integrations and
// routes 7).

#include <cstddef>
#include <string>

#include "emulator/core/random.hpp"

namespace lemu::sources::apigateway {

inline constexpr std::size_t kApiIdLength = 10;
inline constexpr std::size_t kResourceIdLength = 10;
inline constexpr std::size_t kDeploymentIdLength = 6;
inline constexpr std::size_t kIntegrationIdLength = 7;
inline constexpr std::size_t kRouteIdLength = 7;

// `length` characters from [a-z0-9].
std::string random_id(Random& random, std::size_t length);

// An x-amz-apigw-id / Apigw-Requestid value: 16 base64 characters ending in '=' (as AWS shows them).
std::string random_gateway_request_id(Random& random);

}  // namespace lemu::sources::apigateway
