#pragma once
// Method + path-pattern routes for one router, listed on one screen in its routes.cpp (as RIE's
// router.go does). Patterns use `{Name}` for one segment and `{Name+}` for the rest of the path;
// captured values are percent-decoded into Request::params.

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "routers/http/request.hpp"
#include "routers/http/response.hpp"

namespace lemu::http {

using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;

struct Route {
    std::string method;
    std::string pattern;
    Handler handler;
    std::size_t body_limit = 0;       // 0: the router's default
    std::string required_query;       // e.g. "find=LayerVersion": the query must contain this pair
    std::string operation;            // for logs and unknown-operation errors
};

class RouteTable {
public:
    RouteTable& add(Route route);
    // The matching route, or nullptr.
    const Route* find(const Request& request) const;
    // The matching route, with its path parameters written into `request.params`.
    const Route* bind(Request& request) const;
    // True when some route has this path but another method.
    bool path_known(const Request& request) const;

private:
    struct Compiled {
        Route route;
        std::vector<std::string> segments;
    };
    static bool match(const Compiled& c, const Request& request, Request* bind_to);
    const Compiled* find_compiled(const Request& request) const;
    std::vector<Compiled> routes_;
};

}  // namespace lemu::http
