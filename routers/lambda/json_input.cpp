#include "routers/lambda/json_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <unordered_map>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"
#include "routers/lambda/patterns.hpp"

namespace lemu::routers::lambda {
namespace {

// Jackson-style token names, as AWS's deserializer reports them.
std::string_view token_name(const Json& value) {
    switch (value.type()) {
        case Json::value_t::object:
            return "START_OBJECT";
        case Json::value_t::array:
            return "START_ARRAY";
        case Json::value_t::string:
            return "VALUE_STRING";
        case Json::value_t::boolean:
            return value.get<bool>() ? "VALUE_TRUE" : "VALUE_FALSE";
        case Json::value_t::number_float:
            return "VALUE_NUMBER_FLOAT";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
            return "VALUE_NUMBER_INT";
        default:
            return "VALUE_NULL";
    }
}

// The API's fixed patterns, compiled once into an immutable table (thread-safe static initialization).
const std::unordered_map<std::string_view, std::regex>& compiled_patterns() {
    static const auto table = [] {
        std::unordered_map<std::string_view, std::regex> out;
        for (std::string_view pattern : patterns::kAll) {
            out.emplace(pattern, std::regex(std::string(pattern), std::regex::ECMAScript));
        }
        return out;
    }();
    return table;
}

}  // namespace

JsonInput JsonInput::parse(std::string_view body) {
    if (trim(body).empty()) {
        return JsonInput(Json::object(), "");
    }
    Json parsed = Json::parse(body.begin(), body.end(), nullptr, false);
    if (parsed.is_discarded()) {
        throw AwsError(
            ErrorCode::InvalidRequestContent,
            "Could not parse request body into json: Unexpected character, the body is not valid JSON");
    }
    if (!parsed.is_object()) {
        throw AwsError(
            ErrorCode::InvalidRequestContent,
            fmt::format("Could not parse request body into json: expected a JSON object but found {}",
                        token_name(parsed)));
    }
    return JsonInput(std::move(parsed), "");
}

const Json* JsonInput::member(std::string_view key) const {
    auto it = node_.find(key);
    if (it == node_.end() || it->is_null()) {
        return nullptr;
    }
    return &*it;
}

void JsonInput::wrong_type(std::string_view key, const Json& value, std::string_view expected) const {
    throw AwsError(ErrorCode::SerializationException,
                   fmt::format("{} can not be converted to {} (member '{}{}')", token_name(value), expected,
                               path_, key));
}

bool JsonInput::has(std::string_view key) const {
    return member(key) != nullptr;
}

std::optional<std::string> JsonInput::string(std::string_view key) const {
    const Json* v = member(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_string()) {
        wrong_type(key, *v, "a String");
    }
    return v->get<std::string>();
}

std::optional<std::int64_t> JsonInput::integer(std::string_view key) const {
    const Json* v = member(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_number_integer()) {
        wrong_type(key, *v, "an Integer");
    }
    return v->get<std::int64_t>();
}

std::optional<double> JsonInput::number(std::string_view key) const {
    const Json* v = member(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_number()) {
        wrong_type(key, *v, "a Double");
    }
    return v->get<double>();
}

std::optional<bool> JsonInput::boolean(std::string_view key) const {
    const Json* v = member(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_boolean()) {
        wrong_type(key, *v, "a Boolean");
    }
    return v->get<bool>();
}

std::optional<std::vector<std::string>> JsonInput::string_list(std::string_view key) const {
    const Json* v = member(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_array()) {
        wrong_type(key, *v, "a List");
    }
    std::vector<std::string> out;
    for (const Json& item : *v) {
        if (!item.is_string()) {
            wrong_type(key, item, "a String");
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::optional<StringPairs> JsonInput::string_map(std::string_view key) const {
    const Json* v = member(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_object()) {
        wrong_type(key, *v, "a Map");
    }
    StringPairs out;
    for (auto it = v->begin(); it != v->end(); ++it) {
        if (!it.value().is_string()) {
            wrong_type(key, it.value(), "a String");
        }
        out.emplace_back(it.key(), it.value().get<std::string>());
    }
    return out;
}

std::optional<JsonInput> JsonInput::object(std::string_view key) const {
    const Json* v = member(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (!v->is_object()) {
        wrong_type(key, *v, "a Structure");
    }
    return JsonInput(*v, path_ + std::string(key) + ".");
}

std::optional<Json> JsonInput::raw(std::string_view key, Kind kind) const {
    const Json* v = member(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (kind == Kind::Object && !v->is_object()) {
        wrong_type(key, *v, "a Structure");
    }
    if (kind == Kind::Array && !v->is_array()) {
        wrong_type(key, *v, "a List");
    }
    return *v;
}

void Violations::add(const std::optional<std::string>& value, std::string_view field,
                     std::string_view constraint) {
    failures_.push_back(fmt::format("Value {} at '{}' failed to satisfy constraint: {}",
                                    value ? fmt::format("'{}'", *value) : std::string("null"), field,
                                    constraint));
}

void Violations::required(bool present, std::string_view field) {
    if (!present) {
        add(std::nullopt, field, "Member must not be null");
    }
}

void Violations::max_length(const std::optional<std::string>& value, std::string_view field,
                            std::size_t max) {
    if (value && value->size() > max) {
        add(value, field, fmt::format("Member must have length less than or equal to {}", max));
    }
}

void Violations::min_length(const std::optional<std::string>& value, std::string_view field,
                            std::size_t min) {
    if (value && value->size() < min) {
        add(value, field, fmt::format("Member must have length greater than or equal to {}", min));
    }
}

void Violations::range(const std::optional<std::int64_t>& value, std::string_view field, std::int64_t min,
                       std::int64_t max) {
    if (value && *value < min) {
        add(std::to_string(*value), field,
            fmt::format("Member must have value greater than or equal to {}", min));
    } else if (value && *value > max) {
        add(std::to_string(*value), field,
            fmt::format("Member must have value less than or equal to {}", max));
    }
}

void Violations::one_of(const std::optional<std::string>& value, std::string_view field,
                        const std::vector<std::string_view>& allowed) {
    if (value && std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
        std::vector<std::string> names(allowed.begin(), allowed.end());
        add(value, field, "Member must satisfy enum value set: " + render_list(names));
    }
}

void Violations::pattern(const std::optional<std::string>& value, std::string_view field,
                         std::string_view regex) {
    if (value && !matches(*value, regex)) {
        add(value, field, fmt::format("Member must satisfy regular expression pattern: {}", regex));
    }
}

void Violations::throw_if_any() const {
    if (failures_.empty()) {
        return;
    }
    throw AwsError(ErrorCode::Validation,
                   fmt::format("{} validation error{} detected: {}", failures_.size(),
                               failures_.size() == 1 ? "" : "s", join(failures_, "; ")));
}

bool matches(const std::string& value, std::string_view regex) {
    const auto& table = compiled_patterns();
    auto it = table.find(regex);
    if (it != table.end()) {
        return std::regex_match(value, it->second);
    }
    return std::regex_match(value, std::regex(std::string(regex), std::regex::ECMAScript));
}

std::string render_list(const std::vector<std::string>& items) {
    return "[" + join(items, ", ") + "]";
}

std::string java_double(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e7) {
        return fmt::format("{:.1f}", value);
    }
    return fmt::format("{}", value);
}

}  // namespace lemu::routers::lambda
