#include "sources/apigateway/resource_matcher.hpp"

#include "sources/apigateway/path_template.hpp"

namespace lemu::sources::apigateway {

std::optional<ResourceMatch> match_resource(const ResourceTree& resources, std::string_view http_method,
                                            std::string_view raw_path) {
    std::optional<ResourceMatch> best;
    std::optional<PathMatch> best_path;
    for (const Resource& resource : resources) {
        auto exact = resource.methods.find(std::string(http_method));
        auto any = resource.methods.find(std::string(kAnyMethod));
        const Method* method = exact != resource.methods.end() ? &exact->second
                               : any != resource.methods.end() ? &any->second
                                                               : nullptr;
        if (method == nullptr) {
            continue;
        }
        std::optional<PathMatch> path = match_path_template(resource.path, raw_path);
        if (!path || (best_path && !more_specific(*path, *best_path))) {
            continue;
        }
        best = ResourceMatch{&resource, method, path->parameters};
        best_path = std::move(path);
    }
    return best;
}

}  // namespace lemu::sources::apigateway
