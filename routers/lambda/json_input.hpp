#pragma once
// Typed, AWS-shaped reading of a rest-json request body. Every failure is an AwsError, never a crash:
//   body that is not JSON (or not an object)  -> 400 InvalidRequestContentException
//   member of the wrong JSON type              -> 400 SerializationException
// JSON null counts as absent, as in AWS's deserializer. Members keep their order (environment variables
// are measured in request order, control-plane limits quote them).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lemu::routers::lambda {

using Json = nlohmann::ordered_json;
using StringPairs = std::vector<std::pair<std::string, std::string>>;

class JsonInput {
  public:
    // An empty body is an empty object.
    static JsonInput parse(std::string_view body);

    bool has(std::string_view key) const;
    std::optional<std::string> string(std::string_view key) const;
    std::optional<std::int64_t> integer(std::string_view key) const;
    std::optional<double> number(std::string_view key) const;
    std::optional<bool> boolean(std::string_view key) const;
    std::optional<std::vector<std::string>> string_list(std::string_view key) const;
    std::optional<StringPairs> string_map(std::string_view key) const;
    std::optional<JsonInput> object(std::string_view key) const;
    // The member as-is (an opaque value); nullopt when absent. `kind` checks object/array.
    enum class Kind { Object, Array };
    std::optional<Json> raw(std::string_view key, Kind kind) const;

    const Json& json() const { return node_; }

  private:
    explicit JsonInput(Json node, std::string path) : node_(std::move(node)), path_(std::move(path)) {}
    const Json* member(std::string_view key) const;
    [[noreturn]] void wrong_type(std::string_view key, const Json& value, std::string_view expected) const;

    Json node_;
    std::string path_;  // "Environment." for nested objects, for messages
};

// Collects constraint violations and throws them as one ValidationException, the way AWS reports them:
// "2 validation errors detected: Value 'x' at 'field' failed to satisfy constraint: ...; Value null at ...".
class Violations {
  public:
    // `value` is rendered as AWS does: null, or the value in single quotes.
    void add(const std::optional<std::string>& value, std::string_view field, std::string_view constraint);
    void required(bool present, std::string_view field);
    void max_length(const std::optional<std::string>& value, std::string_view field, std::size_t max);
    void min_length(const std::optional<std::string>& value, std::string_view field, std::size_t min);
    void range(const std::optional<std::int64_t>& value, std::string_view field, std::int64_t min,
               std::int64_t max);
    void one_of(const std::optional<std::string>& value, std::string_view field,
                const std::vector<std::string_view>& allowed);
    void pattern(const std::optional<std::string>& value, std::string_view field, std::string_view regex);

    bool empty() const { return failures_.empty(); }
    void throw_if_any() const;

  private:
    std::vector<std::string> failures_;
};

// Full-match of an ECMAScript regular expression (compiled once per pattern).
bool matches(const std::string& value, std::string_view regex);
// "[a, b]" as AWS renders lists in messages.
std::string render_list(const std::vector<std::string>& items);
// Java's Double.toString for weights in messages: 2 -> "2.0", 0.25 -> "0.25".
std::string java_double(double value);

}  // namespace lemu::routers::lambda
