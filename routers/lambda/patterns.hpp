#pragma once
// Every regular expression the Lambda API checks, as botocore's model (or AWS's error text) spells it.
// They are quoted verbatim in ValidationException messages and compiled once (json_input.cpp).

#include <array>
#include <string_view>

namespace lemu::routers::lambda::patterns {

inline constexpr std::string_view kRole = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
inline constexpr std::string_view kArnOrEmpty = "(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()";
inline constexpr std::string_view kFunctionLayer =
    "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+)|"
    "(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+)";
inline constexpr std::string_view kLogGroup = "[\\.\\-_/#A-Za-z0-9]+";
inline constexpr std::string_view kEnvironmentKey = "[a-zA-Z]([a-zA-Z0-9_])+";
inline constexpr std::string_view kNoWhitespace = "[^\\s]+";
inline constexpr std::string_view kAliasVersion = "(\\$LATEST(\\.PUBLISHED)?|[0-9]+)";
inline constexpr std::string_view kStatementId = "([a-zA-Z0-9-_]+)";
inline constexpr std::string_view kNamespacedStatementId = "([a-zA-Z0-9-_.]+)";
inline constexpr std::string_view kAction = "(lambda:[*]|lambda:[a-zA-Z]+|[*])";
inline constexpr std::string_view kSourceArn =
    "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
inline constexpr std::string_view kAccountId = "\\d{12}";
inline constexpr std::string_view kEventSourceToken = "[a-zA-Z0-9._\\-]+";
inline constexpr std::string_view kPrincipalOrgId = "o-[a-z0-9]{10,32}";
inline constexpr std::string_view kPermissionQualifier = "(|[a-zA-Z0-9$_-]+)";
inline constexpr std::string_view kLayerName =
    "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+";
inline constexpr std::string_view kLayerVersionArn =
    "arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-"
    "9]+";
inline constexpr std::string_view kTaggableResource =
    "arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_"
    "]+"
    "(:(\\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-"
    "[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)";
inline constexpr std::string_view kDestination =
    "^$|kafka://"
    "([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso("
    "[a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";

inline constexpr std::array kAll = {kRole,
                                    kArnOrEmpty,
                                    kFunctionLayer,
                                    kLogGroup,
                                    kEnvironmentKey,
                                    kNoWhitespace,
                                    kAliasVersion,
                                    kStatementId,
                                    kNamespacedStatementId,
                                    kAction,
                                    kSourceArn,
                                    kAccountId,
                                    kEventSourceToken,
                                    kPrincipalOrgId,
                                    kPermissionQualifier,
                                    kLayerName,
                                    kLayerVersionArn,
                                    kTaggableResource,
                                    kDestination};

}  // namespace lemu::routers::lambda::patterns
