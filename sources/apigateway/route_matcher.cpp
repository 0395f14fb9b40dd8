#include "sources/apigateway/route_matcher.hpp"

#include "sources/apigateway/path_template.hpp"

namespace lemu::sources::apigateway {

std::optional<RouteMatch> match_route(const std::vector<Route>& routes, std::string_view http_method,
                                      std::string_view raw_path) {
    const Route* fallback = nullptr;
    std::optional<RouteMatch> best;
    std::optional<PathMatch> best_path;
    bool best_exact = false;
    for (const Route& route : routes) {
        if (route.route_key == kDefaultRouteKey) {
            fallback = &route;
            continue;
        }
        std::size_t space = route.route_key.find(' ');
        std::string_view method = std::string_view(route.route_key).substr(0, space);
        bool exact = method == http_method;
        if (!exact && method != "ANY") {
            continue;
        }
        std::optional<PathMatch> path =
            match_path_template(std::string_view(route.route_key).substr(space + 1), raw_path);
        if (!path) {
            continue;
        }
        if (best_path) {
            bool better = more_specific(*path, *best_path) ||
                          (!more_specific(*best_path, *path) && exact && !best_exact);
            if (!better) {
                continue;
            }
        }
        best = RouteMatch{&route, path->parameters};
        best_path = std::move(path);
        best_exact = exact;
    }
    if (!best && fallback != nullptr) {
        best = RouteMatch{fallback, {}};
    }
    return best;
}

}  // namespace lemu::sources::apigateway
