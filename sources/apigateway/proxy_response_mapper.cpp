#include "sources/apigateway/proxy_response_mapper.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "emulator/core/encoding.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::apigateway {
namespace {

using Json = nlohmann::ordered_json;

struct Malformed {
    std::string problem;
};

std::string compact(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

int status_code(const Json& value) {
    if (value.is_number_integer()) {
        auto status = value.get<std::int64_t>();
        if (status >= 100 && status <= 599) {
            return static_cast<int>(status);
        }
    } else if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (text.size() == 3 && is_digit(text[0]) && is_digit(text[1]) && is_digit(text[2]) &&
            text[0] >= '1' && text[0] <= '5') {
            return std::stoi(text);
        }
    }
    throw Malformed{"statusCode " + compact(value) + " is not an HTTP status"};
}

// A header value as API Gateway prints it: strings as they are, booleans and numbers as text.
std::optional<std::string> header_value(const Json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_boolean() || value.is_number()) {
        return compact(value);
    }
    if (value.is_null()) {
        return std::nullopt;
    }
    throw Malformed{"header value " + compact(value) + " is not a string"};
}

void add_header(ProxyResponse& response, const std::string& name, std::string value) {
    for (const auto& [existing, ignored] : response.headers) {
        if (iequals(existing, name)) {
            response.headers.emplace_back(existing, std::move(value));
            return;
        }
    }
    response.headers.emplace_back(name, std::move(value));
}

bool has_header(const ProxyResponse& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (iequals(key, name)) {
            return true;
        }
    }
    return false;
}

void read_headers(const Json& result, ProxyResponse& response) {
    if (auto it = result.find("multiValueHeaders"); it != result.end() && !it->is_null()) {
        if (!it->is_object()) {
            throw Malformed{"multiValueHeaders is not an object"};
        }
        for (const auto& [name, values] : it->items()) {
            if (!values.is_array()) {
                throw Malformed{"multiValueHeaders." + name + " is not a list"};
            }
            for (const Json& value : values) {
                if (auto text = header_value(value)) {
                    add_header(response, name, *text);
                }
            }
        }
    }
    if (auto it = result.find("headers"); it != result.end() && !it->is_null()) {
        if (!it->is_object()) {
            throw Malformed{"headers is not an object"};
        }
        for (const auto& [name, value] : it->items()) {
            if (auto text = header_value(value)) {
                add_header(response, name, *text);
            }
        }
    }
}

void read_body(const Json& result, bool decode_base64, ProxyResponse& response) {
    auto body = result.find("body");
    if (body != result.end() && !body->is_null()) {
        if (body->is_string()) {
            response.body = body->get<std::string>();
        } else if (body->is_number() || body->is_boolean()) {
            response.body = compact(*body);
        } else {
            throw Malformed{"body is not a string"};
        }
    }
    auto encoded = result.find("isBase64Encoded");
    bool is_base64 = encoded != result.end() && encoded->is_boolean() && encoded->get<bool>();
    if (is_base64 && decode_base64) {
        auto decoded = base64_decode(response.body);
        if (!decoded) {
            throw Malformed{"body is not valid base64"};
        }
        response.body = std::move(*decoded);
    }
}

ProxyResponse structured(const Json& result, bool decode_base64, bool v2) {
    ProxyResponse response;
    if (auto it = result.find("statusCode"); it != result.end()) {
        response.status = status_code(*it);
    }
    read_headers(result, response);
    if (v2) {
        if (auto it = result.find("cookies"); it != result.end() && !it->is_null()) {
            if (!it->is_array()) {
                throw Malformed{"cookies is not a list"};
            }
            for (const Json& cookie : *it) {
                if (auto text = header_value(cookie)) {
                    response.headers.emplace_back("Set-Cookie", *text);
                }
            }
        }
    }
    read_body(result, decode_base64, response);
    if (!has_header(response, "Content-Type")) {
        response.headers.emplace_back("Content-Type", "application/json");
    }
    return response;
}

}  // namespace

MappedResult map_v1_result(std::string_view payload, bool decode_base64) {
    constexpr std::array kKeys{"statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"};
    Json result = Json::parse(payload, nullptr, false);
    if (result.is_discarded() || !result.is_object()) {
        return {std::nullopt, "the result is not a JSON object"};
    }
    for (const auto& [key, value] : result.items()) {
        if (std::none_of(kKeys.begin(), kKeys.end(), [&](const char* k) { return key == k; })) {
            return {std::nullopt, "unexpected key '" + key + "'"};
        }
    }
    try {
        return {structured(result, decode_base64, false), {}};
    } catch (const Malformed& m) {
        return {std::nullopt, m.problem};
    }
}

MappedResult map_v2_result(std::string_view payload) {
    Json result = Json::parse(payload, nullptr, false);
    if (result.is_discarded()) {
        return {std::nullopt, "the result is not JSON"};
    }
    if (result.is_object() && result.contains("statusCode")) {
        try {
            return {structured(result, true, true), {}};
        } catch (const Malformed& m) {
            return {std::nullopt, m.problem};
        }
    }
    ProxyResponse response;
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = result.is_string() ? result.get<std::string>() : compact(result);
    return {response, {}};
}

}  // namespace lemu::sources::apigateway
