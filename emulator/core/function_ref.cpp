#include "emulator/core/function_ref.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu {
namespace {

constexpr std::string_view kPlainPattern =
    "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
    "([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
constexpr std::string_view kNamespacedPattern =
    "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
    "([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
constexpr std::string_view kUnqualifiedPattern =
    "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
    "([a-zA-Z0-9-_]+)";

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// aws[a-zA-Z-]*
bool is_partition(std::string_view s) {
    return s.starts_with("aws") && std::all_of(s.begin() + 3, s.end(), [](char c) { return is_alpha(c) || c == '-'; });
}

// [a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}
bool is_region(std::string_view s) {
    if (s.size() < 6 || !is_lower(s[0]) || !is_lower(s[1])) {
        return false;
    }
    std::string_view rest = s.substr(2);
    if (rest.starts_with("-gov-")) {
        rest.remove_prefix(4);
    } else if (rest.starts_with("-iso")) {
        rest.remove_prefix(4);
        if (!rest.empty() && is_lower(rest[0])) {
            rest.remove_prefix(1);
        }
    }
    if (rest.size() < 4 || rest.front() != '-' || !is_digit(rest.back()) || rest[rest.size() - 2] != '-') {
        return false;
    }
    std::string_view middle = rest.substr(1, rest.size() - 3);
    return !middle.empty() && std::all_of(middle.begin(), middle.end(), is_lower);
}

bool is_account(std::string_view s) { return s.size() == 12 && std::all_of(s.begin(), s.end(), is_digit); }

bool is_name_char(char c, NameGrammar grammar) {
    return is_alnum(c) || c == '-' || c == '_' || (grammar == NameGrammar::Namespaced && c == '.');
}

bool is_suffix(std::string_view s, NameGrammar grammar) {
    if (s == kLatest || (grammar == NameGrammar::Namespaced && s == "$LATEST.PUBLISHED")) {
        return true;
    }
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '-' || c == '_'; });
}

struct ParsedName {
    std::optional<std::string_view> region;
    std::optional<std::string_view> account;
    std::string_view name;
    std::optional<std::string_view> suffix;
    bool full_arn = false;
};

// Mirrors the anchored botocore regex: each optional prefix is taken only when something follows it,
// so `arn:aws:lambda:us-east-1:000000000000:function` names a function called "function" (fact 3).
std::optional<ParsedName> parse_name(std::string_view text, NameGrammar grammar) {
    std::vector<std::string_view> tokens = split(text, ':');
    std::size_t i = 0;
    const std::size_t n = tokens.size();
    ParsedName parsed;
    if (n >= 4 && tokens[0] == "arn" && (tokens[1].empty() || is_partition(tokens[1])) && tokens[2] == "lambda") {
        i = 3;
        parsed.full_arn = true;
    }
    if (i + 1 < n && is_region(tokens[i])) {
        parsed.region = tokens[i++];
    }
    if (i + 1 < n && is_account(tokens[i])) {
        parsed.account = tokens[i++];
    }
    if (i + 1 < n && tokens[i] == "function") {
        ++i;
    }
    if (i >= n || tokens[i].empty() ||
        !std::all_of(tokens[i].begin(), tokens[i].end(), [grammar](char c) { return is_name_char(c, grammar); })) {
        return std::nullopt;
    }
    parsed.name = tokens[i++];
    if (i < n) {
        if (grammar == NameGrammar::Unqualified || !is_suffix(tokens[i], grammar)) {
            return std::nullopt;
        }
        parsed.suffix = tokens[i++];
    }
    if (i != n) {
        return std::nullopt;
    }
    return parsed;
}

std::size_t max_length(NameGrammar grammar) { return grammar == NameGrammar::Namespaced ? 256 : 140; }

bool is_qualifier_text(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '$'; });
}

std::string constraint_failure(std::string_view value, std::string_view field, std::string_view rule) {
    return fmt::format("Value '{}' at '{}' failed to satisfy constraint: {}", value, field, rule);
}

}  // namespace

std::string_view function_name_pattern(NameGrammar grammar) {
    switch (grammar) {
        case NameGrammar::Plain:
            return kPlainPattern;
        case NameGrammar::Namespaced:
            return kNamespacedPattern;
        case NameGrammar::Unqualified:
            return kUnqualifiedPattern;
    }
    return kPlainPattern;
}

std::string FunctionRef::arn(const AccountRegion& home) const {
    return qualifier ? function_arn(home, name, *qualifier) : function_arn(home, name);
}

std::string FunctionRef::unqualified_arn(const AccountRegion& home) const { return function_arn(home, name); }

FunctionRef parse_function_ref(std::string_view function_name, std::optional<std::string_view> qualifier_param,
                               NameGrammar grammar, const AccountRegion& home) {
    std::vector<std::string> failures;
    std::optional<ParsedName> parsed = parse_name(function_name, grammar);
    if (function_name.size() > max_length(grammar)) {
        failures.push_back(constraint_failure(
            function_name, "functionName",
            fmt::format("Member must have length less than or equal to {}", max_length(grammar))));
    }
    if (!parsed) {
        failures.push_back(
            constraint_failure(function_name, "functionName",
                               fmt::format("Member must satisfy regular expression pattern: {}",
                                           function_name_pattern(grammar))));
    }
    if (qualifier_param) {
        if (qualifier_param->size() > 128) {
            failures.push_back(constraint_failure(*qualifier_param, "qualifier",
                                                  "Member must have length less than or equal to 128"));
        } else if (qualifier_param->empty()) {
            failures.push_back(constraint_failure(*qualifier_param, "qualifier",
                                                  "Member must have length greater than or equal to 1"));
        } else if (!is_qualifier_text(*qualifier_param)) {
            failures.push_back(constraint_failure(
                *qualifier_param, "qualifier",
                fmt::format("Member must satisfy regular expression pattern: {}", kQualifierPattern)));
        }
    }
    if (parsed && parsed->region && *parsed->region != home.region) {
        throw AwsError(ErrorCode::ResourceNotFound,
                       fmt::format("Functions from '{}' are not reachable in this region ('{}')", *parsed->region,
                                   home.region));
    }
    if (parsed && parsed->account && *parsed->account != home.account) {
        throw AwsError(ErrorCode::AccessDenied, "");
    }
    if (!failures.empty()) {
        std::string joined = join(failures, "; ");
        throw AwsError(ErrorCode::Validation,
                       failures.size() == 1
                           ? fmt::format("1 validation error detected: {}", joined)
                           : fmt::format("{} validation errors detected: {}", failures.size(), joined));
    }
    if (qualifier_param && parsed->suffix && *qualifier_param != *parsed->suffix) {
        throw AwsError(ErrorCode::InvalidParameterValue,
                       "The derived qualifier from the function name does not match the specified qualifier.");
    }
    FunctionRef ref;
    ref.name = std::string(parsed->name);
    ref.name_was_arn = parsed->full_arn;
    if (qualifier_param) {
        ref.qualifier = classify_qualifier(*qualifier_param);
    } else if (parsed->suffix) {
        ref.qualifier = classify_qualifier(*parsed->suffix);
    }
    return ref;
}

}  // namespace lemu
