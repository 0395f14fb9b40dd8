#pragma once
// One HTTP request as routers see it: no Beast types, so adapters above routers/http compile fast.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "routers/http/headers.hpp"
#include "routers/http/url.hpp"

namespace lemu::http {

// Which listener a connection came in on: the public edge port, or one execution environment's
// Runtime API endpoint (DESIGN.md §5).
inline constexpr std::string_view kPublicEndpoint = "public";

struct Request {
    std::string method;  // upper case: GET, POST, ...
    std::string target;  // raw request-target, path plus query
    std::string path;    // raw (still percent-encoded) path
    std::string query;   // raw query, without '?'
    Headers headers;
    std::string body;
    std::string endpoint_tag{kPublicEndpoint};
    std::string request_id;  // assigned by the Dispatcher
    std::string remote_address;
    std::map<std::string, std::string, std::less<>> params;  // decoded path parameters, set by RouteTable

    std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
    // First decoded value of a query parameter.
    std::optional<std::string> query_param(std::string_view name) const;
    QueryParams query_params() const { return parse_query(query); }
    const std::string& param(std::string_view name) const;

    static Request make(std::string method, std::string target);  // splits target into path and query
};

}  // namespace lemu::http
