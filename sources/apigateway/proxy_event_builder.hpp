#pragma once
// The events API Gateway sends to a Lambda proxy integration (sources.md §5.C, §5.D):
//   payload 1.0 for REST APIs (no "version" key) and for HTTP APIs ("version":"1.0");
//   payload 2.0 for HTTP APIs and Lambda function URLs (sources.md §6 fact 60: routeKey and stage
//   "$default", the URL id as apiId, and the caller's account and IAM authorizer from EventContext).
// Pure functions from a ProxyRequest and its EventContext to the JSON text the function receives.

#include <string>
#include <string_view>
#include <vector>

#include "sources/apigateway/proxy_request.hpp"

namespace lemu::sources::apigateway {

std::string build_rest_event(const ProxyRequest& request, const EventContext& context);
std::string build_http_event_v1(const ProxyRequest& request, const EventContext& context);
std::string build_http_event_v2(const ProxyRequest& request, const EventContext& context);

// "02/Aug/2024:23:34:43 +0000", the requestTime / time form.
std::string request_time(TimePoint t);

// True when `content_type` matches one of a REST API's binaryMediaTypes ("image/png", "image/*", "*/*").
bool matches_binary_media_type(std::string_view content_type,
                               const std::vector<std::string>& binary_media_types);
// HTTP APIs treat text/*, JSON, XML, JavaScript, YAML and form bodies as text; the rest is binary.
bool is_text_content_type(std::string_view content_type);

// The X-Forwarded-For/-Port/-Proto headers API Gateway adds before calling the integration,
// unless the client already sent them.
void add_forwarded_headers(ProxyRequest& request, std::string_view port);

}  // namespace lemu::sources::apigateway
