#include "emulator/app/function_url_state.hpp"

#include <stdexcept>

namespace lemu {
namespace {

using json = nlohmann::json;
using StringList = std::optional<std::vector<std::string>>;

json list_or_null(const StringList& values) {
    return values ? json(*values) : json(nullptr);
}

StringList read_list(const json& j, const char* key) {
    return j.at(key).is_null() ? StringList{} : StringList{j.at(key).get<std::vector<std::string>>()};
}

json encode_cors(const control::UrlCors& c) {
    return {{"allow_credentials", c.allow_credentials ? json(*c.allow_credentials) : json(nullptr)},
            {"allow_headers", list_or_null(c.allow_headers)},
            {"allow_methods", list_or_null(c.allow_methods)},
            {"allow_origins", list_or_null(c.allow_origins)},
            {"expose_headers", list_or_null(c.expose_headers)},
            {"max_age", c.max_age ? json(*c.max_age) : json(nullptr)}};
}

control::UrlCors decode_cors(const json& j) {
    control::UrlCors c;
    if (!j.at("allow_credentials").is_null()) {
        c.allow_credentials = j.at("allow_credentials").get<bool>();
    }
    c.allow_headers = read_list(j, "allow_headers");
    c.allow_methods = read_list(j, "allow_methods");
    c.allow_origins = read_list(j, "allow_origins");
    c.expose_headers = read_list(j, "expose_headers");
    if (!j.at("max_age").is_null()) {
        c.max_age = j.at("max_age").get<int>();
    }
    return c;
}

std::int64_t micros(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

TimePoint from_micros(std::int64_t value) {
    return TimePoint{std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(value))};
}

}  // namespace

json encode_function_urls(const std::vector<control::FunctionUrlConfig>& configs) {
    json out = json::array();
    for (const control::FunctionUrlConfig& c : configs) {
        out.push_back({{"url_id", c.url_id},
                       {"function", c.function},
                       {"qualifier", c.qualifier},
                       {"auth_type", std::string(control::to_string(c.auth_type))},
                       {"cors", c.cors ? encode_cors(*c.cors) : json(nullptr)},
                       {"invoke_mode", c.invoke_mode ? json(std::string(control::to_string(*c.invoke_mode)))
                                                     : json(nullptr)},
                       {"creation_time_us", micros(c.creation_time)},
                       {"last_modified_time_us", micros(c.last_modified_time)}});
    }
    return out;
}

std::vector<control::FunctionUrlConfig> decode_function_urls(const json& document) {
    try {
        std::vector<control::FunctionUrlConfig> configs;
        for (const json& j : document) {
            control::FunctionUrlConfig c;
            c.url_id = j.at("url_id").get<std::string>();
            c.function = j.at("function").get<std::string>();
            c.qualifier = j.at("qualifier").get<std::string>();
            c.auth_type = j.at("auth_type").get<std::string>() == "AWS_IAM" ? control::UrlAuthType::AwsIam
                                                                            : control::UrlAuthType::None;
            if (!j.at("cors").is_null()) {
                c.cors = decode_cors(j.at("cors"));
            }
            if (!j.at("invoke_mode").is_null()) {
                c.invoke_mode = j.at("invoke_mode").get<std::string>() == "RESPONSE_STREAM"
                                    ? control::UrlInvokeMode::ResponseStream
                                    : control::UrlInvokeMode::Buffered;
            }
            c.creation_time = from_micros(j.at("creation_time_us").get<std::int64_t>());
            c.last_modified_time = from_micros(j.at("last_modified_time_us").get<std::int64_t>());
            configs.push_back(std::move(c));
        }
        return configs;
    } catch (const json::exception& e) {
        throw std::runtime_error(std::string("cannot read the function URL configs: ") + e.what());
    }
}

}  // namespace lemu
