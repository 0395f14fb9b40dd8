#pragma once
// FunctionName (a name, partial ARN or full ARN, optionally with a `:qualifier` suffix) plus the
// `Qualifier` query parameter, parsed and checked the way AWS Lambda does (control-plane.md §2).

#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/account_region.hpp"
#include "emulator/core/qualifier.hpp"

namespace lemu {

// Which botocore grammar the operation's FunctionName follows.
enum class NameGrammar {
    Plain,        // FunctionName: 1-140 chars, suffix `$LATEST` or [a-zA-Z0-9-_]+
    Namespaced,   // NamespacedFunctionName: 1-256 chars, name may hold '.', suffix may be `$LATEST.PUBLISHED`
    Unqualified,  // UnqualifiedFunctionName: no suffix at all
};

struct FunctionRef {
    std::string name;
    std::optional<Qualifier> qualifier;  // the effective one: parameter ?? ARN suffix
    bool name_was_arn = false;           // FunctionName was a full ARN

    // ARN of the resource as asked: unqualified, or with the effective qualifier.
    std::string arn(const AccountRegion& home) const;
    // The unqualified function ARN.
    std::string unqualified_arn(const AccountRegion& home) const;
};

// Parses and validates. Throws AwsError:
//   ValidationException for pattern or length violations (of FunctionName and of Qualifier);
//   ResourceNotFoundException "Functions from 'R' are not reachable in this region ('H')";
//   AccessDeniedException when the ARN names another account;
//   InvalidParameterValueException when the ARN suffix and the Qualifier parameter differ.
FunctionRef parse_function_ref(std::string_view function_name, std::optional<std::string_view> qualifier_param,
                               NameGrammar grammar, const AccountRegion& home);

// The botocore regular expression quoted in validation messages for each grammar.
std::string_view function_name_pattern(NameGrammar grammar);
inline constexpr std::string_view kQualifierPattern = "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+";

}  // namespace lemu
