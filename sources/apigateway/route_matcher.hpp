#pragma once
// HTTP API request routing (API Gateway developer guide, "Working with routes for HTTP APIs"):
// the most specific path wins (literal > {var} > {var+}, segment by segment); for the same path an
// explicit method beats ANY; `$default` catches whatever no other route matches.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/apigateway/http_api.hpp"

namespace lemu::sources::apigateway {

struct RouteMatch {
    const Route* route = nullptr;
    std::map<std::string, std::string> path_parameters;
};

// nullopt: no route serves the request (API Gateway answers 404 Not Found).
std::optional<RouteMatch> match_route(const std::vector<Route>& routes, std::string_view http_method,
                                      std::string_view raw_path);

}  // namespace lemu::sources::apigateway
