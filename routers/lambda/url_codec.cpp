#include "routers/lambda/url_codec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"
#include "routers/lambda/request_names.hpp"

namespace lemu::routers::lambda {
namespace {

constexpr std::string_view kQualifierPattern = "((?!^\\d+$)^[0-9a-zA-Z-_]+$)";
constexpr std::size_t kMaxQualifier = 128;

bool is_url_qualifier(std::string_view q) {
    const bool charset_ok = !q.empty() && std::all_of(q.begin(), q.end(), [](char c) {
        return is_alnum(c) || c == '-' || c == '_';
    });
    return charset_ok && !std::all_of(q.begin(), q.end(), is_digit);
}

void check_url_qualifier(const std::optional<std::string>& qualifier) {
    Violations v;
    v.max_length(qualifier, "qualifier", kMaxQualifier);
    if (qualifier && !is_url_qualifier(*qualifier)) {
        v.add(qualifier, "qualifier",
              fmt::format("Member must satisfy regular expression pattern: {}", kQualifierPattern));
    }
    v.throw_if_any();
}

// 2021-10-27T19:48:51.107432Z: the form of CreationTime and LastModifiedTime.
std::string url_timestamp(TimePoint t) {
    using namespace std::chrono;
    const auto micros = duration_cast<microseconds>(t.time_since_epoch()).count() % 1'000'000;
    std::time_t seconds = system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                       micros < 0 ? micros + 1'000'000 : micros);
}

void check_list(const std::optional<std::vector<std::string>>& values, std::string_view field,
                std::size_t max_items, std::size_t min_length, std::size_t max_length, Violations& v) {
    if (!values) {
        return;
    }
    const std::string rendered = render_list(*values);
    if (values->size() > max_items) {
        v.add(rendered, field, fmt::format("Member must have length less than or equal to {}", max_items));
    }
    for (const std::string& value : *values) {
        if (value.size() > max_length || value.size() < min_length) {
            v.add(rendered, field,
                  fmt::format(
                      "Member must satisfy constraint: [Member must have length less than or equal to {}, "
                      "Member must have length greater than or equal to {}, Member must satisfy regular "
                      "expression pattern: .*]",
                      max_length, min_length));
            break;
        }
    }
}

std::optional<control::UrlCors> decode_cors(const JsonInput& in, Violations& v) {
    std::optional<JsonInput> cors = in.object("Cors");
    if (!cors) {
        return std::nullopt;
    }
    control::UrlCors out;
    out.allow_credentials = cors->boolean("AllowCredentials");
    out.allow_headers = cors->string_list("AllowHeaders");
    out.allow_methods = cors->string_list("AllowMethods");
    out.allow_origins = cors->string_list("AllowOrigins");
    out.expose_headers = cors->string_list("ExposeHeaders");
    std::optional<std::int64_t> max_age = cors->integer("MaxAge");
    check_list(out.allow_headers, "cors.allowHeaders", 100, 0, 1024, v);
    check_list(out.allow_methods, "cors.allowMethods", 6, 0, 6, v);
    check_list(out.allow_origins, "cors.allowOrigins", 100, 1, 253, v);
    check_list(out.expose_headers, "cors.exposeHeaders", 100, 0, 1024, v);
    v.range(max_age, "cors.maxAge", 0, 86400);
    if (max_age && *max_age >= 0 && *max_age <= 86400) {
        out.max_age = static_cast<int>(*max_age);
    }
    return out;
}

std::optional<control::UrlAuthType> auth_type(const std::optional<std::string>& text) {
    if (!text) {
        return std::nullopt;
    }
    return *text == "AWS_IAM" ? control::UrlAuthType::AwsIam : control::UrlAuthType::None;
}

std::optional<control::UrlInvokeMode> invoke_mode(const std::optional<std::string>& text) {
    if (!text) {
        return std::nullopt;
    }
    return *text == "RESPONSE_STREAM" ? control::UrlInvokeMode::ResponseStream
                                      : control::UrlInvokeMode::Buffered;
}

Json encode_cors(const control::UrlCors& cors) {
    Json out = Json::object();
    if (cors.allow_credentials) {
        out["AllowCredentials"] = *cors.allow_credentials;
    }
    auto list = [&out](const char* key, const std::optional<std::vector<std::string>>& values) {
        if (values) {
            out[key] = *values;
        }
    };
    list("AllowHeaders", cors.allow_headers);
    list("AllowMethods", cors.allow_methods);
    list("AllowOrigins", cors.allow_origins);
    list("ExposeHeaders", cors.expose_headers);
    if (cors.max_age) {
        out["MaxAge"] = *cors.max_age;
    }
    return out;
}

}  // namespace

UrlTarget url_target(const http::Request& request, const AccountRegion& home) {
    check_url_qualifier(request.query_param("Qualifier"));
    FunctionRef ref = function_ref(request, NameGrammar::Plain, home);
    UrlTarget target{ref.name, ""};
    if (ref.qualifier) {
        // A FunctionName suffix (fn:1, fn:$LATEST) is held to the same pattern.
        check_url_qualifier(to_string(*ref.qualifier));
        target.alias = std::get<AliasName>(*ref.qualifier).value;
    }
    return target;
}

std::string url_list_function(const http::Request& request, const AccountRegion& home) {
    return function_ref_no_qualifier(request, NameGrammar::Plain, home).name;
}

control::FunctionUrlSettings decode_create_url(const JsonInput& in) {
    Violations v;
    std::optional<std::string> auth = in.string("AuthType");
    std::optional<std::string> mode = in.string("InvokeMode");
    v.required(auth.has_value(), "authType");
    v.one_of(auth, "authType", {"NONE", "AWS_IAM"});
    v.one_of(mode, "invokeMode", {"BUFFERED", "RESPONSE_STREAM"});
    control::FunctionUrlSettings settings;
    settings.cors = decode_cors(in, v);
    v.throw_if_any();
    settings.auth_type = *auth_type(auth);
    settings.invoke_mode = invoke_mode(mode);
    return settings;
}

control::FunctionUrlPatch decode_update_url(const JsonInput& in) {
    Violations v;
    std::optional<std::string> auth = in.string("AuthType");
    std::optional<std::string> mode = in.string("InvokeMode");
    v.one_of(auth, "authType", {"NONE", "AWS_IAM"});
    v.one_of(mode, "invokeMode", {"BUFFERED", "RESPONSE_STREAM"});
    control::FunctionUrlPatch patch;
    patch.cors = decode_cors(in, v);
    v.throw_if_any();
    patch.auth_type = auth_type(auth);
    patch.invoke_mode = invoke_mode(mode);
    return patch;
}

Json encode_url_config(const control::FunctionUrlConfig& config, const AccountRegion& home, UrlShape shape) {
    // Members in the model's order (FunctionUrlConfig / CreateFunctionUrlConfigResponse).
    Json out = Json::object();
    out["FunctionUrl"] = control::public_function_url(home, config.url_id);
    out["FunctionArn"] = config.function_arn(home);
    out["AuthType"] = std::string(control::to_string(config.auth_type));
    if (config.cors) {
        out["Cors"] = encode_cors(*config.cors);
    }
    out["CreationTime"] = url_timestamp(config.creation_time);
    if (shape == UrlShape::Full) {
        out["LastModifiedTime"] = url_timestamp(config.last_modified_time);
        out["InvokeMode"] = std::string(control::to_string(config.effective_invoke_mode()));
    } else if (config.invoke_mode) {
        out["InvokeMode"] = std::string(control::to_string(*config.invoke_mode));
    }
    return out;
}

Json encode_url_page(const control::Page<control::FunctionUrlPtr>& page, const AccountRegion& home) {
    Json items = Json::array();
    for (const control::FunctionUrlPtr& config : page.items) {
        items.push_back(encode_url_config(*config, home, UrlShape::Full));
    }
    Json out = Json::object();
    out["FunctionUrlConfigs"] = std::move(items);
    if (!page.next_marker.empty()) {
        out["NextMarker"] = page.next_marker;
    }
    return out;
}

}  // namespace lemu::routers::lambda
