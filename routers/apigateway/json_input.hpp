#pragma once
// Typed reads of a rest-json request body. A body that is not a JSON object, or a member of the
// wrong type, is a 400 SerializationException, as the AWS front end answers.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lemu::routers::apigateway {

class JsonInput {
  public:
    // An empty body reads as {}.
    static JsonInput parse(std::string_view body);

    bool has(std::string_view key) const;
    std::optional<std::string> string(std::string_view key) const;
    std::optional<bool> boolean(std::string_view key) const;
    std::optional<std::int64_t> integer(std::string_view key) const;
    std::optional<std::vector<std::string>> string_list(std::string_view key) const;
    std::optional<std::map<std::string, std::string>> string_map(std::string_view key) const;
    std::optional<std::map<std::string, bool>> bool_map(std::string_view key) const;
    const nlohmann::json* object(std::string_view key) const;  // null when absent or JSON null
    const nlohmann::json& raw() const { return body_; }

  private:
    explicit JsonInput(nlohmann::json body) : body_(std::move(body)) {}
    const nlohmann::json* find(std::string_view key) const;
    nlohmann::json body_;
};

// AWS's text for a value of the wrong type where a string is expected.
std::string string_conversion_error(const nlohmann::json& value);

}  // namespace lemu::routers::apigateway
