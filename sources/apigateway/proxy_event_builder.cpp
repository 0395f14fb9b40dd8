#include "sources/apigateway/proxy_event_builder.hpp"

#include <fmt/format.h>

#include <array>
#include <ctime>
#include <nlohmann/json.hpp>

#include "emulator/core/encoding.hpp"
#include "emulator/core/text.hpp"
#include "sources/apigateway/url_text.hpp"

namespace lemu::sources::apigateway {
namespace {

using Json = nlohmann::ordered_json;

std::optional<std::string_view> find_header(const ProxyRequest& request, std::string_view name) {
    for (const auto& [key, value] : request.headers) {
        if (iequals(key, name)) {
            return std::string_view(value);
        }
    }
    return std::nullopt;
}

// Media type without parameters, lower case: "Application/JSON; charset=utf-8" → "application/json".
std::string media_type(std::string_view content_type) {
    return to_lower(trim(content_type.substr(0, content_type.find(';'))));
}

// API Gateway passes text bodies through as JSON strings; bytes that are not UTF-8 cannot be one.
bool is_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = c < 0x80           ? 0
                            : (c >> 5) == 0x6  ? 1
                            : (c >> 4) == 0xE  ? 2
                            : (c >> 3) == 0x1E ? 3
                                               : 4;
        if (extra == 4 || i + extra >= s.size()) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) {
                return false;
            }
        }
        i += extra + 1;
    }
    return true;
}

std::string dump(const Json& event) {
    return event.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json null_if_empty(const Json& object) {
    return object.empty() ? Json(nullptr) : object;
}

Json string_map(const std::map<std::string, std::string>& values) {
    Json out = Json::object();
    for (const auto& [key, value] : values) {
        out[key] = value;
    }
    return out;
}

// headers keeps the last value of each name, multiValueHeaders all of them; names keep the
// client's casing of their first occurrence.
std::pair<Json, Json> v1_headers(const ProxyRequest& request) {
    Json single = Json::object();
    Json multi = Json::object();
    for (const auto& [key, value] : request.headers) {
        std::string name = key;
        for (const auto& [seen, values] : multi.items()) {
            if (iequals(seen, key)) {
                name = seen;
                break;
            }
        }
        single[name] = value;
        multi[name].push_back(value);
    }
    return {null_if_empty(single), null_if_empty(multi)};
}

std::pair<Json, Json> v1_query(const ProxyRequest& request) {
    Json single = Json::object();
    Json multi = Json::object();
    for (const auto& [key, value] : decode_query(request.raw_query)) {
        single[key] = value;
        multi[key].push_back(value);
    }
    return {null_if_empty(single), null_if_empty(multi)};
}

Json identity(const ProxyRequest& request) {
    Json id = Json::object();
    for (const char* key :
         {"accessKey", "accountId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType",
          "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId"}) {
        id[key] = nullptr;
    }
    id["sourceIp"] = request.source_ip;
    id["user"] = nullptr;
    auto agent = find_header(request, "User-Agent");
    id["userAgent"] = agent ? Json(std::string(*agent)) : Json(nullptr);
    id["userArn"] = nullptr;
    return id;
}

std::int64_t epoch_ms(TimePoint t) {
    return epoch_millis(t);
}

// Fields shared by the REST event and the HTTP API 1.0 event.
Json v1_event(const ProxyRequest& request, const EventContext& context, bool binary, bool http_api) {
    std::string context_path =
        (http_api && !context.stage_in_path ? "" : "/" + context.stage) + request.raw_path;
    Json event = Json::object();
    if (http_api) {
        event["version"] = "1.0";
    }
    event["resource"] = context.resource_path;
    event["path"] = http_api ? context_path : request.raw_path;
    event["httpMethod"] = request.method;
    auto [headers, multi_headers] = v1_headers(request);
    event["headers"] = headers;
    event["multiValueHeaders"] = multi_headers;
    auto [query, multi_query] = v1_query(request);
    event["queryStringParameters"] = query;
    event["multiValueQueryStringParameters"] = multi_query;
    event["pathParameters"] = null_if_empty(string_map(context.path_parameters));
    event["stageVariables"] = null_if_empty(string_map(context.stage_variables));

    Json rc = Json::object();
    rc["accountId"] = context.home.account;
    rc["apiId"] = context.api_id;
    if (http_api) {
        rc["authorizer"] = Json{{"claims", nullptr}, {"scopes", nullptr}};
    } else {
        rc["deploymentId"] = context.deployment_id;
    }
    rc["domainName"] = context.domain_name;
    rc["domainPrefix"] = context.domain_prefix.empty() ? context.api_id : context.domain_prefix;
    rc["extendedRequestId"] = context.extended_request_id;
    rc["httpMethod"] = request.method;
    rc["identity"] = identity(request);
    rc["path"] = context_path;
    rc["protocol"] = request.protocol;
    rc["requestId"] = context.request_id;
    rc["requestTime"] = request_time(request.time);
    rc["requestTimeEpoch"] = epoch_ms(request.time);
    rc["resourceId"] = http_api ? Json(nullptr) : Json(context.resource_id);
    rc["resourcePath"] = context.resource_path;
    rc["stage"] = context.stage;
    event["requestContext"] = rc;

    if (request.body.empty()) {
        event["body"] = nullptr;
    } else {
        event["body"] = binary ? base64_encode(request.body) : request.body;
    }
    event["isBase64Encoded"] = binary && !request.body.empty();
    return event;
}

Json iam_authorizer(const IamAuthorizer& iam) {
    Json fields = Json::object();
    fields["accessKey"] = iam.access_key;
    fields["accountId"] = iam.account_id;
    fields["callerId"] = iam.caller_id;
    fields["cognitoIdentity"] = nullptr;
    fields["principalOrgId"] = nullptr;
    fields["userArn"] = iam.user_arn;
    fields["userId"] = iam.user_id;
    return Json{{"iam", fields}};
}

bool body_is_binary_for_http_api(const ProxyRequest& request) {
    auto content_type = find_header(request, "Content-Type");
    return (content_type && !is_text_content_type(*content_type)) || !is_utf8(request.body);
}

}  // namespace

std::string request_time(TimePoint t) {
    constexpr std::array kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    return fmt::format("{:02}/{}/{:04}:{:02}:{:02}:{:02} +0000", tm.tm_mday,
                       kMonths[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                       tm.tm_sec);
}

bool matches_binary_media_type(std::string_view content_type,
                               const std::vector<std::string>& binary_media_types) {
    std::string type = media_type(content_type);
    if (type.empty()) {
        return false;
    }
    std::string major = type.substr(0, type.find('/'));
    for (const std::string& candidate : binary_media_types) {
        std::string wanted = to_lower(candidate);
        if (wanted == "*/*" || wanted == type || wanted == major + "/*") {
            return true;
        }
    }
    return false;
}

bool is_text_content_type(std::string_view content_type) {
    std::string type = media_type(content_type);
    return type.empty() || type.starts_with("text/") || type.ends_with("/json") || type.ends_with("+json") ||
           type.ends_with("/xml") || type.ends_with("+xml") || type == "application/javascript" ||
           type == "application/x-www-form-urlencoded" || type == "application/yaml" ||
           type == "application/x-yaml";
}

void add_forwarded_headers(ProxyRequest& request, std::string_view port) {
    if (!find_header(request, "X-Forwarded-For")) {
        request.headers.emplace_back("X-Forwarded-For", request.source_ip);
    }
    if (!find_header(request, "X-Forwarded-Port") && !port.empty()) {
        request.headers.emplace_back("X-Forwarded-Port", std::string(port));
    }
    if (!find_header(request, "X-Forwarded-Proto")) {
        request.headers.emplace_back("X-Forwarded-Proto", "http");
    }
}

std::string build_rest_event(const ProxyRequest& request, const EventContext& context) {
    auto content_type = find_header(request, "Content-Type");
    bool binary = content_type && matches_binary_media_type(*content_type, context.binary_media_types);
    return dump(v1_event(request, context, binary, false));
}

std::string build_http_event_v1(const ProxyRequest& request, const EventContext& context) {
    return dump(v1_event(request, context, body_is_binary_for_http_api(request), true));
}

std::string build_http_event_v2(const ProxyRequest& request, const EventContext& context) {
    std::string raw_path = (context.stage_in_path ? "/" + context.stage : "") + request.raw_path;
    Json event = Json::object();
    event["version"] = "2.0";
    event["routeKey"] = context.route_key;
    event["rawPath"] = raw_path;
    event["rawQueryString"] = request.raw_query;

    Json cookies = Json::array();
    Json headers = Json::object();
    for (const auto& [key, value] : request.headers) {
        std::string name = to_lower(key);
        if (name == "cookie") {
            for (std::string_view cookie : split(value, ';')) {
                if (!trim(cookie).empty()) {
                    cookies.push_back(std::string(trim(cookie)));
                }
            }
            continue;
        }
        headers[name] = headers.contains(name) ? headers[name].get<std::string>() + "," + value : value;
    }
    if (!cookies.empty()) {
        event["cookies"] = cookies;
    }
    event["headers"] = headers;
    Json query = Json::object();
    for (const auto& [key, value] : decode_query(request.raw_query)) {
        query[key] = query.contains(key) ? query[key].get<std::string>() + "," + value : value;
    }
    if (!query.empty()) {
        event["queryStringParameters"] = query;
    }

    Json http = Json::object();
    http["method"] = request.method;
    http["path"] = raw_path;
    http["protocol"] = request.protocol;
    http["sourceIp"] = request.source_ip;
    auto agent = find_header(request, "User-Agent");
    http["userAgent"] = agent ? std::string(*agent) : std::string();
    Json rc = Json::object();
    rc["accountId"] = context.request_account.empty() ? context.home.account : context.request_account;
    rc["apiId"] = context.api_id;
    if (context.iam) {
        rc["authentication"] = nullptr;
        rc["authorizer"] = iam_authorizer(*context.iam);
    }
    rc["domainName"] = context.domain_name;
    rc["domainPrefix"] = context.domain_prefix.empty() ? context.api_id : context.domain_prefix;
    rc["http"] = http;
    rc["requestId"] = context.request_id;
    rc["routeKey"] = context.route_key;
    rc["stage"] = context.stage;
    rc["time"] = request_time(request.time);
    rc["timeEpoch"] = epoch_ms(request.time);
    event["requestContext"] = rc;

    bool binary = body_is_binary_for_http_api(request);
    if (!request.body.empty()) {
        event["body"] = binary ? base64_encode(request.body) : request.body;
    }
    if (!context.path_parameters.empty()) {
        event["pathParameters"] = string_map(context.path_parameters);
    }
    event["isBase64Encoded"] = binary && !request.body.empty();
    if (!context.stage_variables.empty()) {
        event["stageVariables"] = string_map(context.stage_variables);
    }
    return dump(event);
}

}  // namespace lemu::sources::apigateway
