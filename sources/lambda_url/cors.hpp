#pragma once
// A function URL's CORS configuration applied to requests (AWS Lambda developer guide, "Cross-origin
// resource sharing" of function URLs; API_Cors). Pure; header names in lower case, as function URLs
// answer them.
//
// With a Cors config, Lambda answers preflight requests itself (OPTIONS carrying Origin and
// Access-Control-Request-Method; the function is not invoked) and adds the CORS headers to every
// response of an allowed origin, replacing any the function returned. Without one, OPTIONS reaches the
// function like any other method and nothing is added.
//
//   allowed origin   AllowOrigins holds "*" or the Origin (case-insensitive)
//   allow-origin     "*" when AllowOrigins holds "*" and credentials are not allowed, else the Origin
//   preflight        + allow-methods / allow-headers (the configured lists, comma-separated) and
//                    max-age, when the requested method is allowed ("*" or listed, case-insensitive);
//                    otherwise no CORS header at all, so the browser refuses
//   every response   + allow-credentials "true" when AllowCredentials, expose-headers when configured

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/control/function_url.hpp"

namespace lemu::sources::lambda_url {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct CorsRequest {
    std::string method;             // the HTTP method
    std::string origin;             // Origin; empty when absent
    std::string requested_method;   // Access-Control-Request-Method; empty when absent
    std::string requested_headers;  // Access-Control-Request-Headers
};

bool is_preflight(const CorsRequest& request);
HeaderList preflight_headers(const control::UrlCors& cors, const CorsRequest& request);
HeaderList response_headers(const control::UrlCors& cors, const CorsRequest& request);
// True for the access-control-* names the URL config owns.
bool is_cors_header(std::string_view name);

}  // namespace lemu::sources::lambda_url
