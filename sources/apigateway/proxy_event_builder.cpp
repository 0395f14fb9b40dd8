#include "sources/apigateway/proxy_event_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <ctime>

#include "emulator/core/encoding.hpp"
#include "emulator/core/json_writer.hpp"
#include "emulator/core/text.hpp"
#include "sources/apigateway/url_text.hpp"

namespace lemu::sources::apigateway {
namespace {

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

// Values grouped by name, in order of first occurrence; names keep the first occurrence's spelling.
struct Group {
    std::string name;
    std::vector<std::string_view> values;
};

// Groups view into `pairs`, which must outlive them (a temporary would leave the views dangling).
template <class Same>
std::vector<Group> group(const std::vector<std::pair<std::string, std::string>>&& pairs, Same same) = delete;
template <class Same>
std::vector<Group> group(const std::vector<std::pair<std::string, std::string>>& pairs, Same same) {
    std::vector<Group> groups;
    for (const auto& [name, value] : pairs) {
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return same(g.name, name); });
        if (it == groups.end()) {
            groups.push_back(Group{name, {}});
            it = groups.end() - 1;
        }
        it->values.emplace_back(value);
    }
    return groups;
}

bool same_name(std::string_view a, std::string_view b) { return a == b; }

// {"a":"last value",...} or null.
void write_last(JsonWriter& w, std::string_view key, const std::vector<Group>& groups) {
    w.key(key);
    if (groups.empty()) {
        w.null();
        return;
    }
    w.begin_object();
    for (const Group& g : groups) {
        w.field(g.name, g.values.back());
    }
    w.end_object();
}

// {"a":["first","second"],...} or null.
void write_all(JsonWriter& w, std::string_view key, const std::vector<Group>& groups) {
    w.key(key);
    if (groups.empty()) {
        w.null();
        return;
    }
    w.begin_object();
    for (const Group& g : groups) {
        w.key(g.name).begin_array();
        for (std::string_view v : g.values) {
            w.value(v);
        }
        w.end_array();
    }
    w.end_object();
}

// {"a":"first,second",...}: how payload 2.0 carries repeated names.
void write_joined(JsonWriter& w, const std::vector<Group>& groups) {
    w.begin_object();
    for (const Group& g : groups) {
        std::string joined;
        for (std::size_t i = 0; i < g.values.size(); ++i) {
            if (i > 0) {
                joined += ',';
            }
            joined += g.values[i];
        }
        w.field(g.name, joined);
    }
    w.end_object();
}

void write_map(JsonWriter& w, const std::map<std::string, std::string>& values) {
    w.begin_object();
    for (const auto& [key, value] : values) {
        w.field(key, value);
    }
    w.end_object();
}

void write_map_or_null(JsonWriter& w, std::string_view key, const std::map<std::string, std::string>& values) {
    w.key(key);
    if (values.empty()) {
        w.null();
    } else {
        write_map(w, values);
    }
}

void write_identity(JsonWriter& w, const ProxyRequest& request) {
    w.begin_object();
    for (const char* key :
         {"accessKey", "accountId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType",
          "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId"}) {
        w.key(key).null();
    }
    w.field("sourceIp", request.source_ip);
    w.key("user").null();
    w.key("userAgent");
    if (auto agent = find_header(request, "User-Agent")) {
        w.value(*agent);
    } else {
        w.null();
    }
    w.key("userArn").null();
    w.end_object();
}

void write_v1_context(JsonWriter& w, const ProxyRequest& request, const EventContext& context, bool http_api,
                      const std::string& context_path) {
    w.begin_object();
    w.field("accountId", context.home.account);
    w.field("apiId", context.api_id);
    if (http_api) {
        w.key("authorizer").begin_object();
        w.key("claims").null();
        w.key("scopes").null();
        w.end_object();
    } else {
        w.field("deploymentId", context.deployment_id);
    }
    w.field("domainName", context.domain_name);
    w.field("domainPrefix", context.domain_prefix.empty() ? context.api_id : context.domain_prefix);
    w.field("extendedRequestId", context.extended_request_id);
    w.field("httpMethod", request.method);
    w.key("identity");
    write_identity(w, request);
    w.field("path", context_path);
    w.field("protocol", request.protocol);
    w.field("requestId", context.request_id);
    w.field("requestTime", request_time(request.time));
    w.field("requestTimeEpoch", epoch_millis(request.time));
    w.key("resourceId");
    if (http_api) {
        w.null();
    } else {
        w.value(context.resource_id);
    }
    w.field("resourcePath", context.resource_path);
    w.field("stage", context.stage);
    w.end_object();
}

// Fields shared by the REST event and the HTTP API 1.0 event.
std::string v1_event(const ProxyRequest& request, const EventContext& context, bool binary, bool http_api) {
    std::string context_path =
        (http_api && !context.stage_in_path ? "" : "/" + context.stage) + request.raw_path;
    JsonWriter w(2048 + request.body.size() * 4 / 3);
    w.begin_object();
    if (http_api) {
        w.field("version", "1.0");
    }
    w.field("resource", context.resource_path);
    w.field("path", http_api ? context_path : request.raw_path);
    w.field("httpMethod", request.method);
    std::vector<Group> headers = group(request.headers, [](std::string_view a, std::string_view b) {
        return iequals(a, b);
    });
    write_last(w, "headers", headers);
    write_all(w, "multiValueHeaders", headers);
    std::vector<std::pair<std::string, std::string>> decoded_query = decode_query(request.raw_query);
    std::vector<Group> query = group(decoded_query, same_name);
    write_last(w, "queryStringParameters", query);
    write_all(w, "multiValueQueryStringParameters", query);
    write_map_or_null(w, "pathParameters", context.path_parameters);
    write_map_or_null(w, "stageVariables", context.stage_variables);
    w.key("requestContext");
    write_v1_context(w, request, context, http_api, context_path);
    w.key("body");
    if (request.body.empty()) {
        w.null();
    } else {
        w.value(binary ? base64_encode(request.body) : request.body);
    }
    w.field("isBase64Encoded", binary && !request.body.empty());
    w.end_object();
    return w.take();
}

void write_iam_authorizer(JsonWriter& w, const IamAuthorizer& iam) {
    w.begin_object().key("iam").begin_object();
    w.field("accessKey", iam.access_key);
    w.field("accountId", iam.account_id);
    w.field("callerId", iam.caller_id);
    w.key("cognitoIdentity").null();
    w.key("principalOrgId").null();
    w.field("userArn", iam.user_arn);
    w.field("userId", iam.user_id);
    w.end_object().end_object();
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
    return v1_event(request, context, binary, false);
}

std::string build_http_event_v1(const ProxyRequest& request, const EventContext& context) {
    return v1_event(request, context, body_is_binary_for_http_api(request), true);
}

std::string build_http_event_v2(const ProxyRequest& request, const EventContext& context) {
    std::string raw_path = (context.stage_in_path ? "/" + context.stage : "") + request.raw_path;
    std::vector<std::string> cookies;
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& [key, value] : request.headers) {
        std::string name = to_lower(key);
        if (name != "cookie") {
            headers.emplace_back(std::move(name), value);
            continue;
        }
        for (std::string_view cookie : split(value, ';')) {
            if (!trim(cookie).empty()) {
                cookies.emplace_back(trim(cookie));
            }
        }
    }
    JsonWriter w(2048 + request.body.size() * 4 / 3);
    w.begin_object();
    w.field("version", "2.0");
    w.field("routeKey", context.route_key);
    w.field("rawPath", raw_path);
    w.field("rawQueryString", request.raw_query);
    if (!cookies.empty()) {
        w.key("cookies").begin_array();
        for (const std::string& cookie : cookies) {
            w.value(cookie);
        }
        w.end_array();
    }
    w.key("headers");
    write_joined(w, group(headers, same_name));
    std::vector<std::pair<std::string, std::string>> decoded_query = decode_query(request.raw_query);
    std::vector<Group> query = group(decoded_query, same_name);
    if (!query.empty()) {
        w.key("queryStringParameters");
        write_joined(w, query);
    }

    w.key("requestContext").begin_object();
    w.field("accountId", context.request_account.empty() ? context.home.account : context.request_account);
    w.field("apiId", context.api_id);
    if (context.iam) {
        w.key("authentication").null();
        w.key("authorizer");
        write_iam_authorizer(w, *context.iam);
    }
    w.field("domainName", context.domain_name);
    w.field("domainPrefix", context.domain_prefix.empty() ? context.api_id : context.domain_prefix);
    w.key("http").begin_object();
    w.field("method", request.method);
    w.field("path", raw_path);
    w.field("protocol", request.protocol);
    w.field("sourceIp", request.source_ip);
    w.field("userAgent", find_header(request, "User-Agent").value_or(std::string_view()));
    w.end_object();
    w.field("requestId", context.request_id);
    w.field("routeKey", context.route_key);
    w.field("stage", context.stage);
    w.field("time", request_time(request.time));
    w.field("timeEpoch", epoch_millis(request.time));
    w.end_object();

    bool binary = body_is_binary_for_http_api(request);
    if (!request.body.empty()) {
        w.field("body", binary ? base64_encode(request.body) : request.body);
    }
    if (!context.path_parameters.empty()) {
        w.key("pathParameters");
        write_map(w, context.path_parameters);
    }
    w.field("isBase64Encoded", binary && !request.body.empty());
    if (!context.stage_variables.empty()) {
        w.key("stageVariables");
        write_map(w, context.stage_variables);
    }
    w.end_object();
    return w.take();
}

}  // namespace lemu::sources::apigateway
