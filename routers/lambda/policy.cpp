// AddPermission, RemovePermission, GetPolicy: one resource policy per qualifier.

#include "routers/lambda/handlers.hpp"
#include "routers/lambda/policy_codec.hpp"
#include "routers/lambda/request_names.hpp"

namespace lemu::routers::lambda::handlers {

http::Response add_permission(http::Request& request, LambdaContext& ctx) {
    check_permission_qualifier(request);
    control::AddPermissionRequest add;
    add.target = function_ref(request, NameGrammar::Namespaced, ctx.home());
    DecodedPermission decoded = decode_add_permission(JsonInput::parse(request.body));
    add.statement = std::move(decoded.statement);
    add.revision_id = std::move(decoded.revision_id);
    control::Statement statement = ctx.functions.add_permission(std::move(add));
    return json_response(201, encode_add_permission_response(statement));
}

http::Response remove_permission(http::Request& request, LambdaContext& ctx) {
    FunctionRef target = function_ref(request, NameGrammar::Namespaced, ctx.home());
    RemovePermissionParams params = decode_remove_permission(request);
    ctx.functions.remove_permission(target, params.sid, params.revision_id);
    return no_content();
}

http::Response get_policy(http::Request& request, LambdaContext& ctx) {
    control::Policy policy =
        ctx.functions.get_policy(function_ref(request, NameGrammar::Namespaced, ctx.home()));
    return json_response(200, encode_get_policy_response(policy));
}

}  // namespace lemu::routers::lambda::handlers
