#pragma once
// The service name in a SigV4 credential scope (AKID/DATE/REGION/SERVICE/aws4_request), read from
// the Authorization header or a presigned X-Amz-Credential parameter. Routing by scope keeps the
// API Gateway routers off other services' requests (LocalStack's service_router does the same).

#include <optional>
#include <string>

#include "routers/http/request.hpp"

namespace lemu::routers::apigateway {

std::optional<std::string> sigv4_service(const http::Request& head);

}  // namespace lemu::routers::apigateway
