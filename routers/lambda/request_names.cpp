#include "routers/lambda/request_names.hpp"

#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"
#include "routers/lambda/json_input.hpp"
#include "routers/lambda/patterns.hpp"

namespace lemu::routers::lambda {
namespace {

constexpr std::size_t kMaxBareName = 64;
constexpr std::string_view kUnqualifiedOnly =
    "This operation is permitted on Lambda functions only. Aliases and versions do not support this "
    "operation. "
    "Please specify either a function name or an unqualified function ARN.";

}  // namespace

FunctionRef function_ref(const http::Request& request, NameGrammar grammar, const AccountRegion& home) {
    std::optional<std::string> qualifier = request.query_param("Qualifier");
    return parse_function_ref(request.param("FunctionName"),
                              qualifier ? std::optional<std::string_view>(*qualifier) : std::nullopt, grammar,
                              home);
}

FunctionRef function_ref_no_qualifier(const http::Request& request, NameGrammar grammar,
                                      const AccountRegion& home) {
    return parse_function_ref(request.param("FunctionName"), std::nullopt, grammar, home);
}

std::string unqualified_function(const http::Request& request, const AccountRegion& home) {
    FunctionRef ref = function_ref_no_qualifier(request, NameGrammar::Plain, home);
    if (ref.qualifier && !is_latest(*ref.qualifier)) {
        throw AwsError(ErrorCode::InvalidParameterValue, std::string(kUnqualifiedOnly));
    }
    return ref.name;
}

std::string new_function_name(const std::optional<std::string>& function_name, const AccountRegion& home) {
    Violations violations;
    violations.required(function_name.has_value(), "functionName");
    violations.min_length(function_name, "functionName", 1);
    violations.throw_if_any();
    FunctionRef ref = parse_function_ref(*function_name, std::nullopt, NameGrammar::Plain, home);
    if (ref.qualifier && !is_latest(*ref.qualifier)) {
        throw AwsError(ErrorCode::InvalidParameterValue, std::string(kUnqualifiedOnly));
    }
    if (ref.name.size() > kMaxBareName) {
        throw AwsError(
            ErrorCode::InvalidParameterValue,
            fmt::format("1 validation error detected: Value '{}' at 'functionName' failed to satisfy "
                        "constraint: Member must have length less than or equal to {}",
                        ref.name, kMaxBareName));
    }
    return ref.name;
}

std::string layer_name(const http::Request& request, const AccountRegion& home) {
    const std::string& text = request.param("LayerName");
    Violations violations;
    violations.max_length(text, "layerName", 140);
    violations.pattern(text, "layerName", patterns::kLayerName);
    violations.throw_if_any();
    if (!text.starts_with("arn:")) {
        return text;
    }
    std::vector<std::string_view> parts = split(text, ':');
    if (parts[3] != home.region || parts[4] != home.account) {
        throw AwsError(ErrorCode::ResourceNotFound, "The resource you requested does not exist.");
    }
    return std::string(parts[6]);
}

std::size_t max_items(const http::Request& request, std::size_t max) {
    std::optional<std::string> text = request.query_param("MaxItems");
    if (!text) {
        return 0;
    }
    std::optional<std::uint64_t> value = parse_version_number(*text);
    if (!value) {
        throw AwsError(ErrorCode::InvalidParameterValue,
                       fmt::format("Invalid value for MaxItems: {}", *text));
    }
    Violations violations;
    violations.range(static_cast<std::int64_t>(std::min<std::uint64_t>(*value, INT64_MAX)), "maxItems", 1,
                     static_cast<std::int64_t>(max));
    violations.throw_if_any();
    return static_cast<std::size_t>(*value);
}

FunctionRef taggable_function(const http::Request& request, const AccountRegion& home) {
    const std::string& resource = request.param("Resource");
    Violations v;
    v.max_length(resource, "resource", 256);
    v.pattern(resource, "resource", patterns::kTaggableResource);
    v.throw_if_any();
    if (split(resource, ':').at(5) != "function") {
        throw AwsError(ErrorCode::ResourceNotFound, "The resource you requested does not exist.");
    }
    return parse_function_ref(resource, std::nullopt, NameGrammar::Plain, home);
}

std::vector<std::string> tag_keys(const http::Request& request) {
    std::vector<std::string> keys;
    for (auto& [name, value] : request.query_params()) {
        if (name == "tagKeys") {
            keys.push_back(value);
        }
    }
    Violations v;
    v.required(!keys.empty(), "tagKeys");
    v.throw_if_any();
    return keys;
}

std::string marker(const http::Request& request) {
    return request.query_param("Marker").value_or("");
}

bool list_all_versions(const http::Request& request) {
    std::optional<std::string> version = request.query_param("FunctionVersion");
    Violations violations;
    violations.one_of(version, "functionVersion", {"ALL"});
    violations.throw_if_any();
    return version.has_value();
}

std::optional<std::string> alias_version_filter(const http::Request& request) {
    std::optional<std::string> version = request.query_param("FunctionVersion");
    Violations violations;
    violations.max_length(version, "functionVersion", 1024);
    violations.pattern(version, "functionVersion", patterns::kAliasVersion);
    violations.throw_if_any();
    return version;
}

}  // namespace lemu::routers::lambda
