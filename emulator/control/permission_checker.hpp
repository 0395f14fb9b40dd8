#pragma once
// Evaluates a resource policy for one invocation the way IAM does for Lambda resource policies
// (control-plane.md facts 71-75, sources.md §1 facts 2-4). Pure: no registry, no I/O.
//
// A statement allows the request when all of these hold:
//   - its Resource matches the ARN exactly as invoked (fn, fn:7 and fn:live are three resources;
//     a statement on one never covers another);
//   - its Principal is "*", the request's service, or the request's account/IAM identity;
//   - its Action matches (lambda:InvokeFunction, lambda:*, *, lambda:InvokeFunctionUrl, IAM wildcards,
//     case-insensitively);
//   - every Condition holds: StringEquals exact, ArnLike per ARN component with * and ?, Bool; a
//     condition key the request does not carry is false.

#include <map>
#include <string>
#include <string_view>

#include "emulator/control/policy.hpp"

namespace lemu::control {

// The caller as the checker sees it. Mirrors lemu::invoke::Caller without depending on the invoke layer.
struct AccessRequest {
    std::string principal;  // "s3.amazonaws.com", an account id, or an IAM ARN; empty: anonymous
    std::string action = "lambda:InvokeFunction";
    std::string source_arn;                      // AWS:SourceArn; empty: absent
    std::string source_account;                  // AWS:SourceAccount; empty: absent
    std::map<std::string, std::string> context;  // further condition keys, e.g. lambda:FunctionUrlAuthType
};

struct Decision {
    bool allowed = false;
    std::string matched_sid;  // set when allowed
    std::string reason;       // why nothing matched, when denied
};

class PermissionChecker {
  public:
    static Decision check(const Policy* policy, const AccessRequest& request, std::string_view invoked_arn);
};

// IAM string globbing: '*' matches any run (also empty), '?' one character.
bool glob_match(std::string_view pattern, std::string_view text, bool case_insensitive = false);
// ArnLike: both sides split into six components at the first five ':'; each component is globbed on
// its own, so '*' never crosses a ':' boundary before the resource part, but does cross '/' after it.
bool arn_like(std::string_view pattern, std::string_view arn);

}  // namespace lemu::control
