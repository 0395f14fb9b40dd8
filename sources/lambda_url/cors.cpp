#include "sources/lambda_url/cors.hpp"

#include <algorithm>

#include "emulator/core/text.hpp"

namespace lemu::sources::lambda_url {
namespace {

bool lists(const std::optional<std::vector<std::string>>& values, std::string_view wanted) {
    return values && std::any_of(values->begin(), values->end(),
                                 [&](const std::string& v) { return v == "*" || iequals(v, wanted); });
}

bool has_wildcard(const std::optional<std::vector<std::string>>& values) {
    return values && std::find(values->begin(), values->end(), "*") != values->end();
}

std::string comma_joined(const std::vector<std::string>& values) {
    std::string out;
    for (const std::string& v : values) {
        if (!out.empty()) {
            out += ',';
        }
        out += v;
    }
    return out;
}

// allow-origin, allow-credentials, expose-headers: shared by preflights and responses.
HeaderList origin_headers(const control::UrlCors& cors, const CorsRequest& request) {
    HeaderList out;
    if (request.origin.empty() || !lists(cors.allow_origins, request.origin)) {
        return out;
    }
    const bool credentials = cors.allow_credentials.value_or(false);
    out.emplace_back("access-control-allow-origin",
                     has_wildcard(cors.allow_origins) && !credentials ? std::string("*") : request.origin);
    if (credentials) {
        out.emplace_back("access-control-allow-credentials", "true");
    }
    if (cors.expose_headers && !cors.expose_headers->empty()) {
        out.emplace_back("access-control-expose-headers", comma_joined(*cors.expose_headers));
    }
    return out;
}

}  // namespace

bool is_preflight(const CorsRequest& request) {
    return request.method == "OPTIONS" && !request.origin.empty() && !request.requested_method.empty();
}

HeaderList preflight_headers(const control::UrlCors& cors, const CorsRequest& request) {
    if (!lists(cors.allow_methods, request.requested_method)) {
        return {};
    }
    HeaderList out = origin_headers(cors, request);
    if (out.empty()) {
        return out;
    }
    out.emplace_back("access-control-allow-methods", comma_joined(*cors.allow_methods));
    if (cors.allow_headers && !cors.allow_headers->empty()) {
        out.emplace_back("access-control-allow-headers", comma_joined(*cors.allow_headers));
    }
    if (cors.max_age) {
        out.emplace_back("access-control-max-age", std::to_string(*cors.max_age));
    }
    return out;
}

HeaderList response_headers(const control::UrlCors& cors, const CorsRequest& request) {
    return origin_headers(cors, request);
}

bool is_cors_header(std::string_view name) {
    return to_lower(name).starts_with("access-control-");
}

}  // namespace lemu::sources::lambda_url
