#pragma once
// REST API request routing: the deployed resource and method that serve a request.
//
// Among the resources whose path template fits the request path and that define the request's
// method (or ANY), the most specific wins (literal > {var} > {var+}, segment by segment); on the
// chosen resource an exact method beats ANY. So `OPTIONS /test` goes to `/{proxy+}` when `/test`
// defines only POST (LS-APIGW test_proxy_routing_with_hardcoded_resource_sibling, AWS-validated).

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sources/apigateway/rest_api.hpp"

namespace lemu::sources::apigateway {

struct ResourceMatch {
    const Resource* resource = nullptr;
    const Method* method = nullptr;
    std::map<std::string, std::string> path_parameters;
};

// nullopt: no resource/method serves the request (API Gateway answers 403 Missing Authentication Token).
std::optional<ResourceMatch> match_resource(const ResourceTree& resources, std::string_view http_method,
                                            std::string_view raw_path);

}  // namespace lemu::sources::apigateway
