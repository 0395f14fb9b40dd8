#include "sources/apigateway/path_template.hpp"

#include <algorithm>

#include "sources/apigateway/url_text.hpp"

namespace lemu::sources::apigateway {

std::string_view variable_name(std::string_view segment) {
    if (segment.size() < 3 || segment.front() != '{' || segment.back() != '}') {
        return {};
    }
    std::string_view inner = segment.substr(1, segment.size() - 2);
    if (inner.ends_with('+')) {
        inner.remove_suffix(1);
    }
    return inner;
}

bool is_greedy(std::string_view segment) {
    return segment.size() > 3 && segment.front() == '{' && segment.ends_with("+}");
}

std::optional<PathMatch> match_path_template(std::string_view path_template, std::string_view raw_path) {
    std::vector<std::string_view> wanted = path_segments(path_template);
    std::vector<std::string_view> actual = path_segments(raw_path);
    PathMatch match;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        std::string_view segment = wanted[i];
        if (is_greedy(segment)) {
            if (i + 1 != wanted.size() || i >= actual.size()) {
                return std::nullopt;
            }
            std::string rest;
            for (std::size_t j = i; j < actual.size(); ++j) {
                rest += (j > i ? "/" : "") + url_decode(actual[j], false);
            }
            match.parameters[std::string(variable_name(segment))] = std::move(rest);
            match.specificity.push_back(0);
            return match;
        }
        if (i >= actual.size()) {
            return std::nullopt;
        }
        std::string_view name = variable_name(segment);
        if (!name.empty()) {
            if (actual[i].empty()) {
                return std::nullopt;
            }
            match.parameters[std::string(name)] = url_decode(actual[i], false);
            match.specificity.push_back(1);
        } else if (url_decode(actual[i], false) == segment) {
            match.specificity.push_back(2);
        } else {
            return std::nullopt;
        }
    }
    if (wanted.size() != actual.size()) {
        return std::nullopt;
    }
    return match;
}

bool more_specific(const PathMatch& a, const PathMatch& b) {
    return std::lexicographical_compare(b.specificity.begin(), b.specificity.end(), a.specificity.begin(),
                                        a.specificity.end());
}

}  // namespace lemu::sources::apigateway
