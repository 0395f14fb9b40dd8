#include "routers/apigateway/json_input.hpp"

#include "emulator/core/aws_error.hpp"

namespace lemu::routers::apigateway {
namespace {

AwsError serialization(std::string message) {
    return AwsError(ErrorCode::SerializationException, std::move(message));
}

std::string as_string(const nlohmann::json& value) {
    if (!value.is_string()) {
        throw serialization(string_conversion_error(value));
    }
    return value.get<std::string>();
}

}  // namespace

std::string string_conversion_error(const nlohmann::json& value) {
    std::string_view java = value.is_boolean()  ? "java.lang.Boolean"
                            : value.is_number() ? "com.amazon.coral.value.json.numbers.TruncatingBigNumber"
                            : value.is_array()  ? "java.util.ArrayList"
                                                : "java.util.LinkedHashMap";
    return "class " + std::string(java) + " can not be converted to an String";
}

JsonInput JsonInput::parse(std::string_view body) {
    if (body.empty()) {
        return JsonInput(nlohmann::json::object());
    }
    nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        throw serialization("Unexpected content in the request body: it must be a JSON object");
    }
    return JsonInput(std::move(parsed));
}

const nlohmann::json* JsonInput::find(std::string_view key) const {
    auto it = body_.find(key);
    if (it == body_.end() || it->is_null()) {
        return nullptr;
    }
    return &*it;
}

bool JsonInput::has(std::string_view key) const {
    return find(key) != nullptr;
}

std::optional<std::string> JsonInput::string(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    return as_string(*v);
}

std::optional<bool> JsonInput::boolean(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_boolean()) {
        throw serialization("Expected a boolean for " + std::string(key));
    }
    return v->get<bool>();
}

std::optional<std::int64_t> JsonInput::integer(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_number_integer()) {
        throw serialization("Expected an integer for " + std::string(key));
    }
    return v->get<std::int64_t>();
}

std::optional<std::vector<std::string>> JsonInput::string_list(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_array()) {
        throw serialization("Expected a list for " + std::string(key));
    }
    std::vector<std::string> out;
    for (const auto& item : *v) {
        out.push_back(as_string(item));
    }
    return out;
}

std::optional<std::map<std::string, std::string>> JsonInput::string_map(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_object()) {
        throw serialization("Expected a map for " + std::string(key));
    }
    std::map<std::string, std::string> out;
    for (const auto& [k, item] : v->items()) {
        out[k] = as_string(item);
    }
    return out;
}

std::optional<std::map<std::string, bool>> JsonInput::bool_map(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_object()) {
        throw serialization("Expected a map for " + std::string(key));
    }
    std::map<std::string, bool> out;
    for (const auto& [k, item] : v->items()) {
        if (!item.is_boolean()) {
            throw serialization("Expected a boolean for " + std::string(key) + "." + k);
        }
        out[k] = item.get<bool>();
    }
    return out;
}

const nlohmann::json* JsonInput::object(std::string_view key) const {
    const nlohmann::json* v = find(key);
    if (v != nullptr && !v->is_object()) {
        throw serialization("Expected an object for " + std::string(key));
    }
    return v;
}

}  // namespace lemu::routers::apigateway
