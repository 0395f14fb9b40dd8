#include "routers/http/route_table.hpp"

#include "emulator/core/text.hpp"
#include "routers/http/url.hpp"

namespace lemu::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    if (path.starts_with('/')) {
        path.remove_prefix(1);
    }
    for (std::string_view part : split(path, '/')) {
        segments.emplace_back(part);
    }
    return segments;
}

bool has_query_pair(std::string_view query, std::string_view pair) {
    for (std::string_view part : split(query, '&')) {
        if (part == pair) {
            return true;
        }
    }
    return false;
}

}  // namespace

RouteTable& RouteTable::add(Route route) {
    Compiled c{std::move(route), {}};
    c.segments = split_path(c.route.pattern);
    routes_.push_back(std::move(c));
    return *this;
}

bool RouteTable::match(const Compiled& c, const Request& request, Request* bind_to) {
    std::vector<std::string> actual = split_path(request.path);
    std::size_t i = 0;
    for (; i < c.segments.size(); ++i) {
        const std::string& pattern = c.segments[i];
        bool is_param = pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}';
        if (is_param && pattern[pattern.size() - 2] == '+') {
            // Greedy: the rest of the path, slashes included (may be empty only if nothing follows).
            if (i >= actual.size()) {
                return false;
            }
            if (bind_to != nullptr) {
                std::string rest;
                for (std::size_t j = i; j < actual.size(); ++j) {
                    rest += (j > i ? "/" : "") + actual[j];
                }
                bind_to->params[pattern.substr(1, pattern.size() - 3)] = percent_decode(rest).value_or(rest);
            }
            return true;
        }
        if (i >= actual.size()) {
            return false;
        }
        if (is_param) {
            if (actual[i].empty()) {
                return false;
            }
            if (bind_to != nullptr) {
                bind_to->params[pattern.substr(1, pattern.size() - 2)] =
                    percent_decode(actual[i]).value_or(actual[i]);
            }
        } else if (pattern != actual[i]) {
            return false;
        }
    }
    return i == actual.size();
}

const RouteTable::Compiled* RouteTable::find_compiled(const Request& request) const {
    for (const Compiled& c : routes_) {
        if (c.route.method != request.method) {
            continue;
        }
        if (!c.route.required_query.empty() && !has_query_pair(request.query, c.route.required_query)) {
            continue;
        }
        if (match(c, request, nullptr)) {
            return &c;
        }
    }
    return nullptr;
}

const Route* RouteTable::find(const Request& request) const {
    const Compiled* c = find_compiled(request);
    return c == nullptr ? nullptr : &c->route;
}

const Route* RouteTable::bind(Request& request) const {
    const Compiled* c = find_compiled(request);
    if (c == nullptr) {
        return nullptr;
    }
    match(*c, request, &request);
    return &c->route;
}

bool RouteTable::path_known(const Request& request) const {
    for (const Compiled& c : routes_) {
        if (match(c, request, nullptr)) {
            return true;
        }
    }
    return false;
}

}  // namespace lemu::http
