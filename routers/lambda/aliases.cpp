// CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases.

#include "routers/lambda/alias_codec.hpp"
#include "routers/lambda/handlers.hpp"
#include "routers/lambda/request_names.hpp"

namespace lemu::routers::lambda::handlers {
namespace {

std::string path_alias_name(const http::Request& request) {
    Violations violations;
    validate_alias_name(request.param("Name"), violations);
    violations.throw_if_any();
    return request.param("Name");
}

http::Response alias_response(int status, const control::Alias& alias, const std::string& function,
                              LambdaContext& ctx) {
    return json_response(status, encode_alias(alias, function_arn(ctx.home(), function, alias.name)));
}

}  // namespace

http::Response create_alias(http::Request& request, LambdaContext& ctx) {
    const std::string function = unqualified_function(request, ctx.home());
    control::AliasRequest create = decode_alias(JsonInput::parse(request.body), true);
    create.function = function;
    control::AliasPtr alias = ctx.functions.create_alias(std::move(create));
    return alias_response(201, *alias, function, ctx);
}

http::Response get_alias(http::Request& request, LambdaContext& ctx) {
    const std::string function = unqualified_function(request, ctx.home());
    control::AliasPtr alias = ctx.functions.get_alias(function, path_alias_name(request));
    return alias_response(200, *alias, function, ctx);
}

http::Response update_alias(http::Request& request, LambdaContext& ctx) {
    const std::string function = unqualified_function(request, ctx.home());
    const std::string name = path_alias_name(request);
    control::AliasRequest update = decode_alias(JsonInput::parse(request.body), false);
    update.function = function;
    update.name = name;
    control::AliasPtr alias = ctx.functions.update_alias(std::move(update));
    return alias_response(200, *alias, function, ctx);
}

http::Response delete_alias(http::Request& request, LambdaContext& ctx) {
    const std::string function = unqualified_function(request, ctx.home());
    ctx.functions.delete_alias(function, path_alias_name(request));
    return no_content();
}

http::Response list_aliases(http::Request& request, LambdaContext& ctx) {
    const std::string function = unqualified_function(request, ctx.home());
    control::Page<control::AliasPtr> page = ctx.functions.list_aliases(
        function, alias_version_filter(request), marker(request), max_items(request, 10000));
    return json_response(200, encode_alias_page(page, function, ctx.home()));
}

}  // namespace lemu::routers::lambda::handlers
