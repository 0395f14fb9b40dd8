#pragma once
// Wire shapes of resource policies: the AddPermission request and the statement / policy documents AWS
// returns as JSON *strings* with keys in the order Sid, Effect, Principal, Action, Resource, Condition.

#include <string>

#include "emulator/control/policy.hpp"
#include "routers/http/request.hpp"
#include "routers/lambda/json_input.hpp"

namespace lemu::routers::lambda {

struct DecodedPermission {
    control::Statement statement;  // without Resource
    std::optional<std::string> revision_id;
};
DecodedPermission decode_add_permission(const JsonInput& in);

// AddPermission's Qualifier uses its own pattern in AWS's message: (|[a-zA-Z0-9$_-]+).
void check_permission_qualifier(const http::Request& request);
// RemovePermission's {StatementId} and RevisionId query parameter.
struct RemovePermissionParams {
    std::string sid;
    std::optional<std::string> revision_id;
};
RemovePermissionParams decode_remove_permission(const http::Request& request);

Json encode_statement(const control::Statement& statement);
// {"Statement": "<statement as a JSON string>"}
Json encode_add_permission_response(const control::Statement& statement);
// {"Policy": "<document as a JSON string>", "RevisionId": ...}
Json encode_get_policy_response(const control::Policy& policy);
// {"Version":"2012-10-17","Id":"default","Statement":[...]}
Json encode_policy_document(const control::Policy& policy);

}  // namespace lemu::routers::lambda
