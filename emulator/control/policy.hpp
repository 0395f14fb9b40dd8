#pragma once
// A resource-based policy: the statements AddPermission attached to one qualifier of a function
// (unqualified, a version, or an alias), with its own RevisionId (control-plane.md facts 60-70).
// Policies are never inherited: publishing or aliasing does not copy them.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lemu::control {

// Principal as the statement records it (fact 61).
struct Principal {
    enum class Kind { Any, Service, Aws };
    Kind kind = Kind::Any;
    std::string value;  // empty for Any; "s3.amazonaws.com"; "arn:aws:iam::ACCT:root" or an IAM ARN

    bool operator==(const Principal&) const = default;
};

// Maps AddPermission's Principal text to a statement principal: "*", "*.amazonaws.com" services, a
// 12-digit account (becomes arn:aws:iam::ACCT:root) or an IAM ARN. nullopt for anything else.
std::optional<Principal> principal_from_text(std::string_view text);

// One condition entry, e.g. {ArnLike, "AWS:SourceArn", "arn:aws:s3:::bucket"}.
struct Condition {
    std::string op;   // "StringEquals" | "ArnLike" | "Bool"
    std::string key;  // "AWS:SourceArn", "AWS:SourceAccount", "lambda:FunctionUrlAuthType", ...
    std::string value;

    bool operator==(const Condition&) const = default;
};

struct Statement {
    std::string sid;
    std::string effect = "Allow";
    Principal principal;
    std::string action;
    std::string resource;
    std::vector<Condition> conditions;  // in the order AWS renders them

    bool operator==(const Statement&) const = default;
};

struct Policy {
    std::vector<Statement> statements;
    std::string revision_id;

    const Statement* find(std::string_view sid) const;
    bool operator==(const Policy&) const = default;
};

using PolicyPtr = std::shared_ptr<const Policy>;

}  // namespace lemu::control
