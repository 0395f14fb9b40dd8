#pragma once
// Resource and route path templates ("/", "/items", "/items/{id}", "/files/{proxy+}") matched
// against raw request paths, with the specificity order API Gateway uses to pick among several
// matches: per segment, a literal beats a `{variable}`, which beats a greedy `{variable+}`.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lemu::sources::apigateway {

struct PathMatch {
    std::map<std::string, std::string> parameters;  // percent-decoded values
    std::vector<int> specificity;                   // per template segment: 2 literal, 1 variable, 0 greedy
};

// nullopt when the path does not fit the template. A greedy variable takes one or more segments
// and may only be the last template segment; one trailing slash on the request is ignored.
std::optional<PathMatch> match_path_template(std::string_view path_template, std::string_view raw_path);

// True when `a` is the more specific match of the same request path.
bool more_specific(const PathMatch& a, const PathMatch& b);

// "{id}" → "id", "{proxy+}" → "proxy"; empty for a literal segment.
std::string_view variable_name(std::string_view segment);
bool is_greedy(std::string_view segment);

}  // namespace lemu::sources::apigateway
