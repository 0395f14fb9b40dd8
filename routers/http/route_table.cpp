#include "routers/http/route_table.hpp"

#include <optional>

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

namespace {

// The segments of a request path ("/a/b/" -> "a", "b", ""), one at a time and without allocating:
// every request is matched against many patterns (3 requests per invocation, each found and bound).
class PathSegments {
public:
    explicit PathSegments(std::string_view path) : rest_(path.starts_with('/') ? path.substr(1) : path) {}

    std::optional<std::string_view> next() {
        if (done_) {
            return std::nullopt;
        }
        std::size_t slash = rest_.find('/');
        if (slash == std::string_view::npos) {
            done_ = true;
            return rest_;
        }
        std::string_view part = rest_.substr(0, slash);
        rest_.remove_prefix(slash + 1);
        return part;
    }
    // The segments next() has not returned yet, joined by '/' as in the path; nullopt when none is left.
    std::optional<std::string_view> remainder() const {
        return done_ ? std::nullopt : std::optional<std::string_view>(rest_);
    }

private:
    std::string_view rest_;
    bool done_ = false;
};

std::string decoded(std::string_view raw) {
    std::optional<std::string> text = percent_decode(raw);
    return text ? std::move(*text) : std::string(raw);
}

}  // namespace

bool RouteTable::match(const Compiled& c, const Request& request, Request* bind_to) {
    PathSegments actual(request.path);
    for (const std::string& pattern : c.segments) {
        bool is_param = pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}';
        if (is_param && pattern[pattern.size() - 2] == '+') {
            // Greedy: the rest of the path, slashes included (may be empty only if nothing follows).
            std::optional<std::string_view> rest = actual.remainder();
            if (!rest) {
                return false;
            }
            if (bind_to != nullptr) {
                bind_to->params[pattern.substr(1, pattern.size() - 3)] = decoded(*rest);
            }
            return true;
        }
        std::optional<std::string_view> segment = actual.next();
        if (!segment) {
            return false;
        }
        if (is_param) {
            if (segment->empty()) {
                return false;
            }
            if (bind_to != nullptr) {
                bind_to->params[pattern.substr(1, pattern.size() - 2)] = decoded(*segment);
            }
        } else if (pattern != *segment) {
            return false;
        }
    }
    return !actual.next().has_value();
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
